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

/** The header section of one part (~`bytes` of header) for each shape. */
const partHeaders = {
  /** Content-Description full of `=?x?y?` fragments (encoded-word starts that never finish). */
  *'ew-fragments'(bytes, i) {
    yield `Content-Type: text/plain; charset=us-ascii${CRLF}Content-Description: part ${i}${CRLF}`;
    yield* folded('=?x?y? ', bytes);
  },
  /** An RFC 2231 file name in continuations (`filename*N*=`), each a percent-encoded UTF-8 section. */
  *'rfc2231-continuations'(bytes) {
    yield `Content-Type: application/octet-stream${CRLF}Content-Transfer-Encoding: base64${CRLF}`;
    yield `Content-Disposition: attachment;${CRLF} filename*0*=utf-8''%C3%A4bc`;
    let n = 1;
    let left = bytes;
    let block = '';
    while (left > 0) {
      const s = `;${CRLF} filename*${n}*=%C3%A4%C3%B6%C3%BC-abcdefghijklmnopqrstuvwxyz0123456789`;
      block += s;
      left -= s.length;
      n++;
      if (block.length >= 65536) {
        yield block;
        block = '';
      }
    }
    yield `${block}.pdf${CRLF}`;
  },
  /** A quoted file name of RFC 2047 encoded words (`filename="=?utf-8?B?…?= =?utf-8?B?…?= …"`), folded. */
  *'ew-filename'(bytes) {
    yield `Content-Type: application/octet-stream${CRLF}Content-Transfer-Encoding: base64${CRLF}`;
    yield `Content-Disposition: attachment; filename="=?utf-8?B?w6TDtsO8?=${CRLF}`;
    yield* folded('=?utf-8?B?w6TDtsO8LmRvYw==?= ', bytes);
    yield ` .pdf"${CRLF}`;
  },
};

/** A multipart message of `parts` parts, each with ~`headerBytes` of header of the given shape, as strings. */
export function* shapeMessage(shape, { parts = 40, headerBytes = 1_000_000 } = {}) {
  yield TOP;
  for (let i = 1; i <= parts; i++) {
    yield `--shape-b${CRLF}`;
    yield* partHeaders[shape](headerBytes, i);
    yield `${CRLF}QUJD${CRLF}`;
  }
  yield `--shape-b--${CRLF}`;
}

/** One header line of `bytes` octets (`X-Big: yyy…`) in a minimal message. */
export function* hugeHeaderLine(bytes = 1_000_000) {
  yield `From: a@example.com${CRLF}To: b@example.org${CRLF}X-Big: `;
  const block = 'y'.repeat(65536);
  let left = bytes;
  while (left > 0) {
    const n = Math.min(left, block.length);
    yield block.slice(0, n);
    left -= n;
  }
  yield `${CRLF}${CRLF}body${CRLF}`;
}

/** Re-cuts a stream of strings into Buffer chunks of exactly `size` bytes (the last may be shorter). */
export async function* rechunk(pieces, size) {
  // Strings are gathered up to ~64 KB and encoded at once, so making the chunks costs little next to reading them.
  let texts = [];
  let textLen = 0;
  let pending = Buffer.alloc(0);
  const flush = function* (final) {
    const b = Buffer.from(texts.join(''), 'latin1');
    texts = [];
    textLen = 0;
    pending = pending.length === 0 ? b : Buffer.concat([pending, b]);
    let off = 0;
    while (pending.length - off >= size) {
      yield pending.subarray(off, off + size);
      off += size;
    }
    pending = pending.subarray(off);
    if (final && pending.length > 0) yield pending;
  };
  for (const piece of pieces) {
    texts.push(piece);
    textLen += piece.length;
    if (textLen >= 65536) yield* flush(false);
  }
  yield* flush(true);
}

export const SHAPES = Object.keys(partHeaders);
