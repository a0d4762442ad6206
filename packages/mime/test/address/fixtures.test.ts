import { describe, expect, test } from 'vitest';
import { checkAddrSpec, parseAddressList, parseMailbox } from '../../src/address/index.js';
import { BAD, type Fixture, GOOD } from './fixtures.js';

function expectFixture(f: Fixture): void {
  const r = parseAddressList(f.input);
  expect(r.problems.map((p) => p.code)).toEqual(f.codes);
  expect(r.mailboxes.map((m) => m.address)).toEqual(f.addresses);
  if (f.names) expect(r.mailboxes.map((m) => m.name)).toEqual(f.names);
  if (f.says) expect(r.problems[0]?.message).toContain(f.says);
  for (const p of r.problems) {
    expect(p.message.startsWith('Address ')).toBe(true);
    expect(p.message).toContain(p.reason);
    expect(p.hint === undefined || p.hint.length > 0).toBe(true);
    // Problems about non-fatal content keep the mailbox; fatal ones never do.
    if (p.fatal) expect(r.mailboxes.some((m) => m.address === p.input)).toBe(false);
    // Content problems name the address itself, and that mailbox is returned for fixing.
    if (p.code === 'address.local-non-ascii' || p.code === 'address.domain-non-ascii') {
      expect(r.mailboxes.some((m) => m.address === p.input)).toBe(true);
    }
  }
  for (const m of r.mailboxes) expect(m.address).toBe(`${m.local}@${m.domain}`);
}

describe('accepted forms', () => {
  test.each(GOOD.map((f) => [JSON.stringify(f.input), f] as const))('%s', (_, f) => expectFixture(f));
});

describe('refused forms', () => {
  test.each(BAD.map((f) => [JSON.stringify(f.input), f] as const))('%s', (_, f) => expectFixture(f));
});

describe('structure', () => {
  test('groups keep their members and are flattened into mailboxes in order', () => {
    const r = parseAddressList(
      'x@y.example, Team: a@b.example, "B" <c@d.example>;, undisclosed-recipients:;',
    );
    expect(r.entries).toEqual([
      { name: '', address: 'x@y.example', local: 'x', domain: 'y.example' },
      {
        group: 'Team',
        members: [
          { name: '', address: 'a@b.example', local: 'a', domain: 'b.example' },
          { name: 'B', address: 'c@d.example', local: 'c', domain: 'd.example' },
        ],
      },
      { group: 'undisclosed-recipients', members: [] },
    ]);
    expect(r.mailboxes.map((m) => m.address)).toEqual(['x@y.example', 'a@b.example', 'c@d.example']);
  });

  test('allowGroups: false refuses groups', () => {
    const r = parseAddressList('Team: a@b.example;', { allowGroups: false });
    expect(r.problems.map((p) => p.code)).toEqual(['address.invalid']);
    expect(r.mailboxes).toEqual([]);
  });

  test('quoted local parts keep their quotes', () => {
    const [m] = parseAddressList('Ann <"ann smith"@x.example>').mailboxes;
    expect(m).toEqual({
      name: 'Ann',
      address: '"ann smith"@x.example',
      local: '"ann smith"',
      domain: 'x.example',
    });
  });

  test('domain literal keeps its brackets', () => {
    expect(parseAddressList('a@[192.0.2.1]').mailboxes[0]?.domain).toBe('[192.0.2.1]');
  });
});

describe('display names', () => {
  test('encoded words are kept unless decodeEncodedWords', () => {
    const v = '=?UTF-8?B?SsO8cmdlbg==?= =?UTF-8?Q?_Gro=C3=9F?= <j@x.example>';
    expect(parseAddressList(v).mailboxes[0]?.name).toBe('=?UTF-8?B?SsO8cmdlbg==?= =?UTF-8?Q?_Gro=C3=9F?=');
    expect(parseAddressList(v, { decodeEncodedWords: true }).mailboxes[0]?.name).toBe('Jürgen Groß');
  });

  test('bad encoded words never throw and are left as written', () => {
    for (const v of [
      '=?x?y?= <a@b.example>',
      '=?UTF-8?B?***?= <a@b.example>',
      '=?no-such-charset?Q?abc?= <a@b.example>',
      '=?UTF-8?Q?=FF=FE?= <a@b.example>',
      `${'=?x?y?'.repeat(2000)} <a@b.example>`,
    ]) {
      const r = parseAddressList(v, { decodeEncodedWords: true });
      expect(r.mailboxes.map((m) => m.address)).toEqual(['a@b.example']);
      expect(typeof r.mailboxes[0]?.name).toBe('string');
    }
  });

  test('group names are decoded too', () => {
    const r = parseAddressList('=?UTF-8?Q?=C3=A9quipe?=: a@b.example;', { decodeEncodedWords: true });
    expect(r.entries[0]).toMatchObject({ group: 'équipe' });
  });

  test('allowUnicodeNames: false reports raw UTF-8 names but keeps the mailbox', () => {
    const r = parseAddressList('Jürgen <j@x.example>', { allowUnicodeNames: false });
    expect(r.problems.map((p) => [p.code, p.fatal])).toEqual([['address.invalid', false]]);
    expect(r.problems[0]?.hint).toContain('RFC 2047');
    expect(r.mailboxes.map((m) => m.address)).toEqual(['j@x.example']);
    expect(parseAddressList('Jurgen <j@x.example>', { allowUnicodeNames: false }).problems).toEqual([]);
  });
});

