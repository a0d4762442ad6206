import { Buffer } from 'node:buffer';

/** Reused output buffer of the native decoder (decoded bytes are only counted, never kept). */
let scratch = Buffer.allocUnsafe(64 * 1024);

/** Number of bytes Node's decoder produces for `text` (skipping non-alphabet characters), without allocating. */
function decodedLength(text: string): number {
  const need = Math.ceil((text.length * 3) / 4) + 3;
  if (scratch.length < need) scratch = Buffer.allocUnsafe(need);
  return scratch.write(text, 0, 'base64');
}

/** The line of offset `at` of `text`, whose first character is on `firstLine`; -1 for -1. */
function lineAt(text: string, at: number, firstLine: number): number {
  if (at < 0) return -1;
  let line = firstLine;
  for (let p = text.indexOf('\n'); p !== -1 && p < at; p = text.indexOf('\n', p + 1)) line++;
  return line;
}

const ALPHABET_BREAKS = /[^A-Za-z0-9+/=\r\n]/;
const NOT_PADDING = /[^=\r\n]/;

function describeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code >= 0x21 && code < 0x7f ? `'${ch}'` : `0x${code.toString(16).padStart(2, '0').toUpperCase()}`;
}

/**
 * Incremental base64 body check (RFC 2045 §6.8): alphabet only (line breaks allowed), padding only at the
 * very end, at most two `=`, and a multiple of four characters in all. Fed in runs of any size; O(1) state.
 *
 * Fast path: Node's native decoder skips every byte outside its alphabet, so when a run's complete 4-character
 * quanta decode to exactly 3 bytes each, no character was skipped. The base64url characters `-` and `_` (which
 * Node also accepts) are looked for separately. Only a failing run is scanned with a regular expression to name
 * the bad character.
 */
export class Base64Checker {
  /** Base64 characters seen so far (line breaks excluded), padding included. */
  private chars = 0;
  private pad = 0;
  private padSeen = false;
  /** Up to 3 trailing characters of the previous runs, not yet checked (an incomplete quantum). */
  private carry = '';
  /**
   * Where the characters of `carry` are (so an error found in it later names the line it is on). The first
   * `carryKnown.length` came from earlier runs and have their lines; the others are from the last run's text
   * `carryText`, `carryDelta[k]` lines after the line of its offset `carryFrom`. That line is only counted when
   * an error needs it: counting it for every carry would scan every base64 body's last run once more.
   */
  private carryKnown: number[] = [];
  private carryDelta: number[] = [];
  private carryText = '';
  private carryFrom = 0;
  private carryFirstLine = 1;
  /** First problem found; undefined while valid. */
  error: string | undefined;
  /** Line of the character `finish()` found bad, when it found one in the last incomplete quantum. */
  errorLine: number | undefined;

  /**
   * Checks one run. `crlfBytes` is the number of CR and LF bytes in it, `firstLine` the line its first character
   * is on. Returns the 1-based line of the first bad character when this run made the body invalid, else -1.
   * The line does not depend on how the body was cut into runs.
   */
  feed(text: string, crlfBytes: number, firstLine = 1): number {
    if (this.error !== undefined) return -1;
    if (this.padSeen) return lineAt(text, this.checkPadding(text, 0), firstLine);
    const eq = text.indexOf('=');
    const body = eq === -1 ? text : text.slice(0, eq);
    let bodyCrlf = crlfBytes;
    if (eq !== -1)
      for (let i = eq; i < text.length; i++) if (text[i] === '\r' || text[i] === '\n') bodyCrlf--;
    const bad = this.checkBody(body, bodyCrlf, firstLine);
    if (bad !== -1) return bad;
    if (eq !== -1) {
      if (this.carry !== '' && ALPHABET_BREAKS.test(this.carry)) {
        const at = ALPHABET_BREAKS.exec(this.carry)?.index ?? 0;
        this.fail(this.carry, at);
        return this.carryLine(at);
      }
      this.chars += this.carry.length;
      this.setCarry('', [], [], '', 0, firstLine);
      this.padSeen = true;
      return lineAt(text, this.checkPadding(text, eq), firstLine);
    }
    return -1;
  }

