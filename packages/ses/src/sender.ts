import { readAccount } from './account.js';
import { type AttemptContext, sendWithRetries } from './attempt-loop.js';
import { defaultSleep, resolveRetryPolicy } from './backoff.js';
import { checkClientConfig } from './client-config.js';
import { type ApiVersion, type AwsClientLike, detectApiVersion, loadSendCommand } from './client-kind.js';
import { SesOptionsError, SesSendError } from './errors.js';
import { normalizeMessage } from './message-input.js';
import { type SesObservers, safeLog } from './observe.js';
import { parseOptions, senderOptionsSchema, sendOptionsSchema } from './options.js';
import { prepare, type SenderCore } from './prepare.js';
import { RateLimiter } from './rate-limiter.js';
import { toCommandInput } from './request.js';
import { sendManyWith } from './send-many.js';
import type { SendResult, SesSender, SesSenderOptions } from './sender-types.js';

/**
 * Creates a validate-then-send sender for an SESv2Client (`SendEmail` with `Content.Raw`) or an SESClient
 * (`SendRawEmail`). Nothing that fails validation is ever sent; errors become `SesSendError`; retries follow
 * `retry` (the SDK's own retries are switched off for these sends). Before the first request the client's region
 * and credentials are resolved once: a client without them is an `SesOptionsError`.
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
  const observers: SesObservers = {};
  if (options.onAttempt) observers.onAttempt = options.onAttempt;
  if (options.onBatch) observers.onBatch = options.onBatch;
  if (options.logger) observers.logger = options.logger;
  const limiterFor = (rate: number) => new RateLimiter(rate, () => performance.now(), defaultSleep);

  let api: Promise<ApiVersion> | undefined;
  const apiVersion = () => {
    api ??= detectApiVersion(client);
    api.catch(() => {
      api = undefined;
    });
    return api;
  };
  let configured: Promise<void> | undefined;
  const configuredClient = () => {
    configured ??= checkClientConfig(client, policy.attemptTimeoutMs);
    configured.catch(() => {
      configured = undefined;
    });
    return configured;
  };
  const account: SesSender['account'] = async (accountOptions) => {
    const version = await apiVersion();
    await configuredClient();
    return readAccount(client, version, policy.attemptTimeoutMs, accountOptions?.signal);
  };

  let ctx: Promise<{ api: ApiVersion; attempt: AttemptContext }> | undefined;
  const core: SenderCore = {
    options,
    context: () => {
      ctx ??= (async () => {
        const version = await apiVersion();
        await configuredClient();
        const Command = await loadSendCommand(version);
        let limiter: RateLimiter | undefined;
        if (typeof options.maxSendRate === 'number') limiter = limiterFor(options.maxSendRate);
        else if (options.maxSendRate === 'account') limiter = limiterFor(await accountRate());
        return { api: version, attempt: { client, Command, policy, limiter, observers } };
      })();
      ctx.catch(() => {
        ctx = undefined;
      });
      return ctx;
    },
  };

  async function accountRate(): Promise<number> {
    let info: Awaited<ReturnType<typeof account>>;
    try {
      info = await account();
    } catch (e) {
      if (!(e instanceof SesSendError)) throw e;
      throw new SesSendError(`maxSendRate: 'account' could not read the account's send rate: ${e.message}`, {
        code: e.code,
        retryable: e.retryable,
        ambiguous: false,
        attempts: 0,
        cause: e,
      });
    }
    if (!(info.maxSendRate > 0)) {
      throw new SesSendError(
        `maxSendRate: 'account': SES reports a maximum send rate of ${info.maxSendRate}; nothing can be sent.`,
        { code: 'AccountSendingPaused', retryable: false, ambiguous: false, attempts: 0 },
      );
    }
    safeLog(
      observers,
      'info',
      {
        maxSendRate: info.maxSendRate,
        max24HourSend: info.max24HourSend,
        sendingEnabled: info.sendingEnabled,
      },
      `maxSendRate: 'account' is ${info.maxSendRate} recipients per second`,
    );
    return info.maxSendRate;
  }

  return {
    apiVersion,
    region: async () => {
      const region = (client.config as { region?: unknown }).region;
      try {
        const value = typeof region === 'function' ? await (region as () => unknown)() : region;
        return typeof value === 'string' ? value : undefined;
      } catch {
        return undefined;
      }
    },
    account,
    async send(message, sendOptions): Promise<SendResult> {
      const opts = parseOptions(sendOptionsSchema, sendOptions, 'send');
      const normalized = normalizeMessage(message); // before any await: snapshot of the caller's bytes
      const prepared = await prepare(core, normalized, opts);
      const { attempt } = await core.context();
      const input = toCommandInput(prepared.api, prepared.request);
      const r = prepared.request.recipients;
      const destinations = [...r.to, ...r.cc, ...r.bcc];
      const out = await sendWithRetries(attempt, input, destinations.length, { signal: opts.signal });
      return { messageId: out.messageId, attempts: out.attempts, report: prepared.report, destinations };
    },
    sendMany: (message, recipients, manyOptions) => sendManyWith(core, message, recipients, manyOptions),
  };
}
