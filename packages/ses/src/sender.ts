import { type AttemptContext, sendWithRetries } from './attempt-loop.js';
import { defaultSleep, resolveRetryPolicy } from './backoff.js';
import { type ApiVersion, type AwsClientLike, detectApiVersion, loadSendCommand } from './client-kind.js';
import { SesOptionsError } from './errors.js';
import { normalizeMessage } from './message-input.js';
import { parseOptions, senderOptionsSchema, sendOptionsSchema } from './options.js';
import { prepare, type SenderCore } from './prepare.js';
import { RateLimiter } from './rate-limiter.js';
import { toCommandInput } from './request.js';
import { sendManyWith } from './send-many.js';
import type { SendResult, SesSender, SesSenderOptions } from './sender-types.js';

/**
 * Creates a validate-then-send sender for an SESv2Client (`SendEmail` with `Content.Raw`) or an SESClient
 * (`SendRawEmail`). Nothing that fails validation is ever sent; errors become `SesSendError`; retries follow
 * `retry` (the SDK's own retries are switched off for these sends).
 *
 * @example
 * ```ts
 * const sender = createSesSender({ client: new SESv2Client({ region: 'eu-west-1' }) });
 * const { messageId } = await sender.send(await compose({ from, to, subject, text }));
 * ```
 */
export function createSesSender(options: SesSenderOptions): SesSender {
  const parsed = parseOptions(senderOptionsSchema, options, 'createSesSender');
  const client = parsed.client as AwsClientLike;
  if (typeof client !== 'object' || client === null || typeof client.send !== 'function') {
    throw new SesOptionsError(
      'ses.client-unsupported',
      'createSesSender: `client` must be an SESv2Client (@aws-sdk/client-sesv2) or an SESClient (@aws-sdk/client-ses).',
    );
  }
  const policy = resolveRetryPolicy(options.retry);
  const limiter =
    options.maxSendRate === undefined
      ? undefined
      : new RateLimiter(options.maxSendRate, () => performance.now(), defaultSleep);
  let ctx: Promise<{ api: ApiVersion; attempt: AttemptContext }> | undefined;
  const core: SenderCore = {
    options,
    context: () => {
      ctx ??= (async () => {
        const api = await detectApiVersion(client);
        const Command = await loadSendCommand(api);
        return { api, attempt: { client, Command, policy, limiter } };
      })();
      ctx.catch(() => {
        ctx = undefined;
      });
      return ctx;
    },
  };

  return {
    apiVersion: async () => (await core.context()).api,
    region: async () => {
      const region = (client.config as { region?: unknown }).region;
      try {
        const value = typeof region === 'function' ? await (region as () => unknown)() : region;
        return typeof value === 'string' ? value : undefined;
      } catch {
        return undefined;
      }
    },
    async send(message, sendOptions): Promise<SendResult> {
      const opts = parseOptions(sendOptionsSchema, sendOptions, 'send');
      const normalized = normalizeMessage(message); // before any await: snapshot of the caller's bytes
      const prepared = await prepare(core, normalized, opts);
      const { attempt } = await core.context();
      const input = toCommandInput(prepared.api, prepared.request);
      const r = prepared.request.recipients;
      const destinations = [...r.to, ...r.cc, ...r.bcc];
      const out = await sendWithRetries(attempt, input, destinations.length);
      const result: SendResult = {
        messageId: out.messageId,
        attempts: out.attempts,
        report: prepared.report,
        destinations,
      };
      if (prepared.fixes !== undefined) result.fixes = prepared.fixes;
      return result;
    },
    sendMany: (message, recipients, manyOptions) => sendManyWith(core, message, recipients, manyOptions),
  };
}
