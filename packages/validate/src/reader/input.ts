import { Buffer } from 'node:buffer';
import { ValidateError, ValidateOptionsError } from '../errors.js';
import type { MessageInput } from '../types.js';

/** Wraps a Uint8Array as a Buffer without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Largest chunk handed to the reader; bigger inputs are cut into views (no copy). */
export const MAX_CHUNK_BYTES = 1024 * 1024;

/** The chunks of an in-memory message (string or bytes), or undefined for a stream. No copy. */
export function inMemoryChunks(message: MessageInput): Buffer[] | undefined {
  const buf =
    typeof message === 'string'
      ? Buffer.from(message, 'utf8')
      : message instanceof Uint8Array
        ? asBuffer(message)
        : undefined;
  if (buf === undefined) return undefined;
  return buf.length <= MAX_CHUNK_BYTES ? [buf] : [...slices(buf)];
}

function* slices(buf: Buffer): Generator<Buffer> {
  if (buf.length <= MAX_CHUNK_BYTES) {
    yield buf;
    return;
  }
  for (let i = 0; i < buf.length; i += MAX_CHUNK_BYTES) yield buf.subarray(i, i + MAX_CHUNK_BYTES);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

/**
 * Turns any accepted message input into byte chunks. Strings are encoded as UTF-8 (what would be sent).
 * Throws `ValidateOptionsError` (`validate.message-type`) for anything else, and `ValidateError`
 * (`validate.read-failed`) when a stream fails or yields something other than bytes or strings.
 */
export async function* messageChunks(message: MessageInput): AsyncGenerator<Buffer> {
  if (typeof message === 'string') {
    yield* slices(Buffer.from(message, 'utf8'));
    return;
  }
  if (message instanceof Uint8Array) {
    yield* slices(asBuffer(message));
    return;
  }
  if (!isAsyncIterable(message)) {
    throw new ValidateOptionsError(
      'validate.message-type',
      `validate() expects the message as a Uint8Array, a string, a Readable or an AsyncIterable<Uint8Array>; got ${describe(message)}.`,
    );
  }
  try {
    for await (const chunk of message) {
      if (chunk instanceof Uint8Array) yield* slices(asBuffer(chunk));
      else if (typeof chunk === 'string') yield* slices(Buffer.from(chunk, 'utf8'));
      else
        throw new ValidateError(
          'validate.read-failed',
          `The message stream yielded ${describe(chunk)}; it must yield Uint8Array (or string) chunks.`,
        );
    }
  } catch (error) {
    if (error instanceof ValidateError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidateError('validate.read-failed', `Reading the message stream failed: ${reason}`, {
      cause: error,
    });
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `an object (${value.constructor?.name ?? 'Object'})` : typeof value;
}
