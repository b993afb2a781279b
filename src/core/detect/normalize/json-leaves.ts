// A JSON value in a cell flattened into its leaves (path, key, decoded text), each mapped to its source.
import { OffsetMap, OffsetMapBuilder } from './offset-map.js';

export interface JsonLeaf {
  /** `patient.contact[0].phone` */
  readonly path: string;
  /** The nearest object key above the leaf (`phone`), '' at the top or in a bare array. */
  readonly key: string;
  readonly text: string;
  readonly map: OffsetMap;
}

/** Deepest nesting followed; a cell nested deeper is read as plain text only. */
const MAX_DEPTH = 32;

/**
 * The string and number leaves of `text` when it is a JSON object or array (escapes decoded,
 * each decoded character mapped to its escape), or undefined when it is not valid JSON. Keys
 * become the context the leaf is searched under, so `{"qq": "12345678"}` finds a QQ number.
 */
export function jsonLeaves(text: string): JsonLeaf[] | undefined {
  let at = 0;
  const leaves: JsonLeaf[] = [];
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at])) at++;
  };
  const readString = (): { text: string; map: OffsetMap } | undefined => {
    if (text[at] !== '"') return undefined;
    at++;
    const map = new OffsetMapBuilder(16);
    let out = '';
    while (at < text.length && text[at] !== '"') {
      if (text[at] === '\\') {
        const escape = text[at + 1];
        if (escape === 'u') {
          const hex = text.slice(at + 2, at + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) return undefined;
          out += String.fromCharCode(Number.parseInt(hex, 16));
          map.push(at, at + 6);
          at += 6;
          continue;
        }
        const simple = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        }[escape ?? ''];
        if (simple === undefined) return undefined;
        out += simple;
        map.push(at, at + 2);
        at += 2;
        continue;
      }
      out += text[at];
      map.push(at, at + 1);
      at++;
    }
    if (at >= text.length) return undefined;
    at++;
    return { text: out, map: map.build() };
  };
  const readValue = (path: string, key: string, depth: number): boolean => {
    if (depth > MAX_DEPTH) return false;
    skipSpace();
    const c = text[at];
    if (c === '{') {
      at++;
      skipSpace();
      if (text[at] === '}') {
        at++;
        return true;
      }
      for (;;) {
        skipSpace();
        const name = readString();
        if (name === undefined) return false;
        // A key is searched too: an export keyed by patient ({"11010519491231002X": {…}}).
        if (name.text.length > 0) leaves.push({ path, key, text: name.text, map: name.map });
        skipSpace();
        if (text[at] !== ':') return false;
        at++;
        if (!readValue(path === '' ? name.text : `${path}.${name.text}`, name.text, depth + 1))
          return false;
        skipSpace();
        if (text[at] === ',') at++;
        else if (text[at] === '}') {
          at++;
          return true;
        } else return false;
      }
    }
    if (c === '[') {
      at++;
      skipSpace();
      if (text[at] === ']') {
        at++;
        return true;
      }
      for (let index = 0; ; index++) {
        if (!readValue(`${path}[${index}]`, key, depth + 1)) return false;
        skipSpace();
        if (text[at] === ',') at++;
        else if (text[at] === ']') {
          at++;
          return true;
        } else return false;
      }
    }
    if (c === '"') {
      const value = readString();
      if (value === undefined) return false;
      leaves.push({ path, key, text: value.text, map: value.map });
      return true;
    }
    const literal = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
      text.slice(at, at + 64),
    );
    if (literal === null) return false;
    if (literal[0] !== 'true' && literal[0] !== 'false' && literal[0] !== 'null') {
      const starts = Int32Array.from({ length: literal[0].length }, (_, k) => at + k);
      const ends = Int32Array.from({ length: literal[0].length }, (_, k) => at + k + 1);
      leaves.push({ path, key, text: literal[0], map: OffsetMap.of(starts, ends) });
    }
    at += literal[0].length;
    return true;
  };
  skipSpace();
  if (text[at] !== '{' && text[at] !== '[') return undefined;
  if (!readValue('', '', 0)) return undefined;
  skipSpace();
  return at === text.length ? leaves : undefined;
}