  /** Returns the line of the first bad character, or -1. */
  private checkBody(body: string, crlf: number, firstLine: number): number {
    const n = body.length - crlf;
    if (n <= 0) return -1;
    // Keep the trailing incomplete quantum (with the previous carry) for the next run.
    const combined = this.carry + body;
    const total = this.carry.length + n;
    let keep = total % 4;
    let cut = combined.length;
    while (keep > 0 && cut > 0) {
      const c = combined[--cut];
      if (c !== '\r' && c !== '\n') keep--;
    }
    const head = combined.slice(0, cut);
    const quantaChars = total - (total % 4);
    if (
      decodedLength(head) !== (quantaChars / 4) * 3 ||
      body.indexOf('-') !== -1 ||
      body.indexOf('_') !== -1
    ) {
      const at = ALPHABET_BREAKS.exec(combined)?.index ?? -1;
      const bad = at === -1 ? ((/[-_]/.exec(combined)?.index ?? 0) as number) : at;
      this.fail(combined, bad);
      const inCarry = bad < this.carry.length;
      return inCarry ? this.carryLine(bad) : lineAt(body, bad - this.carry.length, firstLine);
    }
    this.chars += quantaChars;
    // Characters carried over (line lengths that are not a multiple of 4, or the last run before the padding):
    // those of earlier runs keep their lines; for those of this run, the line offset from the first one.
    const known: number[] = [];
    const delta: number[] = [];
    let from = -1;
    let d = 0;
    for (let i = cut; i < combined.length; i++) {
      const c = combined.charCodeAt(i);
      if (c === 10 && from !== -1) d++;
      if (c === 13 || c === 10) continue;
      if (i < this.carry.length) known.push(this.carryLine(i));
      else {
        if (from === -1) from = i - this.carry.length;
        delta.push(d);
      }
    }
    this.setCarry(combined.slice(cut).replace(/[\r\n]/g, ''), known, delta, body, from, firstLine);
    return -1;
  }

  private setCarry(
    carry: string,
    known: number[],
    delta: number[],
    text: string,
    from: number,
    firstLine: number,
  ): void {
    this.carry = carry;
    this.carryKnown = known;
    this.carryDelta = delta;
    // The text is only kept while one of its characters is carried (at most one run's text).
    this.carryText = delta.length > 0 ? text : '';
    this.carryFrom = from;
    this.carryFirstLine = firstLine;
  }

  /** The line of character `i` of `carry`. */
  private carryLine(i: number): number {
    const k = this.carryKnown.length;
    if (i < k) return this.carryKnown[i] as number;
    return lineAt(this.carryText, this.carryFrom, this.carryFirstLine) + (this.carryDelta[i - k] as number);
  }

  private fail(text: string, at: number): number {
    const ch = text[at] ?? '';
    this.error =
      ch !== ''
        ? `the character ${describeChar(ch)} is not in the base64 alphabet`
        : 'the base64 data contains characters outside the standard alphabet';
    return at;
  }

  private checkPadding(text: string, from: number): number {
    const rest = from === 0 ? text : text.slice(from);
    const m = NOT_PADDING.exec(rest);
    if (m) {
      const ch = m[0];
      this.error = ALPHABET_BREAKS.test(ch)
        ? `the character ${describeChar(ch)} is not in the base64 alphabet`
        : 'base64 data continues after the = padding';
      return from + m.index;
    }
    for (let i = 0; i < rest.length; i++) if (rest.charCodeAt(i) === 61) this.pad++;
    return -1;
  }

  /** Final check at the end of the part; returns an error text or undefined. */
  finish(): string | undefined {
    if (this.error !== undefined) return undefined;
    const bad = this.carry === '' ? null : ALPHABET_BREAKS.exec(this.carry);
    if (bad) {
      this.error = `the character ${describeChar(bad[0])} is not in the base64 alphabet`;
      this.errorLine = this.carryLine(bad.index);
      return this.error;
    }
    const chars = this.chars + this.carry.length + this.pad;
    if (this.pad > 2) return `the body ends with ${this.pad} '=' padding characters; at most 2 are allowed`;
    if (chars % 4 !== 0)
      return `the body has ${chars} base64 characters, not a multiple of 4: padding is missing or data was cut off`;
    return undefined;
  }
}
