import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startGateway, type RunningGateway } from '../../src/gateway.js';
import { nextTestUscc } from '../helpers/gateway.js';

describe('http: a gateway on its own SQLite file reads the catalog and keys in read threads', function () {
  this.timeout(60_000);
  let dataDir: string;
  let gateway: RunningGateway;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'anonex-read-threads-'));
    gateway = await startGateway(
      loadConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' }),
      { announce: () => undefined },
    );
  });
  after(async () => {
    await gateway.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, key: string, body?: unknown) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  };

  it('reads through a pool of its own, separate from the writer', () => {
    expect(gateway.deps.readDb).to.not.equal(gateway.deps.db);
  });

  it('authenticates a key the moment it is issued, and serves the catalog', async () => {
    if (gateway.bootstrap.kind !== 'created') throw new Error('expected a first start');
    const adminKey = gateway.bootstrap.key;
    const organization = await call('POST', '/api/v1/admin/organizations', adminKey, {
      name: 'Buyer Co',
      uscc: nextTestUscc(),
      kind: 'enterprise',
    });
    expect(organization.status).to.equal(201);
    const member = await call('POST', '/api/v1/admin/members', adminKey, {
      organizationId: organization.json.id,
      displayName: 'buyer',
      roles: ['buyer'],
    });
    const issued = await call('POST', '/api/v1/admin/api-keys', adminKey, {
      memberId: member.json.id,
      label: 'k',
    });
    // Written on the main connection, committed, then read in a thread: no lag between them.
    const catalog = await call('GET', '/api/v1/catalog', issued.json.key as string);
    expect(catalog.status).to.equal(200);
    expect(catalog.json).to.deep.include({ items: [], total: 0, nextCursor: null });
    const revoked = await call(
      'POST',
      `/api/v1/admin/api-keys/${issued.json.apiKey.id}/revoke`,
      adminKey,
    );
    expect(revoked.status).to.equal(200);
    const refused = await call('GET', '/api/v1/catalog', issued.json.key as string);
    expect(refused.status).to.equal(401);
  });
});
