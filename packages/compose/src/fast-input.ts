/**
 * A hand-written pre-check of `compose` input and options for the common shapes. It accepts only values the zod
 * schemas in `input-schema.ts` accept (and returns them unchanged: the schemas transform nothing); anything else —
 * including every invalid value, group objects, and the rarer fields (`headers`, `list`, `icalEvent`, `alternatives`, `amp`,
 * `envelope`, `dkim`, `textEncoding`, `xMailer`, attachment `headers`) — answers `undefined`, and
 * the caller parses with zod as before, so errors and their messages are zod's. It saves the zod parse (about a
 * tenth of composing a typical message) without a second definition of what is valid: a test checks it against
 * the schemas.
 */
import type { ComposeInput, ComposeOptions } from './input-types.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown) => v === undefined || typeof v === 'string';
const optNonEmpty = (v: unknown) => v === undefined || (typeof v === 'string' && v.length >= 1);
const isIterable = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';

function addressItem(v: unknown): boolean {
  if (typeof v === 'string') return true;
  if (!isObject(v)) return false;
  for (const k in v) if (k !== 'name' && k !== 'address') return false;
  return optString(v.name) && typeof v.address === 'string' && v.address.length >= 1;
}

function optAddressList(v: unknown): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v)) return addressItem(v);
  for (let i = 0; i < v.length; i++) if (!addressItem(v[i])) return false;
  return true;
}

const optStringOrBytes = (v: unknown) => v === undefined || typeof v === 'string' || v instanceof Uint8Array;

const ATTACHMENT_KEYS = new Set([
  'filename',
  'content',
  'path',
  'contentType',
  'cid',
  'contentDisposition',
  'encoding',
]);
const ENCODINGS = new Set(['utf8', 'utf-8', 'base64', 'hex', 'latin1', 'binary']);

function attachment(a: unknown): boolean {
  if (!isObject(a)) return false;
  for (const k in a) if (!ATTACHMENT_KEYS.has(k)) return false;
  const c = a.content;
  const d = a.contentDisposition;
  return (
    (a.filename === undefined || a.filename === false || typeof a.filename === 'string') &&
    (c === undefined || typeof c === 'string' || c instanceof Uint8Array || isIterable(c)) &&
    optNonEmpty(a.path) &&
    optString(a.contentType) &&
    optNonEmpty(a.cid) &&
    (d === undefined || d === 'attachment' || d === 'inline') &&
    (a.encoding === undefined || (typeof a.encoding === 'string' && ENCODINGS.has(a.encoding))) &&
    (c === undefined) !== (a.path === undefined)
  );
}

const INPUT_KEYS = new Set([
  'from',
  'sender',
  'replyTo',
  'to',
  'cc',
  'bcc',
  'subject',
  'text',
  'html',
  'attachments',
  'messageId',
  'date',
  'inReplyTo',
  'references',
  'priority',
]);

/** `input` itself when it is certainly valid `compose` input, else `undefined` (then parse with zod). */
export function fastInput(input: unknown): ComposeInput | undefined {
  if (!isObject(input)) return undefined;
  for (const k in input) if (!INPUT_KEYS.has(k)) return undefined;
  const { date, references: refs, priority, attachments } = input;
  if (
    !optAddressList(input.from) ||
    !optAddressList(input.sender) ||
    !optAddressList(input.replyTo) ||
    !optAddressList(input.to) ||
    !optAddressList(input.cc) ||
    !optAddressList(input.bcc) ||
    !optString(input.subject) ||
    !optStringOrBytes(input.text) ||
    !optStringOrBytes(input.html) ||
    !optString(input.messageId) ||
    !optString(input.inReplyTo) ||
    !(
      date === undefined ||
      typeof date === 'string' ||
      (date instanceof Date && !Number.isNaN(date.getTime()))
    ) ||
    !(priority === undefined || priority === 'high' || priority === 'normal' || priority === 'low')
  )
    return undefined;
  if (refs !== undefined && typeof refs !== 'string') {
    if (!Array.isArray(refs)) return undefined;
    for (let i = 0; i < refs.length; i++) if (typeof refs[i] !== 'string') return undefined;
  }
  if (attachments !== undefined) {
    if (!Array.isArray(attachments)) return undefined;
    for (let i = 0; i < attachments.length; i++) if (!attachment(attachments[i])) return undefined;
  }
  return input as ComposeInput;
}

const OPTION_KEYS = new Set([
  'boundary',
  'messageId',
  'date',
  'hostname',
  'charset',
  'legacyAttachmentNames',
]);
const optFunction = (v: unknown) => v === undefined || typeof v === 'function';

/** `options` itself (or `{}` for none) when certainly valid, else `undefined` (then parse with zod). */
export function fastOptions(options: unknown): ComposeOptions | undefined {
  if (options === undefined || options === null) return {};
  if (!isObject(options)) return undefined;
  for (const k in options) if (!OPTION_KEYS.has(k)) return undefined;
  const o = options;
  if (
    optFunction(o.boundary) &&
    optFunction(o.messageId) &&
    optFunction(o.date) &&
    optNonEmpty(o.hostname) &&
    optNonEmpty(o.charset) &&
    (o.legacyAttachmentNames === undefined || typeof o.legacyAttachmentNames === 'boolean')
  )
    return o as ComposeOptions;
  return undefined;
}
