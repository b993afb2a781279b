// Canonical JSON per RFC 8785 (JCS): sorted keys, no insignificant whitespace, ECMAScript number
// and string serialization. Hashes and signatures are computed over this form.

/** Serializes a JSON value canonically; throws TypeError on values JSON cannot represent. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError('canonical JSON cannot represent a non-finite number');
      // ECMAScript Number.prototype.toString is exactly the serialization RFC 8785 §3.2.2.3 requires.
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
      const record = value as Record<string, unknown>;
      // RFC 8785 §3.2.3 sorts by UTF-16 code units, which is what the default sort compares.
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot represent a value of type ${typeof value}`);
  }
}
