/**
 * A `message/rfc822` attachment (a forwarded `.eml`): RFC 2046 §5.2.1 allows only 7bit, 8bit or binary for it, so it
 * is written as is rather than base64. Line ends become CRLF; 7bit when every byte is ASCII, else 8bit (the bytes of
 * the forwarded message, and so its DKIM signature, are kept). A NUL byte or a line over 998 octets cannot be sent
 * in either form and is refused, and so is raw non-ASCII in the forwarded message's header section: SES's header
 * rules hold inside a forwarded message too (the validator checks them there), and only a rewrite of those headers
 * (`repair()` in `@rawmail/validate`) could fix it, which would change the forwarded message.
 */
import { readFileSync } from 'node:fs';
import { ComposeError } from './errors.js';
import type { AttachmentInput } from './input-types.js';
import { MAX_LINE_OCTETS } from './limits.js';
import type { BodySource } from './mime-tree.js';

type Path = ReadonlyArray<string | number>;

const CR = 0x0d;
const LF = 0x0a;

function rawBytes(a: AttachmentInput, path: Path): Uint8Array {
  if (a.path !== undefined) {
    try {
      return readFileSync(a.path);
    } catch (err) {
      throw new ComposeError(
        'compose.attachment-unreadable',
        `cannot read '${a.path}': ${(err as Error).message}`,
        [...path, 'path'],
        {},
        { cause: err },
      );
    }
  }
  const c = a.content;
  if (typeof c === 'string')
    return Buffer.from(c, a.encoding === 'utf-8' || a.encoding === undefined ? 'utf8' : a.encoding);
  if (c instanceof Uint8Array) return c;
  throw new ComposeError(
    'compose.input-invalid',
    'a message/rfc822 attachment must be given as a string, bytes or a file path, not a stream: it is written unencoded (RFC 2046 §5.2.1), so it is checked whole before its header is written.',
    [...path, 'content'],
  );
}

/** The body of a message/rfc822 attachment: the message with CRLF line ends, declared 7bit or 8bit. */
export function embeddedMessageBody(
  a: AttachmentInput,
  path: Path,
): Extract<BodySource, { kind: 'encoded' }> {
  const input = rawBytes(a, path);
  if (input.length === 0) {
    throw new ComposeError('compose.input-invalid', 'the message/rfc822 attachment is empty.', path);
  }
  const out = Buffer.allocUnsafe(input.length * 2 + 2);
  let n = 0;
  let lineStart = 0;
  let eightBit = false;
  let line = 1;
  let inHeader = true;
  const endLine = () => {
    if (inHeader && n === lineStart) inHeader = false;
    if (n - lineStart > MAX_LINE_OCTETS) {
      throw new ComposeError(
        'compose.input-invalid',
        `line ${line} of the message/rfc822 attachment is longer than ${MAX_LINE_OCTETS} octets, which a message part can only carry encoded (base64) and RFC 2046 forbids encoding a message/rfc822 part; attach it with contentType 'application/octet-stream' instead, or fix the message.`,
        path,
      );
    }
    out[n++] = CR;
    out[n++] = LF;
    lineStart = n;
    line++;
  };
  for (let i = 0; i < input.length; i++) {
    const b = input[i] as number;
    if (b === CR) {
      if (input[i + 1] === LF) i++;
      endLine();
    } else if (b === LF) endLine();
    else if (b === 0) {
      throw new ComposeError(
        'compose.input-invalid',
        `the message/rfc822 attachment has a NUL byte on line ${line}; only base64 could carry it, which RFC 2046 forbids for a message/rfc822 part. Attach it with contentType 'application/octet-stream' instead.`,
        path,
      );
    } else {
      if (b > 0x7f) {
        if (inHeader) {
          throw new ComposeError(
            'compose.input-invalid',
            `line ${line} of the message/rfc822 attachment's header section has the non-ASCII byte 0x${b.toString(16).toUpperCase()}; SES refuses raw non-ASCII in header fields, also inside a forwarded message. Repair the message first (repair() from @rawmail/validate writes RFC 2047 encoded words), or attach it with contentType 'application/octet-stream'.`,
            path,
          );
        }
        eightBit = true;
      }
      out[n++] = b;
    }
  }
  // The message's last line ends with CRLF, so the boundary delimiter that follows never joins it.
  if (n !== lineStart) endLine();
  return {
    kind: 'encoded',
    bytes: out.subarray(0, n),
    terminated: false,
    transfer: eightBit ? '8bit' : '7bit',
  };
}
