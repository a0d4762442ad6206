import type { ApiVersion } from './client-kind.js';
import { SesOptionsError } from './errors.js';

/** Envelope recipients split by the role they have in the message (v2's `Destination` keeps the split). */
export interface EnvelopeRecipients {
  to: string[];
  cc: string[];
  /** Recipients in no To/Cc header: Bcc, explicit destinations, `sendMany` audiences. */
  bcc: string[];
}

/** Everything one SES send request carries, independent of the API. */
export interface SendRequest {
  raw: Uint8Array;
  /** Envelope sender, already ASCII (display name as an RFC 2047 word). */
  source?: string;
  recipients: EnvelopeRecipients;
  configurationSetName?: string;
  tags: { name: string; value: string }[];
  sourceArn?: string;
  fromArn?: string;
  returnPathArn?: string;
  /** v2-only fields, already checked by `checkApiOptions`. */
  v2Only?: V2OnlyOptions;
}

/** Send options that only the v2 API can carry. */
export interface V2OnlyOptions {
  feedbackForwardingAddress?: string | undefined;
  feedbackForwardingArn?: string | undefined;
  listManagement?: { contactListName: string; topicName?: string | undefined } | undefined;
  tenantName?: string | undefined;
  endpointId?: string | undefined;
}

const V2_ONLY = {
  feedbackForwardingAddress: 'FeedbackForwardingEmailAddress',
  feedbackForwardingArn: 'FeedbackForwardingEmailAddressIdentityArn',
  listManagement: 'ListManagementOptions',
  tenantName: 'TenantName',
  endpointId: 'EndpointId',
} as const;

/**
 * Refuses options the API cannot carry, before anything is validated or sent: v2 has no return-path ARN, and
 * one identity ARN where v1 has `SourceArn` and `FromArn`.
 */
export function checkApiOptions(
  api: ApiVersion,
  opts: {
    returnPathArn?: string | undefined;
    sourceArn?: string | undefined;
    fromArn?: string | undefined;
  } & V2OnlyOptions,
): void {
  if (api !== 'v2') {
    for (const [option, field] of Object.entries(V2_ONLY)) {
      if (opts[option as keyof V2OnlyOptions] !== undefined) {
        throw new SesOptionsError(
          'ses.option-unsupported-by-api',
          `\`${option}\` is the SES v2 field ${field}; SendRawEmail (v1) has none. Send with an SESv2Client to use it, or drop it.`,
        );
      }
    }
    return;
  }
  if (opts.returnPathArn !== undefined) {
    throw new SesOptionsError(
      'ses.option-unsupported-by-api',
      '`returnPathArn` has no equivalent in the SES v2 SendEmail API; send with an SESClient (v1 SendRawEmail) to use it, or drop it.',
    );
  }
  if (opts.sourceArn !== undefined && opts.fromArn !== undefined && opts.sourceArn !== opts.fromArn) {
    throw new SesOptionsError(
      'ses.option-unsupported-by-api',
      'SES v2 has one identity ARN (FromEmailAddressIdentityArn): `sourceArn` and `fromArn` must be equal or only one given.',
    );
  }
}

/**
 * v1 `SendRawEmail` input: `RawMessage.Data`, `Destinations` (the whole envelope, order kept), `Source`,
 * `SourceArn`, `FromArn`, `ReturnPathArn`, `Tags`, `ConfigurationSetName`.
 */
export function toV1Input(req: SendRequest): Record<string, unknown> {
  const input: Record<string, unknown> = {
    RawMessage: { Data: req.raw },
    Destinations: [...req.recipients.to, ...req.recipients.cc, ...req.recipients.bcc],
  };
  if (req.source !== undefined) input.Source = req.source;
  if (req.sourceArn !== undefined) input.SourceArn = req.sourceArn;
  if (req.fromArn !== undefined) input.FromArn = req.fromArn;
  if (req.returnPathArn !== undefined) input.ReturnPathArn = req.returnPathArn;
  if (req.tags.length > 0) input.Tags = req.tags.map((t) => ({ Name: t.name, Value: t.value }));
  if (req.configurationSetName !== undefined) input.ConfigurationSetName = req.configurationSetName;
  return input;
}

/**
 * v2 `SendEmail` input with `Content.Raw.Data`, `Destination` {To,Cc,Bcc}Addresses, `FromEmailAddress`,
 * `FromEmailAddressIdentityArn`, `EmailTags`, `ConfigurationSetName`, and the v2-only
 * `FeedbackForwardingEmailAddress(IdentityArn)`, `ListManagementOptions`, `TenantName`, `EndpointId`.
 *
 * v2 has one identity ARN where v1 has SourceArn and FromArn: either maps to `FromEmailAddressIdentityArn`
 * (two different values are refused). v2 has no return-path ARN at all, so `returnPathArn` is refused rather
 * than silently dropped.
 */
export function toV2Input(req: SendRequest): Record<string, unknown> {
  checkApiOptions('v2', req);
  const destination: Record<string, string[]> = {};
  if (req.recipients.to.length > 0) destination.ToAddresses = req.recipients.to;
  if (req.recipients.cc.length > 0) destination.CcAddresses = req.recipients.cc;
  if (req.recipients.bcc.length > 0) destination.BccAddresses = req.recipients.bcc;
  const input: Record<string, unknown> = { Content: { Raw: { Data: req.raw } }, Destination: destination };
  if (req.source !== undefined) input.FromEmailAddress = req.source;
  const arn = req.sourceArn ?? req.fromArn;
  if (arn !== undefined) input.FromEmailAddressIdentityArn = arn;
  if (req.tags.length > 0) input.EmailTags = req.tags.map((t) => ({ Name: t.name, Value: t.value }));
  if (req.configurationSetName !== undefined) input.ConfigurationSetName = req.configurationSetName;
  const v2 = req.v2Only ?? {};
  if (v2.feedbackForwardingAddress !== undefined)
    input.FeedbackForwardingEmailAddress = v2.feedbackForwardingAddress;
  if (v2.feedbackForwardingArn !== undefined)
    input.FeedbackForwardingEmailAddressIdentityArn = v2.feedbackForwardingArn;
  if (v2.listManagement !== undefined) {
    input.ListManagementOptions = {
      ContactListName: v2.listManagement.contactListName,
      ...(v2.listManagement.topicName === undefined ? {} : { TopicName: v2.listManagement.topicName }),
    };
  }
  if (v2.tenantName !== undefined) input.TenantName = v2.tenantName;
  if (v2.endpointId !== undefined) input.EndpointId = v2.endpointId;
  return input;
}

/** The command input for an API. */
export function toCommandInput(api: ApiVersion, req: SendRequest): Record<string, unknown> {
  return api === 'v2' ? toV2Input(req) : toV1Input(req);
}
