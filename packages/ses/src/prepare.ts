import type { ValidationReport } from '@rawmail/validate';
import { validate } from '@rawmail/validate';
import type { AttemptContext } from './attempt-loop.js';
import type { ApiVersion } from './client-kind.js';
import { buildEnvelope, envelopeSize } from './envelope.js';
import { ValidationFailedError } from './errors.js';
import type { NormalizedMessage } from './message-input.js';
import { checkApiOptions, type SendRequest, type V2OnlyOptions } from './request.js';
import type { SendOptions, SesSenderOptions, SesTag } from './sender-types.js';
import { encodeSource } from './source-address.js';

/** Sender-level state shared by `send` and `sendMany`. */
export interface SenderCore {
  options: SesSenderOptions;
  context(): Promise<{ api: ApiVersion; attempt: AttemptContext }>;
}

/** Per-send tags over sender tags, by name. */
export function mergeTags(base: readonly SesTag[] | undefined, own: readonly SesTag[] | undefined): SesTag[] {
  const byName = new Map<string, SesTag>();
  for (const t of base ?? []) byName.set(t.name, t);
  for (const t of own ?? []) byName.set(t.name, t);
  return [...byName.values()];
}

/** What `prepare` hands to the request mapping: validated bytes and request fields. */
export interface Prepared {
  api: ApiVersion;
  report: ValidationReport;
  request: SendRequest;
}

/**
 * Validates a message for one API and builds its request; throws `ValidationFailedError` on any error issue,
 * before anything is sent. `bulk` (for `sendMany`) skips the envelope check: each batch brings its own.
 */
export async function prepare(
  core: SenderCore,
  normalized: NormalizedMessage,
  opts: SendOptions,
  bulk = false,
): Promise<Prepared> {
  const { api } = await core.context();
  checkApiOptions(api, opts);
  const bytes = normalized.bytes;
  // Like nodemailer's SES transport: without an explicit `source`, the composed envelope sender is the Source.
  const sourceInput = opts.source ?? normalized.envelope?.from;
  const source = sourceInput === undefined ? undefined : encodeSource(sourceInput);
  const tags = mergeTags(core.options.tags, opts.tags);
  const configurationSetName = opts.configurationSetName ?? core.options.configurationSetName;
  const destinations = opts.destinations ?? normalized.envelope?.to;
  const report = await validate(bytes, {
    profile: core.options.profile ?? (api === 'v2' ? 'ses-v2' : 'ses-v1'),
    ...(source === undefined ? {} : { source }),
    ...(destinations === undefined ? {} : { destinations }),
    ...(tags.length > 0 ? { tags } : {}),
    ...(configurationSetName === undefined ? {} : { configurationSetName }),
  });
  if (!report.ok) throw new ValidationFailedError(report);
  const recipients = buildEnvelope(report.recipients, opts.destinations, normalized.envelope?.to);
  if (!bulk && envelopeSize(recipients) === 0) {
    const given = opts.destinations ?? normalized.envelope?.to;
    throw new ValidationFailedError(noRecipients(report, given !== undefined));
  }
  const request: SendRequest = { raw: bytes, recipients, tags };
  if (source !== undefined) request.source = source;
  if (configurationSetName !== undefined) request.configurationSetName = configurationSetName;
  if (opts.sourceArn !== undefined) request.sourceArn = opts.sourceArn;
  if (opts.fromArn !== undefined) request.fromArn = opts.fromArn;
  if (opts.returnPathArn !== undefined) request.returnPathArn = opts.returnPathArn;
  const v2Only: V2OnlyOptions = {};
  for (const key of [
    'feedbackForwardingAddress',
    'feedbackForwardingArn',
    'tenantName',
    'endpointId',
  ] as const) {
    if (opts[key] !== undefined) v2Only[key] = opts[key];
  }
  if (opts.listManagement !== undefined) v2Only.listManagement = opts.listManagement;
  if (Object.keys(v2Only).length > 0) request.v2Only = v2Only;
  return { api, report, request };
}

function noRecipients(report: ValidationReport, emptyListGiven: boolean): ValidationReport {
  return {
    ...report,
    ok: false,
    issues: [
      ...report.issues,
      {
        code: 'recipients.none',
        severity: 'error',
        message: emptyListGiven
          ? 'No envelope recipients: the envelope recipient list given (`destinations`, or the composed envelope) is empty.'
          : 'No envelope recipients: no destinations were given and the message has no To, Cc or Bcc address.',
        hint: emptyListGiven
          ? 'Pass at least one address in `destinations` (or the envelope), or leave it out to use the To, Cc and Bcc headers.'
          : 'Pass `destinations` or add a To header.',
      },
    ],
  };
}
