// Console sign-in: an API key is exchanged for a session whose token lives only in an HttpOnly
// cookie. Every request re-checks the key and the member, so revoking a key ends its sessions.
import { createHash, randomBytes } from 'node:crypto';
import { findApiKey } from '../../store/repositories/api-keys.js';
import {
  findConsoleSession,
  insertConsoleSession,
  markConsoleSessionEnded,
} from '../../store/repositories/console-sessions.js';
import { findMember } from '../../store/repositories/members.js';
import { recordAudit } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { ServiceError } from '../errors.js';
import { AuthenticationService } from '../identity/index.js';
import type { Principal } from '../principal.js';

/** Sessions end after eight hours whatever happens: a working day at most. */
export const CONSOLE_SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

export interface ConsoleSession {
  readonly principal: Principal;
  /** Echoed by every form of the session (synchronizer-token CSRF defence). */
  readonly csrfToken: string;
  readonly expiresAtMs: number;
  /** The gateway's clock when the session was resolved: pages show countdowns against it. */
  readonly nowMs: number;
}

export interface StartedConsoleSession extends ConsoleSession {
  /** The cookie value; never stored, never logged. */
  readonly token: string;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const sessionEnded = (): ServiceError =>
  new ServiceError('unauthenticated', 'the console session has ended', {
    details: { failure: 'session_ended' },
  });

export class ConsoleSessionService {
  private readonly authentication: AuthenticationService;

  constructor(private readonly deps: ServiceDeps) {
    this.authentication = new AuthenticationService(deps);
  }

  /** Exchanges an API key for a session; throws `unauthenticated` for any unusable key. */
  async signIn(apiKey: string, requestId: string): Promise<StartedConsoleSession> {
    const principal = await this.authentication.authenticate(apiKey.trim());
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const nowMs = this.deps.clock.nowMs();
    const expiresAtMs = nowMs + CONSOLE_SESSION_LIFETIME_MS;
    await this.deps.db.transaction(async (trx) => {
      await insertConsoleSession(trx, {
        tokenHash: hashToken(token),
        apiKeyId: principal.apiKeyId,
        memberId: principal.memberId,
        csrfToken,
        createdAtMs: nowMs,
        expiresAtMs,
        endedAtMs: null,
      });
      await recordAudit(trx, {
        actor: principal.memberId,
        apiKeyId: principal.apiKeyId,
        organizationId: principal.organizationId,
        action: 'console_session.started',
        target: principal.memberId,
        requestId,
        atMs: nowMs,
      });
    });
    return { token, principal, csrfToken, expiresAtMs, nowMs };
  }

  /** The session's principal, with roles as they are now; throws `unauthenticated` when over. */
  async resolveSession(token: string | undefined): Promise<ConsoleSession> {
    if (!token) throw sessionEnded();
    const session = await findConsoleSession(this.deps.db, hashToken(token));
    const nowMs = this.deps.clock.nowMs();
    if (!session || session.endedAtMs !== null || session.expiresAtMs <= nowMs)
      throw sessionEnded();
    const apiKey = await findApiKey(this.deps.db, session.apiKeyId);
    if (
      !apiKey ||
      apiKey.revokedAtMs !== null ||
      (apiKey.expiresAtMs !== null && apiKey.expiresAtMs <= nowMs)
    ) {
      throw sessionEnded();
    }
    const member = await findMember(this.deps.db, session.memberId);
    if (!member) throw sessionEnded();
    return {
      principal: Object.freeze({
        memberId: member.id,
        organizationId: member.organizationId,
        roles: member.roles,
        apiKeyId: apiKey.id,
      }),
      csrfToken: session.csrfToken,
      expiresAtMs: session.expiresAtMs,
      nowMs,
    };
  }

  async signOut(token: string, requestId: string): Promise<void> {
    const tokenHash = hashToken(token);
    await this.deps.db.transaction(async (trx) => {
      const session = await findConsoleSession(trx, tokenHash);
      if (!session || session.endedAtMs !== null) return;
      const nowMs = this.deps.clock.nowMs();
      await markConsoleSessionEnded(trx, tokenHash, nowMs);
      await recordAudit(trx, {
        actor: session.memberId,
        apiKeyId: session.apiKeyId,
        organizationId: null,
        action: 'console_session.ended',
        target: session.memberId,
        requestId,
        atMs: nowMs,
      });
    });
  }
}
