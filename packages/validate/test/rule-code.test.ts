import { describe, expect, expectTypeOf, test } from 'vitest';
import { isRuleCode, type RuleCode, rules, type ValidationIssue, validate } from '../src/index.js';

describe('RuleCode', () => {
  test('is the union of the catalogue codes, not string (checked by tsc -b on this file)', () => {
    expectTypeOf<'header.duplicate'>().toExtend<RuleCode>();
    expectTypeOf<'dkim.signs-rewritten-header'>().toExtend<RuleCode>();
    expectTypeOf<'no.such-rule'>().not.toExtend<RuleCode>();
    expectTypeOf<string>().not.toExtend<RuleCode>();
    expectTypeOf<ValidationIssue['code']>().toEqualTypeOf<RuleCode>();
    // @ts-expect-error a code that is not in the catalogue does not type-check
    const wrong: RuleCode = 'header.duplicated';
    expect(isRuleCode(wrong)).toBe(false);
  });
  test('isRuleCode accepts exactly the catalogue codes', async () => {
    for (const r of rules) expect(isRuleCode(r.code)).toBe(true);
    expect(isRuleCode('Header.Duplicate')).toBe(false);
    const report = await validate(
      'From: a@example.com\r\nTo: b@example.org\r\nSubject: a\r\nSubject: b\r\n\r\nhi\r\n',
    );
    const code: RuleCode | undefined = report.issues[0]?.code;
    expect(code).toBe('header.duplicate');
  });
});
