import { SesOptionsError } from './errors.js';

/**
 * The shape of an AWS SDK v3 client this package needs: `send(command, { abortSignal })` and its resolved
 * `config`. Structural, so the public types do not require either SDK package to be installed.
 */
export interface AwsClientLike {
  /**
   * Sends one command. The sender passes its SES send command (with the client's retry middleware replaced by a
   * single attempt) and an `abortSignal` that fires at the per-attempt timeout.
   */
  send(command: never, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  /**
   * The client's resolved config. The sender reads `serviceId` (`SESv2` or `SES`, to pick the API) and `region`
   * (a string or an async provider, for the Message-ID domain).
   */
  config: object;
}

/** Which SES API a client speaks: `v1` = `@aws-sdk/client-ses` (SendRawEmail), `v2` = `@aws-sdk/client-sesv2`. */
export type ApiVersion = 'v1' | 'v2';

type Ctor = abstract new (...args: never[]) => unknown;

async function tryCtor(specifier: string, exportName: string): Promise<Ctor | undefined> {
  try {
    const mod = (await import(specifier)) as Record<string, unknown>;
    const ctor = mod[exportName];
    return typeof ctor === 'function' ? (ctor as Ctor) : undefined;
  } catch {
    return undefined; // optional peer not installed
  }
}

/**
 * Detects the API of a client: first by the service id in its resolved config (`SESv2` / `SES`, set by the
 * SDK's generated runtime config and stable across copies of the package), then by `instanceof` against
 * whichever of the two optional peers is installed.
 */
export async function detectApiVersion(client: unknown): Promise<ApiVersion> {
  if (
    typeof client !== 'object' ||
    client === null ||
    typeof (client as { send?: unknown }).send !== 'function'
  ) {
    throw new SesOptionsError(
      'ses.client-unsupported',
      'createSesSender: `client` must be an SESv2Client (@aws-sdk/client-sesv2) or an SESClient (@aws-sdk/client-ses).',
    );
  }
  const serviceId = (client as { config?: { serviceId?: unknown } }).config?.serviceId;
  if (serviceId === 'SESv2') return 'v2';
  if (serviceId === 'SES') return 'v1';
  const v2 = await tryCtor('@aws-sdk/client-sesv2', 'SESv2Client');
  if (v2 && client instanceof v2) return 'v2';
  const v1 = await tryCtor('@aws-sdk/client-ses', 'SESClient');
  if (v1 && client instanceof v1) return 'v1';
  throw new SesOptionsError(
    'ses.client-unsupported',
    `createSesSender: \`client\` is not an SES client (config.serviceId is ${JSON.stringify(serviceId)}); pass an SESv2Client or an SESClient.`,
  );
}

/** Loads a command class from the API's optional peer package (`@aws-sdk/client-sesv2` or `@aws-sdk/client-ses`). */
export async function loadCommand(api: ApiVersion, name: string): Promise<new (input: object) => object> {
  const specifier = api === 'v2' ? '@aws-sdk/client-sesv2' : '@aws-sdk/client-ses';
  const ctor = await tryCtor(specifier, name);
  if (!ctor) {
    throw new SesOptionsError(
      'ses.peer-missing',
      `@rawmail/ses: cannot load ${name} from ${specifier}; install it next to your client (npm i ${specifier}).`,
    );
  }
  return ctor as unknown as new (
    input: object,
  ) => object;
}

/** Loads the send command class for an API: v2 `SendEmailCommand`, v1 `SendRawEmailCommand`. */
export function loadSendCommand(api: ApiVersion): Promise<new (input: object) => object> {
  return loadCommand(api, api === 'v2' ? 'SendEmailCommand' : 'SendRawEmailCommand');
}
