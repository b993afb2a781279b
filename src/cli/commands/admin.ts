// `anonex admin org|member|key …`: identity administration straight on the configured database,
// acting as the first administrator (created on first use, like `serve` does).
import { randomUUID } from 'node:crypto';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ROLES, type Role, ORGANIZATION_KINDS, type OrganizationKind } from '../../domain/index.js';
import { loadConfig } from '../../config.js';
import { composeServices } from '../../gateway.js';
import { createLogger } from '../../logger.js';
import type { Services } from '../../services/index.js';
import { collectAllPages } from '../../services/page.js';
import { requestContext, type RequestContext } from '../../services/request-context.js';
import { processIo, type CliIo } from '../cli-io.js';

const DAY_MS = 86_400_000;

interface Session {
  readonly services: Services;
  readonly context: RequestContext;
  readonly nowMs: number;
}

/** Opens the database, runs `work` as the administrator, always closes the database. */
async function asAdministrator(
  io: CliIo,
  work: (session: Session) => Promise<void>,
): Promise<void> {
  const config = loadConfig(io.env);
  const { deps, services, bootstrap } = await composeServices(config, {
    logger: createLogger({ logLevel: 'warn' }),
    announce: (line) => io.err(`${line}\n`),
  });
  try {
    const administrator = bootstrap.administrator;
    const context = requestContext(
      {
        memberId: administrator.id,
        organizationId: administrator.organizationId,
        roles: administrator.roles,
        apiKeyId: 'cli',
      },
      `cli-${randomUUID()}`,
    );
    await work({ services, context, nowMs: deps.clock.nowMs() });
  } finally {
    await deps.db.destroy();
  }
}

/** Prints rows as aligned columns, or JSON with --json. */
function printRows(io: CliIo, json: boolean, rows: readonly Record<string, unknown>[]): void {
  if (json) {
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    io.out('(none)\n');
    return;
  }
  const columns = Object.keys(rows[0]);
  const cell = (value: unknown) =>
    value === null || value === undefined
      ? '-'
      : Array.isArray(value)
        ? value.join(',')
        : String(value);
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => cell(row[column]).length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, index) => value.padEnd(widths[index]))
      .join('  ')
      .trimEnd();
  io.out(`${line(columns)}\n`);
  for (const row of rows) io.out(`${line(columns.map((column) => cell(row[column])))}\n`);
}

function parsePositiveDays(value: string): number {
  const days = Number(value);
  if (!Number.isFinite(days) || days <= 0)
    throw new InvalidArgumentError('want a positive number of days');
  return days;
}

const isoOrDash = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function organizationCommands(io: CliIo): Command {
  const org = new Command('org').description('organizations');
  org
    .command('create')
    .description('create an organization')
    .requiredOption('--name <name>', 'organization name')
    .requiredOption('--uscc <code>', 'unified social credit code (18 characters, GB 32100)')
    .addOption(
      new Option('--kind <kind>', 'kind of organization')
        .choices(ORGANIZATION_KINDS)
        .makeOptionMandatory(),
    )
    .option('--json', 'print JSON')
    .action(
      async (options: { name: string; uscc: string; kind: OrganizationKind; json?: boolean }) =>
        asAdministrator(io, async ({ services, context }) => {
          const organization = await services.organizations.createOrganization(context, options);
          const { id, name, uscc, kind } = organization;
          printRows(io, options.json ?? false, [{ id, name, uscc, kind }]);
        }),
    );
  org
    .command('list')
    .description('list organizations')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) =>
      asAdministrator(io, async ({ services, context }) => {
        const organizations = await collectAllPages((cursor) =>
          services.organizations.listOrganizations(context, { cursor, limit: 200 }),
        );
        const rows = organizations.map(({ id, name, uscc, kind }) => ({ id, name, uscc, kind }));
        printRows(io, options.json ?? false, rows);
      }),
    );
  return org;
}

