// Builds the OpenAPI 3.1 document from the mounted route definitions: the same zod schemas that
// validate requests describe them (z.toJSONSchema emits JSON Schema 2020-12, OpenAPI 3.1's dialect).
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from '../edge/problem.js';
import { defaultOperationId, toOpenApiPath, type RouteDefinition } from './define-route.js';
import type { MountedRoute } from './mount-routes.js';

type JsonObject = Record<string, unknown>;

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

const problemSchema = z
  .object({
    type: z.string().describe('urn:anonex:problem:<code>, see docs/problems.md'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(
        z.object({
          field: z.string(),
          reason: z.string(),
          code: z.string().optional().describe('a reason code a client can translate'),
          params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
        }),
      )
      .optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .describe('RFC 9457 problem details');

const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
});

export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  delete json.$schema;
  return json;
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonObject[] {
  if (schema === undefined) return [];
  const json = toJsonSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propertySchema,
    };
  });
}

function operationOf(fullPath: string, route: RouteDefinition): JsonObject {
  const request = route.request ?? {};
  const responses: JsonObject = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.body || response.contentType
        ? {
            content: {
              [response.contentType ?? 'application/json']: response.body
                ? { schema: toJsonSchema(response.body, 'output') }
                : {},
            },
          }
        : {}),
    };
  }
  const hasInput = request.params || request.query || request.body;
  if (hasInput && !responses['400']) responses['400'] = problemResponse('Invalid request');
  if (route.auth !== 'public') {
    responses['401'] ??= problemResponse('Missing, unknown, revoked or expired API key');
    responses['403'] ??= problemResponse('The key holder lacks the role this needs');
  }
  if (request.body || request.upload) {
    responses['413'] ??= problemResponse('Body too large');
    responses['415'] ??= problemResponse('Unsupported content type');
  }
  responses.default = problemResponse('Problem');
  const requestBody = request.body
    ? {
        required: true,
        content: { 'application/json': { schema: toJsonSchema(request.body, 'input') } },
      }
    : request.upload
      ? {
          required: true,
          description: request.upload.description,
          content: Object.fromEntries(
            request.upload.contentTypes.map((type) => [
              type,
              { schema: { type: 'string', format: 'binary' } },
            ]),
          ),
        }
      : undefined;
  return {
    operationId: route.operationId ?? defaultOperationId(route.method, fullPath),
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [...route.tags],
    security:
      route.auth === 'key'
        ? [{ apiKey: [] }]
        : route.auth === 'optional'
          ? [{ apiKey: [] }, {}]
          : [],
    parameters: [...parametersOf(request.params, 'path'), ...parametersOf(request.query, 'query')],
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

export function buildOpenApiDocument(
  routes: readonly MountedRoute[],
  info: OpenApiInfo,
): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const { fullPath, route } of routes) {
    const path = toOpenApiPath(fullPath);
    paths[path] = { ...(paths[path] ?? {}), [route.method]: operationOf(fullPath, route) };
  }
  // No `jsonSchemaDialect`: the default, the OAS 3.1 base dialect, is JSON Schema 2020-12 (what
  // zod emits) plus OpenAPI's keywords, and Swagger UI 5 shows a red warning for any other value.
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: toJsonSchema(problemSchema, 'output') },
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An anonex API key (`anx_…`) in `Authorization: Bearer <key>`',
        },
      },
    },
  };
}
