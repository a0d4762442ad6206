/**
 * Attachment input → a MIME leaf (base64, so the bytes come back exactly; a message/rfc822 part 7bit or 8bit, see
 * embedded-message.ts), and its body source.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import libmime from 'libmime';
import { embeddedMessageBody } from './embedded-message.js';
import { ComposeError } from './errors.js';
import { assertHeaderSafe } from './header-safety.js';
import { HeaderWriter } from './header-writer.js';
import type { AttachmentInput } from './input-types.js';
import { writeValueWithParams } from './mime-params.js';
import type { BodySource, Leaf } from './mime-tree.js';

type Path = ReadonlyArray<string | number>;

const MIME_TYPE = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,127}$/;

/** A resolved attachment: its leaf and, for inline images, the Content-ID it answers to (without brackets). */
export interface ResolvedAttachment {
  leaf: Leaf;
  cid: string | undefined;
}

/** Checks and normalises a MIME type (`type/subtype`, no parameters). */
export function checkMimeType(value: string, path: Path): string {
  assertHeaderSafe(value, path);
  const t = value.trim().toLowerCase();
  if (!MIME_TYPE.test(t)) {
    throw new ComposeError(
      'compose.input-invalid',
      `'${value}' is not a MIME type; give just 'type/subtype' such as 'application/pdf' (parameters are set by the composer).`,
      path,
    );
  }
  return t;
}

function checkCid(cid: string, path: Path): string {
  assertHeaderSafe(cid, path, false);
  const inner = cid.startsWith('<') && cid.endsWith('>') ? cid.slice(1, -1) : cid;
  if (!/^[\x21-\x7e]{1,200}$/.test(inner) || /[<>()\\,;:"[\]]/.test(inner)) {
    throw new ComposeError(
      'compose.input-invalid',
      `cid '${cid}' must be printable ASCII without spaces, brackets, quotes, commas or colons (e.g. 'logo@example.com').`,
      path,
    );
  }
  return inner;
}

async function* chunks(
  source: AsyncIterable<Uint8Array | string>,
  describe: string,
): AsyncGenerator<Uint8Array> {
  try {
    for await (const c of source) {
      if (typeof c === 'string') yield Buffer.from(c, 'utf8');
      else if (c instanceof Uint8Array) yield c;
      else
        throw new TypeError(
          `it produced a ${typeof c} chunk; only Uint8Array/Buffer and string chunks are accepted`,
        );
    }
  } catch (err) {
    throw new ComposeError(
      'compose.attachment-unreadable',
      `${describe} could not be read: ${(err as Error).message}`,
      [],
      {},
      { cause: err },
    );
  }
}

/** Refuses a URL given as `path`: only local files are read. */
function assertLocalPath(file: string, path: Path): void {
  if (/^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) {
    throw new ComposeError(
      'compose.input-invalid',
      `'${file}' looks like a URL; only local file paths are supported (fetch it yourself and pass \`content\`).`,
      [...path, 'path'],
    );
  }
}

function bodySource(a: AttachmentInput, path: Path): BodySource {
  if (a.path !== undefined) {
    const file = a.path;
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a regular file');
      size = st.size;
    } catch (err) {
      throw new ComposeError(
        'compose.attachment-unreadable',
        `cannot read '${file}': ${(err as Error).message}`,
        [...path, 'path'],
        {},
        { cause: err },
      );
    }
    const describe = `attachment file '${file}'`;
    return { kind: 'stream', size, describe, open: () => chunks(createReadStream(file), describe) };
  }
  const c = a.content!;
  if (typeof c === 'string') {
    const enc = a.encoding === 'utf-8' || a.encoding === undefined ? 'utf8' : a.encoding;
    return { kind: 'base64', data: Buffer.from(c, enc) };
  }
  if (c instanceof Uint8Array) return { kind: 'base64', data: c };
  let used = false;
  const describe = `attachments[${String(path[path.length - 1])}] stream`;
  return {
    kind: 'stream',
    size: undefined,
    describe,
    open: () => {
      if (used)
        throw new ComposeError('compose.attachment-unreadable', `${describe} was already consumed.`, path);
      used = true;
      return chunks(c, describe);
    },
  };
}

/** Builds the leaf for one attachment. */
export function resolveAttachment(a: AttachmentInput, path: Path, legacyNames = true): ResolvedAttachment {
  // Names are trimmed: leading/trailing whitespace in a file name only hides its real extension.
  const given =
    a.filename === false ? undefined : (a.filename ?? (a.path !== undefined ? basename(a.path) : undefined));
  const filename = given === undefined || given.trim() === '' ? undefined : given.trim();
  if (filename !== undefined) assertHeaderSafe(filename, [...path, 'filename']);
  const contentType =
    a.contentType !== undefined
      ? checkMimeType(a.contentType, [...path, 'contentType'])
      : filename !== undefined
        ? libmime.detectMimeType(filename)
        : 'application/octet-stream';
  if (a.encoding !== undefined && typeof a.content !== 'string') {
    // Nothing in the input is silently ignored: `encoding` only says how to read a string `content`.
    throw new ComposeError(
      'compose.input-invalid',
      `applies only to a string \`content\` (it says how to turn the string into bytes); remove it for ${a.path !== undefined ? 'a file `path`' : 'bytes or a stream'}.`,
      [...path, 'encoding'],
    );
  }
  const cid = a.cid !== undefined ? checkCid(a.cid, [...path, 'cid']) : undefined;
  const disposition = a.contentDisposition ?? (cid !== undefined ? 'inline' : 'attachment');

  const ct = new HeaderWriter('Content-Type');
  writeValueWithParams(
    ct,
    contentType,
    filename !== undefined
      ? [{ name: 'name', value: filename, kind: legacyNames ? 'legacy-name' : 'filename' }]
      : [],
  );
  if (a.path !== undefined) assertLocalPath(a.path, path);
  let header = ct.finish();
  // RFC 2046 §5.2.1: a message/rfc822 part is never base64 or quoted-printable.
  const body = contentType === 'message/rfc822' ? embeddedMessageBody(a, path) : bodySource(a, path);
  header += `Content-Transfer-Encoding: ${body.kind === 'encoded' ? body.transfer : 'base64'}\r\n`;
  const cd = new HeaderWriter('Content-Disposition');
  writeValueWithParams(
    cd,
    disposition,
    filename !== undefined ? [{ name: 'filename', value: filename, kind: 'filename' }] : [],
  );
  header += cd.finish();
  if (cid !== undefined) header += new HeaderWriter('Content-ID').space(`<${cid}>`).finish();
  return { leaf: { type: 'leaf', header, body }, cid };
}
