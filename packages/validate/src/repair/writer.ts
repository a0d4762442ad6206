/**
 * The writing side of a repair. It listens to the planning pass (the same reading of the message that validates it
 * and plans the changes) and records where every line, header field and body run is in the input, as offsets:
 * nothing is read or decoded twice. `assemble` then copies the input's bytes through, except where the finished
 * plan says otherwise, and concatenates the pieces once. Untouched parts and fields come out byte-identical.
 */
import { Buffer, isAscii } from 'node:buffer';
import { base64Wrapped, base64WrappedLength, qpDecode, qpEncode } from '@rawmail/mime';
import type { BodyKind, HeaderField, PartInfo, ReaderEvents } from '../reader/events.js';
import { crlfAll, crlfLineEnd, NewlineFixer } from './newlines.js';
import type { PartPlan, Plan } from './plan.js';
import type { RepairFix } from './types.js';

const CRLF = Buffer.from('\r\n', 'latin1');

/** A header section as read: its lines (input offsets), which lines make each field, and the line that ended it. */
interface Section {
  part: PartInfo;
  /** `[from, to)` of each line, flattened: line k is `lines[2k]` to `lines[2k + 1]`. */
  lines: number[];
  /** Each field's lines, `[first, after last)` as line numbers within the section. */
  ranges: [number, number][];
  /** `[from, to)` of the blank line (or the header line of the next section) that ended it. */
  separator: [number, number] | undefined;
}

/** Repairs an embedded message (base64 and quoted-printable message/rfc822 parts are decoded and repaired inside). */
export type InnerRepair = (message: Buffer) => { raw: Buffer; fixes: RepairFix[] };

/** What the writing pass does, in message order; byte ranges are offsets into the input. */
type Step =
  /** A delimiter line (or a header line outside a section): only its line ending may be fixed. */
  | { kind: 'line'; from: number; to: number; part: PartInfo }
  /** Body bytes (a leaf's content, a preamble or an epilogue): every bare line break may be fixed. */
  | { kind: 'run'; from: number; to: number; part: PartInfo; leaf: boolean }
  /** A header section, written with the plan's field changes (held back when its part is re-encoded). */
  | { kind: 'section'; section: Section }
  /** The end of a stretch of body bytes: a CR held at its end is written. */
  | { kind: 'region-end' }
  /** The end of a part; `beforeDelimiter` when a delimiter line follows (its line break is not content). */
  | { kind: 'part-end'; part: PartInfo; beforeDelimiter: boolean };

/** The result of the writing pass. */
export interface Written {
  /** The repaired message; undefined when the reader did not hand on every byte (nothing may be lost). */
  raw: Buffer | undefined;
  /** Fixes the writing pass made itself (line endings; inside embedded messages). */
  fixes: RepairFix[];
  /** Planned fixes the writing pass could not make (base64 or quoted-printable that does not decode). */
  withdrawn: RepairFix[];
}

export class Writer implements ReaderEvents {
  private readonly steps: Step[] = [];
  /** Input bytes handed on by the reader so far: the offset of the next byte. */
  private pos = 0;
  private lines: number[] = [];
  private ranges: [number, number][] = [];
  private pendingStart = 0;
  /** Part whose header section ended but whose separator line may still come. */
  private awaiting: PartInfo | undefined;

  constructor(private readonly input: Buffer) {}

  rawLine(bytes: Buffer, kind: 'header' | 'delimiter', part: PartInfo): void {
    const from = this.pos;
    this.pos += bytes.length;
    if (kind === 'header' && this.awaiting === undefined) {
      this.lines.push(from, this.pos);
      return;
    }
    if (kind === 'header' && this.awaiting === part) {
      this.flushSection([from, this.pos]);
      return;
    }
    this.flushSection(undefined);
    this.endRegion();
    this.steps.push({ kind: 'line', from, to: this.pos, part });
  }

  /** Ends a stretch of body bytes (only a run can leave a CR held: one step per line would cost memory). */
  private endRegion(): void {
    if (this.steps[this.steps.length - 1]?.kind === 'run') this.steps.push({ kind: 'region-end' });
  }

