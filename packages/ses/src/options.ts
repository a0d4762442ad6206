import { z } from 'zod';
import { SesOptionsError } from './errors.js';

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', {
  message: 'must be a function',
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
    maxSendRate: z.number().positive().max(1_000_000).optional(),
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
    repair: z.union([z.boolean(), z.object({ breakDkim: z.boolean().optional() }).strict()]).optional(),
  })
  .strict();

/** Schema of `sendMany` options. */
export const sendManyOptionsSchema = sendOptionsSchema
  .omit({ destinations: true, repair: true })
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
