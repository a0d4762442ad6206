import { Buffer } from 'node:buffer';
import {
  type DecodedParams,
  decodeParamList,
  MAX_LINE_OCTETS,
  type ParamList,
  type ParsedParamList,
  parseParamList,
} from '@rawmail/mime';
import type { BodyKind, HeaderField, MessageStats, PartInfo, ReaderEvents } from './events.js';
import { FieldValue } from './field-value.js';

/** A header section (top level or a part) larger than this is reported; fields beyond it are not kept. */
export const MAX_HEADER_SECTION_BYTES = 1024 * 1024;
/** Deepest multipart nesting read; deeper multiparts are reported and read as opaque leaves. */
export const MAX_MULTIPART_DEPTH = 16;
/** Body bytes are handed on in runs of about this size at most (a run ends at a line end past it). */
export const MAX_RUN_BYTES = 64 * 1024;
/** Longest partial line held back because it might be a boundary delimiter split across chunks. */
const MAX_DELIMITER_LINE = 1024;

const LF = 10;
const EMPTY = Buffer.alloc(0);
const CRLF_BYTES = Buffer.from('\r\n', 'latin1');
const LF_BYTES = Buffer.from('\n', 'latin1');
const CR = 13;
const DASH = 45;

type Latin1Slice = (this: Buffer, start: number, end: number) => string;
const nativeLatin1Slice = (Buffer.prototype as unknown as { latin1Slice?: Latin1Slice }).latin1Slice;

/**
 * `buf.toString('latin1', start, end)` for 0 <= start <= end <= buf.length. Calls Node's native slice directly
 * when it exists (Buffer#toString first normalises its arguments and looks the encoding up: ~30 ns a call,
 * and the reader makes two or more calls per header line).
 */
const latin1: (buf: Buffer, start: number, end: number) => string =
  typeof nativeLatin1Slice === 'function'
    ? (buf, start, end) => nativeLatin1Slice.call(buf, start, end)
    : (buf, start, end) => buf.toString('latin1', start, end);

/**
 * An open container: a multipart (its delimiter ends its parts), or a `message/rfc822` part whose body is read
 * as a message (`embedded` set; it has no delimiter of its own and ends where the part ends).
 */
interface Frame {
  part: PartInfo;
  /** The message read from a message/rfc822 part's body; undefined for a multipart. */
  embedded: PartInfo | undefined;
  boundary: string;
  /** `--` + boundary, as bytes. */
  delimiter: Buffer;
  seenDelimiter: boolean;
  children: number;
}

/** A header name as read, with its lower-cased form. */
interface NameEntry {
  name: string;
  lower: string;
}

/**
 * Recently read header names by (length, first byte, last byte): the same few names recur in every section,
 * and comparing the bytes with a known string is cheaper than making a new string (and its lower-cased copy).
 * A slot holds one name (a different name with the same key replaces it), so the cache stays small.
 */
const nameCache = new Map<number, NameEntry>();
const MAX_CACHED_NAMES = 256;

function headerName(buf: Buffer, s: number, e: number): NameEntry {
  const len = e - s;
  const key = len * 65536 + (buf[s] as number) * 256 + (buf[e - 1] as number);
  const hit = nameCache.get(key);
  if (hit !== undefined) {
    const name = hit.name;
    let i = 1;
    while (i < len - 1 && name.charCodeAt(i) === buf[s + i]) i++;
    if (i >= len - 1) return hit;
  }
  const name = latin1(buf, s, e);
  const entry: NameEntry = { name, lower: name.toLowerCase() };
  if (hit !== undefined || nameCache.size < MAX_CACHED_NAMES) nameCache.set(key, entry);
  return entry;
}

/**
 * Whether `buf` holds `d` at `at` (`buf` has room for it). A loop: a delimiter is a few dozen bytes, and
 * `Buffer#compare` costs a native call per candidate line (4 % of the time on a message of a million tiny parts).
 */
function startsWithBytes(buf: Buffer, at: number, d: Buffer): boolean {
  for (let i = 0; i < d.length; i++) if (buf[at + i] !== d[i]) return false;
  return true;
}

