import { MAX_ENCODED_WORD, MAX_LINE_OCTETS, MAX_PARAM_SECTIONS } from '@rawmail/mime';
import { profiles } from '../profiles.js';
import { SLICE_BYTES } from '../reader/input.js';
import { MAX_HEADER_SECTION_BYTES, MAX_MULTIPART_DEPTH } from '../reader/message-reader.js';
import { MAX_ISSUES_PER_CODE } from '../report/issue-collector.js';
import { type RuleFamilyName, type RuleInfo, rules } from './catalog.js';

const FAMILY_TITLES: Record<RuleFamilyName, string> = {
  'size-recipients': 'Size and recipients',
  'header-section': 'Header section',
  'encoded-words': 'Encoded words (RFC 2047)',
  lines: 'Lines',
  addresses: 'Addresses',
  'mime-structure': 'MIME structure',
  attachments: 'Attachments',
  'ses-parameters': 'SES request parameters',
  signatures: 'Signatures',
};

const n = (x: number) => x.toLocaleString('en-US');
const cap = (x: number | null) => (x === null ? 'none' : n(x));

function rule(r: RuleInfo): string {
  const lines = [
    `### \`${r.code}\``,
    '',
    `**${r.severity}**${r.sesOnly ? ' · SES profiles only' : ''} · ${r.title}`,
    '',
    `- **Triggered by:** ${r.description}`,
  ];
  if (r.sesText) lines.push(`- **SES error it prevents:** \`${r.sesText}\``);
  lines.push(`- **Example:** \`${r.example.replace(/`/g, "'")}\``);
  lines.push(`- **Fix:** ${r.hint}`);
  return lines.join('\n');
}

/** Renders `docs/rules.md` from the rule metadata, so the document cannot drift from the code. */
export function renderRulesMarkdown(): string {
  const out: string[] = [
    '<!-- Generated from packages/validate/src/rules/catalog.ts by `pnpm --filter @rawmail/validate docs:rules`. Do not edit by hand. -->',
    '',
    '# Validation rules',
    '',
    '`@rawmail/validate` reports each problem with a stable **code** (below), a severity (`error`: SES rejects',
    'the message or an RFC "MUST" is broken so that receiving servers may bounce it; `warning`: a delivery or',
    'rendering risk), a message naming the header / address / MIME part and quoting the SES error text where',
    'known, a location (`line`, `header`, `part`) and a `hint`. `report.ok` is true when there is no error.',
    '',
    '## Profiles',
    '',
    '| profile | size cap (bytes) | recipients | SES-only rules | once-only headers |',
    '|---|---:|---:|---|---|',
    ...Object.values(profiles).map(
      (p) =>
        `| \`${p.name}\` | ${cap(p.maxMessageBytes)} | ${cap(p.maxRecipients)} | ${p.sesRules ? 'on' : 'off'} | ${p.name === 'rfc5322' ? 'RFC 5322 §3.6 (+ MIME)' : "SES's documented list"} |`,
    ),
    '',
    'SES documents the v2 / SMTP limit as "40 MB" without the exact byte count; `ses-v2` uses 40 MiB',
    '(41,943,040 bytes). The size is the raw MIME message (attachments already base64-encoded), not the',
    'extra base64 of the API transport. A custom profile (`{ name, extends, maxMessageBytes?, maxRecipients?,',
    'onceOnlyHeaders?, rules? }`, checked with zod) changes limits or turns rules off or to another severity.',
    '',
    '## Limits of the reader',
    '',
    `- Lines: at most ${n(MAX_LINE_OCTETS)} octets without CRLF (\`line.too-long\`).`,
    `- Header section: at most ${n(MAX_HEADER_SECTION_BYTES)} bytes per section; fields after that are not kept (\`header.section-too-large\`).`,
    `- MIME nesting: at most ${MAX_MULTIPART_DEPTH} levels of multiparts and embedded messages together; deeper ones are read as opaque leaves (\`mime.depth-exceeded\`).`,
    `- Encoded words: at most ${MAX_ENCODED_WORD} characters (\`encoded-word.too-long\`).`,
    `- RFC 2231 parameters: at most ${n(MAX_PARAM_SECTIONS)} continuation sections each (section numbers of any length); a parameter with more has no value and is reported (\`mime.params-malformed\`), never read cut short.`,
    `- At most ${MAX_ISSUES_PER_CODE} issues per code are listed; one more issue of that code gives the total.`,
    "- Size: a stream is read until it passes the profile's size cap; then reading stops (the stream is ended or",
    '  destroyed), the report has `message.too-large` and `size` is the number of bytes read. Bytes and strings',
    '  are read whole. The `rfc5322` profile has no cap, so an endless stream is read until it ends.',
    `- Large inputs are read in slices of ${n(SLICE_BYTES)} bytes with a turn of the event loop between two`,
    '  slices, so `validate()` of a large message does not block other work for its whole duration.',
    '',
    '## Embedded messages (`message/rfc822`)',
    '',
    'The body of a `message/rfc822` part (a forwarded message, an `.eml` attachment; also a part of a',
    '`multipart/digest` without a Content-Type) is read as a message: its header section and its MIME tree are',
    'checked like the top level, within the nesting limit above. Its issues carry a part path: the embedded',
    "message's own header section and a single-part body have the path of the `message/rfc822` part (`2`;",
    'messages name it "the message embedded in MIME part 2"), and its parts are numbered under it (`2.1`, `2.2`,',
    '…), as IMAP numbers them.',
    '',
    '- Checked inside too: the header section rules (`header.non-ascii`, `header.control-char`,',
    '  `header.duplicate`, `header.malformed`, `header.empty-name`, `header.section-too-large`), encoded words,',
    '  lines, MIME structure and transfer encodings (`mime.*`, `body.8bit`) and `attachment.blocked-type`.',
    '- Top level only: the message size, recipient counts and `recipients.none`, `header.to-missing`,',
    '  `header.to-empty`, `header.from-missing`, `header.bcc-present`, the `address.*` rules and',
    '  `mime.version-missing`: the embedded message is content, not what SES sends or delivers to.',
    '- Its body may only be 7bit, 8bit or binary (RFC 2046 §5.2.1): a base64 or quoted-printable',
    '  `message/rfc822` part is `mime.encoding-unknown`, and its bytes are then checked as an opaque body.',
    '',
  ];
  const families = [...new Set(rules.map((r) => r.family))];
  for (const family of families) {
    out.push(`## ${FAMILY_TITLES[family]}`, '');
    for (const r of rules.filter((x) => x.family === family)) out.push(rule(r), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
