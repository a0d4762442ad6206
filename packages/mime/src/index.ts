/**
 * `@rawmail/mime` — the wire layer under rawmail: one implementation of each codec, used for building
 * (`@rawmail/compose`), reading and repairing (`@rawmail/validate`) alike. Pure functions and small classes; no I/O,
 * no knowledge of whole messages. The RFC 5322 address parser is at `@rawmail/mime/address`.
 *
 * @packageDocumentation
 */
export * from './base64.js';
export * from './errors.js';
export * from './escape-controls.js';
export * from './header-fields.js';
export * from './header-writer.js';
export * from './limits.js';
export * from './params.js';
export * from './quoted-printable.js';
export * from './rfc2047-decode.js';
export * from './rfc2047-encode.js';
export * from './rfc2231-decode.js';
export * from './rfc2231-encode.js';
