import { escapeControls } from '@rawmail/mime';
import type { SesErrorCode, SesSendError } from './errors.js';
import type { BatchResult } from './sender-types.js';

/**
 * A pino-style logger (pino, bunyan-like wrappers, or `console`): each method takes a fields object first and a
 * message second. The sender logs each attempt (`debug` when SES accepted it, `warn` when it will be retried,
 * `error` when it failed for good) and each `sendMany` batch (`info`).
 */
export interface SesLogger {
  /** Per-attempt success. */
  debug(fields: object, message: string): void;
  /** A `sendMany` batch settled; the account's quota read by `verify()` / `maxSendRate: 'account'`. */
  info(fields: object, message: string): void;
  /** An attempt failed and will be retried after `delayMs`. */
  warn(fields: object, message: string): void;
  /** A send or batch failed for good; a hook threw. */
  error(fields: object, message: string): void;
}

/** One request to SES and its outcome, passed to `onAttempt` after the attempt settled. */
export interface AttemptEvent {
  /** 1 for the first request of a send, 2 for the first retry, … */
  attempt: number;
  /** The sender's `retry.maxAttempts`. */
  maxAttempts: number;
  /** Envelope recipients of the request. */
  recipients: number;
  /** Index of the `sendMany` batch this request belongs to; absent for `send`. */
  batch?: number;
  /** `sent`: SES accepted the request; `failed`: see `error`. */
  outcome: 'sent' | 'failed';
  /** SES's MessageId when `outcome` is `sent`. */
  messageId?: string;
  /** The failure's code when `outcome` is `failed`. */
  code?: SesErrorCode;
  /** The failure when `outcome` is `failed`. */
  error?: SesSendError;
  /** The request may have reached SES although it failed (reset, timeout, abort in flight). */
  ambiguous: boolean;
  /** Another attempt follows, after `delayMs`. */
  willRetry: boolean;
  /** Backoff in ms before the next attempt, when `willRetry`. */
  delayMs?: number;
  /** Time the request took, in ms. */
  durationMs: number;
}

/** A settled `sendMany` batch, passed to `onBatch`: the batch's result plus progress. */
export interface BatchEvent extends BatchResult {
  /** Index of the batch (its position in `SendManyResult.batches`). */
  index: number;
  /** Number of batches of this `sendMany`. */
  total: number;
  /** Batches settled so far, this one included. */
  settled: number;
}

/** Observability options of `createSesSender`. */
export interface SesObservers {
  /** Called after every request to SES (every attempt, retries included). */
  onAttempt?: (event: AttemptEvent) => void;
  /** Called when a `sendMany` batch settles (sent, failed or not attempted), in settling order. */
  onBatch?: (event: BatchEvent) => void;
  /** Logs attempts and batches; see `SesLogger`. */
  logger?: SesLogger;
}

/**
 * Calls an observer without letting it break a send: an exception from a hook is logged with `logger.error`, or
 * emitted as a process warning when there is no logger, and the send goes on.
 */
export function notify<E>(observers: SesObservers, hook: ((event: E) => void) | undefined, event: E): void {
  if (!hook) return;
  try {
    hook(event);
  } catch (e) {
    const message = `@rawmail/ses: an observer hook threw: ${e instanceof Error ? e.message : String(e)}`;
    if (observers.logger) safeLog(observers, 'error', { err: e }, escapeControls(message));
    else process.emitWarning(escapeControls(message), 'RawmailSesHookWarning');
  }
}

/** Logs through the user's logger; a logger that throws is reported as a process warning, not to the send. */
export function safeLog(
  observers: SesObservers,
  level: keyof SesLogger,
  fields: object,
  message: string,
): void {
  const logger = observers.logger;
  if (!logger) return;
  try {
    logger[level](fields, message);
  } catch (e) {
    process.emitWarning(
      escapeControls(
        `@rawmail/ses: the logger's ${level}() threw: ${e instanceof Error ? e.message : String(e)}`,
      ),
      'RawmailSesHookWarning',
    );
  }
}