  headerField(_f: HeaderField, _part: PartInfo): void {
    const count = this.lines.length / 2;
    this.ranges.push([this.pendingStart, count]);
    this.pendingStart = count;
  }

  headersEnd(part: PartInfo): void {
    this.awaiting = part;
  }

  private flushSection(separator: [number, number] | undefined): void {
    const part = this.awaiting;
    if (part === undefined) return;
    this.awaiting = undefined;
    this.steps.push({
      kind: 'section',
      section: { part, lines: this.lines, ranges: this.ranges, separator },
    });
    this.lines = [];
    this.ranges = [];
    this.pendingStart = 0;
  }

  body(part: PartInfo, kind: BodyKind, bytes: Buffer): void {
    const from = this.pos;
    this.pos += bytes.length;
    this.flushSection(undefined);
    const leaf = kind === 'leaf';
    // Runs of one stretch of body follow each other: one step for all of them.
    const last = this.steps[this.steps.length - 1];
    if (last?.kind === 'run' && last.part === part && last.leaf === leaf && last.to === from)
      last.to = this.pos;
    else this.steps.push({ kind: 'run', from, to: this.pos, part, leaf });
  }

  partEnd(part: PartInfo): void {
    this.flushSection(undefined);
    // A part that ends before the whole input was read ends at a delimiter line.
    this.steps.push({ kind: 'part-end', part, beforeDelimiter: this.pos < this.input.length });
  }

  end(): void {
    this.flushSection(undefined);
    this.endRegion();
  }

  /** Writes the repaired message by the finished plan (call after the planning pass, with `planner.finish()`). */
  assemble(plan: Plan, inner: InnerRepair): Written {
    if (this.pos !== this.input.length) return { raw: undefined, fixes: [], withdrawn: [] };
    const assembly = new Assembly(this.input, plan, inner);
    for (const step of this.steps) assembly.step(step);
    return { raw: assembly.finish(), fixes: assembly.fixes, withdrawn: assembly.withdrawn };
  }
}

/** One writing of the recorded steps under a plan. */
class Assembly {
  private readonly out: Buffer[] = [];
  private length = 0;
  /** Input range waiting to be appended to `out` (-1: none). */
  private copyFrom = -1;
  private copyTo = -1;
  readonly fixes: RepairFix[] = [];
  readonly withdrawn: RepairFix[] = [];
  private readonly newlineFixer = new NewlineFixer();
  /** Part whose body is re-encoded: its header section is held until then (the encoding decides the CTE). */
  private gathering: { part: PartInfo; section: Section; content: [number, number][] } | undefined;

  constructor(
    private readonly input: Buffer,
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
    if (bytes.length === 0) return;
    this.flushCopy();
    this.out.push(bytes);
    this.length += bytes.length;
  }

  /**
   * Input bytes `[from, to)` copied as they are. Ranges that follow each other in the input (most of a message)
   * become one view, so a message of many lines and parts is not made of one piece (one object) per line.
   */
  private copy(from: number, to: number): void {
    if (to === from) return;
    if (from === this.copyTo) {
      this.copyTo = to;
      return;
    }
    this.flushCopy();
    this.copyFrom = from;
    this.copyTo = to;
  }

  private flushCopy(): void {
    if (this.copyTo < 0) return;
    this.out.push(this.input.subarray(this.copyFrom, this.copyTo));
    this.length += this.copyTo - this.copyFrom;
    this.copyFrom = -1;
    this.copyTo = -1;
  }

  /** A header or delimiter line; with `fix`, a bare LF at its end becomes CRLF (counted). */
  private line(from: number, to: number, fix: boolean): void {
    const input = this.input;
    if (fix && to > from && input[to - 1] === 10 && (to - from < 2 || input[to - 2] !== 13)) {
      this.newlineFixer.converted++;
      this.write(crlfLineEnd(input.subarray(from, to)));
    } else this.copy(from, to);
  }

