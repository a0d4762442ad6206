// Worst-case input shapes for the validator (issue 8 §3): header-heavy messages within the ses-v2 size cap,
// generated chunk by chunk so they never exist whole. Shared by the validator benchmark.
const CRLF = '\r\n';
const TOP =
  'From: a@example.com\r\nTo: b@example.org\r\nSubject: shapes\r\nMIME-Version: 1.0\r\n' +
  'Content-Type: multipart/mixed; boundary="shape-b"\r\n\r\n';

/** ~`bytes` of folded continuation lines, each `item` repeated up to ~`width` octets. */
function* folded(item, bytes, width = 76) {
  const perLine = Math.max(1, Math.floor(width / item.length));
  const line = ` ${item.repeat(perLine)}${CRLF}`;
  const block = line.repeat(Math.max(1, Math.floor(65536 / line.length)));
  let left = bytes;
  while (left >= block.length) {
    yield block;
    left -= block.length;
  }
  while (left >= line.length) {
    yield line;
    left -= line.length;
  }
}

/** `item(first)`, `item(first + 1)`, … until ~`bytes` have been given (the part headers are rendered once, joined). */
function* numbered(bytes, first, item) {
  let left = bytes;
  for (let n = first; left > 0; n++) {
    const text = item(n);
    left -= text.length;
    yield text;
  }
}

/** The header section of one part (~`bytes` of header) for each shape. */
const partHeaders = {
  /** Content-Description full of `=?x?y?` fragments (encoded-word starts that never finish). */
  *'ew-fragments'(bytes, i) {
    yield `Content-Type: text/plain; charset=us-ascii${CRLF}Content-Description: part ${i}${CRLF}`;
    yield* folded('=?x?y? ', bytes);
  },
  /**
   * An RFC 2231 file name in continuations (`filename*N*=`), each a percent-encoded UTF-8 section. ~8,500
   * sections of ~117 bytes: within the 10,000 a parameter may have, so the whole name is decoded (more sections
   * are an error found without decoding).
   */
  *'rfc2231-continuations'(bytes) {
    yield `Content-Type: application/octet-stream${CRLF}Content-Transfer-Encoding: base64${CRLF}`;
    yield `Content-Disposition: attachment;${CRLF} filename*0*=utf-8''%C3%A4bc`;
    yield* numbered(
      bytes,
      1,
      (n) =>
        `;${CRLF} filename*${n}*=%C3%A4%C3%B6%C3%BC-abcdefghijklmnopqrstuvwxyz0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ`,
    );
    yield `.pdf${CRLF}`;
  },
  /** ~1 MB of short header fields (`X-Field-N: vN`), ~40,000 per part, each name different. */
  *'many-fields'(bytes) {
    yield `Content-Type: text/plain; charset=us-ascii${CRLF}`;
    yield* numbered(bytes, 0, (n) => `X-Field-${n}: v${n}${CRLF}`);
  },
  /** A quoted file name of RFC 2047 encoded words (`filename="=?utf-8?B?…?= =?utf-8?B?…?= …"`), folded. */
  *'ew-filename'(bytes) {
    yield `Content-Type: application/octet-stream${CRLF}Content-Transfer-Encoding: base64${CRLF}`;
    yield `Content-Disposition: attachment; filename="=?utf-8?B?w6TDtsO8?=${CRLF}`;
    yield* folded('=?utf-8?B?w6TDtsO8LmRvYw==?= ', bytes);
    yield ` .pdf"${CRLF}`;
  },
};

/**
 * The bytes of `pieces` (strings), made once per key and kept: every part of a shape carries the same ~1 MB of
 * header, so rendering it again for each part would make the benchmark's own garbage (strings, joins, copies)
 * several times the size of the message, and that garbage would be counted as the validator's memory growth.
 */
const rendered = new Map();
function renderedOnce(key, pieces) {
  let bytes = rendered.get(key);
  if (bytes === undefined) {
    bytes = Buffer.from([...pieces()].join(''), 'latin1');
    rendered.set(key, bytes);
  }
  return bytes;
}

