import { Buffer } from 'node:buffer';
import { ValidateError, ValidateOptionsError } from '../errors.js';
import type { MessageInput } from '../types.js';

/** Wraps a Uint8Array as a Buffer without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Bytes read between two turns of the event loop: bigger inputs (a large Buffer or string, big stream chunks, or
 * many small chunks that are already buffered) are read in slices of this size, and `validate` yields between
 * them, so no stretch of synchronous work grows with the message (the header path runs at ≥ 10 MB/s on the worst
 * shapes, the body path far faster: a slice takes a few milliseconds).
 */
export const SLICE_BYTES = 256 * 1024;

/**
 * Largest piece handed to the reader at once (bigger ones are cut into views, no copy). The reader makes a latin1
 * string of each piece; pieces this small stay in the CPU caches, which on a loaded machine makes the body path
 * several times faster than megabyte pieces (measured: 8 MB message, 64 KB pieces 12–20 ms CPU, 256 KB or 1 MB
 * pieces 65–77 ms).
 */
export const PIECE_BYTES = 64 * 1024;

/** The bytes of an in-memory message (a string is encoded as UTF-8), or undefined for a stream. No copy of bytes. */
export function inMemoryBytes(message: MessageInput): Buffer | undefined {
  if (typeof message === 'string') return Buffer.from(message, 'utf8');
  if (message instanceof Uint8Array) return asBuffer(message);
  return undefined;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

/**
 * The iterator of a stream input. Throws `ValidateOptionsError` (`validate.message-type`) when the message is
 * neither bytes, a string nor an async iterable.
 */
export function streamIterator(message: MessageInput): AsyncIterator<unknown> {
  if (!isAsyncIterable(message)) {
    throw new ValidateOptionsError(
      'validate.message-type',
      `validate() expects the message as a Uint8Array, a string, a Readable or an AsyncIterable<Uint8Array>; got ${describe(message)}.`,
    );
  }
  return message[Symbol.asyncIterator]();
}

/** One chunk a stream yielded, as bytes; `ValidateError` (`validate.read-failed`) for anything but bytes or a string. */
export function chunkBytes(chunk: unknown): Buffer {
  if (chunk instanceof Uint8Array) return asBuffer(chunk);
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new ValidateError(
    'validate.read-failed',
    `The message stream yielded ${describe(chunk)}; it must yield Uint8Array (or string) chunks.`,
  );
}

/** A stream failure as `ValidateError` (`validate.read-failed`); a `ValidateError` is passed on unchanged. */
export function readFailed(error: unknown): ValidateError {
  if (error instanceof ValidateError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new ValidateError('validate.read-failed', `Reading the message stream failed: ${reason}`, {
    cause: error,
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `an object (${value.constructor?.name ?? 'Object'})` : typeof value;
}
