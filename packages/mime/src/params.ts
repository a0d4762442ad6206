/**
 * Strict, linear parser for MIME header values with parameters (RFC 2045 §5.1, RFC 2183):
 * `type/subtype; name=value; name="quoted value"`. Comments `( … )` are skipped with bounded nesting.
 * Errors are reported in the words of the JavaMail `ParameterList` parser whose messages SES returns.
 */

/** Deepest comment nesting accepted before the value is called malformed. */
export const MAX_COMMENT_DEPTH = 32;

/** One `name=value` parameter as written (before RFC 2231 decoding). */
export interface RawParam {
  /** Lower-cased attribute name, including any RFC 2231 `*N` / `*` suffix. */
  name: string;
  /** Value with quoting undone. */
  value: string;
}

/** A parsed `Content-Type` / `Content-Disposition` value. */
export interface ParsedParamsValue {
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

  /** Moves past a token; returns where it ends. */
  skipToken(): number {
    const s = this.s;
    let p = this.pos;
    while (p < s.length && isTokenChar(s.charCodeAt(p))) p++;
    this.pos = p;
    return p;
  }

  token(): string {
    const start = this.pos;
    return this.s.slice(start, this.skipToken());
  }

  /** True when the last quoted-string `quotedEnd` read had quoted-pairs. */
  escaped = false;

  /**
   * Finds the end of the quoted-string at the cursor (which is on `"`): the offset of its closing quote, or -1
   * when it is unterminated; `escaped` tells whether it holds quoted-pairs (a backslash keeps the character
   * after it, a quote included). Linear: backslashes are looked for only up to the quote found.
   */
  quotedEnd(): number {
    const s = this.s;
    let i = this.pos + 1;
    let quote = s.indexOf('"', i);
    this.escaped = false;
    for (;;) {
      if (quote === -1) return -1;
      while (i < quote && s.charCodeAt(i) !== 92) i++;
      if (i === quote) return quote;
      this.escaped = true;
      i += 2;
      if (i > s.length) return -1;
      if (i > quote) quote = s.indexOf('"', i);
    }
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
 * Numbers per parameter in a `ParamList`: name start and end, value start and end (stored as `-end - 1` when a
 * quoted value has quoted-pairs).
 */
const ROW = 4;

/**
 * The text of the quoted-string inside `s[from, to)` (between its quotes): each backslash dropped and the
 * character after it kept.
 */
function unescapeQuoted(s: string, from: number, to: number): string {
  let out = '';
  let run = from;
  for (let i = from; i < to; i++) {
    if (s.charCodeAt(i) === 92) {
      out += s.slice(run, i);
      run = i + 1;
      i++;
    }
  }
  return out + s.slice(run, to);
}

/** Whether `s[from, to)` lower-cased is `lower` (a string of its own only for non-ASCII text). */
export function sameLowerCase(s: string, from: number, to: number, lower: string): boolean {
  // No length check first: non-ASCII text may change length when lower-cased ('İ' becomes two code units). An
  // ASCII prefix lower-cases in place, so it is compared as it goes (past the end of `lower`, NaN never matches).
  const n = to - from;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(from + i);
    if (c >= 0x80) return s.slice(from, to).toLowerCase() === lower;
    const l = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
    if (l !== lower.charCodeAt(i)) return false;
  }
  return n === lower.length;
}

/**
 * The parameters of a parsed value as offsets into the value's text, a few numbers each, so that a list of
 * 17,000 RFC 2231 continuation sections is one typed array, not an object and two strings per parameter.
 * `name(i)` and `value(i)` make the strings when asked (names lower-cased, quoting undone).
 */
export class ParamList {
  /** The parsed text the offsets point into. */
  readonly text: string;
  /** Number of parameters. */
  readonly length: number;
  private readonly rows: Int32Array;

  /** A list over `text` with `length` parameters in `rows` (the parser's layout: four numbers each). */
  constructor(text: string, rows: Int32Array, length: number) {
    this.text = text;
    this.rows = rows;
    this.length = length;
  }

  /** Offset of the i-th parameter's name in `text`. */
  nameStart(i: number): number {
    return this.rows[i * ROW] as number;
  }

  /** End of the i-th parameter's name in `text`. */
  nameEnd(i: number): number {
    return this.rows[i * ROW + 1] as number;
  }

  /** Offset of the i-th value in `text` (inside the quotes of a quoted-string). */
  valueStart(i: number): number {
    return this.rows[i * ROW + 2] as number;
  }

  /** End of the i-th value in `text` (before the closing quote of a quoted-string). */
  valueEnd(i: number): number {
    const end = this.rows[i * ROW + 3] as number;
    return end < 0 ? -end - 1 : end;
  }

  /** Whether the i-th value is a quoted-string with quoted-pairs (its text is not `text` between its offsets). */
  escaped(i: number): boolean {
    return (this.rows[i * ROW + 3] as number) < 0;
  }

  /** The i-th name, lower-cased, with any RFC 2231 `*N` / `*` suffix. */
  name(i: number): string {
    return this.text.slice(this.nameStart(i), this.nameEnd(i)).toLowerCase();
  }

  /** Whether the i-th name, lower-cased, is `lower`. */
  nameIs(i: number, lower: string): boolean {
    return sameLowerCase(this.text, this.nameStart(i), this.nameEnd(i), lower);
  }

  /** The i-th value with quoting undone. */
  value(i: number): string {
    const from = this.valueStart(i);
    const to = this.valueEnd(i);
    return this.escaped(i) ? unescapeQuoted(this.text, from, to) : this.text.slice(from, to);
  }

