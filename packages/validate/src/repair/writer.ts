/**
 * The writing pass of a repair: reads the message again and copies every byte through (header lines, delimiter
 * lines and body runs exactly as read) except where the plan says otherwise. Untouched parts and fields come out
 * byte-identical; a re-encoded part is gathered and written at its end.
 */
import { Buffer, isAscii } from 'node:buffer';
import { base64Wrapped, base64WrappedLength, qpEncode } from '@rawmail/mime';
import type { BodyKind, HeaderField, PartInfo, ReaderEvents } from '../reader/events.js';
import { crlfAll, crlfLineEnd, NewlineFixer } from './newlines.js';
import type { PartPlan, Plan } from './plan.js';
import type { RepairFix } from './types.js';

const CRLF = Buffer.from('\r\n', 'latin1');

/** A header section as read: its raw lines, which lines make each field, and the line that ended it. */
interface Section {
  part: PartInfo;
  lines: Buffer[];
  ranges: [number, number][];
  separator: Buffer | undefined;
}

/** Repairs an embedded message (base64 message/rfc822 parts are decoded and repaired inside). */
export type InnerRepair = (message: Buffer) => { raw: Buffer; fixes: RepairFix[] };

export class Writer implements ReaderEvents {
  private readonly out: Buffer[] = [];
  /** Input bytes handed on by the reader (checked against the input size: nothing may be lost). */
  seen = 0;
  readonly fixes: RepairFix[] = [];
  /** Planned fixes the writing pass could not make (base64 that is invalid even without its whitespace). */
  readonly withdrawn: RepairFix[] = [];
  private readonly newlineFixer = new NewlineFixer();
  private lines: Buffer[] = [];
  private ranges: [number, number][] = [];
  private pendingStart = 0;
  /** Part whose header section ended but whose separator line may still come. */
  private awaiting: PartInfo | undefined;
  /** Part whose body is gathered for re-encoding, with its header section held until then. */
  private gathering: { part: PartInfo; section: Section | undefined; pieces: Buffer[] } | undefined;
  private eof = false;

  constructor(
    private readonly plan: Plan,
    private readonly inner: InnerRepair,
  ) {}

  private partPlan(part: PartInfo): PartPlan | undefined {
    return this.plan.parts.get(part.path);
  }

  /** Whether a part's bytes may have their line endings fixed. */
  private mayFixNewlines(part: PartInfo): boolean {
    return this.plan.newlines && this.partPlan(part)?.frozen !== true && !isSignedContainer(part);
  }

  private write(bytes: Buffer): void {
    if (bytes.length > 0) this.out.push(bytes);
  }

  private endRegion(): void {
    const tail = this.newlineFixer.end();
    if (tail) this.write(tail);
  }

  rawLine(bytes: Buffer, kind: 'header' | 'delimiter', part: PartInfo): void {
    this.seen += bytes.length;
    if (kind === 'header' && this.awaiting === undefined) {
      this.lines.push(bytes);
      return;
    }
    if (kind === 'header' && this.awaiting === part) {
      this.flushSection(bytes);
      return;
    }
    this.flushSection(undefined);
    this.endRegion();
    this.write(this.mayFixNewlines(part) ? this.countLineEnd(bytes) : bytes);
  }

  private countLineEnd(line: Buffer): Buffer {
    const fixed = crlfLineEnd(line);
    if (fixed !== line) this.newlineFixer.converted++;
    return fixed;
  }

  headerField(_f: HeaderField, _part: PartInfo): void {
    this.ranges.push([this.pendingStart, this.lines.length]);
    this.pendingStart = this.lines.length;
  }

  headersEnd(part: PartInfo): void {
    this.awaiting = part;
    const plan = this.partPlan(part);
    if (plan && plan.body !== 'copy') this.gathering = { part, section: undefined, pieces: [] };
  }

  /** Writes (or, for a gathered part, keeps) the header section that just ended. */
  private flushSection(separator: Buffer | undefined): void {
    const part = this.awaiting;
    if (part === undefined) return;
    this.awaiting = undefined;
    const section: Section = { part, lines: this.lines, ranges: this.ranges, separator };
    this.lines = [];
    this.ranges = [];
    this.pendingStart = 0;
    if (this.gathering?.part === part) this.gathering.section = section;
    else this.writeSection(section, undefined);
  }

  private writeSection(s: Section, cte: string | undefined): void {
    const plan = this.partPlan(s.part);
    const fixNewlines = this.mayFixNewlines(s.part);
    const line = (b: Buffer) => (fixNewlines ? this.countLineEnd(b) : b);
    let next = 0;
    s.ranges.forEach(([from, to], i) => {
      for (; next < from; next++) this.write(line(s.lines[next] as Buffer));
      next = to;
      const change = plan?.fields.get(i);
      const isCte = cte !== undefined && plan?.cteIndex === i;
      if (isCte) this.write(Buffer.from(`Content-Transfer-Encoding: ${cte}\r\n`, 'latin1'));
      else if (change === undefined) for (let k = from; k < to; k++) this.write(line(s.lines[k] as Buffer));
      else if (change.text !== undefined) this.write(Buffer.from(change.text, 'latin1'));
    });
    for (; next < s.lines.length; next++) this.write(line(s.lines[next] as Buffer));
    for (const text of plan?.append ?? []) this.write(Buffer.from(text, 'latin1'));
    if (cte !== undefined && plan?.cteIndex === undefined)
      this.write(Buffer.from(`Content-Transfer-Encoding: ${cte}\r\n`, 'latin1'));
    if (s.separator) this.write(line(s.separator));
  }

