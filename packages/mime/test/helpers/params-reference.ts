/** parseParamsValue as it was before parameters were kept as offsets (commit e701ab0): the oracle of params-list.test.ts. */
/**
 * Strict, linear parser for MIME header values with parameters (RFC 2045 §5.1, RFC 2183):
 * `type/subtype; name=value; name="quoted value"`. Comments `( … )` are skipped with bounded nesting.
 * Errors are reported in the words of the JavaMail `ParameterList` parser whose messages SES returns.
 */

/** Deepest comment nesting accepted before the value is called malformed. */
const MAX_COMMENT_DEPTH = 32;

/** One `name=value` parameter as written (before RFC 2231 decoding). */
interface RawParam {
  /** Lower-cased attribute name, including any RFC 2231 `*N` / `*` suffix. */
  name: string;
  /** Value with quoting undone. */
  value: string;
}

/** A parsed `Content-Type` / `Content-Disposition` value. */
interface ParsedParamsValue {
  /** Lower-cased main value: `text/plain` or `attachment`. */
  value: string;
  /** The parameters in order, names lower-cased, RFC 2231 sections not yet joined. */
  params: RawParam[];
  /** What did not parse, in JavaMail's words (`Expected ';', got 'x'`); undefined when all is well. */
  error?: string;
}

const TSPECIALS = '()<>@,;:\\"/[]?=';

/** 1 for the ASCII token characters (no controls, space or tspecials), by char code. */
const TOKEN_ASCII = new Uint8Array(128);
for (let c = 0x21; c < 0x7f; c++) if (!TSPECIALS.includes(String.fromCharCode(c))) TOKEN_ASCII[c] = 1;

function isTokenChar(code: number): boolean {
  // Bytes >= 0x80 are let through here: raw 8-bit text is its own rule (header.non-ascii).
  return code < 0x80 ? TOKEN_ASCII[code] === 1 : true;
}

class Cursor {
  pos = 0;
  constructor(readonly s: string) {}

  /** Skips whitespace and comments; returns an error text on an unterminated or too deep comment. */
  skipCfws(): string | undefined {
    const s = this.s;
    for (;;) {
      let c = s.charCodeAt(this.pos);
      while (c === 32 || c === 9 || c === 13 || c === 10) c = s.charCodeAt(++this.pos);
      if (c !== 40) return undefined; // '('
      let depth = 0;
      while (this.pos < s.length) {
        const ch = s[this.pos++];
        if (ch === '\\') this.pos++;
        else if (ch === '(') {
          if (++depth > MAX_COMMENT_DEPTH) return `Comments nested deeper than ${MAX_COMMENT_DEPTH} levels`;
        } else if (ch === ')' && --depth === 0) break;
      }
      if (depth > 0) return 'Unterminated comment';
    }
  }

  token(): string {
    const start = this.pos;
    while (this.pos < this.s.length && isTokenChar(this.s.charCodeAt(this.pos))) this.pos++;
    return this.s.slice(start, this.pos);
  }

  /** Reads a quoted-string at the cursor (which is on `"`); undefined when unterminated. */
  quoted(): string | undefined {
    const s = this.s;
    let out = '';
    let i = this.pos + 1;
    let runStart = i;
    while (i < s.length) {
      const c = s[i];
      if (c === '"') {
        out += s.slice(runStart, i);
        this.pos = i + 1;
        return out;
      }
      if (c === '\\') {
        out += s.slice(runStart, i);
        i++;
        runStart = i;
      }
      i++;
    }
    return undefined;
  }

  /** What the tokenizer sees next, for error messages (`null` at the end, as JavaMail says). */
  describeNext(): string {
    if (this.pos >= this.s.length) return 'null';
    if (this.s[this.pos] === '"') return this.s.slice(this.pos, Math.min(this.s.length, this.pos + 40));
    const t = this.token();
    return t === '' ? (this.s[this.pos] ?? 'null') : t.slice(0, 40);
  }
}

/**
 * Parses a parameterised header value. `withSubtype` is true for Content-Type (`type/subtype`).
 * Never throws; on an error the params parsed so far are kept.
 */
export function parseParamsValueReference(
  input: string,
  withSubtype: boolean,
  work?: { steps: number },
): ParsedParamsValue {
  const c = new Cursor(input);
  if (work) {
    const result = parseWith(c, input, withSubtype);
    work.steps += c.pos;
    return result;
  }
  return parseWith(c, input, withSubtype);
}

/** The result of a value that did not parse: what was read so far and the error. */
function failed(params: RawParam[], error: string, value: string): ParsedParamsValue {
  return { value, params, error };
}

function parseWith(c: Cursor, input: string, withSubtype: boolean): ParsedParamsValue {
  const params: RawParam[] = [];
  let err = c.skipCfws();
  if (err) return failed(params, err, '');
  const type = c.token().toLowerCase();
  if (type === '')
    return failed(
      params,
      `Expected a ${withSubtype ? 'media type' : 'disposition type'}, got '${c.describeNext()}'`,
      '',
    );
  let value = type;
  if (withSubtype) {
    err = c.skipCfws();
    if (err) return failed(params, err, value);
    if (input[c.pos] !== '/') return failed(params, `Expected '/', got '${c.describeNext()}'`, value);
    c.pos++;
    err = c.skipCfws();
    if (err) return failed(params, err, value);
    const subtype = c.token().toLowerCase();
    if (subtype === '') return failed(params, `Expected a media subtype, got '${c.describeNext()}'`, value);
    value = `${type}/${subtype}`;
  }
  for (;;) {
    err = c.skipCfws();
    if (err) return failed(params, err, value);
    if (c.pos >= input.length) break;
    if (input[c.pos] !== ';') return failed(params, `Expected ';', got '${c.describeNext()}'`, value);
    c.pos++;
    err = c.skipCfws();
    if (err) return failed(params, err, value);
    if (c.pos >= input.length) break; // a trailing ';' is tolerated, as JavaMail does
    const name = c.token().toLowerCase();
    if (name === '') return failed(params, `Expected parameter name, got '${c.describeNext()}'`, value);
    err = c.skipCfws();
    if (err) return failed(params, err, value);
    if (input[c.pos] !== '=') return failed(params, `Expected '=', got '${c.describeNext()}'`, value);
    c.pos++;
    err = c.skipCfws();
    if (err) return failed(params, err, value);
    let paramValue: string;
    if (input[c.pos] === '"') {
      const q = c.quoted();
      if (q === undefined) return failed(params, `Unterminated quoted string in parameter '${name}'`, value);
      paramValue = q;
    } else {
      paramValue = c.token();
      if (paramValue === '')
        return failed(params, `Expected parameter value, got '${c.describeNext()}'`, value);
    }
    params.push({ name, value: paramValue });
  }
  return { value, params };
}
