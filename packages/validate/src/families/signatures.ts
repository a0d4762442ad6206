import type { HeaderField, PartInfo } from '../reader/events.js';
import type { FamilyContext, FamilyVisitor, RuleFamily } from './family.js';
import { where } from './family.js';

/** Folding whitespace inside a DKIM tag list (RFC 6376 §3.2): the value is unfolded, CR/LF may remain. */
const FWS = /[ \t\r\n]+/g;

/**
 * The header names of the `h=` tag(s) of a DKIM-Signature value, as written (RFC 6376 §3.2 tag-list:
 * `tag = value` pairs separated by `;`; §3.5 `h=` is a colon-separated list). Linear: two splits.
 */
export function signedHeaderNames(value: string): string[] {
  const names: string[] = [];
  for (const spec of value.split(';')) {
    const eq = spec.indexOf('=');
    if (eq === -1 || spec.slice(0, eq).replace(FWS, '') !== 'h') continue;
    for (const name of spec.slice(eq + 1).split(':')) {
      const trimmed = name.replace(FWS, '');
      if (trimmed !== '') names.push(trimmed);
    }
  }
  return names;
}

/** Whether SES changes the header on the way (it replaces Date and Message-ID, strips X-SES-*). */
export function sesRewrites(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'date' || lower === 'message-id' || lower.startsWith('x-ses-');
}

/** `dkim.*`: a signature made before SES that covers what SES changes cannot verify at the receiver. */
export const signaturesFamily: RuleFamily = {
  name: 'signatures',
  codes: ['dkim.signs-rewritten-header'],
  create(ctx: FamilyContext): FamilyVisitor {
    const issues = ctx.issues;
    return {
      headerField(f: HeaderField, part: PartInfo) {
        // Only the message's own header section: SES leaves the headers of parts and embedded messages alone.
        if (part.path !== '' || f.lowerName !== 'dkim-signature') return;
        const rewritten = [
          ...new Set(
            signedHeaderNames(f.value)
              .filter(sesRewrites)
              .map((n) => n.toLowerCase()),
          ),
        ];
        if (rewritten.length === 0) return;
        const listed = rewritten.map((n) => `'${n}'`).join(', ');
        issues.add({
          code: 'dkim.signs-rewritten-header',
          message: `The DKIM-Signature${where(part, f.line)} signs ${listed} (h= tag). SES replaces Date and Message-ID and strips X-SES-* headers, so this signature fails at every receiver and DMARC rests on the DKIM signature SES adds alone.`,
          line: f.line,
          header: f.name,
          part: part.path,
        });
      },
    };
  },
};
