import type { Severity } from '../types.js';

/** The rule families; each is one module under `src/families/`. */
export type RuleFamilyName =
  | 'size-recipients'
  | 'header-section'
  | 'encoded-words'
  | 'lines'
  | 'addresses'
  | 'mime-structure'
  | 'attachments'
  | 'ses-parameters'
  | 'signatures';

/** Metadata of one rule; `docs/rules.md` is generated from it. */
export interface RuleInfo {
  /** Stable public code. */
  readonly code: RuleCode;
  /** Default severity (a custom profile may override it). */
  readonly severity: Severity;
  /** The rule family (one module under `src/families/`) that emits it. */
  readonly family: RuleFamilyName;
  /** One-line summary. */
  readonly title: string;
  /** What triggers the rule. */
  readonly description: string;
  /** The error text SES (or the receiving server) answers, when known. Used to map SES errors to rule codes. */
  readonly sesText?: string;
  /** How to fix it. */
  readonly hint: string;
  /** True when the rule only runs under SES profiles (`ses-v1`, `ses-v2` and profiles extending them). */
  readonly sesOnly: boolean;
  /** A short excerpt of a message (or options) that triggers it. */
  readonly example: string;
}

/** Freezes one entry and keeps its code as a string literal, so that `RuleCode` is derived from the entries. */
const r = <const C extends string>(info: Omit<RuleInfo, 'code'> & { readonly code: C }) =>
  Object.freeze(info);

