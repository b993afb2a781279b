// What every console page knows about its request: language, translator, and the signed-in member.
import type { Principal } from '../services/principal.js';
import type { RequestContext } from '../services/request-context.js';
import type { Language, Translate } from './i18n/index.js';

export interface ConsoleView {
  readonly language: Language;
  readonly t: Translate;
  /** The request path with its query, to come back to after switching language. */
  readonly path: string;
  readonly requestId: string;
  /** Present on pages behind sign-in. */
  readonly session?: {
    readonly principal: Principal;
    readonly context: RequestContext;
    readonly csrfToken: string;
    /** Now, by the gateway's clock (injected, so tests pin it). */
    readonly nowMs: number;
  };
}

/** The view of a page behind sign-in; the router only calls such pages with a session. */
export type SignedInView = ConsoleView & { readonly session: NonNullable<ConsoleView['session']> };
