/**
 * The MIME tree: parts with a finished header section and a body source, and multiparts with a boundary.
 * Serialised as a sequence of segments (so a stream never needs a whole attachment in memory); the size is
 * computed from the tree when every source's length is known.
 */
import { Base64LineEncoder, base64WrappedLength, writeBase64Wrapped } from '@rawmail/mime';

/** Where a leaf's body comes from. */
export type BodySource =
  /**
   * Already-encoded bytes in CRLF lines of at most 998 octets (7bit / quoted-printable / base64 text, or an 8bit
   * message/rfc822 body). `terminated`: ends with a CRLF that is not content.
   */
  | {
      kind: 'encoded';
      bytes: Uint8Array;
      terminated: boolean;
      transfer: '7bit' | '8bit' | 'quoted-printable' | 'base64';
    }
  /** Raw bytes in memory, written as wrapped base64. */
  | { kind: 'base64'; data: Uint8Array }
  /** Raw bytes read at serialisation time, written as wrapped base64; `size` is the raw length when known. */
  | { kind: 'stream'; open: () => AsyncIterable<Uint8Array>; size: number | undefined; describe: string };

export interface Leaf {
  type: 'leaf';
  /** The part's header fields, each ending in CRLF (no blank line). */
  header: string;
  body: BodySource;
}

export interface Multipart {
  type: 'multipart';
  /** Header fields including `Content-Type: multipart/…; boundary=…`. */
  header: string;
  boundary: string;
  children: MimeNode[];
}

export type MimeNode = Leaf | Multipart;

/** A serialisation step: header/boundary text (written as Latin-1, one byte per character), bytes to copy, or a
 * body source to encode. */
export type Segment = string | Uint8Array | Exclude<BodySource, { kind: 'encoded' }>;

function endsTerminated(body: BodySource): boolean {
  return body.kind === 'encoded' ? body.terminated : true; // wrapped base64 ends with CRLF
}

/** Walks the tree in output order. `topHeader` is written before the root's own header fields. Text between
 * two bodies becomes one string segment. */
export function segments(root: MimeNode, topHeader: string): Segment[] {
  const out: Segment[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') out.push(text);
    text = '';
  };
  const walk = (node: MimeNode, prefix: string): boolean => {
    text += `${prefix}${node.header}\r\n`;
    if (node.type === 'leaf') {
      const b = node.body;
      if (b.kind === 'encoded') {
        if (b.bytes.length > 0) {
          flush();
          out.push(b.bytes);
        }
      } else {
        flush();
        out.push(b);
      }
      return endsTerminated(b);
    }
    for (const child of node.children) {
      text += `--${node.boundary}\r\n`;
      const terminated = walk(child, '');
      if (!terminated) text += '\r\n';
    }
    text += `--${node.boundary}--\r\n`;
    return true;
  };
  walk(root, topHeader);
  flush();
  return out;
}

/** Exact serialised size, or `undefined` when a stream's length is unknown. */
export function segmentsSize(segs: readonly Segment[]): number | undefined {
  let n = 0;
  for (const s of segs) {
    if (typeof s === 'string' || s instanceof Uint8Array) n += s.length;
    else if (s.kind === 'base64') n += base64WrappedLength(s.data.length);
    else if (s.size === undefined) return undefined;
    else n += base64WrappedLength(s.size);
  }
  return n;
}

/** Thrown (wrapped by the caller) when a stream yields a different number of bytes than announced. */
export class SizeMismatch extends Error {
  constructor(
    readonly describe: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${describe} produced ${actual} bytes, expected ${expected}`);
  }
}

const STREAM_SLICE = 57 * 16 * 1024; // in-memory base64 is emitted in ~1 MB slices when streaming

async function* encodeStream(s: Extract<Segment, { kind: 'stream' }>): AsyncGenerator<Uint8Array> {
  const enc = new Base64LineEncoder();
  let total = 0;
  for await (const chunk of s.open()) {
    total += chunk.length;
    const out = enc.push(chunk);
    if (out) yield out;
  }
  const tail = enc.end();
  if (tail) yield tail;
  if (s.size !== undefined && total !== s.size) throw new SizeMismatch(s.describe, s.size, total);
}

/** Serialises segments as a sequence of chunks; memory is bounded by the in-memory parts plus one chunk. */
export async function* serialize(segs: readonly Segment[]): AsyncGenerator<Uint8Array> {
  for (const s of segs) {
    if (typeof s === 'string') yield Buffer.from(s, 'latin1');
    else if (s instanceof Uint8Array) yield s;
    else if (s.kind === 'base64') {
      for (let i = 0; i < s.data.length; i += STREAM_SLICE) {
        const part = s.data.subarray(i, i + STREAM_SLICE);
        const out = Buffer.allocUnsafe(base64WrappedLength(part.length));
        writeBase64Wrapped(part, out, 0);
        yield out;
      }
    } else yield* encodeStream(s);
  }
}

/** Serialises into one buffer. With a known size it writes in place (one allocation, no concatenation). */
export async function serializeToBuffer(segs: readonly Segment[], size: number | undefined): Promise<Buffer> {
  if (size === undefined) {
    const chunks: Uint8Array[] = [];
    for await (const c of serialize(segs)) chunks.push(c);
    return Buffer.concat(chunks);
  }
  const out = Buffer.allocUnsafe(size);
  let pos = 0;
  for (const s of segs) {
    if (typeof s === 'string') pos += out.write(s, pos, 'latin1');
    else if (s instanceof Uint8Array) {
      out.set(s, pos);
      pos += s.length;
    } else if (s.kind === 'base64') pos = writeBase64Wrapped(s.data, out, pos);
    else {
      const end = pos + base64WrappedLength(s.size ?? 0);
      for await (const c of encodeStream(s)) {
        if (pos + c.length > end) throw new SizeMismatch(s.describe, s.size ?? 0, Number.NaN);
        out.set(c, pos);
        pos += c.length;
      }
    }
  }
  return out;
}