  body(part: PartInfo, _kind: BodyKind, bytes: Buffer): void {
    this.seen += bytes.length;
    this.flushSection(undefined);
    if (this.gathering?.part === part && _kind === 'leaf') {
      this.gathering.pieces.push(bytes);
      return;
    }
    this.write(this.mayFixNewlines(part) ? this.newlineFixer.feed(bytes) : bytes);
  }

  partEnd(part: PartInfo): void {
    this.flushSection(undefined);
    this.endRegion();
    const g = this.gathering;
    if (g?.part !== part) return;
    this.gathering = undefined;
    const plan = this.partPlan(part) as PartPlan;
    // Inside a multipart, the line break before the delimiter belongs to the delimiter, not to the content.
    const beforeDelimiter = !this.eof;
    let content: Buffer = Buffer.concat(g.pieces);
    if (beforeDelimiter) content = withoutFinalBreak(content);
    let encoded: Buffer;
    let cte: string | undefined;
    switch (plan.body) {
      case 'quoted-printable': {
        // Text is quoted-printable unless base64 is shorter (mostly non-ASCII text): measured, not guessed.
        const text = crlfAll(content);
        if (base64WrappedLength(text.length) < qpLengthAtLeast(text)) {
          encoded = base64Wrapped(text);
          cte = 'base64';
          break;
        }
        encoded = qpEncode(text);
        cte = 'quoted-printable';
        if (base64WrappedLength(text.length) < encoded.length) {
          encoded = base64Wrapped(text);
          cte = 'base64';
        }
        break;
      }
      case 'base64':
        encoded = base64Wrapped(content);
        cte = 'base64';
        break;
      case 'rewrap': {
        const wrapped = rewrap(content);
        if (wrapped === undefined) {
          this.withdrawn.push(...plan.bodyFixes);
          encoded = content;
        } else encoded = wrapped;
        break;
      }
      case 'decode-message': {
        const base64 = content.toString('latin1').replace(/[ \t\r\n]+/g, '');
        if (!BASE64.test(base64)) {
          this.withdrawn.push(...plan.bodyFixes);
          encoded = content;
          break;
        }
        const decoded = Buffer.from(base64, 'base64');
        const inner = this.inner(decoded);
        // Lines of the embedded message are not lines of this one: the location is the part.
        for (const { line: _line, part: innerPart, ...fix } of inner.fixes)
          this.fixes.push({
            ...fix,
            message: `In the message embedded in ${part.path === '' ? 'the message' : `MIME part ${part.path}`}${innerPart ? ` (its part ${innerPart})` : ''}: ${fix.message}`,
            ...(part.path === '' ? {} : { part: part.path }),
          });
        encoded = inner.raw;
        cte = isAscii(encoded) ? '7bit' : '8bit';
        break;
      }
      default:
        encoded = content;
    }
    if (g.section) this.writeSection(g.section, cte);
    this.write(encoded);
    const n = encoded.length;
    if (beforeDelimiter && (n < 2 || encoded[n - 2] !== 13 || encoded[n - 1] !== 10)) this.write(CRLF);
  }

  /** Call right before the reader's `end()`. */
  atEnd(): void {
    this.eof = true;
  }

  end(): void {
    this.flushSection(undefined);
    this.endRegion();
    if (this.newlineFixer.converted > 0)
      this.fixes.push({
        code: 'line.bare-newline',
        message: `${this.newlineFixer.converted} bare CR or LF line break${this.newlineFixer.converted === 1 ? '' : 's'} (in header sections, delimiter lines and 7bit/8bit/quoted-printable bodies) became CRLF.`,
      });
    if (this.plan.closers.length === 0) return;
    // The line break before a delimiter belongs to the delimiter: a final line break is now the closing
    // delimiter's, so the last part keeps the content readers saw when the message just ended there.
    const last = this.out[this.out.length - 1];
    const endsInBreak = last !== undefined && last[last.length - 1] === 10;
    if (!endsInBreak) this.write(CRLF);
    for (const boundary of this.plan.closers) this.write(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  }

  /** The repaired message. */
  result(): Buffer {
    return Buffer.concat(this.out);
  }
}

function isSignedContainer(part: PartInfo): boolean {
  return part.mediaType === 'multipart/signed' || part.mediaType === 'multipart/encrypted';
}

/**
 * A lower bound of the quoted-printable length of `text`: every byte, plus two for each one that is always
 * escaped (8-bit bytes, controls other than CR and LF, "="). When even that is longer than base64, quoted-printable
 * need not be computed.
 */
function qpLengthAtLeast(text: Buffer): number {
  let escaped = 0;
  for (let i = 0; i < text.length; i++) {
    const b = text[i] as number;
    if (b > 126 || b === 61 || (b < 32 && b !== 9 && b !== 10 && b !== 13)) escaped++;
  }
  return text.length + 2 * escaped;
}

/** `bytes` without one final CRLF, LF or CR. */
function withoutFinalBreak(bytes: Buffer): Buffer {
  const n = bytes.length;
  if (n >= 2 && bytes[n - 2] === 13 && bytes[n - 1] === 10) return bytes.subarray(0, n - 2);
  if (n >= 1 && (bytes[n - 1] === 10 || bytes[n - 1] === 13)) return bytes.subarray(0, n - 1);
  return bytes;
}

/** Valid base64: the alphabet, padding only at the end, a multiple of four characters. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Base64 text without its whitespace, in lines of 76 characters ending in CRLF; undefined when the text is not
 * valid base64 even without its whitespace (then re-wrapping would not make it valid).
 */
function rewrap(bytes: Buffer): Buffer | undefined {
  const text = bytes.toString('latin1').replace(/[ \t\r\n]+/g, '');
  if (!BASE64.test(text)) return undefined;
  let out = '';
  for (let i = 0; i < text.length; i += 76) out += `${text.slice(i, i + 76)}\r\n`;
  return Buffer.from(out, 'latin1');
}