describe('problems', () => {
  test('an unquoted comma in a display name splits the entry, and the hint says to quote it', () => {
    const r = parseAddressList('Doe, John <john@x.example>');
    expect(r.problems.map((p) => [p.code, p.input])).toEqual([['address.missing-domain', 'Doe']]);
    expect(r.problems[0]?.hint).toContain('"Last, First" <name@example.com>');
    expect(r.mailboxes.map((m) => [m.name, m.address])).toEqual([['John', 'john@x.example']]);
  });

  test('the Punycode hint of a non-ASCII domain', () => {
    const [p] = parseAddressList('Ann <ann@bücher.example>').problems;
    expect(p?.code).toBe('address.domain-non-ascii');
    expect(p?.fatal).toBe(false);
    expect(p?.hint).toContain("'ann@xn--bcher-kva.example'");
  });

  test('a non-ASCII domain without a valid Punycode form gets no Punycode hint', () => {
    for (const v of [
      `a@${'ü'.repeat(600)}.example`,
      'a@ü..example'.replace('..', '.-.'),
      'a@xn--ü.example',
    ]) {
      const r = parseAddressList(v);
      const p = r.problems.find((x) => x.code === 'address.domain-non-ascii');
      expect(p?.hint).toContain('no valid Punycode form');
    }
  });

  test('messages quote the address and escape control characters', () => {
    const [p] = parseAddressList('a@b.example\r\nBcc: x@y.example').problems;
    expect(p?.message).toContain('\\r\\n');
    expect(p?.message).not.toContain('\r');
    expect(p?.input).toBe('a@b.example\r\nBcc: x@y.example');
  });

  test('long inputs are shortened in messages but kept whole in input', () => {
    const v = `${'a'.repeat(5000)}@`;
    const [p] = parseAddressList(v).problems;
    expect(p?.message.length).toBeLessThan(300);
    expect(p?.input).toBe(v);
  });

  test('requireDottedDomain refuses single-label domains, keeping the mailbox', () => {
    expect(parseAddressList('a@localhost').problems).toEqual([]);
    const r = parseAddressList('a@localhost', { requireDottedDomain: true });
    expect(r.problems.map((p) => p.code)).toEqual(['address.invalid']);
    expect(r.mailboxes.length).toBe(1);
    expect(parseAddressList('a@x.example', { requireDottedDomain: true }).problems).toEqual([]);
  });

  test('each domain fault is its own problem: illegal character, long label, long name, hyphen', () => {
    const domain = `-b_c.${'l'.repeat(64)}.${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.d-`;
    const r = parseAddressList(`a@${domain}`);
    expect(r.problems.map((p) => [p.fatal, p.reason])).toEqual([
      [
        false,
        "Domain contains illegal character: '_'. Domain names may only contain letters, digits, hyphens and dots.",
      ],
      [false, `Illegal address: the domain label '${'l'.repeat(20)}…' is longer than 63 characters.`],
      [false, 'Illegal address: the domain is longer than 253 characters.'],
      [false, "Illegal address: the domain label '-b_c' starts or ends with a hyphen."],
    ]);
    expect(r.problems[0]?.hint).toContain('Underscores');
    expect(parseAddressList('a@b!c.example').problems[0]?.hint).toBe('Check the domain for typos.');
  });

  test('the number of listed problems is bounded', () => {
    const r = parseAddressList('bad,'.repeat(1000));
    expect(r.problems.length).toBe(101);
    expect(r.problems[100]?.message).toContain('900 more problems');
  });

  test('MAX_PROBLEMS at the edge: 100 problems are all listed, the 101st becomes a fatal summary', () => {
    const at = parseAddressList('bad,'.repeat(100));
    expect(at.problems.map((p) => p.code)).toEqual(Array(100).fill('address.missing-domain'));
    const over = parseAddressList('bad,'.repeat(101));
    expect(over.problems).toHaveLength(101);
    expect(over.problems.slice(0, 100).every((p) => p.code === 'address.missing-domain')).toBe(true);
    expect(over.problems[100]).toMatchObject({
      code: 'address.invalid',
      fatal: true,
      reason: 'Illegal address: 1 more problems in this header were not listed.',
    });
    expect(over.problems[100]?.hint).toBe(
      'Fix the problems listed above; this header holds too many bad addresses to list them all.',
    );
  });
});

