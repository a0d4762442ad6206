import { MAX_ENCODED_WORD, MAX_LINE_OCTETS } from '@rawmail/mime';
import { profiles } from '../profiles.js';
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
    `- MIME nesting: at most ${MAX_MULTIPART_DEPTH} multipart levels; deeper ones are read as opaque leaves (\`mime.depth-exceeded\`).`,
    `- Encoded words: at most ${MAX_ENCODED_WORD} characters (\`encoded-word.too-long\`).`,
    `- At most ${MAX_ISSUES_PER_CODE} issues per code are listed; one more issue of that code gives the total.`,
    '- Embedded `message/rfc822` parts are checked as bodies (lines, 8-bit bytes), not parsed as messages.',
    '',
  ];
  const families = [...new Set(rules.map((r) => r.family))];
  for (const family of families) {
    out.push(`## ${FAMILY_TITLES[family]}`, '');
    for (const r of rules.filter((x) => x.family === family)) out.push(rule(r), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
