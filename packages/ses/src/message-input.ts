import { SesOptionsError } from './errors.js';

/** The parts of `compose()`'s result the sender uses (structural, so any composer's output works). */
export interface ComposedMessageLike {
  /** The message bytes; copied before validation, and those exact bytes are sent. */
  raw: Uint8Array;
  /** The composed envelope. */
  envelope: {
    /** Envelope sender: the default `source` (`Source` / `FromEmailAddress`) when the `source` option is not given. */
    from?: string;
    /** Envelope recipients: the default destinations when the `destinations` option is not given. */
    to: string[];
  };
}

/** What `send` accepts: raw bytes, a string (sent as UTF-8), or the object `compose()` returns. */
export type SendableMessage = Uint8Array | string | ComposedMessageLike;

/** The bytes to validate and send, and the composed envelope when there is one. */
export interface NormalizedMessage {
  bytes: Uint8Array;
  envelope?: { from?: string; to: string[] };
}

function isComposed(m: unknown): m is ComposedMessageLike {
  if (typeof m !== 'object' || m === null) return false;
  const c = m as { raw?: unknown; envelope?: { to?: unknown } };
  return c.raw instanceof Uint8Array && typeof c.envelope === 'object' && Array.isArray(c.envelope?.to);
}

/**
 * Turns a `SendableMessage` into bytes (plus envelope); anything else is refused with `ses.message-type`.
 * Byte input is copied, synchronously: call it before the first `await`, so the bytes sent are exactly the bytes
 * validated whatever the caller does to its buffer afterwards.
 */
export function normalizeMessage(message: unknown): NormalizedMessage {
  if (message instanceof Uint8Array) return { bytes: Uint8Array.prototype.slice.call(message) };
  if (typeof message === 'string') return { bytes: Buffer.from(message, 'utf8') };
  if (isComposed(message)) {
    const to = message.envelope.to.filter((a): a is string => typeof a === 'string');
    return {
      bytes: Uint8Array.prototype.slice.call(message.raw),
      envelope: { from: message.envelope.from, to },
    };
  }
  throw new SesOptionsError(
    'ses.message-type',
    'send: `message` must be a Uint8Array, a string, or the object compose() returns ({ raw, envelope }).',
  );
}