/** The decoded parameters of every list without any (most Content-Types): shared, as readers of parts only read them. */
const NO_PARAMS: DecodedParams = { values: new Map(), errors: [] };

function decodedParams(list: ParamList): DecodedParams {
  return list.length === 0 ? NO_PARAMS : decodeParamList(list);
}

type HeaderLineResult = 'header' | 'body-next' | 'body-here';

function newPart(path: string, depth: number, line: number): PartInfo {
  return {
    path,
    depth,
    line,
    crlf: true,
    fields: [],
    contentType: undefined,
    contentTypeParams: undefined,
    contentDisposition: undefined,
    contentDispositionParams: undefined,
    mediaType: 'text/plain',
    encoding: '',
    multipart: false,
    boundary: undefined,
    embedded: false,
  };
}

/** Transfer encodings under which a message/rfc822 body is the message's own bytes. */
const NOT_ENCODED: ReadonlySet<string> = new Set(['', '7bit', '8bit', 'binary']);

/**
 * The streaming MIME reader: push byte chunks in, get events out (header fields, part boundaries, body
 * runs, line problems). One pass; memory bounded by header sizes (body bytes are handed on as views of the
 * chunks and never kept). Never throws on any input.
 */
export class MessageReader {
  private readonly ev: ReaderEvents;
  private size = 0;
  /** Number of the line being read (1-based). */
  private line = 1;
  private partCount = 1;
  private fieldCount = 0;
  private crlfLines = 0;
  private maxHeld = 0;
  private bareLfLines = 0;
  private mode: 'header' | 'body' = 'header';
  /** Part whose header section is being read. */
  private part: PartInfo = newPart('', 0, 1);
  /** Part and kind the body bytes belong to. */
  private bodyPart: PartInfo = this.part;
  private bodyKind: BodyKind = 'leaf';
  private leafOpen = false;
  private readonly frames: Frame[] = [];
  /** The multipart whose delimiter line was read last. */
  private delimiterOf: PartInfo = this.part;

  // Header section state.
  private sectionBytes = 0;
  private sectionOverflow = false;
  private sectionStarted = false;
  private fieldName: string | undefined;
  /** `fieldName` lower-cased. */
  private fieldLower = '';
  private fieldSkip = false;
  /** The field's value so far (its first line's text after the colon, then each continuation line). */
  private readonly fieldValue = new FieldValue();
  private fieldLine = 0;
  private fieldBareLf = false;
  private ctRaw: string | undefined;
  /** The last short Content-Type value without parameters and its parse (see `parseContentType`). */
  private lastContentTypeRaw: string | undefined;
  private lastContentType: ParsedParamList | undefined;
  private cdRaw: string | undefined;
  private cteRaw: string | undefined;

  // Partial line at the end of the previous chunk: held (copied) or streamed (already passed on as body).
  /**
   * The held bytes are `heldBuf[0, heldLen)`: one buffer that grows by doubling (a line arriving one byte a
   * time costs amortised O(1) per byte and no object per chunk). It is handed over whole when the line is
   * complete and a new one is started for the next line.
   */
  private heldBuf: Buffer = EMPTY;
  private heldLen = 0;
  /** Bytes of a held header line past the section limit: counted, not kept. */
  private heldDropped = 0;
  private heldLast: number | undefined;
  private streamLen = 0;
  private streamLastCr = false;
  private streaming = false;
  /** Extra length of the next line (bytes of a huge header line that were not kept). */
  private pendingExtra = 0;

  /** Latin1 text of `textBuf` from `textBase` on, made by the body fast path; only set inside `process`. */
  private text: string | undefined = undefined;
  private textBuf: Buffer | undefined = undefined;
  private textBase = 0;

  // Body run bookkeeping.
  private runLine = 1;
  private runCrlf = 0;

  /** Shared work counter (see `MessageStats.work`). */
  private readonly work: { steps: number };

  constructor(events: ReaderEvents, work: { steps: number } = { steps: 0 }) {
    this.ev = events;
    this.work = work;
  }

