// The context every state-changing service call receives: who acts, and which request it serves.
//
// HTTP routes get it as `ctx.context` from defineRoute (src/http/define-route.ts); the CLI builds
// one with `requestContext(principal, 'cli_…')`. Services check `context.principal` themselves
// (requireRole, organization scoping) and put `context.requestId` into their audit rows through
// `auditBy(context, clock)` (src/services/audit.ts), so a log line, a problem+json body and an
// audit row of one request share one id.
import type { Principal } from './principal.js';

export interface RequestContext {
  readonly principal: Principal;
  /** The X-Request-Id of the HTTP request (echoed or generated), or a CLI run's id. */
  readonly requestId: string;
}

export function requestContext(principal: Principal, requestId: string): RequestContext {
  return Object.freeze({ principal, requestId });
}
