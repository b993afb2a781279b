// Declares one API operation: its zod request schemas serve both validation and the OpenAPI
// document, and its handler receives a typed context. Routes never touch knex; they call services.
//
//   export const organizationsRouter = (services: Services): RouterDefinition => ({
//     routes: [
//       defineRoute({
//         method: 'post', path: '/admin/organizations', summary: 'Create an organization',
//         tags: ['admin'], auth: 'key',
//         request: { body: newOrganizationBody },
//         responses: { 201: { description: 'Created', body: organizationSchema } },
//         handler: async ({ context, body }) => ({
//           status: 201,
//           body: await services.organizations.createOrganization(context, body),
//         }),
//       }),
//     ],
//   });
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Principal } from '../services/principal.js';
import type { RequestContext } from '../services/request-context.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** `key`: a valid API key is required; `optional`: used when sent; `public`: ignored. */
export type AuthMode = 'public' | 'key' | 'optional';

/** A request body that is not JSON (an upload): the handler reads `ctx.req` as a stream. */
export interface UploadSpec {
  /** Accepted media types; anything else is refused with 415 before the handler runs. */
  readonly contentTypes: readonly string[];
  readonly description: string;
}

export interface ResponseSpec {
  readonly description: string;
  /** JSON body schema (for the document; responses are not validated at run time). */
  readonly body?: z.ZodType;
  /** Default `application/json` when `body` is set. */
  readonly contentType?: string;
}

export interface RouteResult {
  readonly status: number;
  /** Sent as JSON; omit for 204 or when `headers` and `status` say everything. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type PrincipalFor<A extends AuthMode> = A extends 'key'
  ? Principal
  : A extends 'optional'
    ? Principal | undefined
    : undefined;
type ContextFor<A extends AuthMode> = A extends 'key'
  ? RequestContext
  : A extends 'optional'
    ? RequestContext | undefined
    : undefined;

export interface RouteContext<Params, Query, Body, Auth extends AuthMode> {
  readonly principal: PrincipalFor<Auth>;
  /** What services take: `{ principal, requestId }`. */
  readonly context: ContextFor<Auth>;
  readonly params: Params;
  readonly query: Query;
  readonly body: Body;
  readonly requestId: string;
  /** A logger bound to this request's id; never log keys or data values. */
  readonly logger: Logger;
  /** For uploads (read the stream) and downloads (write it); return nothing when you answer. */
  readonly req: Request;
  readonly res: Response;
}

export interface RouteSpec<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
  A extends AuthMode,
> {
  readonly method: HttpMethod;
  /** Express path relative to the router's base, e.g. `/datasets/:datasetId`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly auth: A;
  /** Defaults to one derived from method and path. */
  readonly operationId?: string;
  readonly request?: {
    readonly params?: P;
    readonly query?: Q;
    /** JSON body; requests with another content type get 415. */
    readonly body?: B;
    readonly upload?: UploadSpec;
  };
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  handler(
    ctx: RouteContext<Parsed<P>, Parsed<Q>, Parsed<B>, A>,
  ): Promise<RouteResult | void> | RouteResult | void;
}

/** A route with its types erased, as routers list them. */
export interface RouteDefinition {
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly auth: AuthMode;
  readonly operationId?: string;
  readonly request?: {
    readonly params?: z.ZodType;
    readonly query?: z.ZodType;
    readonly body?: z.ZodType;
    readonly upload?: UploadSpec;
  };
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  handler(
    ctx: RouteContext<unknown, unknown, unknown, AuthMode>,
  ): Promise<RouteResult | void> | RouteResult | void;
}

/** A group of routes mounted under `basePath` (default `/api/v1`). */
export interface RouterDefinition {
  readonly basePath?: string;
  readonly routes: readonly RouteDefinition[];
}

export const API_BASE_PATH = '/api/v1';

export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  A extends AuthMode = AuthMode,
>(spec: RouteSpec<P, Q, B, A>): RouteDefinition {
  // The mount code parses each part with exactly the schema given here before calling the
  // handler, which is what makes erasing the parameter types sound.
  return spec as unknown as RouteDefinition;
}

/** `/admin/organizations/:organizationId` → `/admin/organizations/{organizationId}`. */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** `get` + `/api/v1/admin/organizations/:organizationId` → `getAdminOrganizationsByOrganizationId`. */
export function defaultOperationId(method: HttpMethod, fullPath: string): string {
  const words = fullPath
    .replace(/^\/api\/v\d+/, '')
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter((word) => word.length > 0);
  return method + words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
}
