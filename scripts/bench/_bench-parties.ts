// Organizations, members and API keys a benchmark needs on a fresh gateway (provider, reviewer,
// buyer), made over the admin API as the demo does.
import { unifiedSocialCreditCode } from '../../fixtures/generators/credentials.js';
import { createRng } from '../../src/core/rng.js';
import { createClient, type Client } from '../demo/client.js';

export interface BenchParties {
  readonly admin: Client;
  readonly provider: Client;
  readonly reviewer: Client;
  readonly buyer: Client;
}

export async function createBenchParties(url: string, adminKey: string): Promise<BenchParties> {
  const admin = createClient(url, adminKey);
  const rng = createRng(15);
  const me = await admin.json('GET', '/api/v1/me', 200);
  const clients: Record<string, Client> = {};
  for (const role of ['provider', 'reviewer', 'buyer'] as const) {
    const organizationId =
      role === 'reviewer'
        ? me.organizationId
        : (
            await admin.json('POST', '/api/v1/admin/organizations', 201, {
              name: `bench ${role}`,
              uscc: unifiedSocialCreditCode(rng, '120104', false),
              kind: 'enterprise',
            })
          ).id;
    const member = await admin.json('POST', '/api/v1/admin/members', 201, {
      organizationId,
      displayName: `bench ${role}`,
      roles: [role],
    });
    const issued = await admin.json('POST', '/api/v1/admin/api-keys', 201, {
      memberId: member.id,
      label: 'bench',
    });
    clients[role] = createClient(url, issued.key);
  }
  return {
    admin,
    provider: clients.provider,
    reviewer: clients.reviewer,
    buyer: clients.buyer,
  };
}
