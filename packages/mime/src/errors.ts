/** Every code a {@link MimeError} can carry. Codes are public API: match on them, not on messages. */
export type MimeErrorCode = 'mime.header-too-long';

/**
 * The error the wire layer throws when asked to write something the wire format cannot carry. Packages above it
 * (compose) turn it into their own error type; it reaches a user only through direct use of `@rawmail/mime`.
 */
export class MimeError extends Error {
  /** Always `MimeError`. */
  override readonly name = 'MimeError';
  /** Stable machine-readable code. */
  readonly code: MimeErrorCode;
  /** Extra context, such as the header name. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: MimeErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
