import { Buffer } from 'node:buffer';
import { escapeControls } from '@rawmail/mime';
import { ValidateError, ValidateOptionsError } from '../errors.js';
import { resolveOptions } from '../options.js';
import { asBuffer, chunkBytes, readFailed, streamIterator } from '../reader/input.js';
import type { MessageInput, ValidationReport } from '../types.js';
import { validate, validateAlongside } from '../validate.js';
import { type Plan, Planner } from './plan.js';
import type { RepairFix, RepairOptions, RepairResult } from './types.js';
import { Writer } from './writer.js';

/** Rule codes a repair can fix (in some of their cases; see docs/repair.md). */
export const REPAIRABLE_CODES: ReadonlySet<string> = new Set([
  'header.non-ascii',
  'address.domain-non-ascii',
  'encoded-word.too-long',
  'encoded-word.invalid',
  'line.too-long',
  'line.bare-newline',
  'body.8bit',
  'mime.version-missing',
  'header.bcc-present',
  'header.duplicate',
  'mime.base64-invalid',
  'mime.boundary-not-found',
  'mime.encoding-unknown',
]);

/** Embedded messages are repaired inside down to this depth; deeper ones are left as they are. */
export const MAX_EMBEDDED_DEPTH = 8;

interface Rewrite {
  raw: Buffer;
  fixes: RepairFix[];
  skipped: RepairFix[];
  destinations: string[];
}

interface Settings {
  onceOnly: ReadonlySet<string>;
  breakDkim: boolean;
}

/**
 * Validates a message in memory, plans its changes and records where everything is, in one reading. The
 * report is `validate`'s report of the input.
 */
function plan(
  bytes: Buffer,
  options: RepairOptions | undefined,
  settings: Settings,
  embedded: boolean,
): { report: ValidationReport; planner: Planner; writer: Writer } {
  const planner = new Planner(settings.onceOnly, settings.breakDkim, embedded);
  const writer = new Writer(bytes);
  const report = validateAlongside(bytes, options, [planner, writer]);
  return { report, planner, writer };
}

/**
 * The writing pass, with the plan made (and the layout recorded) while the message was validated. `embedded` is
 * the nesting depth of a message inside a message/rfc822 part.
 */
function write(bytes: Buffer, plan: Plan, writer: Writer, settings: Settings, embedded: number): Rewrite {
  const unchanged: Rewrite = { raw: bytes, fixes: [], skipped: plan.skipped, destinations: [] };
  if (plan.fixes.length === 0 && !plan.newlines) return unchanged;
  const written = writer.assemble(plan, (inner) =>
    embedded + 1 >= MAX_EMBEDDED_DEPTH
      ? { raw: inner, fixes: [] }
      : planAndWrite(inner, settings, embedded + 1),
  );
  // A header line longer than the reader's header-section limit is not handed on whole: leave such a message.
  if (written.raw === undefined) return { ...unchanged, skipped: [] };
  if (written.raw.equals(bytes)) return unchanged;
  const withdrawn = new Set(written.withdrawn);
  const fixes = [...plan.fixes.filter((f) => !withdrawn.has(f)), ...written.fixes];
  return { raw: written.raw, fixes, skipped: plan.skipped, destinations: plan.destinations };
}

/** Plans (in a validation pass of its own) and writes an embedded message: its Bcc header is content, and stays. */
function planAndWrite(bytes: Buffer, settings: Settings, embedded: number): Rewrite {
  const { planner, writer } = plan(bytes, { profile: 'rfc5322' }, settings, true);
  return write(bytes, planner.finish(), writer, settings, embedded);
}

/** A fix whose message quotes the message's bytes (a boundary, a header name) with control characters escaped. */
function escaped(fix: RepairFix): RepairFix {
  return { ...fix, message: escapeControls(fix.message) };
}

/** A stream repaired under a profile without a size cap (rfc5322) is held in memory up to this many bytes. */
export const MAX_REPAIR_STREAM_BYTES = 64 * 1024 * 1024;

/**
 * The whole message in memory. A stream is read up to the profile's size cap (one chunk past it, so that the
 * report says `message.too-large`) and then closed: an endless stream settles instead of filling memory.
 */