/** The catalogue entries with their codes as literal types; published as `rules` (and `RuleCode`). */
const catalogue = [
  r({
    code: 'message.too-large',
    severity: 'error',
    family: 'size-recipients',
    title: 'Message larger than the profile allows',
    description:
      'The raw MIME message (attachments already base64-encoded) is larger than the profile cap: 10,485,760 bytes for ses-v1, 41,943,040 (40 MiB) for ses-v2.',
    sesText: "Message length is more than 10485760 bytes long: 'N'.",
    hint: 'Send large files as links, or use the SES v2 API (40 MB) instead of v1 (10 MB).',
    sesOnly: false,
    example: 'A 12 MB message under the ses-v1 profile.',
  }),
  r({
    code: 'recipients.too-many',
    severity: 'error',
    family: 'size-recipients',
    title: 'More than 50 recipients',
    description:
      'More than 50 unique recipients, counting every To, Cc and Bcc address (each group member counts) together with the destinations.',
    sesText: 'Recipient count exceeds 50.',
    hint: 'Split the audience into sends of at most 50 recipients (`sender.sendMany` in @rawmail/ses does this).',
    sesOnly: true,
    example: 'To: 51 addresses',
  }),
  r({
    code: 'recipients.none',
    severity: 'error',
    family: 'size-recipients',
    title: 'No recipient at all',
    description: 'No destinations were given and the message has no To, Cc or Bcc address.',
    hint: 'Add a To header or pass `destinations`.',
    sesOnly: true,
    example: 'A message without To, Cc, Bcc and no destinations.',
  }),
  r({
    code: 'header.to-missing',
    severity: 'error',
    family: 'size-recipients',
    title: 'No To header',
    description: 'No destinations were given and the message has no To header.',
    sesText: "Missing required header 'To'.",
    hint: 'Add a To header, or pass the recipients as `destinations`.',
    sesOnly: true,
    example: 'From: a@example.com\r\nSubject: hi\r\n\r\nbody',
  }),
  r({
    code: 'header.to-empty',
    severity: 'error',
    family: 'size-recipients',
    title: 'Empty To header',
    description: 'A To header whose value is empty.',
    sesText: "Empty required header 'To'.",
    hint: "Put at least one address in To, remove the header, or use a group such as 'undisclosed-recipients:;'.",
    sesOnly: true,
    example: 'To: \r\n',
  }),
  r({
    code: 'header.from-missing',
    severity: 'error',
    family: 'size-recipients',
    title: 'No From header',
    description: 'The message has no From header, even if a `source` is given.',
    sesText: "Missing required header 'From'.",
    hint: 'Add a From header with a verified identity.',
    sesOnly: false,
    example: 'To: b@example.com\r\nSubject: hi\r\n\r\nbody',
  }),
  r({
    code: 'header.non-ascii',
    severity: 'error',
    family: 'header-section',
    title: 'Non-ASCII byte in a header section',
    description:
      'A byte above 0x7F anywhere in a header section (the top level or a MIME part). SES has no SMTPUTF8 support.',
    hint: 'Write non-ASCII text as RFC 2047 encoded words (=?UTF-8?B?...?=), non-ASCII domains as Punycode.',
    sesOnly: false,
    example: 'Subject: Grüße',
  }),
  r({
    code: 'header.control-char',
    severity: 'error',
    family: 'header-section',
    title: 'Control character in a header value',
    description:
      'A control character other than HTAB in a header value, including a lone CR, or a lone LF in a header section that otherwise uses CRLF (a header injection hazard).',
    hint: 'Remove control characters from header values; never copy user input with CR or LF into a header.',
    sesOnly: false,
    example: 'Subject: hello\\rBcc: victim@example.com',
  }),
  r({
    code: 'header.duplicate',
    severity: 'error',
    family: 'header-section',
    title: 'Once-only header repeated',
    description:
      "A header that may appear only once appears again (names compared case-insensitively). SES's documented list for SES profiles, RFC 5322 §3.6's for rfc5322.",
    sesText: "Duplicate header 'Subject'.",
    hint: 'Keep one occurrence of the header; merge the values if both are needed.',
    sesOnly: false,
    example: 'Subject: one\r\nSubject: two',
  }),
  r({
    code: 'header.empty-name',
    severity: 'error',
    family: 'header-section',
    title: 'Header field with an empty name',
    description: 'A header line that starts with a colon.',
    sesText: 'Empty header names are illegal.',
    hint: 'Give the field a name or remove the line.',
    sesOnly: false,
    example: ': value',
  }),
  r({
    code: 'header.malformed',
    severity: 'error',
    family: 'header-section',
    title: 'Header line that is not a field',
    description:
      'A line in a header section that is neither a field nor a continuation: no colon, illegal characters in the name, or a continuation before any field. Usually the blank line between headers and body is missing. The rest is read as body.',
    sesText: "Illegal header 'Hello world'.",
    hint: 'Put an empty line (CRLF CRLF) between the header section and the body; field names are printable ASCII without spaces.',
    sesOnly: false,
    example: 'Subject: hi\r\nHello world',
  }),
  r({
    code: 'header.section-too-large',
    severity: 'error',
    family: 'header-section',
    title: 'Header section larger than 1 MiB',
    description:
      'A header section (top level or a part) is larger than 1 MiB. Receiving servers truncate large headers (Postfix keeps 100 KB); the validator stops reading fields beyond this bound.',
    hint: 'Move data out of headers; split huge recipient lists into several messages.',
    sesOnly: false,
    example: 'A To header with 50,000 addresses.',
  }),
  r({
    code: 'header.bcc-present',
    severity: 'warning',
    family: 'header-section',
    title: 'Bcc header left in the message',
    description:
      'A Bcc header is in the message: every recipient may see it, and SES only delivers to Bcc addresses that are in the destinations.',
    hint: 'Remove the Bcc header and pass Bcc recipients as destinations only.',
    sesOnly: true,
    example: 'Bcc: hidden@example.com',
  }),
  r({
    code: 'encoded-word.invalid',
    severity: 'error',
    family: 'encoded-words',
    title: 'Malformed RFC 2047 encoded word',
    description:
      'An encoded word with an unknown charset, an encoding other than B or Q, a bad base64 or Q payload, or bytes that do not decode in the named charset.',
    hint: 'Encode with a library (libmime, @rawmail/compose): =?UTF-8?B?<base64 of UTF-8>?= or =?UTF-8?Q?...?=.',
    sesOnly: false,
    example: 'Subject: =?UTF-8?X?abc?=',
  }),
  r({
    code: 'encoded-word.too-long',
    severity: 'error',
    family: 'encoded-words',
    title: 'Encoded word longer than 75 characters',
    description: 'An RFC 2047 encoded word longer than 75 characters (RFC 2047 §2).',
    hint: 'Split the text into several encoded words separated by folding whitespace, each at most 75 characters.',
    sesOnly: false,
    example: 'Subject: =?UTF-8?B?<100 base64 characters>?=',
  }),
  r({
    code: 'line.too-long',
    severity: 'error',
    family: 'lines',
    title: 'Line longer than 998 octets',
    description:
      'A line longer than 998 octets, not counting its CRLF (RFC 5322 §2.1.1). SES accepts it; the receiving server bounces it later.',
    sesText: '552 message line is too long',
    hint: 'Fold long header lines; encode long body lines as quoted-printable or base64.',
    sesOnly: false,
    example: 'A 999-character line.',
  }),
  r({
    code: 'line.bare-newline',
    severity: 'warning',
    family: 'lines',
    title: 'Bare CR or LF',
    description: 'A CR or LF that is not part of a CRLF pair.',
    hint: 'Use CRLF line endings throughout the message.',
    sesOnly: false,
    example: 'Subject: hi\\nTo: b@example.com',
  }),
  r({
    code: 'address.invalid',
    severity: 'error',
    family: 'addresses',
    title: 'Address does not parse',
    description:
      'An address header (From, Sender, Reply-To, To, Cc, Bcc, Return-Path), `source` or a destination does not parse as the expected mailbox(es).',
    sesText: 'Illegal address',
    hint: "Write addresses as 'local@domain' or 'Display Name <local@domain>', separated by commas.",
    sesOnly: false,
    example: 'To: Jane Doe <jane@example.com',
  }),
  r({
    code: 'address.missing-domain',
    severity: 'error',
    family: 'addresses',
    title: 'Address without @domain',
    description: 'An address has no @domain part.',
    sesText: "Missing final '@domain'",
    hint: 'Add the domain: local@example.com.',
    sesOnly: false,
    example: 'To: jane',
  }),
  r({
    code: 'address.missing-local',
    severity: 'error',
    family: 'addresses',
    title: 'Address without local part',
    description: 'An address has nothing before the @.',
    sesText: 'Missing local name',
    hint: 'Add the local part: name@example.com.',
    sesOnly: false,
    example: 'To: @example.com',
  }),
  r({
    code: 'address.whitespace-or-control',
    severity: 'error',
    family: 'addresses',
    title: 'Whitespace or control character in an address',
    description: 'Whitespace or a control character inside the local part or the domain.',
    sesText: 'Local address contains control or whitespace',
    hint: 'Remove spaces and control characters from the address.',
    sesOnly: false,
    example: 'To: <ja ne@example.com>',
  }),
  r({
    code: 'address.local-non-ascii',
    severity: 'error',
    family: 'addresses',
    title: 'Non-ASCII local part',
    description:
      'A local part with non-ASCII characters. SES has no SMTPUTF8 and forbids Punycode in local parts: the address cannot be sent through SES.',
    hint: 'Use an ASCII address for this recipient.',
    sesOnly: false,
    example: 'To: jürgen@example.com',
  }),
  r({
    code: 'address.domain-non-ascii',
    severity: 'error',
    family: 'addresses',
    title: 'Non-ASCII domain',
    description: 'A domain with non-ASCII characters; it must be written in Punycode (A-labels).',
    sesText: 'Domain contains illegal character',
    hint: 'Write the domain in Punycode, e.g. xn--mnchen-3ya.example for münchen.example.',
    sesOnly: false,
    example: 'To: user@münchen.example',
  }),
  r({
    code: 'address.ambiguous',
    severity: 'error',
    family: 'addresses',
    title: 'Ambiguous address form',
    description:
      'A form that parsers read differently and that has been used to send mail to an unintended domain: a quoted local part containing @, <, > or a comma; a comment inside or right after an addr-spec; a source route; two angle addresses in one mailbox.',
    hint: 'Write the address plainly as local@domain inside <...>, with any text in the display name.',
    sesOnly: false,
    example: 'To: "victim@example.com"@attacker.example',
  }),
  r({
    code: 'source.non-ascii',
    severity: 'error',
    family: 'addresses',
    title: 'Non-ASCII text in the source option',
    description:
      'The `source` option has non-ASCII text that is not written as RFC 2047 encoded words (the display name must be encoded; the address itself must be ASCII).',
    hint: "Encode the display name: '=?UTF-8?B?...?= <sender@example.com>' (@rawmail/ses does this for you).",
    sesOnly: true,
    example: "source: 'Zoë <zoe@example.com>'",
  }),
  r({
    code: 'mime.version-missing',
    severity: 'warning',
    family: 'mime-structure',
    title: 'MIME content without MIME-Version: 1.0',
    description:
      'The message has Content-Type or Content-Transfer-Encoding headers (MIME content) but no `MIME-Version: 1.0` header, or another version.',
    hint: 'Add `MIME-Version: 1.0` to the top-level header section.',
    sesOnly: false,
    example: 'Content-Type: text/html (no MIME-Version)',
  }),
  r({
    code: 'mime.params-malformed',
    severity: 'error',
    family: 'mime-structure',
    title: 'Malformed parameter list',
    description: 'A Content-Type or Content-Disposition value whose type or parameter list does not parse.',
    sesText: "Expected ';', got 'x'",
    hint: 'Write parameters as `; name=value`, quoting values that contain spaces or tspecials: name="a b.pdf".',
    sesOnly: false,
    example: 'Content-Type: text/plain; charset=utf-8 format',
  }),
  r({
    code: 'mime.boundary-missing',
    severity: 'error',
    family: 'mime-structure',
    title: 'Multipart without boundary',
    description: 'A multipart Content-Type has no boundary parameter.',
    hint: 'Add a boundary parameter: multipart/mixed; boundary="unique-string".',
    sesOnly: false,
    example: 'Content-Type: multipart/mixed',
  }),
  r({
    code: 'mime.boundary-not-found',
    severity: 'error',
    family: 'mime-structure',
    title: 'Boundary delimiter missing',
    description:
      'The boundary never appears as a delimiter line, or the closing delimiter (--boundary--) is missing.',
    hint: 'Start every part with a line --boundary and end the multipart with --boundary--, each on its own line.',
    sesOnly: false,
    example: 'multipart/mixed body without --boundary-- at the end',
  }),
  r({
    code: 'mime.boundary-reused',
    severity: 'error',
    family: 'mime-structure',
    title: 'Nested multipart reuses a boundary',
    description:
      "A nested multipart's boundary equals an enclosing part's boundary, or one is a prefix of the other (which many parsers confuse).",
    hint: 'Give each multipart level its own random boundary.',
    sesOnly: false,
    example: 'multipart/alternative inside multipart/mixed, both with boundary="b1"',
  }),
  r({
    code: 'mime.encoding-unknown',
    severity: 'error',
    family: 'mime-structure',
    title: 'Unknown or misplaced Content-Transfer-Encoding',
    description:
      'A Content-Transfer-Encoding other than 7bit, 8bit, binary, quoted-printable or base64; or base64/quoted-printable on a multipart or message part.',
    hint: 'Use base64 or quoted-printable on leaf parts only; multiparts are 7bit.',
    sesOnly: false,
    example: 'Content-Transfer-Encoding: uuencode',
  }),
  r({
    code: 'mime.base64-invalid',
    severity: 'error',
    family: 'mime-structure',
    title: 'Invalid base64 body',
    description:
      'A base64 body with characters outside the base64 alphabet, data after padding, or bad padding.',
    hint: 'Re-encode the content with a base64 encoder, wrapped at 76 characters per line.',
    sesOnly: false,
    example: 'Content-Transfer-Encoding: base64\r\n\r\nSGVsbG8*',
  }),
  r({
    code: 'mime.depth-exceeded',
    severity: 'error',
    family: 'mime-structure',
    title: 'Multipart nesting too deep',
    description:
      'Multipart nesting deeper than 16 levels. Deeper parts are not inspected; many parsers downstream refuse or crash on such nesting.',
    hint: 'Flatten the MIME tree; real messages need at most 3 or 4 levels.',
    sesOnly: false,
    example: '17 nested multipart/mixed parts',
  }),
  r({
    code: 'body.8bit',
    severity: 'warning',
    family: 'mime-structure',
    title: '8-bit body content',
    description:
      'Bytes above 0x7F in a part declared 7bit (or with no Content-Transfer-Encoding), or a part declared 8bit or binary. SES may rewrite the body (open and click tracking) and break it.',
    hint: 'Encode the part as quoted-printable or base64.',
    sesOnly: true,
    example: 'Content-Type: text/plain; charset=utf-8\r\n\r\nGrüße',
  }),
  r({
    code: 'attachment.blocked-type',
    severity: 'error',
    family: 'attachments',
    title: 'Attachment type SES refuses',
    description:
      'An attachment whose file name (Content-Disposition filename, filename* of RFC 2231, Content-Type name, RFC 2047-encoded or not) ends in an extension SES refuses, such as .exe, .js or .bat. The last extension counts, case-insensitively.',
    hint: 'Zip the file or share it as a link; SES refuses these attachment types.',
    sesOnly: true,
    example: 'Content-Disposition: attachment; filename="setup.exe"',
  }),
  r({
    code: 'dkim.signs-rewritten-header',
    severity: 'warning',
    family: 'signatures',
    title: 'DKIM signature covers a header SES rewrites',
    description:
      'A top-level DKIM-Signature whose h= tag lists Date, Message-ID or an X-SES-* header. SES replaces Date and Message-ID and strips X-SES-* headers, so the signature fails at every receiver; DMARC then rests on the DKIM signature SES adds alone.',
    hint: "Sign without Date, Message-ID and X-SES-* headers (nodemailer: dkim.skipFields 'date:message-id'), or let SES sign (Easy DKIM).",
    sesOnly: true,
    example:
      'DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=mail; h=from:to:subject:date:message-id; bh=…; b=…',
  }),
  r({
    code: 'ses.tag-invalid',
    severity: 'error',
    family: 'ses-parameters',
    title: 'Invalid message tag',
    description: 'A message tag name or value that does not match [A-Za-z0-9_-]{1,256}.',
    hint: 'Use only letters, digits, underscores and dashes, at most 256 characters.',
    sesOnly: true,
    example: "tags: [{ name: 'campaign id', value: 'x' }]",
  }),
  r({
    code: 'ses.configuration-set-invalid',
    severity: 'error',
    family: 'ses-parameters',
    title: 'Invalid configuration set name',
    description: 'A configuration set name that does not match [A-Za-z0-9_-]{1,64}.',
    hint: 'Use only letters, digits, underscores and dashes, at most 64 characters.',
    sesOnly: true,
    example: "configurationSetName: 'my set'",
  }),
] as const;

/**
 * Every rule code of the catalogue, as a union of string literals (`'header.duplicate' | …`). It is derived
 * from the catalogue entries, so it cannot drift from them; codes are public API: added, never renamed.
 */
export type RuleCode = (typeof catalogue)[number]['code'];

/** Every rule, in catalogue order. */
export const rules: readonly RuleInfo[] = Object.freeze(catalogue);

/** Rule metadata by code; keyed by `string` so that any text (an SES error, a config file) can be looked up. */
export const rulesByCode: ReadonlyMap<string, RuleInfo> = new Map(rules.map((rule) => [rule.code, rule]));

/** True when `code` is a rule code of the catalogue (narrows a string read from elsewhere to `RuleCode`). */
export function isRuleCode(code: string): code is RuleCode {
  return rulesByCode.has(code);
}
