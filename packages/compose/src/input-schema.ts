/**
 * The zod schemas for `compose` input and options (the run-time validators of the types in `input-types.ts`), and
 * the translation of their failures into ComposeError.
 */
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { ComposeError } from './errors.js';
import type {
  AddressGroupInput,
  AddressInput,
  AddressListInput,
  AlternativeInput,
  AttachmentInput,
  ComposeInput,
  ComposeOptions,
  DkimInput,
  DkimKeyInput,
  EnvelopeInput,
  HeadersInput,
  ListValue,
  RecipientInput,
  RecipientListInput,
} from './input-types.js';
import type { Assert, Equals } from './type-equals.js';

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
const groupObject = z.strictObject({
  name: z.string(),
  group: z.array(addressItem),
});
const recipientItem = z.union([z.string(), mailboxObject, groupObject]);
const recipientList = z.union([recipientItem, z.array(recipientItem)]);

const headerValue = z.union([z.string(), z.array(z.string())]);
const headers = z.union([
  z.record(z.string(), headerValue),
  z.array(z.strictObject({ key: z.string(), value: z.string() })),
]);
const contentEncoding = z.enum(['utf8', 'utf-8', 'base64', 'hex', 'latin1', 'binary']);

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
    encoding: contentEncoding.optional(),
    headers: headers.optional(),
  })
  .refine((a) => (a.content === undefined) !== (a.path === undefined), {
    message: 'give exactly one of `content` or `path`',
  });

const alternative = z.strictObject({
  content: stringOrBytes,
  contentType: z.string().min(1, 'a contentType is required'),
  encoding: contentEncoding.optional(),
  headers: headers.optional(),
});

const privateKey = z.union([z.string(), z.strictObject({ key: z.string(), passphrase: z.string() })]);
const dkimKey = z.strictObject({
  domainName: z.string().min(1),
  keySelector: z.string().min(1),
  privateKey,
});
const dkim = z.strictObject({
  domainName: z.string().min(1).optional(),
  keySelector: z.string().min(1).optional(),
  privateKey: privateKey.optional(),
  keys: z.union([dkimKey, z.array(dkimKey)]).optional(),
  headerFieldNames: z.string().optional(),
  skipFields: z.string().optional(),
  hashAlgo: z.literal('sha256').optional(),
});

const envelope = z.strictObject({
  from: addressItem.optional(),
  to: addressList.optional(),
  cc: addressList.optional(),
  bcc: addressList.optional(),
});

/** Validates `compose` input. Field names follow nodemailer's message options. */
export const composeInputSchema = z.strictObject({
  from: addressList.optional(),
  sender: addressList.optional(),
  replyTo: addressList.optional(),
  to: recipientList.optional(),
  cc: recipientList.optional(),
  bcc: recipientList.optional(),
  subject: z.string().optional(),
  text: stringOrBytes.optional(),
  html: stringOrBytes.optional(),
  attachments: z.array(attachment).optional(),
  alternatives: z.array(alternative).optional(),
  amp: stringOrBytes.optional(),
  textEncoding: z.enum(['quoted-printable', 'base64']).optional(),
  envelope: envelope.optional(),
  xMailer: z.union([z.string(), z.literal(false)]).optional(),
  dkim: dkim.optional(),
  headers: headers.optional(),
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

// The documented interfaces and what the schemas accept must be the same types: if a schema or an interface
// changes without the other, these fail `tsc -b`.
type _InputTypesMatchSchemas = [
  Assert<Equals<AddressInput, z.input<typeof addressItem>>>,
  Assert<Equals<AddressListInput, z.input<typeof addressList>>>,
  Assert<Equals<AddressGroupInput, z.input<typeof groupObject>>>,
  Assert<Equals<RecipientInput, z.input<typeof recipientItem>>>,
  Assert<Equals<RecipientListInput, z.input<typeof recipientList>>>,
  Assert<Equals<HeadersInput, z.input<typeof headers>>>,
  Assert<Equals<AlternativeInput, z.input<typeof alternative>>>,
  Assert<Equals<DkimKeyInput, z.input<typeof dkimKey>>>,
  Assert<Equals<DkimInput, z.input<typeof dkim>>>,
  Assert<Equals<EnvelopeInput, z.input<typeof envelope>>>,
  Assert<Equals<ListValue, z.input<typeof listValue>>>,
  Assert<Equals<AttachmentInput, z.input<typeof attachment>>>,
  Assert<Equals<ComposeInput, z.input<typeof composeInputSchema>>>,
  Assert<Equals<ComposeOptions, z.input<typeof composeOptionsSchema>>>,
  // compose.ts hands the parsed values on as these types, so the schemas must not transform either.
  Assert<Equals<ComposeInput, z.output<typeof composeInputSchema>>>,
  Assert<Equals<ComposeOptions, z.output<typeof composeOptionsSchema>>>,
];

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
