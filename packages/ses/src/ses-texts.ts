import { isRuleCode, type RuleCode, rules, rulesByCode } from '@rawmail/validate';

/**
 * Maps SES error texts to the validator rule whose check prevents them, from the validator's own rule metadata
 * (`RuleInfo.sesText`): each text becomes a pattern where quoted values (`'Subject'`) and numbers are
 * placeholders, so `Duplicate header 'X-Custom'.` matches the `header.duplicate` rule's
 * `Duplicate header 'Subject'.`.
 */
interface Matcher {
  pattern: RegExp;
  code: string;
  specificity: number;
}

/** SES wordings of the same rule that the metadata does not list (SES words some checks two ways). */
const VARIANTS: { text: string; code: string }[] = [
  { text: 'Domain contains control or whitespace', code: 'address.whitespace-or-control' },
];

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function toPattern(text: string): RegExp {
  let source = '';
  for (const token of text.split(/('[^']*'|\d+)/)) {
    if (token === '') continue;
    if (token.startsWith("'") && token.endsWith("'") && token.length >= 2) source += "'[^']*'";
    else if (/^\d+$/.test(token)) source += '\\d+';
    else source += escapeRegExp(token);
  }
  return new RegExp(source.replace(/\\\.$/, '\\.?'));
}

const texts = [
  ...rules.filter((r) => r.sesText !== undefined).map((r) => ({ text: r.sesText!, code: r.code })),
  ...VARIANTS.filter((v) => rulesByCode.has(v.code)),
];
const bySpecificity = (a: Matcher, b: Matcher) => b.specificity - a.specificity;
// Literal texts first (so `Missing required header 'To'.` is not taken for the `'From'` rule), then the same
// texts with their quoted values and numbers as placeholders.
const matchers: Matcher[] = [
  ...texts
    .map(({ text, code }) => ({ pattern: new RegExp(escapeRegExp(text)), code, specificity: text.length }))
    .sort(bySpecificity),
  ...texts
    .map(({ text, code }) => ({ pattern: toPattern(text), code, specificity: text.length }))
    .sort(bySpecificity),
];

/** The validator rule code whose check prevents the SES error with this text, if any. */
export function ruleCodeForSesText(message: string): RuleCode | undefined {
  const code = matchers.find((m) => m.pattern.test(message))?.code;
  return code !== undefined && isRuleCode(code) ? code : undefined;
}