async function collect(message: MessageInput, cap: number | null): Promise<Buffer> {
  if (typeof message === 'string') return Buffer.from(message, 'utf8');
  if (message instanceof Uint8Array) return asBuffer(message);
  const limit = cap ?? MAX_REPAIR_STREAM_BYTES;
  const chunks = streamIterator(message);
  const parts: Buffer[] = [];
  let total = 0;
  for (;;) {
    let next: IteratorResult<unknown>;
    try {
      next = await chunks.next();
    } catch (error) {
      throw readFailed(error);
    }
    if (next.done) return Buffer.concat(parts, total);
    const chunk = chunkBytes(next.value);
    parts.push(chunk);
    total += chunk.length;
    if (total > limit) {
      Promise.resolve(chunks.return?.()).catch(() => {});
      if (cap !== null) return Buffer.concat(parts, total);
      throw new ValidateError(
        'validate.read-failed',
        `repair() holds a message in memory and stopped reading the stream after ${total} bytes (more than ${MAX_REPAIR_STREAM_BYTES} under a profile without a size cap); give a profile with a cap, or repair smaller messages.`,
      );
    }
  }
}

/**
 * Makes a message that SES would refuse (or a receiving server would bounce) into one it accepts, without
 * changing what a reader decodes from it: header text, display names and addresses, bodies as text, attachment
 * bytes, file names and content types. Only what the rules flag is rewritten; every other header field and part
 * comes out byte-identical, and a message that needs nothing is returned as it is (`changed: false`).
 *
 * What is fixed, and what never is (and why), is the table in docs/repair.md. Problems that cannot be fixed
 * without guessing stay in `report` as errors. A fix that would invalidate a `DKIM-Signature` is not made unless
 * `options.breakDkim` is set; `multipart/signed`, `multipart/encrypted` and PKCS #7 contents are never changed.
 *
 * Never throws because of the message's bytes. Throws `ValidateOptionsError` for malformed options or a
 * message of the wrong type, and `ValidateError` (`validate.read-failed`) when a message stream fails. A stream
 * is read into memory first (the result is assembled from its untouched bytes, and `raw` is returned as bytes).
 *
 * @param message - The raw message: bytes, a string (sent as UTF-8), a Readable or an AsyncIterable of bytes.
 * @param options - The options of `validate` (profile, SES parameters), and `breakDkim`.
 * @returns The repaired bytes, the fixes made, the fixes withheld, the report of the result, and the addresses of
 *   a removed Bcc header (to be added to the envelope).
 *
 * @example
 * ```ts
 * const { raw, fixes, report, destinations } = await repair(rawBytes, { profile: 'ses-v2' });
 * for (const f of fixes) console.log(f.code, f.message);
 * if (report.ok) await send(raw, { destinations: [...to, ...destinations] });
 * ```
 */
export async function repair(message: MessageInput, options?: RepairOptions): Promise<RepairResult> {
  const { breakDkim, ...validateOptions } = options ?? {};
  if (breakDkim !== undefined && typeof breakDkim !== 'boolean') {
    const problem = { path: 'breakDkim', message: `expected a boolean, got ${typeof breakDkim}` };
    throw new ValidateOptionsError(
      'validate.options-invalid',
      `Invalid repair() options: breakDkim: ${problem.message}`,
      [problem],
    );
  }
  const resolved = resolveOptions(validateOptions);
  const bytes = await collect(message, resolved.profile.maxMessageBytes);
  const settings: Settings = {
    onceOnly: new Set(resolved.profile.onceOnlyHeaders),
    breakDkim: breakDkim === true,
  };
  // One pass validates the input and plans the changes; a message with nothing fixable is returned as it is.
  const { report: first, planner, writer } = plan(bytes, validateOptions, settings, false);
  const raw = message instanceof Uint8Array ? message : bytes;
  const unchanged = (report: ValidationReport, skipped: RepairFix[] = []): RepairResult => ({
    raw,
    changed: false,
    fixes: [],
    skipped,
    report,
    destinations: [],
  });
  if (!first.issues.some((i) => REPAIRABLE_CODES.has(i.code))) return unchanged(first);
  const result = write(bytes, planner.finish(), writer, settings, 0);
  if (result.raw === bytes) return unchanged(first, result.skipped.map(escaped));
  const destinations = [...new Set(result.destinations)];
  const report = await validate(result.raw, {
    ...validateOptions,
    ...(destinations.length > 0
      ? { destinations: [...(validateOptions.destinations ?? []), ...destinations] }
      : {}),
  });
  return {
    raw: result.raw,
    changed: true,
    fixes: result.fixes.map(escaped),
    skipped: result.skipped.map(escaped),
    report,
    destinations,
  };
}
