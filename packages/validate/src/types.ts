import type { Readable } from 'node:stream';
import type { CustomProfile } from './profiles.js';
import type { RuleCode } from './rules/catalog.js';

/** How bad an issue is: `error` = SES rejects it or an RFC "MUST" is broken; `warning` = a delivery or rendering risk. */
export type Severity = 'error' | 'warning';

/** The names of the built-in profiles. */
export type ProfileName = 'ses-v1' | 'ses-v2' | 'rfc5322';

/** What `validate` accepts as a message: raw bytes, a string (encoded as UTF-8), or a stream of bytes. */
export type MessageInput = Uint8Array | string | Readable | AsyncIterable<Uint8Array>;

/** One thing wrong with a message. */
export interface ValidationIssue {
  /** Stable rule code from the catalogue (`docs/rules.md`), e.g. `header.duplicate`. */
  code: RuleCode;
  /** `error`: SES rejects the message (or an RFC MUST is broken); `warning`: a delivery or rendering risk. */
  severity: Severity;
  /** What is wrong, naming the header, address or MIME part, quoting the SES error text when known. */
  message: string;
  /** 1-based line in the raw message where the problem is (or starts). */
  line?: number;
  /** Header field name involved, as written in the message. */
  header?: string;
  /** MIME part path such as `1.2` (absent for the top-level header section). */
  part?: string;
  /** How to fix it. */
  hint?: string;
}

/** Recipient counts of a report. */
export interface RecipientSummary {
  /** Unique recipients: the union of To, Cc, Bcc header addresses and `destinations` (case-insensitive). */
  count: number;
  /** Addresses in the top-level To header(s), group members included, in order. */
  to: string[];
  /** Addresses in the top-level Cc header(s). */
  cc: string[];
  /** Addresses in a Bcc header left in the message (usually none: Bcc belongs in the envelope only). */
  bcc: string[];
  /** The `destinations` option (the envelope SES delivers to), as given. */
  destinations: string[];
}

/** The result of `validate`. */
export interface ValidationReport {
  /** True when no issue has severity `error`. */
  ok: boolean;
  /** Name of the profile used. */
  profile: string;
  /** Size of the raw MIME message in bytes. */
  size: number;
  /** Who the message goes to, and how many unique recipients SES will count. */
  recipients: RecipientSummary;
  /** Every issue found, message-level ones first, then by line and code. */
  issues: ValidationIssue[];
}

/** SES message tag (`Tags` in v1, `EmailTags` in v2). */
export interface MessageTag {
  /** Tag name, `[A-Za-z0-9_-]{1,256}`. */
  name: string;
  /** Tag value, `[A-Za-z0-9_-]{1,256}`. */
  value: string;
}

/** Options of `validate`; checked at run time, bad options throw `ValidateOptionsError`. */
export interface ValidateOptions {
  /** Built-in profile name or a custom profile. Default `ses-v1`. */
  profile?: ProfileName | CustomProfile;
  /** The SES `Source` / `FromEmailAddress` the message will be sent with. */
  source?: string;
  /** The envelope recipients (`Destinations` / `Destination`). */
  destinations?: string[];
  /** SES message tags to check. */
  tags?: MessageTag[];
  /** SES configuration set name to check. */
  configurationSetName?: string;
}
