import { SesOptionsError } from '../errors.js';
import type { SendOptions, SesTag } from '../sender-types.js';

/**
 * Per-message SES fields that nodemailer's own SES transport merges into its request (`mail.data.ses`, in the
 * AWS SDK's spelling: v2 `SendEmail` names, and the v1 `SendRawEmail` names older nodemailer versions used), and
 * the send option each one becomes. Every other key is refused: nothing in `ses` is silently dropped.
 */
const STRING_FIELDS = {
  ConfigurationSetName: 'configurationSetName',
  FromEmailAddress: 'source',
  Source: 'source',
  FromEmailAddressIdentityArn: 'sourceArn',
  SourceArn: 'sourceArn',
  FromArn: 'fromArn',
  ReturnPathArn: 'returnPathArn',
  FeedbackForwardingEmailAddress: 'feedbackForwardingAddress',
  FeedbackForwardingEmailAddressIdentityArn: 'feedbackForwardingArn',
  TenantName: 'tenantName',
  EndpointId: 'endpointId',
} as const satisfies Record<string, keyof SendOptions>;

/** Fields nodemailer's transport would merge that make no sense here, with what to do instead. */
const REFUSED: Record<string, string> = {
  Destination: "the envelope comes from the message: set nodemailer's `envelope` (or to/cc/bcc) instead",
  Destinations: "the envelope comes from the message: set nodemailer's `envelope` (or to/cc/bcc) instead",
  Content: 'the transport sends the message nodemailer compiled; it cannot be replaced per message',
  RawMessage: 'the transport sends the message nodemailer compiled; it cannot be replaced per message',
  ReplyToAddresses:
    "SES applies it only to Simple content, not to raw messages: set nodemailer's `replyTo` instead",
  ConfigurationOverrides: 'not supported by @rawmail/ses: use a configuration set (`ConfigurationSetName`)',
};

const TAG_FIELDS = ['EmailTags', 'Tags'] as const;

function fail(key: string, why: string): never {
  throw new SesOptionsError(
    'ses.options-invalid',
    `SesRawTransport: mail option \`ses.${key}\` ${why}. Supported keys: ${[
      ...Object.keys(STRING_FIELDS),
      ...TAG_FIELDS,
      'ListManagementOptions',
    ].join(', ')} (see docs/nodemailer.md).`,
  );
}

function tagsOf(key: string, value: unknown): SesTag[] {
  if (!Array.isArray(value)) fail(key, 'must be an array of { Name, Value }');
  return value.map((t, i) => {
    if (typeof t !== 'object' || t === null) fail(`${key}[${i}]`, 'must be an object { Name, Value }');
    const extra = Object.keys(t).filter((k) => k !== 'Name' && k !== 'Value');
    if (extra.length > 0) fail(`${key}[${i}]`, `has unknown key ${JSON.stringify(extra[0])}`);
    const { Name, Value } = t as { Name?: unknown; Value?: unknown };
    if (typeof Name !== 'string' || typeof Value !== 'string') {
      fail(`${key}[${i}]`, 'must have string Name and Value');
    }
    return { name: Name, value: Value };
  });
}

/**
 * Maps nodemailer's per-message `ses` object to send options. An unknown key, a refused key or an ill-formed
 * value is an `SesOptionsError` (`ses.options-invalid`) naming the key; tag names and values and the
 * configuration set name are then checked by the validator like any send option.
 */
export function sendOptionsFromMailSes(ses: unknown): Partial<SendOptions> {
  if (ses === undefined || ses === null) return {};
  if (typeof ses !== 'object' || Array.isArray(ses)) {
    throw new SesOptionsError(
      'ses.options-invalid',
      'SesRawTransport: mail option `ses` must be an object of SES request fields (e.g. { ConfigurationSetName, EmailTags }).',
    );
  }
  const out: Partial<SendOptions> = {};
  const from: Partial<Record<keyof SendOptions, string>> = {};
  const set = <K extends keyof SendOptions>(key: string, option: K, value: SendOptions[K]) => {
    const earlier = from[option];
    if (earlier !== undefined) fail(key, `sets the same option as \`ses.${earlier}\`; give only one of them`);
    from[option] = key;
    out[option] = value;
  };
  for (const [key, value] of Object.entries(ses)) {
    if (value === undefined) continue;
    if (key in REFUSED) fail(key, `is not supported: ${REFUSED[key]}`);
    if (Object.hasOwn(STRING_FIELDS, key)) {
      if (typeof value !== 'string' || value === '') fail(key, 'must be a non-empty string');
      set(key, STRING_FIELDS[key as keyof typeof STRING_FIELDS], value);
    } else if ((TAG_FIELDS as readonly string[]).includes(key)) {
      set(key, 'tags', tagsOf(key, value));
    } else if (key === 'ListManagementOptions') {
      if (typeof value !== 'object' || value === null) fail(key, 'must be { ContactListName, TopicName? }');
      const { ContactListName, TopicName, ...rest } = value as Record<string, unknown>;
      if (Object.keys(rest).length > 0) fail(key, `has unknown key ${JSON.stringify(Object.keys(rest)[0])}`);
      if (typeof ContactListName !== 'string' || ContactListName === '') {
        fail(`${key}.ContactListName`, 'must be a non-empty string');
      }
      if (TopicName !== undefined && (typeof TopicName !== 'string' || TopicName === '')) {
        fail(`${key}.TopicName`, 'must be a non-empty string');
      }
      set(key, 'listManagement', {
        contactListName: ContactListName,
        ...(TopicName === undefined ? {} : { topicName: TopicName as string }),
      });
    } else {
      fail(key, 'is not a known SES request field');
    }
  }
  return out;
}
