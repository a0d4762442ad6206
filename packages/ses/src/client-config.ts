import { bounded, Interrupted } from './bounded.js';
import type { AwsClientLike } from './client-kind.js';
import { SesOptionsError } from './errors.js';

type Provider = () => Promise<unknown>;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Resolves the client's region and credentials once, before the first request, so that a client that has
 * neither is a named `SesOptionsError` (`ses.client-region-missing`, `ses.client-credentials-missing`) rather
 * than an SDK error surfacing from a send. Both providers are the SDK's own (the same the send would call, and
 * memoised by the client); a provider that does not answer within `timeoutMs` counts as missing.
 */
export async function checkClientConfig(client: AwsClientLike, timeoutMs: number): Promise<void> {
  const config = client.config as { region?: unknown; credentials?: unknown };
  const region = config.region;
  if (typeof region === 'function') {
    let value: unknown;
    try {
      value = await bounded(() => (region as Provider)(), timeoutMs, undefined);
    } catch (e) {
      throw regionMissing(e instanceof Interrupted ? `no answer within ${timeoutMs} ms` : message(e), e);
    }
    if (typeof value !== 'string' || value === '')
      throw regionMissing('the provider returned none', undefined);
  } else if (region !== undefined && (typeof region !== 'string' || region === '')) {
    throw regionMissing('`config.region` is empty', undefined);
  }
  const credentials = config.credentials;
  if (typeof credentials === 'function') {
    try {
      await bounded(() => (credentials as Provider)(), timeoutMs, undefined);
    } catch (e) {
      throw new SesOptionsError(
        'ses.client-credentials-missing',
        `The SES client has no usable AWS credentials (${e instanceof Interrupted ? `no answer within ${timeoutMs} ms` : message(e)}). Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE, run on an AWS role, or pass \`credentials\` to the client; see docs/aws.md.`,
        { cause: e },
      );
    }
  }
}

function regionMissing(why: string, cause: unknown): SesOptionsError {
  return new SesOptionsError(
    'ses.client-region-missing',
    `The SES client has no region (${why}). Pass \`region\` to the client (new SESv2Client({ region: 'eu-west-1' })) or set AWS_REGION; see docs/aws.md.`,
    { cause },
  );
}
