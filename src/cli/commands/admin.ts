// `anonex admin org|member|key …`: identity administration straight on the configured database,
// acting as the first administrator (created on first use, like `serve` does).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ROLES, type Role, ORGANIZATION_KINDS, type OrganizationKind } from '../../domain/index.js';
import { loadConfig } from '../../config.js';
import { CalendarError } from '../../core/calendar/index.js';
import { closeDatabases, composeServices } from '../../gateway.js';
import { createLogger } from '../../logger.js';
import type { Services } from '../../services/index.js';
import type { ServiceDeps } from '../../services/deps.js';
import { BlobCollector } from '../../services/blobs/index.js';
import { missingNoticeAdvice } from '../../services/access-requests/index.js';
import { collectAllPages } from '../../services/page.js';
import { requestContext, type RequestContext } from '../../services/request-context.js';
import { processIo, type CliIo } from '../cli-io.js';
import { backupCommand, restoreCommand } from './admin-backup.js';

const DAY_MS = 86_400_000;

interface Session {
  readonly deps: ServiceDeps;
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
    await work({ deps, services, context, nowMs: deps.clock.nowMs() });
  } finally {
    await closeDatabases(deps);
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
  member
    .command('list')
    .description('list members and their roles')
    .option('--org <organizationId>', 'only this organization')
    .addOption(new Option('--role <role>', 'only members holding this role').choices(ROLES))
    .option('--json', 'print JSON')
    .action(async (options: { org?: string; role?: Role; json?: boolean }) =>
      asAdministrator(io, async ({ services, context }) => {
        const members = await collectAllPages((cursor) =>
          services.members.listMembers(context, {
            organizationId: options.org,
            role: options.role,
            cursor,
            limit: 200,
          }),
        );
        const rows = members.map(({ id, organizationId, displayName, roles }) => ({
          id,
          organizationId,
          displayName,
          roles,
        }));
        printRows(io, options.json ?? false, rows);
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

/** Reads a notice file as JSON; an unreadable file or bad JSON is a typed error naming the path. */
function readNoticeFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CalendarError('calendar_data_invalid', `cannot read ${path}`, {
      details: { path, reason: (error as NodeJS.ErrnoException).code ?? 'unreadable' },
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CalendarError(
      'calendar_data_invalid',
      `${path} is not JSON: ${(error as Error).message}`,
      {
        details: { path, reason: 'not JSON' },
      },
    );
  }
}

function calendarCommands(io: CliIo): Command {
  const calendar = new Command('calendar').description(
    'State Council holiday notices (access-request deadlines, seed Art. 17)',
  );
  calendar
    .command('import')
    .description(
      "load a year's holiday notice (cn-YYYY.json format) into the database: in force on every gateway at once, open deadlines recomputed (never earlier)",
    )
    .argument('<file>', 'the notice as JSON, e.g. cn-2027.json')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const input = readNoticeFile(file);
      await asAdministrator(io, async ({ services, context }) => {
        const imported = await services.holidayCalendar.importNotice(context, input);
        if (options.json) {
          io.out(`${JSON.stringify(imported, null, 2)}\n`);
          return;
        }
        const { notice, replaced, recomputedDeadlines } = imported;
        io.out(
          `imported the ${notice.year} holiday notice (${notice.source.reference}, sha256 ${notice.noticeSha256.slice(0, 12)}…)` +
            `${replaced ? `, replacing the ${replaced.origin} one` : ''}\n`,
        );
        io.out(`${recomputedDeadlines.length} open access request deadline(s) recomputed\n`);
        printRows(
          io,
          false,
          recomputedDeadlines.map((change) => ({
            id: change.accessRequestId,
            previous: isoOrDash(change.previousDeadlineMs),
            deadline: isoOrDash(change.deadlineMs),
            basis: change.deadlineBasis,
            state: change.state,
          })),
        );
      });
    });
  calendar
    .command('list')
    .description('the holiday notices in force by year, and the ones due and missing')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) =>
      asAdministrator(io, async ({ services, context }) => {
        const listed = await services.holidayCalendar.listNotices(context.principal);
        if (options.json) {
          io.out(`${JSON.stringify(listed, null, 2)}\n`);
          return;
        }
        printRows(
          io,
          false,
          listed.notices.map((notice) => ({
            year: notice.year,
            origin: notice.origin,
            reference: notice.source.reference,
            issuedOn: notice.source.issuedOn,
            sha256: notice.noticeSha256.slice(0, 12),
          })),
        );
        if (listed.status.missingYears.length > 0) {
          io.err(`anonex: ${missingNoticeAdvice(listed.status.missingYears)}\n`);
        }
      }),
    );
  return calendar;
}

const HOUR_MS = 3_600_000;

function blobCommands(io: CliIo): Command {
  const blobs = new Command('blobs').description(
    'the blob store (raw uploads, artifacts, reports)',
  );
  blobs
    .command('gc')
    .description(
      'list blobs no dataset revision, job, review, listing or trade refers to (a dry run); --delete removes them and the temp files of interrupted uploads',
    )
    .option('--delete', 'delete what is listed (default: list only)')
    .option(
      '--min-age-hours <hours>',
      'leave blobs younger than this (an upload or job in progress on a running gateway stores its blob before its row)',
      parseHours,
      1,
    )
    .option('--json', 'print JSON')
    .action(async (options: { delete?: boolean; minAgeHours: number; json?: boolean }) =>
      asAdministrator(io, async ({ deps }) => {
        const collection = await new BlobCollector(deps).collect({
          delete: options.delete === true,
          // Blob and temp-file times are wall-clock.
          nowMs: Date.now(),
          minAgeMs: options.minAgeHours * HOUR_MS,
        });
        if (options.json) {
          io.out(`${JSON.stringify(collection, null, 2)}\n`);
          return;
        }
        printRows(
          io,
          false,
          collection.unreferenced.map((object) => ({
            object: object.name,
            modified: new Date(object.modifiedAtMs).toISOString(),
          })),
        );
        io.out(
          options.delete
            ? `deleted ${collection.deleted} unreferenced blob(s) and ${collection.stagingRemoved} temp file(s)\n`
            : `${collection.unreferenced.length} unreferenced blob(s); dry run: nothing deleted (--delete to delete)\n`,
        );
        if (collection.tooYoung > 0) {
          io.out(`${collection.tooYoung} younger than ${options.minAgeHours} h left alone\n`);
        }
      }),
    );
  return blobs;
}

function parseHours(value: string): number {
  const hours = Number(value);
  if (!Number.isFinite(hours) || hours < 0) {
    throw new InvalidArgumentError('want a number of hours, 0 or more');
  }
  return hours;
}

export function createAdminCommand(io: CliIo = processIo): Command {
  return new Command('admin')
    .description(
      'administer organizations, members, API keys, holiday notices and the blob store on the configured database; back it up and restore it',
    )
    .addCommand(organizationCommands(io))
    .addCommand(memberCommands(io))
    .addCommand(keyCommands(io))
    .addCommand(calendarCommands(io))
    .addCommand(backupCommand(io))
    .addCommand(restoreCommand(io))
    .addCommand(blobCommands(io));
}

export const registerAdminCommand = (program: Command): void => {
  program.addCommand(createAdminCommand());
};
