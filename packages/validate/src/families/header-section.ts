import type { HeaderField, HeaderSyntaxProblem, PartInfo } from '../reader/events.js';
import type { FamilyContext, FamilyVisitor, RuleFamily } from './family.js';
import { partLabel, where } from './family.js';

const NON_ASCII = /[\x80-\xff]/;
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
const SUSPECT = /[\x00-\x08\x0a-\x1f\x7f-\xff]/;

/**
 * Whether `value` has a byte `SUSPECT` matches. Most values are short and clean: a loop over their characters
 * is cheaper than entering the regular expression engine; long values are left to it.
 */
function maybeSuspect(value: string): boolean {
  if (value.length > 256) return true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 32 ? c !== 9 : c >= 127) return true;
  }
  return false;
}

function describeControl(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 13) return 'a lone CR';
  if (code === 10) return 'a lone LF';
  if (code === 0) return 'a NUL byte';
  return `the control character 0x${code.toString(16).padStart(2, '0').toUpperCase()}`;
}

const onceSets = new WeakMap<object, ReadonlySet<string>>();

/** The once-only header names of a profile as a set (built once per profile object). */
function onceOnly(list: readonly string[]): ReadonlySet<string> {
  let set = onceSets.get(list);
  if (!set) {
    set = new Set(list);
    onceSets.set(list, set);
  }
  return set;
}

/** `header.*` rules on each header section: bytes, controls, duplicates, syntax, Bcc. */
export const headerSectionFamily: RuleFamily = {
  name: 'header-section',
  codes: [
    'header.non-ascii',
    'header.control-char',
    'header.duplicate',
    'header.empty-name',
    'header.malformed',
    'header.section-too-large',
    'header.bcc-present',
  ],
  create(ctx: FamilyContext): FamilyVisitor {
    const once = onceOnly(ctx.options.profile.onceOnlyHeaders);
    // The once-only fields of the section being read and their lines, in the first `seenCount` entries: at most
    // one per once-only name, so a short list (reused by every section) beats a Map per section.
    const seenNames: string[] = [];
    const seenLines: number[] = [];
    let seenCount = 0;
    const issues = ctx.issues;
    return {
      headerField(f: HeaderField, part: PartInfo) {
        // One scan finds either kind of bad byte; a second only when the first found one kind.
        const first = maybeSuspect(f.value) ? SUSPECT.exec(f.value) : null;
        const bad = first === null ? null : first[0] >= '\x80' ? first : NON_ASCII.exec(f.value);
        const ctl = first === null ? null : first[0] < '\x80' ? first : CONTROL.exec(f.value);
        if (bad) {
          const byte = bad[0].charCodeAt(0).toString(16).toUpperCase();
          issues.add({
            code: 'header.non-ascii',
            message: `The ${f.name} header${where(part, f.line)} contains the non-ASCII byte 0x${byte}. SES has no SMTPUTF8: non-ASCII header text must be written as RFC 2047 encoded words.`,
            line: f.line,
            header: f.name,
            part: part.path,
          });
        }
        if (ctl) {
          issues.add({
            code: 'header.control-char',
            message: `The ${f.name} header value${where(part, f.line)} contains ${describeControl(ctl[0])}; control characters in header values allow header injection.`,
            line: f.line,
            header: f.name,
            part: part.path,
          });
        } else if (f.bareLf && part.crlf) {
          issues.add({
            code: 'header.control-char',
            message: `A line of the ${f.name} header${where(part, f.line)} ends in a lone LF in a header section that uses CRLF: a LF smuggled into a value starts a new header (header injection).`,
            line: f.line,
            header: f.name,
            part: part.path,
          });
        }
        if (once.has(f.lowerName)) {
          let at = 0;
          while (at < seenCount && seenNames[at] !== f.lowerName) at++;
          const first = at < seenCount ? seenLines[at] : undefined;
          if (first === undefined) {
            seenNames[seenCount] = f.lowerName;
            seenLines[seenCount] = f.line;
            seenCount++;
          } else
            issues.add({
              code: 'header.duplicate',
              message: `Duplicate header '${f.name}'. ${f.name} appears again on line ${f.line}${part.path ? ` in ${partLabel(part)}` : ''} (first on line ${first}) but may appear only once per header section; SES rejects the message with exactly this text.`,
              line: f.line,
              header: f.name,
              part: part.path,
            });
        }
        if (part.path === '' && part.depth === 0 && f.lowerName === 'bcc')
          issues.add({
            code: 'header.bcc-present',
            message: `The message carries a Bcc header (line ${f.line}): every recipient may see the hidden addresses, and SES delivers only to Bcc addresses that are also in the destinations.`,
            line: f.line,
            header: f.name,
            part: part.path,
          });
      },
      headersEnd() {
        seenCount = 0;
      },
      headerSyntax(p: HeaderSyntaxProblem, part: PartInfo) {
        if (p.kind === 'malformed') {
          issues.add({
            code: 'header.malformed',
            message: `Illegal header '${p.text}'. Line ${p.line}${part.path ? ` in ${partLabel(part)}` : ''} is not a header field (${p.reason}); SES rejects the message with this text. Is the blank line between header and body missing? The rest is read as body.`,
            line: p.line,
            part: part.path,
          });
        } else if (p.kind === 'empty-name') {
          issues.add({
            code: 'header.empty-name',
            message: `Empty header names are illegal. Line ${p.line}${part.path ? ` in ${partLabel(part)}` : ''} ('${p.text}') starts with a colon.`,
            line: p.line,
            part: part.path,
          });
        } else {
          issues.add({
            code: 'header.section-too-large',
            message: `The header section${where(part, p.line)} is larger than ${p.limit} bytes; fields after this line were not checked.`,
            line: p.line,
            part: part.path,
          });
        }
      },
    };
  },
};
