/**
 * `@rawmail/compose`: SES-ready MIME messages — 7-bit clean, CRLF, folded headers, RFC 2047/2231 names,
 * measured body encodings, streaming attachments.
 *
 * @packageDocumentation
 */

export { encodeWords } from '@rawmail/mime';
export {
  type ComposedMessage,
  type ComposedStream,
  compose,
  composeStream,
  type Envelope,
} from './compose.js';
export { ComposeError, type ComposeErrorCode } from './errors.js';
export type {
  AddressInput,
  AddressListInput,
  AttachmentInput,
  ComposeInput,
  ComposeOptions,
  ListValue,
} from './input-types.js';

/** Package version. */
export const VERSION = '0.1.0';
