// Starts the real gateway on an ephemeral port over a fresh test database (SQLite in memory, or a
// new PostgreSQL schema when DATABASE_URL is set), a temp DATA_DIR, a ManualClock and sequential
// ids; with helpers to make organizations, members with roles and their API keys, and to call it.
//
//   const gateway = await startTestGateway();
//   after(() => gateway.stop());
//   const provider = await gateway.createMember(['provider']);
//   const reply = await gateway.request('GET', '/api/v1/me', { key: provider.key });
//   expect(reply.status).to.equal(200);
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role, OrganizationKind } from '../../src/domain/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import { ManualClock } from '../../src/core/clock.js';
import { computeUsccCheckCharacter } from '../../src/core/detect/validators/cn-uscc.js';
import { startGateway, type RunningGateway } from '../../src/gateway.js';
import type { RouterFactory } from '../../src/http/routes/index.js';
import { sequentialIds } from '../../src/services/ids.js';
import type { Services } from '../../src/services/index.js';
import type { Principal } from '../../src/services/principal.js';
import { requestContext, type RequestContext } from '../../src/services/request-context.js';
import type { MemberRecord } from '../../src/store/repositories/members.js';
import type { OrganizationRecord } from '../../src/store/repositories/organizations.js';
import type { Database } from '../../src/store/db.js';
import { createTestDatabase } from './database.js';

/** 2026-01-05T09:00:00Z, a Monday: where every test gateway's ManualClock starts. */
export const TEST_START_MS = Date.UTC(2026, 0, 5, 9, 0, 0);

export interface HttpReply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body when it is JSON (including problem+json), else undefined. */
  // Replies are whatever the gateway sent; tests pin their shape with assertions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
}