/**
 * A multipart message of `parts` parts, each with ~`headerBytes` of header of the given shape, as Buffers (the
 * repeated part of each part's header is rendered once; see `renderedOnce`). Call it once before measuring, so
 * that the rendering is not counted.
 */
export function* shapeMessage(shape, { parts = 40, headerBytes = 1_000_000 } = {}) {
  yield Buffer.from(TOP, 'latin1');
  for (let i = 1; i <= parts; i++) {
    yield Buffer.from(`--shape-b${CRLF}`, 'latin1');
    // The first piece may name the part (`part ${i}`); the rest is the same for every part (generated once).
    const pieces = partHeaders[shape](headerBytes, i);
    yield Buffer.from(pieces.next().value, 'latin1');
    yield renderedOnce(`${shape}:${headerBytes}`, () => pieces);
    yield Buffer.from(`${CRLF}QUJD${CRLF}`, 'latin1');
  }
  yield Buffer.from(`--shape-b--${CRLF}`, 'latin1');
}

/** ~`bytes` of one multipart of tiny parts (`Content-Type: text/plain`, a one-line body): ~1.2 million parts. */
export function* manyParts(bytes = 40_000_000) {
  yield Buffer.from(TOP, 'latin1');
  const block = renderedOnce('many-parts', () =>
    [`--shape-b${CRLF}Content-Type: text/plain${CRLF}${CRLF}x${CRLF}`.repeat(1000)].values(),
  );
  for (let left = bytes; left > 0; left -= block.length) yield block;
  yield Buffer.from(`--shape-b--${CRLF}`, 'latin1');
}

/** One header line of `bytes` octets (`X-Big: yyy…`) in a minimal message, as Buffers. */
export function* hugeHeaderLine(bytes = 1_000_000) {
  yield Buffer.from(`From: a@example.com${CRLF}To: b@example.org${CRLF}X-Big: `, 'latin1');
  yield renderedOnce(`y:${bytes}`, () => ['y'.repeat(bytes)].values());
  yield Buffer.from(`${CRLF}${CRLF}body${CRLF}`, 'latin1');
}

/**
 * Re-cuts a stream of Buffers into chunks of exactly `size` bytes (the last may be shorter), copied a 64 KB block
 * (or `size`, when larger) at a time and cut into views when `size` is smaller.
 * - `fresh: true`: every block is new memory, as a file or socket stream delivers it, so the chunks are garbage
 *   once read. Memory measured then includes the stream's own chunks waiting for a collection.
 * - `fresh: false`: the blocks come from a ring of four, reused. A reader that kept a reference to a chunk past
 *   the next three blocks would see its bytes overwritten (and report differently: compare with a fresh run), and
 *   memory measured is the reader's own.
 */
export async function* rechunk(pieces, size, { fresh = true } = {}) {
  const blockSize = Math.max(size, 65536 - (65536 % size));
  const ring = fresh ? undefined : Array.from({ length: 4 }, () => Buffer.allocUnsafeSlow(blockSize));
  let turn = 0;
  const nextBlock = () =>
    ring === undefined ? Buffer.allocUnsafeSlow(blockSize) : ring[turn++ % ring.length];
  let block = nextBlock();
  let fill = 0;
  function* cut(final) {
    const whole = fill - (fill % size);
    for (let off = 0; off < whole; off += size)
      yield size === blockSize ? block : block.subarray(off, off + size);
    if (final && whole < fill) yield block.subarray(whole, fill);
  }
  for (const piece of pieces) {
    let from = 0;
    while (from < piece.length) {
      const n = Math.min(piece.length - from, blockSize - fill);
      piece.copy(block, fill, from, from + n);
      fill += n;
      from += n;
      if (fill === blockSize) {
        yield* cut(false);
        block = nextBlock();
        fill = 0;
      }
    }
  }
  yield* cut(true);
}

export const SHAPES = Object.keys(partHeaders);
