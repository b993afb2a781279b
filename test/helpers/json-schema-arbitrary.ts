// fast-check arbitraries from the JSON Schemas of the OpenAPI document (what zod emits): values
// that mostly satisfy a schema, and mutations of them (a field dropped, retyped, added or made
// huge), so a fuzzer reaches past the first validation error into the handlers.
import fc from 'fast-check';

/** A JSON Schema as the OpenAPI document holds it (any keyword may be absent). */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** Strings a parser or a store tends to trip over, mixed into every string field. */
export const AWKWARD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u202egnp.exe',
  '\u200b',
  '..',
  '../../etc/passwd',
  '%',
  '%C0%AE',
  '__proto__',
  'constructor',
  "' OR 1=1 --",
  '张伟',
  '\ud800',
  'a'.repeat(5_000),
  '1e999',
  '-0',
  'null',
];

const MAX_DEPTH = 4;

/** Values for properties by name (ids that exist, say); others follow their schema. */
export type PropertyValues = (name: string) => fc.Arbitrary<unknown> | undefined;

const noOverrides: PropertyValues = () => undefined;

/** Values that mostly satisfy `schema`. */
export function valueOf(
  schema: JsonSchema | undefined,
  byName: PropertyValues = noOverrides,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (schema === undefined || depth > MAX_DEPTH) return fc.jsonValue({ maxDepth: 2 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices !== undefined && choices.length > 0)
    return fc.oneof(...choices.map((choice) => valueOf(choice, byName, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return objectOf(schema, byName, depth);
    case 'array':
      return fc.array(valueOf(schema.items, byName, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'string':
      return fc.oneof(
        { weight: 4, arbitrary: boundedString(schema) },
        { weight: 1, arbitrary: fc.constantFrom(...AWKWARD_STRINGS) },
      );
    case 'integer':
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000_000 }),
        fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER),
      );
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
  }
  return fc.jsonValue({ maxDepth: 2 });
}

function boundedString(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

function objectOf(
  schema: JsonSchema,
  byName: PropertyValues,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties))
    model[name] = byName(name) ?? valueOf(property, byName, depth + 1);
  return fc.record(model, { requiredKeys: required.filter((name) => name in properties) });
}

/** A value of `schema` with one thing wrong: a key dropped, retyped, added, or made huge. */
export function mutationOf(
  schema: JsonSchema | undefined,
  byName: PropertyValues = noOverrides,
): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      valueOf(schema, byName),
      fc.constantFrom('drop', 'retype', 'extra', 'huge', 'nest', 'whole'),
      fc.nat(),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .map(([value, how, pick, replacement]) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || how === 'whole')
        return replacement;
      const copy: Record<string, unknown> = { ...value };
      const keys = Object.keys(copy);
      const key = keys.length > 0 ? keys[pick % keys.length] : 'x';
      if (how === 'drop') delete copy[key];
      else if (how === 'retype') copy[key] = replacement;
      else if (how === 'extra') copy[`extra${pick % 7}`] = replacement;
      else if (how === 'huge') copy[key] = 'x'.repeat(100_000);
      else copy[key] = nested(pick % 200);
      return copy;
    });
}

/** `depth` arrays inside each other: what a recursive validator or serializer chokes on. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}
