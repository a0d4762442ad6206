import { MAX_LINE_OCTETS } from '@rawmail/mime';
import type { LineProblem, MessageStats, PartInfo } from '../reader/events.js';
import { MAX_ISSUES_PER_CODE } from '../report/issue-collector.js';
import type { FamilyContext, FamilyVisitor, RuleFamily } from './family.js';
import { where } from './family.js';

/**
 * `line.*`: line length and line endings, from the reader's line statistics. A message that uses bare LF
 * throughout (a file saved on Unix) gets one warning instead of one per line.
 */
export const linesFamily: RuleFamily = {
  name: 'lines',
  codes: ['line.too-long', 'line.bare-newline'],
  create(ctx: FamilyContext): FamilyVisitor {
    const issues = ctx.issues;
    const bareLf: { line: number; part: string }[] = [];
    let bareLfTotal = 0;
    let bareCrListed = 0;
    return {
      lineProblem(p: LineProblem, part: PartInfo) {
        if (p.kind === 'too-long')
          issues.add({
            code: 'line.too-long',
            message: `Line ${p.line}${where(part)} is ${p.length} octets long; the limit is ${MAX_LINE_OCTETS} without CRLF (RFC 5322 §2.1.1). SES accepts it, but the receiving server bounces it ('552 message line is too long').`,
            line: p.line,
            part: part.path,
          });
        else if (p.kind === 'bare-lf') {
          bareLfTotal++;
          if (bareLf.length < MAX_ISSUES_PER_CODE) bareLf.push({ line: p.line, part: part.path });
        } else {
          bareCrListed++;
          issues.add({
            code: 'line.bare-newline',
            message: `Line ${p.line}${where(part)} contains a bare CR that is not followed by LF.`,
            line: p.line,
            part: part.path,
          });
        }
      },
      end(stats: MessageStats) {
        if (bareLfTotal === 0) return;
        if (stats.crlfLines === 0 && bareCrListed === 0) {
          issues.add({
            code: 'line.bare-newline',
            message: `The message uses bare LF line endings throughout (${bareLfTotal} lines) instead of CRLF.`,
            line: 1,
          });
          return;
        }
        const listed = Math.max(0, Math.min(bareLf.length, MAX_ISSUES_PER_CODE - bareCrListed));
        for (const b of bareLf.slice(0, listed))
          issues.add({
            code: 'line.bare-newline',
            message: `Line ${b.line}${where({ path: b.part })} ends in a bare LF instead of CRLF.`,
            line: b.line,
            part: b.part,
          });
        issues.countOnly('line.bare-newline', bareLfTotal - listed);
      },
    };
  },
};
