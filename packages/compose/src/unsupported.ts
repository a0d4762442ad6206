/**
 * nodemailer message fields that `compose` does not support, refused with what to do instead. Without this
 * table they would still be refused (the schemas are strict), but as "unknown field", which does not help a
 * nodemailer user. Runs before the zod parse, so only on input the fast pre-check did not accept.
 */
import { ComposeError } from './errors.js';

type Path = ReadonlyArray<string | number>;

const CONTENT_OBJECT =
  'give the content itself as a string or bytes (read a file or stream first; rawmail fetches no URLs)';

const TOP_LEVEL: Record<string, string> = {
  raw: 'rawmail composes the message itself; to send bytes you built elsewhere, pass them to @rawmail/ses (they are validated first)',
  watchHtml:
    "Apple Watch HTML has no field of its own; add it to `alternatives` as { contentType: 'text/watch-html', content }",
  encoding: 'use `textEncoding` (quoted-printable or base64) to force the encoding of the text bodies',
  attachDataUrls: 'turn data: images into `attachments` with a `cid` and refer to them as cid: in the HTML',
  disableUrlAccess: 'rawmail never fetches URLs, so there is nothing to disable; remove the option',
  disableFileAccess: 'remove the option and do not pass attachment `path`s from untrusted input',
  normalizeHeaderKey: 'header names are written as given in `headers`',
  newline: 'messages always use CRLF line breaks, as SES requires',
  baseBoundary: 'use the `boundary` option of compose (its second argument)',
  boundaryPrefix: 'use the `boundary` option of compose (its second argument)',
  ses: 'give SES request options (configuration set, tags, identity ARNs) to the sender in @rawmail/ses',
  otp: "write the header yourself: headers: { 'OTP-Token': … }",
};

const PART: Record<string, string> = {
  href: 'rawmail fetches no URLs: download it yourself and pass `content`',
  raw: 'build the part from `content`, `contentType` and `headers`',
  httpHeaders: 'rawmail fetches no URLs: download it yourself and pass `content`',
  tls: 'rawmail fetches no URLs: download it yourself and pass `content`',
  contentTransferEncoding:
    'the composer picks the transfer encoding (always base64 for attachments; see `textEncoding` for text)',
};

const ALTERNATIVE: Record<string, string> = {
  ...PART,
  path: 'read the file yourself and pass `content`',
  filename: 'an alternative is a body, not a file: use `attachments` for files',
  cid: 'use `attachments` with `cid` for inline parts',
  contentDisposition: 'an alternative is a body, not a file: use `attachments` for files',
};

const DKIM: Record<string, string> = {
  cacheDir: 'the message is signed in memory; remove the option',
  cacheTreshold: 'the message is signed in memory; remove the option',
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

function check(obj: Record<string, unknown>, table: Record<string, string>, path: Path): void {
  for (const key of Object.keys(obj)) {
    const use = Object.hasOwn(table, key) ? table[key] : undefined;
    if (use !== undefined && obj[key] !== undefined) {
      throw new ComposeError('compose.field-unsupported', `\`${key}\` is not supported: ${use}.`, [
        ...path,
        key,
      ]);
    }
  }
}

/** A body given as nodemailer's content object (`{ path }`, `{ href }`, `{ content }`) or as a stream. */
function checkBody(v: unknown, path: Path): void {
  if (isObject(v)) {
    throw new ComposeError(
      'compose.field-unsupported',
      `a content object is not supported here: ${CONTENT_OBJECT}.`,
      path,
    );
  }
}

/** Throws for a nodemailer field that rawmail does not support, naming it and what to use instead. */
export function refuseUnsupported(input: unknown): void {
  if (!isObject(input)) return;
  check(input, TOP_LEVEL, []);
  for (const key of ['text', 'html', 'amp'] as const) checkBody(input[key], [key]);
  const parts = (key: string, table: Record<string, string>) => {
    const list = input[key];
    if (!Array.isArray(list)) return;
    list.forEach((a, i) => {
      if (isObject(a)) check(a, table, [key, i]);
    });
  };
  parts('attachments', PART);
  parts('alternatives', ALTERNATIVE);
  if (isObject(input.dkim)) check(input.dkim, DKIM, ['dkim']);
}