  /** Feeds the next chunk of the message. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.size += chunk.length;
    if (this.heldLen > 0 || this.heldDropped > 0) {
      const lf = chunk.indexOf(LF);
      if (lf === -1) {
        this.hold(chunk, 0);
        return;
      }
      const last = lf > 0 ? chunk[lf - 1] : this.lastHeldByte();
      if (this.heldDropped > 0 || (this.mode === 'body' && this.heldLen + lf > MAX_DELIMITER_LINE)) {
        if (this.mode === 'body') {
          this.flushHeldAsBody();
          this.process(chunk, false);
          return;
        }
        // A huge header line: keep the prefix, count the rest.
        const crlf = last === CR;
        const total = this.heldLen + this.heldDropped + lf - (crlf ? 1 : 0);
        // The kept prefix (the line's last bytes, a CR included, were dropped) and the line's own ending.
        this.pendingExtra = total - this.heldLen;
        this.appendHeld(crlf ? CRLF_BYTES : LF_BYTES, 0, crlf ? 2 : 1);
        this.process(this.takeHeld(), false);
      } else {
        this.appendHeld(chunk, 0, lf + 1);
        this.process(this.takeHeld(), false);
      }
      if (lf + 1 < chunk.length) this.process(chunk.subarray(lf + 1), false);
      return;
    }
    this.process(chunk, false);
  }

  /** Bytes pushed so far. */
  get bytesRead(): number {
    return this.size;
  }

  /**
   * Ends the message: flushes the last line, closes open parts, reports missing delimiters. With `truncated`
   * (reading stopped before the end, at the size cap), the open line and parts are dropped instead: what is
   * missing was not read, so it is not reported as missing.
   */
  end(truncated = false): MessageStats {
    if (truncated) {
      this.takeHeld();
      this.streaming = false;
      this.frames.length = 0;
      this.leafOpen = false;
    } else if (this.heldLen > 0 || this.heldDropped > 0) {
      const extra = this.heldDropped;
      const last = this.takeHeld();
      this.pendingExtra = extra;
      this.process(last, true);
    } else if (this.streaming) {
      this.finishStreamedLine();
    }
    if (this.mode === 'header' && !truncated) this.endHeaders();
    this.closeLeaf();
    while (this.frames.length > 0) this.closeFrame(this.frames.pop() as Frame);
    const stats: MessageStats = {
      size: this.size,
      lines: this.line,
      parts: this.partCount,
      headerFields: this.fieldCount,
      crlfLines: this.crlfLines,
      maxHeldBytes: this.maxHeld,
      bareLfLines: this.bareLfLines,
      work: this.work.steps,
      truncated,
    };
    this.ev.end?.(stats);
    return stats;
  }

  private lastHeldByte(): number | undefined {
    return this.heldLast;
  }

  /** The held bytes (a view of a buffer no longer used for holding), and holding starts afresh. */
  private takeHeld(): Buffer {
    const held = this.heldBuf.subarray(0, this.heldLen);
    this.heldBuf = EMPTY;
    this.heldLen = 0;
    this.heldDropped = 0;
    return held;
  }

