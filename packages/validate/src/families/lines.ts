import type { LineProblem, PartInfo } from '../reader/events.js';
import { MAX_LINE_OCTETS } from '../reader/message-reader.js';
import type { FamilyContext, FamilyVisitor, RuleFamily } from './family.js';
import { where } from './family.js';

/** `line.*`: line length and line endings, from the reader's line statistics. */
export const linesFamily: RuleFamily = {
  name: 'lines',
  codes: ['line.too-long', 'line.bare-newline'],
  create(ctx: FamilyContext): FamilyVisitor {
    const issues = ctx.issues;
    return {
      lineProblem(p: LineProblem, part: PartInfo) {
        if (p.kind === 'too-long')
          issues.add({
            code: 'line.too-long',
            message: `Line ${p.line}${where(part)} is ${p.length} octets long; the limit is ${MAX_LINE_OCTETS} without CRLF (RFC 5322 §2.1.1). SES accepts it, but the receiving server bounces it ('552 message line is too long').`,
            line: p.line,
            part: part.path,
          });
        else
          issues.add({
            code: 'line.bare-newline',
            message:
              p.kind === 'bare-lf'
                ? `Line ${p.line}${where(part)} ends in a bare LF instead of CRLF.`
                : `Line ${p.line}${where(part)} contains a bare CR that is not followed by LF.`,
            line: p.line,
            part: part.path,
          });
      },
    };
  },
};
