import { bounded, Interrupted } from './bounded.js';
import { classifyError } from './classify-error.js';
import { type ApiVersion, type AwsClientLike, loadCommand } from './client-kind.js';
import { SesSendError } from './errors.js';

/**
 * The account's sending quota and status in the client's region, as SES reports it: v2 `GetAccount`
 * (IAM `ses:GetAccount`), v1 `GetSendQuota` and `GetAccountSendingEnabled` (IAM `ses:GetSendQuota`,
 * `ses:GetAccountSendingEnabled`).
 */
export interface SesAccountInfo {
  /** The API that was asked. */
  api: ApiVersion;
  /** Messages (recipients) the account may send per 24 hours; -1 means unlimited. */
  max24HourSend: number;
  /** Messages (recipients) the account may send per second. */
  maxSendRate: number;
  /** Messages (recipients) sent in the last 24 hours. */
  sentLast24Hours: number;
  /** Whether the account may send email in this region now (false when SES paused it). */
  sendingEnabled: boolean;
  /** v2 only: whether the account is out of the sandbox. */
  productionAccessEnabled?: boolean;
  /** v2 only: SES's enforcement status (`HEALTHY`, `PROBATION`, `SHUTDOWN`). */
  enforcementStatus?: string;
}

interface V2Account {
  SendQuota?: { Max24HourSend?: number; MaxSendRate?: number; SentLast24Hours?: number };
  SendingEnabled?: boolean;
  ProductionAccessEnabled?: boolean;
  EnforcementStatus?: string;
}

interface V1Quota {
  Max24HourSend?: number;
  MaxSendRate?: number;
  SentLast24Hours?: number;
}

async function call(
  client: AwsClientLike,
  api: ApiVersion,
  name: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const Command = await loadCommand(api, name);
  const operation = name.replace(/Command$/, '');
  try {
    // Read-only calls: the client's own retry policy applies.
    return await bounded(
      (abortSignal) => client.send(new Command({}) as never, { abortSignal }),
      timeoutMs,
      signal,
    );
  } catch (e) {
    const aborted = e instanceof Interrupted && e.kind === 'aborted';
    const c = classifyError(e, 1, e instanceof Interrupted && e.kind === 'timeout');
    throw new SesSendError(
      aborted ? `${operation} aborted by the caller.` : `SES ${operation} failed (${c.code}): ${c.message}`,
      {
        code: aborted ? 'Aborted' : c.code,
        retryable: aborted ? false : c.retryable,
        ambiguous: false, // nothing is sent by these calls
        attempts: 1,
        cause: e,
        ...(c.sesCode === undefined ? {} : { sesCode: c.sesCode }),
        ...(c.httpStatus === undefined ? {} : { httpStatus: c.httpStatus }),
        ...(c.requestId === undefined ? {} : { requestId: c.requestId }),
      },
    );
  }
}

function num(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new SesSendError(`SES's account answer has no numeric ${field}.`, {
    code: 'Unknown',
    retryable: false,
    ambiguous: false,
    attempts: 1,
  });
}

/** Reads the account's quota and sending status (see `SesAccountInfo` for the calls and IAM actions). */
export async function readAccount(
  client: AwsClientLike,
  api: ApiVersion,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<SesAccountInfo> {
  if (api === 'v2') {
    const a = (await call(client, api, 'GetAccountCommand', timeoutMs, signal)) as V2Account;
    const info: SesAccountInfo = {
      api,
      max24HourSend: num(a?.SendQuota?.Max24HourSend, 'SendQuota.Max24HourSend'),
      maxSendRate: num(a?.SendQuota?.MaxSendRate, 'SendQuota.MaxSendRate'),
      sentLast24Hours: num(a?.SendQuota?.SentLast24Hours, 'SendQuota.SentLast24Hours'),
      sendingEnabled: a?.SendingEnabled === true,
    };
    if (typeof a?.ProductionAccessEnabled === 'boolean')
      info.productionAccessEnabled = a.ProductionAccessEnabled;
    if (typeof a?.EnforcementStatus === 'string') info.enforcementStatus = a.EnforcementStatus;
    return info;
  }
  const [q, enabled] = await Promise.all([
    call(client, api, 'GetSendQuotaCommand', timeoutMs, signal) as Promise<V1Quota>,
    call(client, api, 'GetAccountSendingEnabledCommand', timeoutMs, signal) as Promise<{ Enabled?: boolean }>,
  ]);
  return {
    api,
    max24HourSend: num(q?.Max24HourSend, 'Max24HourSend'),
    maxSendRate: num(q?.MaxSendRate, 'MaxSendRate'),
    sentLast24Hours: num(q?.SentLast24Hours, 'SentLast24Hours'),
    sendingEnabled: enabled?.Enabled === true,
  };
}
