import { SES_ONCE_ONLY_HEADERS } from '@rawmail/mime';
import { z } from 'zod';
import type { ProfileName } from './types.js';

export { SES_ONCE_ONLY_HEADERS };

/**
 * RFC 5322 §3.6's fields with a maximum of one occurrence, plus the MIME fields of RFC 2045 that make no sense
 * twice, lower-cased.
 */
export const RFC5322_ONCE_ONLY_HEADERS: readonly string[] = [
  'date',
  'from',
  'sender',
  'reply-to',
  'to',
  'cc',
  'bcc',
  'message-id',
  'in-reply-to',
  'references',
  'subject',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-id',
  'content-description',
  'content-disposition',
];

/** SES v1 `SendRawEmail` size cap in bytes (SES: `Message length is more than 10485760 bytes long`). */
export const SES_V1_MAX_MESSAGE_BYTES = 10_485_760;
/**
 * SES v2 / SMTP size cap. SES documents "40 MB" without the exact byte constant; we use 40 MiB (41,943,040).
 */
export const SES_V2_MAX_MESSAGE_BYTES = 41_943_040;
/** SES's recipient cap per message (`Recipient count exceeds 50.`). */
export const SES_MAX_RECIPIENTS = 50;

/** A fully resolved profile: every limit and switch the rules read. */
export interface Profile {
  /** Profile name, reported in `ValidationReport.profile`. */
  name: string;
  /** Built-in profile it is (or extends). */
  base: ProfileName;
  /** Maximum raw MIME size in bytes; `null` = no cap. */
  maxMessageBytes: number | null;
  /** Maximum unique recipients; `null` = no cap. */
  maxRecipients: number | null;
  /** Whether SES-only rules (attachment types, To required, 8-bit bodies, SES parameters...) run. */
  sesRules: boolean;
  /** Lower-cased header names that may appear at most once in a header section. */
  onceOnlyHeaders: readonly string[];
  /** Per-rule overrides: change a rule's severity or turn it off. */
  rules: Readonly<Record<string, 'error' | 'warning' | 'off'>>;
}

/** The built-in profiles, by name. */
export const profiles: Readonly<Record<ProfileName, Profile>> = Object.freeze({
  'ses-v1': Object.freeze({
    name: 'ses-v1',
    base: 'ses-v1',
    maxMessageBytes: SES_V1_MAX_MESSAGE_BYTES,
    maxRecipients: SES_MAX_RECIPIENTS,
    sesRules: true,
    onceOnlyHeaders: SES_ONCE_ONLY_HEADERS,
    rules: Object.freeze({}),
  }),
  'ses-v2': Object.freeze({
    name: 'ses-v2',
    base: 'ses-v2',
    maxMessageBytes: SES_V2_MAX_MESSAGE_BYTES,
    maxRecipients: SES_MAX_RECIPIENTS,
    sesRules: true,
    onceOnlyHeaders: SES_ONCE_ONLY_HEADERS,
    rules: Object.freeze({}),
  }),
  rfc5322: Object.freeze({
    name: 'rfc5322',
    base: 'rfc5322',
    maxMessageBytes: null,
    maxRecipients: null,
    sesRules: false,
    onceOnlyHeaders: RFC5322_ONCE_ONLY_HEADERS,
    rules: Object.freeze({}),
  }),
});

/** Schema of a custom profile (validated with zod when passed to `validate`); kept in step with `CustomProfile`. */
export const customProfileSchema = z
  .object({
    /** Name reported in the report. */
    name: z.string().min(1).max(100),
    /** Built-in profile to start from. */
    extends: z.enum(['ses-v1', 'ses-v2', 'rfc5322']),
    /** Size cap in bytes, or null for none. */
    maxMessageBytes: z.number().int().positive().nullable().optional(),
    /** Recipient cap, or null for none. */
    maxRecipients: z.number().int().positive().nullable().optional(),
    /** Extra header names that may appear only once (added to the base list). */
    onceOnlyHeaders: z
      .array(z.string().regex(/^[!-9;-~]+$/, 'must be a header field name (printable ASCII, no colon)'))
      .optional(),
    /** Per-rule severity overrides or `off`. */
    rules: z.record(z.string(), z.enum(['error', 'warning', 'off'])).optional(),
  })
  .strict();

/** A custom profile: a built-in one with different limits, extra once-only headers or rule overrides. */
export interface CustomProfile {
  /** Name reported in the report (1–100 characters). */
  name: string;
  /** Built-in profile to start from. */
  extends: 'ses-v1' | 'ses-v2' | 'rfc5322';
  /** Size cap in bytes, or `null` for none; default: the base profile's. */
  maxMessageBytes?: number | null | undefined;
  /** Recipient cap, or `null` for none; default: the base profile's. */
  maxRecipients?: number | null | undefined;
  /** Extra header names that may appear only once (added to the base profile's list). */
  onceOnlyHeaders?: string[] | undefined;
  /** Per-rule severity overrides, by rule code: `error`, `warning`, or `off` to skip the rule. */
  rules?: Record<string, 'error' | 'warning' | 'off'> | undefined;
}

/** Fails to compile when the schema and the documented interface drift apart. */
type SchemaMatchesInterface<T extends true> = T;
export type _CustomProfileInSync = SchemaMatchesInterface<
  z.infer<typeof customProfileSchema> extends CustomProfile
    ? CustomProfile extends z.infer<typeof customProfileSchema>
      ? true
      : false
    : false
>;

/** Resolves a validated custom profile against its base. */
export function resolveCustomProfile(custom: CustomProfile): Profile {
  const base = profiles[custom.extends];
  const extra = (custom.onceOnlyHeaders ?? []).map((h) => h.toLowerCase());
  return {
    name: custom.name,
    base: base.base,
    maxMessageBytes: custom.maxMessageBytes === undefined ? base.maxMessageBytes : custom.maxMessageBytes,
    maxRecipients: custom.maxRecipients === undefined ? base.maxRecipients : custom.maxRecipients,
    sesRules: base.sesRules,
    onceOnlyHeaders: [...new Set([...base.onceOnlyHeaders, ...extra])],
    rules: { ...base.rules, ...(custom.rules ?? {}) },
  };
}