describe('parseMailbox', () => {
  test('one mailbox', () => {
    expect(parseMailbox('Ann <a@b.example>')).toEqual({
      mailbox: { name: 'Ann', address: 'a@b.example', local: 'a', domain: 'b.example' },
      problems: [],
    });
  });

  test.each([['a@b.example, c@d.example'], ['a@b.example,'], ['Team: a@b.example;'], [''], ['  '], ['bob']])(
    'refuses %j',
    (v) => {
      const r = parseMailbox(v);
      expect(r.mailbox).toBeUndefined();
      expect(r.problems.length).toBeGreaterThan(0);
      expect(r.problems.some((p) => p.fatal)).toBe(true);
    },
  );

  test('without a mailbox the result has no mailbox key', () => {
    expect(Object.keys(parseMailbox('bob'))).toEqual(['problems']);
  });

  test('the options apply (groups are always read as groups, then refused as not one mailbox)', () => {
    const v = '=?UTF-8?Q?J=C3=BCrgen?= <j@x.example>';
    expect(parseMailbox(v).mailbox?.name).toBe('=?UTF-8?Q?J=C3=BCrgen?=');
    expect(parseMailbox(v, { decodeEncodedWords: true }).mailbox?.name).toBe('Jürgen');
    for (const allowGroups of [true, false]) {
      const r = parseMailbox('Team: a@b.example;', { allowGroups });
      expect(r.problems.map((p) => [p.code, p.fatal, p.reason])).toEqual([
        ['address.invalid', true, 'Illegal address: expected exactly one mailbox, found a list or a group.'],
      ]);
    }
  });

  test('the refused value is quoted without its surrounding whitespace', () => {
    expect(parseMailbox(' a@b.example, c@d.example\t').problems.map((p) => p.input)).toEqual([
      'a@b.example, c@d.example',
    ]);
    expect(parseMailbox('  ').problems.map((p) => p.input)).toEqual(['']);
  });

  test('a value that is not a string is one fatal problem', () => {
    for (const v of [42, undefined, null]) {
      const r = parseMailbox(v as unknown as string);
      expect(r).toStrictEqual({
        problems: [expect.objectContaining({ code: 'address.invalid', fatal: true, input: String(v) })],
      });
      expect(r.problems[0]?.reason).toBe('Illegal address: the value is not a string.');
      expect(parseAddressList(v as unknown as string)).toStrictEqual({
        entries: [],
        mailboxes: [],
        problems: [expect.objectContaining({ code: 'address.invalid', fatal: true, input: String(v) })],
      });
    }
  });

  test('keeps a structurally valid mailbox with a non-fatal problem', () => {
    const r = parseMailbox('a@bücher.example');
    expect(r.mailbox?.address).toBe('a@bücher.example');
    expect(r.problems.map((p) => p.code)).toEqual(['address.domain-non-ascii']);
  });
});

describe('checkAddrSpec', () => {
  test.each(['a@b.example', '"a b"@x.example', 'a@[192.0.2.1]'])('accepts %j', (v) => {
    expect(checkAddrSpec(v)).toEqual([]);
  });

  test.each([
    ['<a@b.example>', 'address.invalid'],
    ['Ann <a@b.example>', 'address.invalid'],
    [' a@b.example', 'address.invalid'],
    ['a@b.example (x)', 'address.ambiguous'],
    ['a@b.example, c@d.example', 'address.invalid'],
    ['bob@', 'address.missing-domain'],
    ['@x.example', 'address.missing-local'],
    ['a b@x.example', 'address.whitespace-or-control'],
    ['ü@x.example', 'address.local-non-ascii'],
    ['a@ü.example', 'address.domain-non-ascii'],
    ['"a@b"@x.example', 'address.ambiguous'],
    ['', 'address.invalid'],
  ])('refuses %j with %s', (v, code) => {
    expect(checkAddrSpec(v).map((p) => p.code)).toContain(code);
  });

  // The envelope takes the text as it is: anything around the address is a fatal problem that names the address.
  test.each(['<a@b.example>', 'Ann <a@b.example>', ' a@b.example', '(note) a@b.example', 'a@b.example\r\n'])(
    '%j is not bare: one fatal problem, the hint gives the bare address',
    (v) => {
      expect(checkAddrSpec(v)).toEqual([
        expect.objectContaining({
          code: 'address.invalid',
          fatal: true,
          input: v,
          hint: "Use 'a@b.example'.",
        }),
      ]);
    },
  );

  test('a group is refused as a group, fatally', () => {
    const problems = checkAddrSpec('Team: a@b.example;');
    expect(problems.map((p) => [p.code, p.fatal])).toEqual([['address.invalid', true]]);
    expect(problems[0]?.reason).toContain('found a list or a group');
  });

  test.each(['', ' ', '(only a comment)'])('%j is an empty address, fatally', (v) => {
    expect(checkAddrSpec(v).map((p) => [p.code, p.fatal, p.reason])).toEqual([
      ['address.invalid', true, 'Illegal address: Empty address.'],
    ]);
  });
});
