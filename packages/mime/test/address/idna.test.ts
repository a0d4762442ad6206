/** The one IDNA check shared by compose and the validator: the A-label form is checked like any ASCII domain. */
import { describe, expect, test } from 'vitest';
import { checkAddrSpec, toCheckedAsciiDomain } from '../../src/address/index.js';

describe('toCheckedAsciiDomain', () => {
  test('ASCII domains are checked as written', () => {
    expect(toCheckedAsciiDomain('example.com')).toEqual({ ascii: 'example.com', problems: [] });
    // Not lower-cased (IDNA would): an ASCII domain is written as given.
    expect(toCheckedAsciiDomain('Example.COM')).toEqual({ ascii: 'Example.COM', problems: [] });
    expect(toCheckedAsciiDomain('exa_mple.com').problems.map((p) => p.reason)).toEqual([
      "Domain contains illegal character: '_'. Domain names may only contain letters, digits, hyphens and dots.",
    ]);
    expect(toCheckedAsciiDomain('').problems.map((p) => [p.code, p.fatal, p.reason])).toEqual([
      ['address.missing-domain', true, "Missing final '@domain'."],
    ]);
    expect(toCheckedAsciiDomain('exa_mple.com').problems[0]?.code).toBe('address.invalid');
    expect(toCheckedAsciiDomain(`${'a'.repeat(64)}.com`).ascii).toBeUndefined();
  });

  test('non-ASCII domains become their A-label form', () => {
    expect(toCheckedAsciiDomain('bücher.example')).toEqual({ ascii: 'xn--bcher-kva.example', problems: [] });
    expect(toCheckedAsciiDomain('ПРИМЕР.рф').ascii).toBe('xn--e1afmkfd.xn--p1ai');
  });

  test.each([
    ['exa\uFF0Cmple.org', "maps the domain to 'exa,mple.org'"],
    ['exa\uFF1Bmple.org', "maps the domain to 'exa;mple.org'"],
    ['exa\uFF08mple.org', "maps the domain to 'exa(mple.org'"],
    ['a\uFF0E\uFF0Eb.org', 'dot-dot'],
    ['exa\u200Bmple.org', 'U+200B'],
    ['exa\u00ADmple.org', 'U+00AD'],
    ['exa\u200Dmple.org', 'U+200D'],
    [`${'ä'.repeat(70)}.de`, 'longer than 63'],
    [`${Array.from({ length: 5 }, () => `${'ü'.repeat(50)}x`).join('.')}.de`, 'longer than 253'],
    [`${'x'.repeat(600)}ü`, 'longer than 253'],
    ['exa\uFE6Ample.org', 'no valid IDNA'],
  ])('%j is refused: %s', (domain, reason) => {
    const r = toCheckedAsciiDomain(domain, { address: `b@${domain}` });
    expect(r.ascii).toBeUndefined();
    expect(r.problems[0]?.code).toBe('address.invalid');
    // Fatal only where the A-label form is malformed as a domain (an empty label), as for an ASCII domain.
    expect(r.problems[0]?.fatal).toBe(reason === 'dot-dot');
    expect(r.problems[0]?.hint?.length).toBeGreaterThan(10);
    expect(r.problems[0]?.message).toContain(reason);
    expect(r.problems[0]?.message.startsWith("Address 'b@")).toBe(true);
  });

  test('requireDottedDomain refuses a single label, as written or mapped to its A-label', () => {
    expect(toCheckedAsciiDomain('localhost')).toEqual({ ascii: 'localhost', problems: [] });
    expect(toCheckedAsciiDomain('bücher')).toEqual({ ascii: 'xn--bcher-kva', problems: [] });
    expect(toCheckedAsciiDomain('a.example', { requireDottedDomain: true }).ascii).toBe('a.example');
    for (const domain of ['localhost', 'bücher']) {
      const r = toCheckedAsciiDomain(domain, { requireDottedDomain: true });
      expect(r.ascii).toBeUndefined();
      expect(r.problems.map((p) => p.code)).toEqual(['address.invalid']);
      expect(r.problems[0]?.message).toContain('single label');
    }
  });

  test('every problem of the A-label form is listed, each saying what IDNA made of the domain', () => {
    const domain = `ü_.${'l'.repeat(64)}`;
    const r = toCheckedAsciiDomain(domain, { address: `b@${domain}` });
    expect(r.ascii).toBeUndefined();
    const prefix = `IDNA maps the domain to 'xn--_-dha.${'l'.repeat(64)}': `;
    expect(r.problems.map((p) => [p.code, p.fatal, p.input, p.reason])).toEqual([
      [
        'address.invalid',
        false,
        `b@${domain}`,
        `${prefix}Domain contains illegal character: '_'. Domain names may only contain letters, digits, hyphens and dots.`,
      ],
      [
        'address.invalid',
        false,
        `b@${domain}`,
        `${prefix}Illegal address: the domain label '${'l'.repeat(20)}…' is longer than 63 characters.`,
      ],
    ]);
    expect(r.problems.map((p) => p.hint)).toEqual([
      'Underscores are allowed in some DNS records but not in mail domains; use the real host name.',
      'DNS labels are at most 63 characters; check the domain for typos.',
    ]);
  });

  test('more than 2 × 253 UTF-16 units cannot have a valid A-label form: refused without converting', () => {
    const at506 = toCheckedAsciiDomain(`${'a'.repeat(505)}ü`);
    expect(at506.ascii).toBeUndefined();
    expect(at506.problems[0]?.reason).toMatch(/^IDNA maps the domain to 'xn--a+-/);
    const at507 = toCheckedAsciiDomain(`${'a'.repeat(506)}ü`);
    expect(at507.problems.map((p) => p.reason)).toEqual([
      'Illegal address: the domain is longer than 253 characters.',
    ]);
  });

  test('the A-label length limit is counted on the A-label: 63 passes, 64 does not', () => {
    expect(toCheckedAsciiDomain(`ä${'a'.repeat(55)}.de`).ascii?.split('.')[0]).toHaveLength(63);
    expect(toCheckedAsciiDomain(`ä${'a'.repeat(56)}.de`).ascii).toBeUndefined();
  });

  test('the validator hint uses the same check: no Punycode suggestion for a domain that maps to specials', () => {
    const bad = checkAddrSpec('b@exa\uFF0Cmple.org');
    expect(bad.map((p) => p.code)).toEqual(['address.domain-non-ascii']);
    expect(bad[0]?.hint).toContain('no valid Punycode form');
    expect(bad[0]?.hint).toContain("'exa,mple.org'");
    const good = checkAddrSpec('b@bücher.example');
    expect(good[0]?.hint).toBe("Write the domain in Punycode: 'b@xn--bcher-kva.example'.");
    const long = checkAddrSpec(`b@${'ä'.repeat(70)}.de`);
    expect(long[0]?.hint).toContain('longer than 63');
  });
});