  /** Copies `buf[from, to)` after the held bytes, growing the buffer by doubling. */
  private appendHeld(buf: Uint8Array, from: number, to: number): void {
    const need = this.heldLen + (to - from);
    if (need > this.heldBuf.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, 2 * this.heldBuf.length, 256));
      this.heldBuf.copy(grown, 0, 0, this.heldLen);
      this.heldBuf = grown;
    }
    this.heldBuf.set(buf.subarray(from, to), this.heldLen);
    this.heldLen = need;
  }

  /** Copies a partial line; header lines are kept up to the section limit, the rest only counted. */
  private hold(buf: Buffer, from: number): void {
    const n = buf.length - from;
    if (this.mode === 'body') {
      if (this.heldLen + n > MAX_DELIMITER_LINE) {
        this.flushHeldAsBody();
        this.streamTail(buf, from, buf.length, from);
        return;
      }
      this.appendHeld(buf, from, buf.length);
      this.heldLast = buf[buf.length - 1];
      if (this.heldLen > this.maxHeld) this.maxHeld = this.heldLen;
      return;
    }
    this.heldLast = buf[buf.length - 1];
    const room = Math.max(0, MAX_HEADER_SECTION_BYTES + 1 - this.heldLen);
    const keep = Math.min(room, n);
    if (keep > 0) this.appendHeld(buf, from, from + keep);
    if (this.heldLen > this.maxHeld) this.maxHeld = this.heldLen;
    this.heldDropped += n - keep;
  }

  /** A held partial line turned out not to be a delimiter: pass it on as body and stream the rest. */
  private flushHeldAsBody(): void {
    const buf = this.takeHeld();
    this.streamTail(buf, 0, buf.length, 0);
  }

  /** Passes body bytes [runStart, end) on and records the partial line [lineStart, end) as streamed. */
  private streamTail(buf: Buffer, lineStart: number, end: number, runStart: number): void {
    if (this.streaming && this.streamLastCr && lineStart < end) {
      this.lineProblem('bare-cr');
      this.streamLastCr = false;
    }
    let cr = buf.indexOf(CR, lineStart);
    while (cr !== -1 && cr < end - 1) {
      this.lineProblem('bare-cr');
      this.runCrlf++;
      cr = buf.indexOf(CR, cr + 1);
    }
    // A CR at the very end belongs to this run whether or not an LF follows in the next chunk.
    if (end > lineStart && buf[end - 1] === CR) this.runCrlf++;
    this.emitBody(buf, runStart, end);
    if (lineStart < end) {
      this.streamLen += end - lineStart;
      this.streamLastCr = buf[end - 1] === CR;
      this.streaming = true;
    }
  }

  private finishStreamedLine(): void {
    if (this.streamLastCr) this.lineProblem('bare-cr');
    if (this.streamLen > MAX_LINE_OCTETS)
      this.ev.lineProblem?.({ kind: 'too-long', line: this.line, length: this.streamLen }, this.bodyPart);
    this.streaming = false;
    this.streamLen = 0;
    this.streamLastCr = false;
  }

  private lineProblem(kind: 'bare-cr' | 'bare-lf'): void {
    this.ev.lineProblem?.({ kind, line: this.line }, this.mode === 'header' ? this.part : this.bodyPart);
  }

  private emitBody(buf: Buffer, from: number, to: number): void {
    if (to > from)
      this.ev.body?.(
        this.bodyPart,
        this.bodyKind,
        buf.subarray(from, to),
        this.runLine,
        this.runCrlf,
        buf === this.textBuf && from >= this.textBase
          ? (this.text as string).slice(from - this.textBase, to - this.textBase)
          : undefined,
      );
    this.runCrlf = 0;
    this.runLine = this.line;
  }

  /** Processes every complete line of `buf`; the tail is held or streamed (or, at EOF, is the last line). */
  private process(buf: Buffer, eof: boolean): void {
    try {
      this.processLines(buf, eof);
    } finally {
      // The chunk's text is only valid (and only kept) while the chunk is being processed.
      this.text = undefined;
      this.textBuf = undefined;
    }
  }

  private processLines(buf: Buffer, eof: boolean): void {
    const len = buf.length;
    let pos = 0;
    let runStart = 0;
    this.runLine = this.line;
    let contLen = 0;
    let continuing = this.streaming;
    if (continuing) {
      contLen = this.streamLen;
      if (this.streamLastCr && buf[0] !== LF) {
        this.lineProblem('bare-cr');
        this.streamLastCr = false;
      }
    }
    let nextCr = buf.indexOf(CR);
    while (pos < len) {
      if (this.mode === 'body' && !continuing && this.pendingExtra === 0) {
        // Fast path for the common body line: CRLF-terminated, no bare CR, not too long, not a delimiter
        // candidate, run not full. Does exactly what the general path below does for such a line, with the
        // counters added up at the end; any other line falls through to the general path unchanged.
        // Lines are found in a latin1 string of the rest of the chunk (made once per chunk: string indexOf
        // is cheaper per call than Buffer#indexOf, and the base64 check reuses the text of its runs).
        // `cr` is the first CR at or after `p` (so a CR at lf - 1 with cr < lf - 1 is a bare CR).
        if (this.text === undefined) {
          this.text = latin1(buf, pos, len);
          this.textBuf = buf;
          this.textBase = pos;
        }
        const text = this.text;
        const base = this.textBase;
        const frames = this.frames.length > 0;
        const runEnd = runStart + MAX_RUN_BYTES - base;
        let p = pos - base;
        let cr = nextCr === -1 ? -1 : nextCr - base;
        let lines = 0;
        for (;;) {
          const lf = text.indexOf('\n', p);
          if (
            lf <= p ||
            cr !== lf - 1 ||
            lf - 1 - p > MAX_LINE_OCTETS ||
            (frames && text.charCodeAt(p) === DASH && text.charCodeAt(p + 1) === DASH) ||
            lf + 1 > runEnd
          )
            break;
          cr = text.indexOf('\r', lf + 1);
          lines++;
          p = lf + 1;
        }
        if (lines > 0) {
          this.line += lines;
          this.crlfLines += lines;
          this.work.steps += lines;
          this.runCrlf += 2 * lines;
          pos = p + base;
          nextCr = cr === -1 ? -1 : cr + base;
          if (pos >= len) break;
        }
      }
      let lf = buf.indexOf(LF, pos);
      let termLen: number;
      let end: number;
      if (lf === -1) {
        if (!eof) break;
        lf = len;
        end = len;
        termLen = 0;
      } else if (lf > pos && buf[lf - 1] === CR) {
        end = lf - 1;
        termLen = 2;
      } else if (lf === pos && continuing && this.streamLastCr) {
        end = lf;
        termLen = 2;
        contLen -= 1;
        this.runCrlf -= 1; // its CR was counted with the previous run
      } else {
        end = lf;
        termLen = 1;
        this.lineProblem('bare-lf');
      }
      while (nextCr !== -1 && nextCr < end) {
        this.lineProblem('bare-cr');
        this.runCrlf++;
        nextCr = buf.indexOf(CR, nextCr + 1);
      }
      if (nextCr !== -1 && nextCr <= lf) nextCr = buf.indexOf(CR, lf + 1);
      this.work.steps++;
      if (termLen === 2) this.crlfLines++;
      else if (termLen === 1) this.bareLfLines++;
      const atLineStart = !continuing;
      const lineLen = contLen + (end - pos) + this.pendingExtra;
      if (continuing) {
        continuing = false;
        contLen = 0;
        this.streaming = false;
        this.streamLen = 0;
        this.streamLastCr = false;
      }
      if (lineLen > MAX_LINE_OCTETS)
        this.ev.lineProblem?.(
          { kind: 'too-long', line: this.line, length: lineLen },
          this.mode === 'header' ? this.part : this.bodyPart,
        );
      const extra = this.pendingExtra;
      this.pendingExtra = 0;
      const maybeDelimiter =
        atLineStart && end - pos >= 2 && buf[pos] === DASH && buf[pos + 1] === DASH && this.frames.length > 0;
      if (this.mode === 'body') {
        this.runCrlf += termLen;
        if (maybeDelimiter && this.delimiter(buf, pos, end, runStart, termLen)) {
          runStart = lf + 1;
          this.ev.rawLine?.(buf.subarray(pos, lf + 1), 'delimiter', this.delimiterOf);
        } else if (lf + 1 - runStart > MAX_RUN_BYTES) {
          // Hand body bytes on in bounded runs (rule modules may turn a run into a string).
          this.line++;
          this.emitBody(buf, runStart, lf + 1);
          this.line--;
          runStart = lf + 1;
        }
      } else if (maybeDelimiter && this.delimiter(buf, pos, end, runStart, 0)) {
        runStart = lf + 1;
        this.ev.rawLine?.(buf.subarray(pos, lf + 1), 'delimiter', this.delimiterOf);
      } else {
        const part = this.part;
        const r = this.headerLine(buf, pos, end, termLen, extra);
        if (r !== 'body-here') this.ev.rawLine?.(buf.subarray(pos, lf + 1), 'header', part);
        if (r !== 'header') {
          runStart = r === 'body-here' ? pos : lf + 1;
          this.runLine = r === 'body-here' ? this.line : this.line + 1;
          this.runCrlf = r === 'body-here' ? termLen : 0;
        }
      }
      this.line++;
      pos = lf + 1;
    }
    if (this.mode === 'header') {
      if (pos < len) this.hold(buf, pos);
      return;
    }
    const tailLen = len - pos;
    const candidate =
      tailLen > 0 &&
      !continuing &&
      !this.streaming &&
      this.frames.length > 0 &&
      buf[pos] === DASH &&
      (tailLen < 2 || buf[pos + 1] === DASH);
    if (candidate) {
      this.emitBody(buf, runStart, pos);
      this.hold(buf, pos);
    } else {
      this.streamTail(buf, pos, len, runStart);
    }
  }

  /** If [s, e) is a delimiter line of an open multipart, handles it and returns true. */
  private delimiter(buf: Buffer, s: number, e: number, runStart: number, termLen: number): boolean {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i] as Frame;
      if (f.embedded !== undefined) continue;
      const d = f.delimiter;
      this.work.steps += 1 + (d.length >> 4);
      if (e - s < d.length || !startsWithBytes(buf, s, d)) continue;
      let p = s + d.length;
      let close = false;
      if (p + 1 < e && buf[p] === DASH && buf[p + 1] === DASH) {
        close = true;
        p += 2;
      } else if (p + 1 === e && buf[p] === DASH) continue;
      while (p < e && (buf[p] === 32 || buf[p] === 9)) p++;
      if (p !== e) continue;
      this.delimiterOf = (this.frames[i] as Frame).part;
      if (this.mode === 'body') {
        // The delimiter line's own line ending is not part of the run.
        this.runCrlf -= Math.min(this.runCrlf, termLen);
        this.emitBody(buf, runStart, s);
      } else {
        this.endHeaders();
      }
      this.onDelimiter(i, close);
      return true;
    }
    return false;
  }

  private closeLeaf(): void {
    if (this.leafOpen) {
      this.leafOpen = false;
      this.ev.partEnd?.(this.bodyPart);
    }
  }

  /**
   * Ends a frame that its own end did not close: a multipart without its closing delimiter (reported), or an
   * embedded message, which simply ends with its message/rfc822 part.
   */
  private closeFrame(f: Frame): void {
    if (f.embedded === undefined)
      this.ev.structure?.({
        kind: 'boundary-not-found',
        part: f.part,
        seenDelimiter: f.seenDelimiter,
        line: this.line,
      });
    this.ev.partEnd?.(f.part);
  }

  private onDelimiter(index: number, close: boolean): void {
    this.closeLeaf();
    while (this.frames.length - 1 > index) this.closeFrame(this.frames.pop() as Frame);
    const f = this.frames[index] as Frame;
    if (close) {
      if (!f.seenDelimiter)
        this.ev.structure?.({
          kind: 'boundary-not-found',
          part: f.part,
          seenDelimiter: false,
          line: this.line,
        });
      this.frames.pop();
      this.ev.partEnd?.(f.part);
      this.bodyPart = f.part;
      this.bodyKind = 'epilogue';
      this.mode = 'body';
      this.runLine = this.line + 1;
      this.runCrlf = 0;
      return;
    }
    f.seenDelimiter = true;
    f.children++;
    const path = f.part.path === '' ? String(f.children) : `${f.part.path}.${f.children}`;
    this.startSection(newPart(path, this.frames.length, this.line + 1));
  }

  /** Starts reading the header section of `part` (a body part, or an embedded message). */
  private startSection(part: PartInfo): void {
    this.part = part;
    // Body events name `bodyPart` only in body mode; pointing it at the new part now lets the previous part (its
    // header values and decoded parameters, up to megabytes) be collected while this header section is read.
    this.bodyPart = part;
    this.partCount++;
    this.mode = 'header';
    this.sectionBytes = 0;
    this.sectionOverflow = false;
    this.sectionStarted = false;
    this.fieldName = undefined;
    this.ctRaw = undefined;
    this.cdRaw = undefined;
    this.cteRaw = undefined;
  }

  private headerLine(buf: Buffer, s: number, e: number, termLen: number, extra: number): HeaderLineResult {
    const part = this.part;
    if (!this.sectionStarted) {
      this.sectionStarted = true;
      part.crlf = termLen !== 1;
    }
    if (s === e && extra === 0) {
      this.endHeaders();
      return 'body-next';
    }
    this.sectionBytes += e - s + extra + termLen;
    if (this.sectionBytes > MAX_HEADER_SECTION_BYTES && !this.sectionOverflow) {
      this.sectionOverflow = true;
      this.finishField();
      this.ev.headerSyntax?.(
        { kind: 'section-too-large', line: this.line, limit: MAX_HEADER_SECTION_BYTES },
        part,
      );
    }
    const c0 = buf[s];
    if (c0 === 32 || c0 === 9) {
      if (this.fieldName === undefined) {
        if (!this.sectionOverflow && !this.fieldSkip)
          this.ev.headerSyntax?.(
            {
              kind: 'malformed',
              line: this.line,
              text: buf.toString('latin1', s, Math.min(e, s + 80)),
              reason: 'a continuation line before any header field',
            },
            part,
          );
        return 'header';
      }
      if (!this.sectionOverflow && !this.fieldSkip) {
        this.fieldValue.append(buf, s, e);
        if (termLen === 1) this.fieldBareLf = true;
      }
      return 'header';
    }
    this.finishField();
    let colon = -1;
    let bad = -1;
    let i = s;
    for (; i < e; i++) {
      const c = buf[i] as number;
      if (c === 58) {
        colon = i;
        break;
      }
      if ((c < 33 || c > 126) && bad === -1) bad = i;
    }
    this.work.steps += i - s;
    let nameEnd = colon;
    while (nameEnd > s && (buf[nameEnd - 1] === 32 || buf[nameEnd - 1] === 9)) nameEnd--;
    if (colon === -1 || (bad !== -1 && bad < nameEnd)) {
      this.ev.headerSyntax?.(
        {
          kind: 'malformed',
          line: this.line,
          text: buf.toString('latin1', s, Math.min(e, s + 80)),
          reason: colon === -1 ? 'no colon' : 'an illegal character in the field name',
        },
        part,
      );
      this.endHeaders();
      return 'body-here';
    }
    if (nameEnd === s) {
      this.ev.headerSyntax?.(
        { kind: 'empty-name', line: this.line, text: buf.toString('latin1', s, Math.min(e, s + 80)) },
        part,
      );
      this.fieldName = '';
      this.fieldSkip = true;
      return 'header';
    }
    const entry = headerName(buf, s, nameEnd);
    this.fieldName = entry.name;
    this.fieldLower = entry.lower;
    this.fieldSkip = this.sectionOverflow;
    this.fieldValue.start(this.fieldSkip ? '' : latin1(buf, colon + 1, e));
    this.fieldLine = this.line;
    this.fieldBareLf = termLen === 1;
    return 'header';
  }

  private finishField(): void {
    const name = this.fieldName;
    this.fieldName = undefined;
    if (name === undefined || this.fieldSkip) {
      this.fieldSkip = false;
      return;
    }
    const value = this.fieldValue.take();
    const field: HeaderField = {
      name,
      lowerName: this.fieldLower,
      value,
      line: this.fieldLine,
      bareLf: this.fieldBareLf,
    };
    this.fieldCount++;
    const lower = field.lowerName;
    if (lower === 'content-type') this.ctRaw ??= value;
    else if (lower === 'content-transfer-encoding') this.cteRaw ??= value;
    else if (lower === 'content-disposition') this.cdRaw ??= value;
    // Only the MIME fields are kept for the rules that run when the section ends: a section of 40,000 other fields
    // kept whole lived long enough to be promoted, and parts of them piled up as old-generation garbage.
    if (lower.startsWith('content-') || lower === 'mime-version') this.part.fields.push(field);
    this.ev.headerField?.(field, this.part);
  }

  /**
   * `parseParamList` of a Content-Type value. A short value without parameters is the same in part after part
   * (`text/plain`): the last one's result is reused (read only, as all of a part is), which saved a third of the
   * garbage of a message of many tiny parts.
   */
  private parseContentType(raw: string): ParsedParamList {
    const last = this.lastContentType;
    if (last !== undefined && raw === this.lastContentTypeRaw) {
      this.work.steps += raw.length;
      return last;
    }
    const parsed = parseParamList(raw, true, this.work);
    const reusable = parsed.list.length === 0 && parsed.error === undefined && raw.length <= 256;
    this.lastContentTypeRaw = reusable ? raw : undefined;
    this.lastContentType = reusable ? parsed : undefined;
    return parsed;
  }

  private endHeaders(): void {
    this.finishField();
    const part = this.part;
    const parent = this.frames[this.frames.length - 1];
    if (this.ctRaw !== undefined) {
      part.contentType = this.parseContentType(this.ctRaw);
      part.contentTypeParams = decodedParams(part.contentType.list);
    }
    if (this.cdRaw !== undefined) {
      part.contentDisposition = parseParamList(this.cdRaw, false, this.work);
      part.contentDispositionParams = decodedParams(part.contentDisposition.list);
    }
    part.encoding = this.cteRaw === undefined ? '' : this.cteRaw.trim().toLowerCase();
    const declared = part.contentType?.value ?? '';
    part.mediaType = declared.includes('/')
      ? declared
      : parent?.part.mediaType === 'multipart/digest'
        ? 'message/rfc822'
        : 'text/plain';
    let frame: Frame | undefined;
    if (part.mediaType.startsWith('multipart/')) {
      const boundary = part.contentTypeParams?.values.get('boundary');
      if (boundary === undefined || boundary === '') {
        this.ev.structure?.({ kind: 'boundary-missing', part });
      } else if (this.frames.length >= MAX_MULTIPART_DEPTH) {
        this.ev.structure?.({ kind: 'depth-exceeded', part, limit: MAX_MULTIPART_DEPTH });
      } else {
        for (const f of this.frames) {
          if (f.embedded !== undefined) continue;
          if (f.boundary === boundary || f.boundary.startsWith(boundary) || boundary.startsWith(f.boundary))
            this.ev.structure?.({
              kind: 'boundary-reused',
              part,
              boundary,
              enclosing: f.part,
              prefix: f.boundary !== boundary,
            });
        }
        part.multipart = true;
        part.boundary = boundary;
        frame = {
          part,
          embedded: undefined,
          boundary,
          delimiter: Buffer.from(`--${boundary}`, 'latin1'),
          seenDelimiter: false,
          children: 0,
        };
      }
    }
    // A message/rfc822 body is a message (RFC 2046 §5.2.1), read as one when it is not encoded (base64 or
    // quoted-printable there is reported by the rules, and the bytes stay opaque) and the depth bound allows.
    let embedded = false;
    if (frame === undefined && part.mediaType === 'message/rfc822' && NOT_ENCODED.has(part.encoding)) {
      if (this.frames.length >= MAX_MULTIPART_DEPTH)
        this.ev.structure?.({ kind: 'depth-exceeded', part, limit: MAX_MULTIPART_DEPTH });
      else embedded = true;
    }
    this.ev.headersEnd?.(part);
    part.fields = [];
    if (embedded) {
      // The embedded message's parts are numbered under the message/rfc822 part (IMAP: 2.1, 2.2, …); its own
      // header section and a single-part body carry the part's path.
      const message = newPart(part.path === '' ? '1' : part.path, this.frames.length + 1, this.line + 1);
      message.embedded = true;
      this.frames.push({
        part,
        embedded: message,
        boundary: '',
        delimiter: EMPTY,
        seenDelimiter: false,
        children: 0,
      });
      this.startSection(message);
      return;
    }
    this.mode = 'body';
    this.bodyPart = part;
    if (frame) {
      this.frames.push(frame);
      this.bodyKind = 'preamble';
    } else {
      this.bodyKind = 'leaf';
      this.leafOpen = true;
    }
  }
}
