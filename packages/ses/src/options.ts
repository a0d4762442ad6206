import { checkAddrSpec } from '@rawmail/mime/address';
import { z } from 'zod';
import { SesOptionsError } from './errors.js';

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', {
  message: 'must be a function',
});

const signal = z.custom<AbortSignal>((v) => v instanceof AbortSignal, { message: 'must be an AbortSignal' });

/** A pino-style logger: an object with `debug`, `info`, `warn` and `error` functions. */
const logger = z.custom<never>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    ['debug', 'info', 'warn', 'error'].every((k) => typeof (v as Record<string, unknown>)[k] === 'function'),
  { message: 'must be a logger with debug, info, warn and error functions (pino-style)' },
);

/** A bare ASCII address (`local@domain`), checked with the shared address parser. */
const asciiAddress = z.string().superRefine((value, ctx) => {
  const problems = checkAddrSpec(value);
  if (!/^[\x21-\x7e]+$/.test(value))
    ctx.addIssue({ code: 'custom', message: 'must be a bare ASCII address' });
  else if (problems.length > 0) ctx.addIssue({ code: 'custom', message: problems[0]!.message });
});

/** SES tag as the sender accepts it; name and value are checked by the validator (`ses.tag-invalid`). */
const tag = z.object({ name: z.string(), value: z.string() }).strict();

/** Schema of `retry`. */
export const retrySchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(20).optional(),
    baseDelayMs: z.number().min(0).max(60_000).optional(),
    maxDelayMs: z.number().min(0).max(600_000).optional(),
    ambiguous: z.boolean().optional(),
    attemptTimeoutMs: z.number().int().min(1).max(3_600_000).optional(),
    random: fn.optional(),
    sleep: fn.optional(),
  })
  .strict();

/** Schema of `createSesSender` options (the client and profile are checked separately). */
export const senderOptionsSchema = z
  .object({
    client: z.unknown(),
    profile: z.unknown().optional(),
    configurationSetName: z.string().optional(),
    tags: z.array(tag).optional(),
    retry: retrySchema.optional(),
    maxSendRate: z
      .union([z.number().positive().max(1_000_000), z.literal('account')], {
        message: "must be a positive number (recipients per second) or 'account'",
      })
      .optional(),
    onAttempt: fn.optional(),
    onBatch: fn.optional(),
    logger: logger.optional(),
  })
  .strict();

/** Schema of `send` options. */
export const sendOptionsSchema = z
  .object({
    source: z.string().optional(),
    destinations: z.array(z.string()).max(10_000).optional(),
    configurationSetName: z.string().optional(),
    tags: z.array(tag).optional(),
    sourceArn: z.string().min(1).optional(),
    fromArn: z.string().min(1).optional(),
    returnPathArn: z.string().min(1).optional(),
    feedbackForwardingAddress: asciiAddress.optional(),
    feedbackForwardingArn: z.string().min(1).optional(),
    listManagement: z
      .object({ contactListName: z.string().min(1), topicName: z.string().min(1).optional() })
      .strict()
      .optional(),
    tenantName: z.string().min(1).optional(),
    endpointId: z.string().min(1).optional(),
    signal: signal.optional(),
  })
  .strict();

/** Schema of `sendMany` options. */
export const sendManyOptionsSchema = sendOptionsSchema
  .omit({ destinations: true })
  .extend({
    batchSize: z.number().int().min(1).max(50).optional(),
    concurrency: z.number().int().min(1).max(256).optional(),
  })
  .strict();

/** Parses options with a schema; failures become `SesOptionsError` naming each bad option path. */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const problems = r.error.issues.map(
    (i) => `${i.path.length ? i.path.join('.') : '(options)'}: ${i.message}`,
  );
  throw new SesOptionsError('ses.options-invalid', `${what}: invalid options — ${problems.join('; ')}`);
}