function memberCommands(io: CliIo): Command {
  const member = new Command('member').description('members of organizations');
  member
    .command('add')
    .description('add a member with one or more roles')
    .requiredOption('--org <organizationId>', 'organization id (org_…)')
    .requiredOption('--name <displayName>', 'display name')
    .addOption(
      new Option('--role <role...>', 'role(s) to hold').choices(ROLES).makeOptionMandatory(),
    )
    .option('--json', 'print JSON')
    .action(async (options: { org: string; name: string; role: Role[]; json?: boolean }) =>
      asAdministrator(io, async ({ services, context }) => {
        const added = await services.members.addMember(context, {
          organizationId: options.org,
          displayName: options.name,
          roles: options.role,
        });
        printRows(io, options.json ?? false, [
          {
            id: added.id,
            organizationId: added.organizationId,
            displayName: added.displayName,
            roles: added.roles,
          },
        ]);
      }),
    );
  return member;
}

function keyCommands(io: CliIo): Command {
  const key = new Command('key').description('API keys');
  key
    .command('create')
    .description('issue an API key for a member; the key is printed once and never again')
    .requiredOption('--member <memberId>', 'member id (mem_…)')
    .option('--label <label>', 'what the key is for', 'cli')
    .option('--expires-in-days <days>', 'expire the key after this many days', parsePositiveDays)
    .option('--json', 'print JSON')
    .action(
      async (options: { member: string; label: string; expiresInDays?: number; json?: boolean }) =>
        asAdministrator(io, async ({ services, context, nowMs }) => {
          const days = options.expiresInDays;
          const issued = await services.apiKeys.createApiKey(context, {
            memberId: options.member,
            label: options.label,
            expiresAtMs: days === undefined ? undefined : nowMs + days * DAY_MS,
          });
          if (options.json) io.out(`${JSON.stringify(issued, null, 2)}\n`);
          else {
            io.err(`anonex: key ${issued.apiKey.id} for ${issued.apiKey.memberId} (shown once):\n`);
            io.out(`${issued.key}\n`);
          }
        }),
    );
  key
    .command('revoke')
    .description('revoke an API key by id')
    .argument('<apiKeyId>', 'key id (key_…)')
    .action(async (apiKeyId: string) =>
      asAdministrator(io, async ({ services, context }) => {
        const revoked = await services.apiKeys.revokeApiKey(context, apiKeyId);
        io.out(`revoked ${revoked.id} (${revoked.prefix}…) at ${isoOrDash(revoked.revokedAtMs)}\n`);
      }),
    );
  key
    .command('list')
    .description('list API keys (never the keys themselves)')
    .option('--member <memberId>', 'only this member')
    .option('--org <organizationId>', "only this organization's members")
    .option('--json', 'print JSON')
    .action(async (options: { member?: string; org?: string; json?: boolean }) =>
      asAdministrator(io, async ({ services, context }) => {
        const apiKeys = await collectAllPages((cursor) =>
          services.apiKeys.listApiKeys(context, {
            memberId: options.member,
            organizationId: options.org,
            cursor,
            limit: 200,
          }),
        );
        const rows = apiKeys.map((apiKey) => ({
          id: apiKey.id,
          prefix: apiKey.prefix,
          memberId: apiKey.memberId,
          label: apiKey.label,
          expires: isoOrDash(apiKey.expiresAtMs),
          revoked: isoOrDash(apiKey.revokedAtMs),
          lastUsed: isoOrDash(apiKey.lastUsedAtMs),
        }));
        printRows(io, options.json ?? false, rows);
      }),
    );
  return key;
}

export function createAdminCommand(io: CliIo = processIo): Command {
  return new Command('admin')
    .description('administer organizations, members and API keys on the configured database')
    .addCommand(organizationCommands(io))
    .addCommand(memberCommands(io))
    .addCommand(keyCommands(io));
}

export const registerAdminCommand = (program: Command): void => {
  program.addCommand(createAdminCommand());
};
