/** The zod schemas for `compose` input and options, and the translation of their failures into ComposeError. */
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { ComposeError } from './errors.js';

const isIterable = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
// Single custom checks instead of unions for the hot fields: a failed union branch costs an issue object.
const stringOrBytes = z.custom<string | Uint8Array>((v) => typeof v === 'string' || v instanceof Uint8Array, {
  message: 'expected a string or a Uint8Array/Buffer',
});
const attachmentContent = z.custom<string | Uint8Array | Readable | AsyncIterable<Uint8Array | string>>(
  (v) => typeof v === 'string' || v instanceof Uint8Array || isIterable(v),
  {
    message:
      'expected a string, a Uint8Array/Buffer, a Readable or an AsyncIterable of Uint8Array/string chunks',
  },
);

const mailboxObject = z.strictObject({
  name: z.string().optional(),
  address: z.string().min(1, 'an address is required'),
});
const addressItem = z.union([z.string(), mailboxObject]);
const addressList = z.union([addressItem, z.array(addressItem)]);

const listValue = z.union([z.string(), z.strictObject({ url: z.string(), comment: z.string().optional() })]);
const listField = z.union([listValue, z.array(listValue)]);

const attachment = z
  .strictObject({
    filename: z.union([z.string(), z.literal(false)]).optional(),
    content: attachmentContent.optional(),
    path: z.string().min(1).optional(),
    contentType: z.string().optional(),
    cid: z.string().min(1).optional(),
    contentDisposition: z.enum(['attachment', 'inline']).optional(),
    encoding: z.enum(['utf8', 'utf-8', 'base64', 'hex', 'latin1', 'binary']).optional(),
  })
  .refine((a) => (a.content === undefined) !== (a.path === undefined), {
    message: 'give exactly one of `content` or `path`',
  });

const headerValue = z.union([z.string(), z.array(z.string())]);

/** Validates `compose` input. Field names follow nodemailer's message options. */
export const composeInputSchema = z.strictObject({
  from: addressList.optional(),
  sender: addressList.optional(),
  replyTo: addressList.optional(),
  to: addressList.optional(),
  cc: addressList.optional(),
  bcc: addressList.optional(),
  subject: z.string().optional(),
  text: stringOrBytes.optional(),
  html: stringOrBytes.optional(),
  attachments: z.array(attachment).optional(),
  headers: z
    .union([
      z.record(z.string(), headerValue),
      z.array(z.strictObject({ key: z.string(), value: z.string() })),
    ])
    .optional(),
  messageId: z.string().optional(),
  date: z.union([z.date(), z.string()]).optional(),
  inReplyTo: z.string().optional(),
  references: z.union([z.string(), z.array(z.string())]).optional(),
  priority: z.enum(['high', 'normal', 'low']).optional(),
  list: z
    .strictObject({
      help: listField.optional(),
      unsubscribe: listField.optional(),
      subscribe: listField.optional(),
      post: listField.optional(),
      owner: listField.optional(),
      archive: listField.optional(),
      id: listValue.optional(),
      unsubscribePost: z.boolean().optional(),
    })
    .optional(),
  icalEvent: z
    .strictObject({
      method: z.string().optional(),
      content: stringOrBytes,
      filename: z.string().optional(),
    })
    .optional(),
});

/** Validates `compose` options. */
export const composeOptionsSchema = z.strictObject({
  boundary: z
    .custom<(index: number) => string>((v) => typeof v === 'function', 'expected a function')
    .optional(),
  messageId: z.custom<() => string>((v) => typeof v === 'function', 'expected a function').optional(),
  date: z.custom<() => Date>((v) => typeof v === 'function', 'expected a function').optional(),
  hostname: z.string().min(1).optional(),
  charset: z.string().min(1).optional(),
  legacyAttachmentNames: z.boolean().optional(),
});

/** An address: `'a@b.example'`, `'Name <a@b.example>'`, or `{ name, address }`. */
export type AddressInput = z.input<typeof addressItem>;
/** One or several addresses (a string may hold a comma-separated list). */
export type AddressListInput = z.input<typeof addressList>;
/** A List-* header value: a URL (or mail address) with an optional comment. */
export type ListValue = z.input<typeof listValue>;
/** One attachment, nodemailer-style. */
export type AttachmentInput = z.input<typeof attachment>;
/** Everything `compose` accepts. */
export type ComposeInput = z.input<typeof composeInputSchema>;
/** Options for deterministic output and body charset. */
export type ComposeOptions = z.input<typeof composeOptionsSchema>;

/** Parses with `schema`, throwing a ComposeError with the first issue's path and message. */
export function parseOrThrow<T>(
  schema: z.ZodType<T>,
  value: unknown,
  code: 'compose.input-invalid' | 'compose.options-invalid',
  root: string[],
): T {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = [...root, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  let message = issue.message;
  if (issue.code === 'unrecognized_keys')
    message = `unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  throw new ComposeError(code, `${message}.`, path, { issues: r.error.issues });
}