  /** The parameters as `RawParam` objects, in order. */
  toRawParams(): RawParam[] {
    const params: RawParam[] = [];
    for (let i = 0; i < this.length; i++) params.push({ name: this.name(i), value: this.value(i) });
    return params;
  }
}

/** A parsed `Content-Type` / `Content-Disposition` value with its parameters as a `ParamList`. */
export interface ParsedParamList {
  /** Lower-cased main value: `text/plain` or `attachment`. */
  value: string;
  /** The parameters in order, RFC 2231 sections not yet joined. */
  list: ParamList;
  /** What did not parse, in JavaMail's words (`Expected ';', got 'x'`); undefined when all is well. */
  error?: string;
}

/**
 * Parses a parameterised header value. `withSubtype` is true for Content-Type (`type/subtype`).
 * Never throws; on an error the params parsed so far are kept.
 */
export function parseParamsValue(
  input: string,
  withSubtype: boolean,
  work?: { steps: number },
): ParsedParamsValue {
  const parsed = parseParamList(input, withSubtype, work);
  const params = parsed.list.toRawParams();
  return parsed.error === undefined
    ? { value: parsed.value, params }
    : { value: parsed.value, params, error: parsed.error };
}

/**
 * `parseParamsValue` with the parameters kept as offsets (`ParamList`): what the validator's reader uses, so a
 * header of thousands of parameters makes no object per parameter.
 */
export function parseParamList(
  input: string,
  withSubtype: boolean,
  work?: { steps: number },
): ParsedParamList {
  const c = new Cursor(input);
  const result = parseWith(c, input, withSubtype);
  if (work) work.steps += c.pos;
  return result;
}

/**
 * Rows of parameter offsets being gathered. Every parameter follows a `;`, so their count is known before parsing:
 * the rows are made once at their final size (no garbage of doubling copies for a list of thousands).
 */
/** The rows of a list without parameters (never written: a list adds rows only after a `;`). */
const NO_ROWS = new Int32Array(0);

class Rows {
  data: Int32Array;
  length = 0;

  constructor(input: string) {
    let n = 0;
    for (let i = input.indexOf(';'); i !== -1; i = input.indexOf(';', i + 1)) n++;
    // Most values (`text/plain`) have no parameter: they share one empty array (a typed array is costly to make).
    this.data = n === 0 ? NO_ROWS : new Int32Array(n * ROW);
  }

  add(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, escaped: boolean): void {
    const at = this.length * ROW;
    const d = this.data;
    d[at] = nameStart;
    d[at + 1] = nameEnd;
    d[at + 2] = valueStart;
    d[at + 3] = escaped ? -valueEnd - 1 : valueEnd;
    this.length++;
  }
}

function parseWith(c: Cursor, input: string, withSubtype: boolean): ParsedParamList {
  const rows = new Rows(input);
  const result = (value: string, error?: string): ParsedParamList => {
    const list = new ParamList(input, rows.data, rows.length);
    return error === undefined ? { value, list } : { value, list, error };
  };
  let err = c.skipCfws();
  if (err) return result('', err);
  const type = c.token().toLowerCase();
  if (type === '')
    return result(
      '',
      `Expected a ${withSubtype ? 'media type' : 'disposition type'}, got '${c.describeNext()}'`,
    );
  let value = type;
  if (withSubtype) {
    err = c.skipCfws();
    if (err) return result(value, err);
    if (input.charCodeAt(c.pos) !== 0x2f) return result(value, `Expected '/', got '${c.describeNext()}'`);
    c.pos++;
    err = c.skipCfws();
    if (err) return result(value, err);
    const subtype = c.token().toLowerCase();
    if (subtype === '') return result(value, `Expected a media subtype, got '${c.describeNext()}'`);
    value = `${type}/${subtype}`;
  }
  for (;;) {
    err = c.skipCfws();
    if (err) return result(value, err);
    if (c.pos >= input.length) break;
    if (input.charCodeAt(c.pos) !== 0x3b) return result(value, `Expected ';', got '${c.describeNext()}'`);
    c.pos++;
    err = c.skipCfws();
    if (err) return result(value, err);
    if (c.pos >= input.length) break; // a trailing ';' is tolerated, as JavaMail does
    const nameStart = c.pos;
    const nameEnd = c.skipToken();
    if (nameEnd === nameStart) return result(value, `Expected parameter name, got '${c.describeNext()}'`);
    err = c.skipCfws();
    if (err) return result(value, err);
    if (input.charCodeAt(c.pos) !== 0x3d) return result(value, `Expected '=', got '${c.describeNext()}'`);
    c.pos++;
    err = c.skipCfws();
    if (err) return result(value, err);
    if (input.charCodeAt(c.pos) === 0x22) {
      const end = c.quotedEnd();
      if (end === -1) {
        const name = input.slice(nameStart, nameEnd).toLowerCase();
        return result(value, `Unterminated quoted string in parameter '${name}'`);
      }
      rows.add(nameStart, nameEnd, c.pos + 1, end, c.escaped);
      c.pos = end + 1;
    } else {
      const valueStart = c.pos;
      const valueEnd = c.skipToken();
      if (valueEnd === valueStart)
        return result(value, `Expected parameter value, got '${c.describeNext()}'`);
      rows.add(nameStart, nameEnd, valueStart, valueEnd, false);
    }
  }
  return result(value);
}