export interface RequestOptions {
  /** Sent as `Authorization: Bearer <key>`. */
  readonly key?: string;
  /** Sent as JSON with `Content-Type: application/json`. */
  readonly body?: unknown;
  /** Sent as is (set the content type in `headers`). */
  readonly rawBody?: string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A member made for a test, with a working API key and the context services take. */
export interface TestMember {
  readonly organization: OrganizationRecord;
  readonly member: MemberRecord;
  readonly key: string;
  readonly apiKeyId: string;
  readonly principal: Principal;
  readonly context: RequestContext;
}

export interface TestGateway {
  readonly url: string;
  readonly clock: ManualClock;
  readonly services: Services;
  readonly db: Database;
  readonly dataDir: string;
  readonly config: Config;
  readonly running: RunningGateway;
  /** The first-start administrator, with the key the gateway printed once. */
  readonly admin: TestMember;
  /** Every log line the gateway wrote, as raw JSON text. */
  logText(): string;
  request(method: string, path: string, options?: RequestOptions): Promise<HttpReply>;
  createOrganization(
    overrides?: Partial<{ name: string; uscc: string; kind: OrganizationKind }>,
  ): Promise<OrganizationRecord>;
  /** A member holding `roles` in a new organization (or `organizationId`), with an API key. */
  createMember(
    roles: readonly Role[],
    options?: { organizationId?: string; displayName?: string; expiresAtMs?: number },
  ): Promise<TestMember>;
  /** Stops the gateway, drops the database and removes DATA_DIR. */
  stop(): Promise<void>;
}

export interface TestGatewayOptions {
  readonly startMs?: number;
  /** Extra environment for loadConfig (e.g. JSON_BODY_LIMIT). */
  readonly env?: Readonly<Record<string, string>>;
  /** Replace the routers (defaults to every router in src/http/routes/index.ts). */
  readonly routers?: readonly RouterFactory[];
}

let usccSerial = 0;

/** A fresh, valid unified social credit code (GB 32100) for each call within a run. */
export function nextTestUscc(): string {
  usccSerial += 1;
  const body = `91120000${String(usccSerial).padStart(8, '0')}X`.replace('X', 'A');
  return `${body}${computeUsccCheckCharacter(body)}`;
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const testDb = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'anonex-test-'));
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    SHUTDOWN_GRACE_MS: '2000',
    ...options.env,
  });
  const clock = new ManualClock(options.startMs ?? TEST_START_MS);
  const logLines: string[] = [];
  const { createLogger } = await import('../../src/logger.js');
  const logger = createLogger(config, { write: (line: string) => void logLines.push(line) });
  let requestSerial = 0;
  const running = await startGateway(config, {
    db: testDb.db,
    clock,
    ids: sequentialIds(),
    logger,
    announce: () => undefined,
    newRequestId: () => `req_${String(++requestSerial).padStart(6, '0')}`,
    routers: options.routers,
  });
  if (running.bootstrap.kind !== 'created') throw new Error('test gateway expected a first start');
  const services = running.services;
  const bootstrap = running.bootstrap;
  const adminKeyId = (
    await services.apiKeys.listApiKeys(adminContextOf(bootstrap.administrator, ''), {})
  ).items[0].id;
  const adminPrincipal: Principal = {
    memberId: bootstrap.administrator.id,
    organizationId: bootstrap.organization.id,
    roles: bootstrap.administrator.roles,
    apiKeyId: adminKeyId,
  };
  const admin: TestMember = {
    organization: bootstrap.organization,
    member: bootstrap.administrator,
    key: bootstrap.key,
    apiKeyId: adminKeyId,
    principal: adminPrincipal,
    context: requestContext(adminPrincipal, 'test-setup'),
  };

  const createOrganization: TestGateway['createOrganization'] = (overrides = {}) =>
    services.organizations.createOrganization(admin.context, {
      name: overrides.name ?? `Test organization ${usccSerial + 1}`,
      uscc: overrides.uscc ?? nextTestUscc(),
      kind: overrides.kind ?? 'enterprise',
    });

  const createMember: TestGateway['createMember'] = async (roles, memberOptions = {}) => {
    const organization = memberOptions.organizationId
      ? await services.organizations.getOrganization(admin.context, memberOptions.organizationId)
      : await createOrganization();
    const member = await services.members.addMember(admin.context, {
      organizationId: organization.id,
      displayName: memberOptions.displayName ?? `${roles.join('+')} member`,
      roles,
    });
    const issued = await services.apiKeys.createApiKey(admin.context, {
      memberId: member.id,
      label: 'test key',
      expiresAtMs: memberOptions.expiresAtMs,
    });
    const principal: Principal = {
      memberId: member.id,
      organizationId: organization.id,
      roles: member.roles,
      apiKeyId: issued.apiKey.id,
    };
    return {
      organization,
      member,
      key: issued.key,
      apiKeyId: issued.apiKey.id,
      principal,
      context: requestContext(principal, 'test-setup'),
    };
  };

  const request: TestGateway['request'] = async (method, path, requestOptions = {}) => {
    const headers: Record<string, string> = { ...requestOptions.headers };
    if (requestOptions.key !== undefined) headers.authorization = `Bearer ${requestOptions.key}`;
    const raw = requestOptions.rawBody;
    let body: string | Uint8Array<ArrayBuffer> | undefined =
      raw === undefined || typeof raw === 'string' ? raw : new Uint8Array(raw);
    if (requestOptions.body !== undefined) {
      body = JSON.stringify(requestOptions.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${running.url}${path}`, { method, headers, body });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const json = /json/.test(contentType) && text.length > 0 ? JSON.parse(text) : undefined;
    return { status: response.status, headers: response.headers, text, json };
  };

  return {
    url: running.url,
    clock,
    services,
    db: testDb.db,
    dataDir,
    config,
    running,
    admin,
    logText: () => logLines.join(''),
    request,
    createOrganization,
    createMember,
    async stop() {
      await running.stop();
      await testDb.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function adminContextOf(member: MemberRecord, apiKeyId: string): RequestContext {
  return requestContext(
    { memberId: member.id, organizationId: member.organizationId, roles: member.roles, apiKeyId },
    'test-setup',
  );
}
