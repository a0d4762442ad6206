import { Buffer } from 'node:buffer';
import { type AddressProblem, checkAddrSpec, parseAddressList, parseMailbox } from '@rawmail/mime/address';
import type { HeaderField, PartInfo } from '../reader/events.js';
import type { FamilyContext, FamilyVisitor, RuleFamily } from './family.js';

type Kind = 'list' | 'mailbox-list' | 'mailbox' | 'path';

/** Top-level address headers and how each is parsed. */
const ADDRESS_HEADERS: ReadonlyMap<string, Kind> = new Map<string, Kind>([
  ['from', 'mailbox-list'],
  ['sender', 'mailbox'],
  ['reply-to', 'list'],
  ['to', 'list'],
  ['cc', 'list'],
  ['bcc', 'list'],
  ['return-path', 'path'],
]);

const NON_ASCII = /[^\x00-\x7f]/;

/** A header value (latin1, one char per byte) as the UTF-8 text the bytes spell. */
function asText(latin1: string): string {
  return NON_ASCII.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
}

/**
 * `address.*` and `source.non-ascii`: the top-level address headers, `source` and `destinations`, parsed with
 * the one shared RFC 5322 parser (`../address`). Also collects the To/Cc/Bcc recipients for the counts.
 */
export const addressesFamily: RuleFamily = {
  name: 'addresses',
  codes: [
    'address.invalid',
    'address.missing-domain',
    'address.missing-local',
    'address.whitespace-or-control',
    'address.local-non-ascii',
    'address.domain-non-ascii',
    'address.ambiguous',
    'source.non-ascii',
  ],
  create(ctx: FamilyContext): FamilyVisitor {
    const { issues, facts, options } = ctx;
    const report = (problems: AddressProblem[], where: string, loc: { line?: number; header?: string }) => {
      for (const p of problems) {
        const issue: Parameters<typeof issues.add>[0] = {
          code: p.code,
          message: `${where}: ${p.message}`,
          ...loc,
        };
        if (p.hint !== undefined) issue.hint = p.hint;
        issues.add(issue);
      }
    };
    return {
      start() {
        const source = options.source;
        if (source !== undefined) {
          if (NON_ASCII.test(source))
            issues.add({
              code: 'source.non-ascii',
              message: `The source option '${source}' contains non-ASCII text. SES needs the display name as RFC 2047 encoded words and the address in ASCII.`,
            });
          const parsed = parseMailbox(source);
          report(parsed.problems, 'In the source option', {});
          if (!parsed.mailbox && parsed.problems.length === 0)
            issues.add({
              code: 'address.invalid',
              message: `The source option '${source}' is not one mailbox (Illegal address).`,
            });
        }
        (options.destinations ?? []).forEach((d, i) => {
          report(checkAddrSpec(d), `In destinations[${i}]`, {});
        });
      },
      headerField(f: HeaderField, part: PartInfo) {
        if (part.path !== '') return;
        const kind = ADDRESS_HEADERS.get(f.lowerName);
        if (kind === undefined) return;
        const value = asText(f.value);
        const loc = { line: f.line, header: f.name };
        const where = `In the ${f.name} header (line ${f.line})`;
        if (kind === 'list' || kind === 'mailbox-list') {
          const parsed = parseAddressList(value, { allowGroups: kind === 'list' });
          report(parsed.problems, where, loc);
          if (kind === 'mailbox-list' && parsed.mailboxes.length === 0 && parsed.problems.length === 0)
            issues.add({
              code: 'address.invalid',
              message: `${where}: the header has no address (Illegal address).`,
              ...loc,
            });
          const list =
            f.lowerName === 'to'
              ? facts.to
              : f.lowerName === 'cc'
                ? facts.cc
                : f.lowerName === 'bcc'
                  ? facts.bcc
                  : undefined;
          if (list) for (const m of parsed.mailboxes) list.push(m.address);
          return;
        }
        if (kind === 'path' && value.trim() === '<>') return;
        const parsed = parseMailbox(value);
        report(parsed.problems, where, loc);
        if (!parsed.mailbox && parsed.problems.length === 0)
          issues.add({
            code: 'address.invalid',
            message: `${where}: expected exactly one mailbox (Illegal address).`,
            ...loc,
          });
      },
    };
  },
};