  /** Body bytes; with `fix`, every bare line break becomes CRLF (a CR at the end is held for the next run). */
  private run(from: number, to: number, fix: boolean): void {
    if (!fix) {
      this.copy(from, to);
      return;
    }
    const run = this.input.subarray(from, to);
    const fixed = this.newlineFixer.feed(run);
    if (fixed === run) this.copy(from, to);
    else this.write(fixed);
  }

  private slice(from: number, to: number): Buffer {
    return this.input.subarray(from, to);
  }

  private endRegion(): void {
    const tail = this.newlineFixer.end();
    if (tail) this.write(tail);
  }

  step(s: Step): void {
    switch (s.kind) {
      case 'line': {
        this.line(s.from, s.to, this.mayFixNewlines(s.part));
        return;
      }
      case 'run': {
        if (this.gathering?.part === s.part && s.leaf) {
          this.gathering.content.push([s.from, s.to]);
          return;
        }
        this.run(s.from, s.to, this.mayFixNewlines(s.part));
        return;
      }
      case 'section': {
        const part = s.section.part;
        const plan = this.partPlan(part);
        if (plan && plan.body !== 'copy') this.gathering = { part, section: s.section, content: [] };
        else this.writeSection(s.section, undefined);
        return;
      }
      case 'region-end':
        this.endRegion();
        return;
      case 'part-end':
        this.endRegion();
        this.partEnd(s.part, s.beforeDelimiter);
    }
  }

  private writeSection(s: Section, cte: string | undefined): void {
    const plan = this.partPlan(s.part);
    const fixNewlines = this.mayFixNewlines(s.part);
    const line = (k: number) =>
      this.line(s.lines[2 * k] as number, s.lines[2 * k + 1] as number, fixNewlines);
    const count = s.lines.length / 2;
    let next = 0;
    s.ranges.forEach(([from, to], i) => {
      for (; next < from; next++) line(next);
      next = to;
      const change = plan?.fields.get(i);
      const isCte = cte !== undefined && plan?.cteIndex === i;
      if (isCte) this.write(Buffer.from(`Content-Transfer-Encoding: ${cte}\r\n`, 'latin1'));
      else if (change === undefined) for (let k = from; k < to; k++) line(k);
      else if (change.text !== undefined) this.write(Buffer.from(change.text, 'latin1'));
    });
    for (; next < count; next++) line(next);
    for (const text of plan?.append ?? []) this.write(Buffer.from(text, 'latin1'));
    if (cte !== undefined && plan?.cteIndex === undefined)
      this.write(Buffer.from(`Content-Transfer-Encoding: ${cte}\r\n`, 'latin1'));
    if (s.separator) this.line(s.separator[0], s.separator[1], fixNewlines);
  }

  /** The content of a gathered part: a view of the input when its runs are contiguous (they always are). */
  private content(ranges: [number, number][]): Buffer {
    const first = ranges[0];
    if (first === undefined) return Buffer.alloc(0);
    let to = first[1];
    for (let k = 1; k < ranges.length; k++) {
      const r = ranges[k] as [number, number];
      if (r[0] !== to) return Buffer.concat(ranges.map(([a, b]) => this.slice(a, b)));
      to = r[1];
    }
    return this.slice(first[0], to);
  }

  private partEnd(part: PartInfo, beforeDelimiter: boolean): void {
    const g = this.gathering;
    if (g?.part !== part) return;
    this.gathering = undefined;
    const plan = this.partPlan(part) as PartPlan;
    // Inside a multipart, the line break before the delimiter belongs to the delimiter, not to the content.
    let content = this.content(g.content);
    if (beforeDelimiter) content = withoutFinalBreak(content);
    let encoded: Buffer;
    let cte: string | undefined;
    switch (plan.body) {
      case 'quoted-printable': {
        // Text is quoted-printable unless base64 is shorter (mostly non-ASCII text): measured, not guessed.
        const text = crlfAll(content);
        if (qpSurelyLonger(text, base64WrappedLength(text.length))) {
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
          this.withdraw(g.section, g.content, plan);
          return;
        }
        encoded = wrapped;
        break;
      }
      case 'decode-message': {
        const decoded = part.encoding === 'base64' ? base64Decoded(content) : qpDecode(content);
        // Text that readers decode differently (or not at all) has no certain meaning to keep: leave it.
        if (decoded === undefined) {
          this.withdraw(g.section, g.content, plan);
          return;
        }
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
    this.writeSection(g.section, cte);
    this.write(encoded);
    const n = encoded.length;
    if (beforeDelimiter && (n < 2 || encoded[n - 2] !== 13 || encoded[n - 1] !== 10)) this.write(CRLF);
  }

  /** A re-encoding found impossible: the part is written as if it had never been gathered. */
  private withdraw(section: Section, content: [number, number][], plan: PartPlan): void {
    this.withdrawn.push(...plan.bodyFixes);
    this.writeSection(section, undefined);
    const fix = this.mayFixNewlines(section.part);
    for (const [from, to] of content) this.run(from, to, fix);
    this.endRegion();
  }

  /** The repaired message, concatenated once. */
  finish(): Buffer {
    if (this.newlineFixer.converted > 0)
      this.fixes.push({
        code: 'line.bare-newline',
        message: `${this.newlineFixer.converted} bare CR or LF line break${this.newlineFixer.converted === 1 ? '' : 's'} (in header sections, delimiter lines and 7bit/8bit/quoted-printable bodies) became CRLF.`,
      });
    if (this.plan.closers.length > 0) {
      // The line break before a delimiter belongs to the delimiter: a final line break is now the closing
      // delimiter's, so the last part keeps the content readers saw when the message just ended there.
      this.flushCopy();
      const last = this.out[this.out.length - 1];
      const endsInBreak = last !== undefined && last[last.length - 1] === 10;
      if (!endsInBreak) this.write(CRLF);
      for (const boundary of this.plan.closers) this.write(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
    }
    this.flushCopy();
    return Buffer.concat(this.out, this.length);
  }
}

function isSignedContainer(part: PartInfo): boolean {
  return part.mediaType === 'multipart/signed' || part.mediaType === 'multipart/encrypted';
}

/** 1 for each byte quoted-printable always escapes (8-bit bytes, controls other than TAB, CR and LF, "="). */
const ALWAYS_ESCAPED = new Uint8Array(256);
for (let b = 0; b < 256; b++)
  ALWAYS_ESCAPED[b] = b > 126 || b === 61 || (b < 32 && b !== 9 && b !== 10 && b !== 13) ? 1 : 0;

/**
 * True when the quoted-printable of `text` is surely longer than `limit` (the base64 length): a lower bound of
 * its length, every byte plus two for each always-escaped one, exceeds it. Then quoted-printable need not be
 * computed. Reads by table, and stops at the first block after which the bound is already over the limit.
 */
function qpSurelyLonger(text: Buffer, limit: number): boolean {
  const n = text.length;
  let bound = n;
  for (let block = 0; block < n; block += 4096) {
    const end = Math.min(n, block + 4096);
    let escaped = 0;
    for (let i = block; i < end; i++) escaped += ALWAYS_ESCAPED[text[i] as number] as number;
    bound += 2 * escaped;
    if (bound > limit) return true;
  }
  return bound > limit;
}

/** `bytes` without one final CRLF, LF or CR. */
function withoutFinalBreak(bytes: Buffer): Buffer {
  const n = bytes.length;
  if (n >= 2 && bytes[n - 2] === 13 && bytes[n - 1] === 10) return bytes.subarray(0, n - 2);
  if (n >= 1 && (bytes[n - 1] === 10 || bytes[n - 1] === 13)) return bytes.subarray(0, n - 1);
  return bytes;
}

/** The bytes of base64 text (whitespace and line breaks ignored), or undefined when it is not valid base64. */
function base64Decoded(content: Buffer): Buffer | undefined {
  const base64 = content.toString('latin1').replace(/[ \t\r\n]+/g, '');
  return BASE64.test(base64) ? Buffer.from(base64, 'base64') : undefined;
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
