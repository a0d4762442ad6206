/**
 * What each structural problem tells the user: one input per entry of the problem catalogue, with the code, whether
 * the mailbox is lost (fatal), the text quoted as the input and the reason, written out here from the JavaMail/SES
 * texts (`Illegal address`, `Missing final '@domain'`, …) and the parser's documented decisions, not read from the
 * catalogue. Every hint must be a sentence that says what to do.
 */
import { describe, expect, test } from 'vitest';
import { checkAddrSpec, type ParseOptions, parseAddressList, parseMailbox } from '../../src/address/index.js';

const ILLEGAL = 'Illegal address: ';
const deep = `${'('.repeat(33)}c${')'.repeat(33)} a@b.example`;

/** [input, options, code, fatal, quoted input, reason] */
const CASES: Array<[string, ParseOptions | undefined, string, boolean, string, string]> = [
  [
    '"abc <a@b.example>',
    undefined,
    'address.invalid',
    true,
    '"abc <a@b.example>',
    `${ILLEGAL}unterminated quoted string.`,
  ],
  [
    '(abc a@b.example',
    undefined,
    'address.invalid',
    true,
    '(abc a@b.example',
    `${ILLEGAL}unterminated comment ('(' without ')').`,
  ],
  [deep, undefined, 'address.invalid', true, deep, `${ILLEGAL}comments are nested more than 32 levels deep.`],
  [
    'a\u0000b@c.example',
    undefined,
    'address.whitespace-or-control',
    true,
    'a\u0000b@c.example',
    `${ILLEGAL}the address contains a control character or a line break that is not a fold.`,
  ],
  [
    'Team: a@b.example;',
    { allowGroups: false },
    'address.invalid',
    true,
    'Team: a@b.example;',
    `${ILLEGAL}a group ('name: addresses;') is not allowed here.`,
  ],
  ['a>', undefined, 'address.invalid', true, 'a>', `${ILLEGAL}unexpected '>'.`],
  ['[192.0.2.1]', undefined, 'address.invalid', true, '[192.0.2.1]', `${ILLEGAL}unexpected '['.`],
  [';', undefined, 'address.invalid', true, ';', `${ILLEGAL}unexpected ';'.`],
  ['bob', undefined, 'address.missing-domain', true, 'bob', "Missing final '@domain'."],
  ['bob@', undefined, 'address.missing-domain', true, 'bob@', "Missing final '@domain'."],
  ['@b.example', undefined, 'address.missing-local', true, '@b.example', 'Missing local name.'],
  [
    'a(x)@b.example',
    undefined,
    'address.ambiguous',
    true,
    'a(x)@b.example',
    'A comment inside an address: parsers disagree about which part is the address.',
  ],
  [
    'a@b.example (x)',
    undefined,
    'address.ambiguous',
    true,
    'a@b.example (x)',
    'A comment right after an address: some parsers take it as the display name or part of the address.',
  ],
  [
    'N <(x)a@b.example>',
    undefined,
    'address.ambiguous',
    true,
    'N <(x)a@b.example>',
    'A comment inside angle brackets: parsers disagree about which part is the address.',
  ],
  [
    '"a\u0001b"@c.example',
    undefined,
    'address.whitespace-or-control',
    true,
    '"a\u0001b"@c.example',
    'Local address contains control or whitespace.',
  ],
  [
    'a b@c.example',
    undefined,
    'address.whitespace-or-control',
    true,
    'a b@c.example',
    'Local address contains control or whitespace.',
  ],
  [
    'a@ b.example',
    undefined,
    'address.whitespace-or-control',
    true,
    'a@ b.example',
    'Domain contains control or whitespace.',
  ],
  [
    'a@b.example <c@d.example>',
    undefined,
    'address.ambiguous',
    true,
    'a@b.example <c@d.example>',
    'An address followed by another address in angle brackets: parsers disagree about which one is meant.',
  ],
  [
    'N <a@b.example> <c@d.example>',
    undefined,
    'address.ambiguous',
    true,
    'N <a@b.example> <c@d.example>',
    'Two angle addresses in one mailbox: parsers disagree about which one is meant.',
  ],
  [
    'a@b@c.example',
    undefined,
    'address.ambiguous',
    true,
    'a@b@c.example',
    "An address with more than one '@': parsers disagree about which domain is meant.",
  ],
  ['a@b.example; c', undefined, 'address.invalid', true, 'a@b.example; c', `${ILLEGAL}unexpected ';'.`],
  [
    'N <a@b.example> x',
    undefined,
    'address.invalid',
    true,
    'N <a@b.example> x',
    `${ILLEGAL}unexpected text after '>'.`,
  ],
  [
    '"N\u0001" <a@b.example>',
    undefined,
    'address.whitespace-or-control',
    true,
    '"N\u0001" <a@b.example>',
    `${ILLEGAL}the display name contains a control character.`,
  ],
  ['<>', undefined, 'address.invalid', true, '<>', `${ILLEGAL}empty address '<>'.`],
  [
    '<@x.example:a@b.example>',
    undefined,
    'address.ambiguous',
    true,
    '<@x.example:a@b.example>',
    'A source route (<@host:name@domain>): obsolete syntax that parsers resolve to different addresses.',
  ],
  ['N <a@b.example', undefined, 'address.invalid', true, 'N <a@b.example', `${ILLEGAL}Missing '>'.`],
  [
    'N <a@b.example "x">',
    undefined,
    'address.invalid',
    true,
    'N <a@b.example "x">',
    `${ILLEGAL}unexpected text inside angle brackets.`,
  ],
  [
    'N <:a@b.example>',
    undefined,
    'address.invalid',
    true,
    'N <:a@b.example>',
    `${ILLEGAL}unexpected ':' inside angle brackets.`,
  ],
  [' a)', undefined, 'address.invalid', true, 'a)', `${ILLEGAL}unexpected ')'.`],
  [
    'a@b.example "x"',
    undefined,
    'address.invalid',
    true,
    'a@b.example "x"',
    `${ILLEGAL}unexpected '"' after the address.`,
  ],
  [
    'T:; x',
    undefined,
    'address.invalid',
    true,
    'x',
    `${ILLEGAL}unexpected text after the group's closing ';'.`,
  ],
  // Not fatal: the mailboxes are kept.
  [
    'Jürgen <j@x.example>',
    { allowUnicodeNames: false },
    'address.invalid',
    false,
    'Jürgen <j@x.example>',
    `${ILLEGAL}the display name contains non-ASCII text.`,
  ],
  [': a@b.example;', undefined, 'address.invalid', false, ':', `${ILLEGAL}a group needs a name before ':'.`],
  [
    'Über: a@b.example;',
    { allowUnicodeNames: false },
    'address.invalid',
    false,
    'Über:',
    `${ILLEGAL}the group name contains non-ASCII text.`,
  ],
  [
    '"T\u0001": a@b.example;',
    undefined,
    'address.whitespace-or-control',
    false,
    '"T\u0001":',
    `${ILLEGAL}the group name contains a control character.`,
  ],
  [
    'T: a@b.example',
    undefined,
    'address.invalid',
    false,
    'T: a@b.example',
    `${ILLEGAL}the group 'T' is missing its closing ';'.`,
  ],
];

describe('each structural problem', () => {
  test.each(CASES)('%j', (input, options, code, fatal, quoted, reason) => {
    const r = parseAddressList(input, options);
    expect(r.problems.map((p) => [p.code, p.fatal, p.input, p.reason])).toEqual([
      [code, fatal, quoted, reason],
    ]);
    const [p] = r.problems;
    expect(p?.hint).toMatch(/^[A-Z].*[.'>]$/);
    // Fatal problems lose the mailbox; the others keep it.
    expect(r.mailboxes.length > 0).toBe(!fatal);
  });

  test('a problem found after another entry names only its own entry', () => {
    const r = parseAddressList('a@b.example, bob, c@d.example');
    expect(r.problems.map((p) => p.input)).toEqual(['bob']);
  });

  test('a missing domain before a comma suggests quoting a "Last, First" name', () => {
    const [p] = parseAddressList('Doe, John <j@x.example>').problems;
    expect(p?.hint).toContain('"Last, First" <name@example.com>');
    expect(parseAddressList('Doe').problems[0]?.hint).not.toContain('Last, First');
  });

  test('nested groups: the inner group is refused, then its closing text', () => {
    expect(parseAddressList('A: B: c@d.example;;').problems.map((p) => [p.input, p.reason])).toEqual([
      ['B: c@d.example', `${ILLEGAL}groups cannot be nested.`],
      [';', `${ILLEGAL}unexpected text after the group's closing ';'.`],
    ]);
  });

  test("an invalid entry whose rest holds another '@' or '<' is ambiguous", () => {
    for (const input of ['a@b.example; c@d.example', 'a@b.example; <c']) {
      const [p] = parseAddressList(input).problems;
      expect([p?.code, p?.reason]).toEqual([
        'address.ambiguous',
        `${ILLEGAL}unexpected ';'. The rest of the entry holds another address or angle bracket; parsers disagree about which address such text means.`,
      ]);
    }
  });

  test('parseMailbox and checkAddrSpec', () => {
    expect(parseMailbox('').problems.map((p) => [p.code, p.fatal, p.reason])).toEqual([
      ['address.invalid', true, `${ILLEGAL}Empty address.`],
    ]);
    expect(checkAddrSpec('<a@b.example>').map((p) => p.reason)).toEqual([
      `${ILLEGAL}expected a bare address 'local@domain' without display name, angle brackets, comments or spaces.`,
    ]);
    const others = [
      ...parseMailbox('').problems,
      ...parseMailbox('a@b.example, c@d.example').problems,
      ...parseMailbox(42 as unknown as string).problems,
    ];
    expect(others.map((p) => p.hint)).toEqual([
      'Give an address such as name@example.com.',
      'Give a single address.',
      'Pass the header value or address as a string.',
    ]);
  });
});

describe('the message', () => {
  test("is `Address '<input>': <reason>`", () => {
    for (const r of CASES.map(([input, options]) => parseAddressList(input, options))) {
      const [p] = r.problems;
      expect(p?.message.startsWith(`Address '`)).toBe(true);
      expect(p?.message.endsWith(`': ${p?.reason}`)).toBe(true);
    }
    expect(parseAddressList('bob').problems[0]?.message).toBe("Address 'bob': Missing final '@domain'.");
  });
});

describe('the quoted input', () => {
  test('escapes C0 controls, DEL and U+0080–U+009F (by name or as \\xNN) and keeps other text as it is', () => {
    const input = '"a\tb\u0000c\u001fd\u007fe\u0080f\u0085g\u009fh\u00a0i j\r\nk"@x.example';
    const [p] = parseAddressList(input).problems;
    expect(p?.input).toBe(input);
    expect(p?.message).toBe(
      `Address '"a\\tb\\x00c\\x1fd\\x7fe\\x80f\\x85g\\x9fh\u00a0i j\\r\\nk"@x.example': Local address contains control or whitespace.`,
    );
  });

  test('is cut after 120 characters, with an ellipsis; the input is kept whole', () => {
    const reason = "Missing final '@domain'.";
    const at120 = `${'x'.repeat(119)}@`;
    expect(parseAddressList(at120).problems[0]?.message).toBe(`Address '${at120}': ${reason}`);
    const at121 = `${'x'.repeat(120)}@`;
    const [p] = parseAddressList(at121).problems;
    expect(p?.message).toBe(`Address '${'x'.repeat(120)}…': ${reason}`);
    expect(p?.input).toBe(at121);
  });
});

/** Entries as text: `addr` for a mailbox, `Group[addr,addr]` for a group. */
const entriesOf = (input: string, options?: ParseOptions): string[] =>
  parseAddressList(input, options).entries.map((e) =>
    'members' in e ? `${e.group}[${e.members.map((m) => m.address).join(',')}]` : e.address,
  );

describe('where a refused entry ends, and what the problem quotes', () => {
  // [input, [code, fatal, quoted input], entries kept]
  test.each<[string, [string, boolean, string], string[]]>([
    ['<@x.example>', ['address.missing-local', true, '<@x.example>'], []],
    ['<@x.example', ['address.missing-local', true, '<@x.example'], []],
    ['<@x.example>, c@d.example', ['address.missing-local', true, '<@x.example>'], ['c@d.example']],
    ['<bob>', ['address.missing-domain', true, '<bob>'], []],
    ['N <bob@>', ['address.missing-domain', true, 'N <bob@>'], []],
    ['N <"a\u0001b"@c.example>', ['address.whitespace-or-control', true, 'N <"a\u0001b"@c.example>'], []],
    ['<a), c@d.example', ['address.invalid', true, '<a)'], ['c@d.example']],
    ['<bob, c@d.example', ['address.invalid', true, '<bob'], ['c@d.example']],
    ['<bob;', ['address.invalid', true, '<bob;'], []],
    ['<a <', ['address.invalid', true, '<a <'], []],
    ['<a@b.example (x)>', ['address.ambiguous', true, '<a@b.example (x)>'], []],
    ['<a@b.example@c>', ['address.ambiguous', true, '<a@b.example@c>'], []],
    ['<a@b.example)>, c@d.example', ['address.invalid', true, '<a@b.example)>'], ['c@d.example']],
    ['<a@b.example, c@d.example', ['address.invalid', true, '<a@b.example'], ['c@d.example']],
    ['<a@b.example;', ['address.invalid', true, '<a@b.example;'], []],
    ['<"a@b.example>', ['address.invalid', true, '<"a@b.example>'], []],
    ['a@b.example @c', ['address.ambiguous', true, 'a@b.example @c'], []],
    ['a@b.example ), c@d.example', ['address.invalid', true, 'a@b.example )'], ['c@d.example']],
    [
      'a@b.example\u0000, c@d.example',
      ['address.whitespace-or-control', true, 'a@b.example\u0000'],
      ['c@d.example'],
    ],
    ['N <a@b.example>), c@d.example', ['address.invalid', true, 'N <a@b.example>)'], ['c@d.example']],
    ['N <a@b.example>;', ['address.invalid', true, 'N <a@b.example>;'], []],
    ['N <a@b.example> @', ['address.ambiguous', true, 'N <a@b.example> @'], []],
    ['a@b.example(x),c@d.example', ['address.ambiguous', true, 'a@b.example(x)'], ['c@d.example']],
    ['a@b.example (x) , c@d.example', ['address.ambiguous', true, 'a@b.example (x)'], ['c@d.example']],
    ['a@b (x) .example', ['address.ambiguous', true, 'a@b (x) .example'], []],
    ['a@b.(x)example', ['address.ambiguous', true, 'a@b.(x)example'], []],
    ['a(x)@(y)b.example', ['address.ambiguous', true, 'a(x)@(y)b.example'], []],
    ['a b@ c.example', ['address.whitespace-or-control', true, 'a b@ c.example'], []],
    ['a@(x)', ['address.missing-domain', true, 'a@'], []],
    ['bob (x), c@d.example', ['address.missing-domain', true, 'bob'], ['c@d.example']],
    ['"x" bob, c@d.example', ['address.missing-domain', true, '"x" bob'], ['c@d.example']],
    // In a group, ';' ends an entry too, and the group keeps the members before a refused one.
    ['Team: a@b.example (x);', ['address.ambiguous', true, 'a@b.example (x)'], ['Team[]']],
    ['Team: bob;', ['address.missing-domain', true, 'bob'], ['Team[]']],
    ['Team: a@b.example, bob;', ['address.missing-domain', true, 'bob'], ['Team[a@b.example]']],
    ['Team: a@b.example; )', ['address.invalid', true, ')'], ['Team[a@b.example]']],
    ['Team: a@b.example c;', ['address.whitespace-or-control', true, 'a@b.example c'], ['Team[]']],
    ['Team: [x], c@d.example;', ['address.invalid', true, '[x]'], ['Team[c@d.example]']],
    ['Team: a@b.example>;', ['address.invalid', true, 'a@b.example>'], ['Team[]']],
    [
      'Team: a@b.example <c@d.example>;',
      ['address.ambiguous', true, 'a@b.example <c@d.example>'],
      ['Team[]'],
    ],
  ])('%j', (input, [code, fatal, quoted], entries) => {
    const r = parseAddressList(input);
    expect(r.problems.map((p) => [p.code, p.fatal, p.input])).toEqual([[code, fatal, quoted]]);
    expect(entriesOf(input)).toEqual(entries);
  });

  test('the reason names what was found where', () => {
    const reasons: Record<string, string> = {
      '<a)': `${ILLEGAL}unexpected ')'.`,
      '<a@b.example)>': `${ILLEGAL}unexpected ')'.`,
      'a@b.example ), c@d.example': `${ILLEGAL}unexpected ')'.`,
      'N <a@b.example>), c@d.example': `${ILLEGAL}unexpected ')'.`,
      'Team: a@b.example; )': `${ILLEGAL}unexpected ')'.`,
      '<bob;': `${ILLEGAL}Missing '>'.`,
      '<bob, c@d.example': `${ILLEGAL}Missing '>'.`,
      '<a@b.example;': `${ILLEGAL}Missing '>'.`,
      '<a@b.example, c@d.example': `${ILLEGAL}Missing '>'.`,
      '<"a@b.example>': `${ILLEGAL}unterminated quoted string.`,
      'N <a@b.example>;': `${ILLEGAL}unexpected ';'.`,
      'Team: a@b.example>;': `${ILLEGAL}unexpected '>' after the address.`,
    };
    for (const [input, reason] of Object.entries(reasons)) {
      expect({ input, reasons: parseAddressList(input).problems.map((p) => p.reason) }).toEqual({
        input,
        reasons: [reason],
      });
    }
  });

  test('allowUnicodeNames: false says nothing about ASCII names and group names', () => {
    for (const input of [
      'Team: a@b.example;',
      'Ann <a@b.example>',
      '"Ann B." <a@b.example>',
      '"x\\"y" <a@b.example>',
    ]) {
      expect(parseAddressList(input, { allowUnicodeNames: false }).problems).toEqual([]);
    }
  });

  test('allowUnicodeNames: false finds non-ASCII in quoted names too, escaped or not', () => {
    for (const input of ['"Jü" <j@x.example>', '"J\\ü" <j@x.example>', '"Jü": j@x.example;']) {
      const r = parseAddressList(input, { allowUnicodeNames: false });
      expect(r.problems.map((p) => [p.code, p.fatal])).toEqual([['address.invalid', false]]);
      expect(r.problems[0]?.reason).toMatch(/contains non-ASCII text\.$/);
      expect(r.mailboxes.map((m) => m.address)).toEqual(['j@x.example']);
    }
  });

  test("a stray ')', ']' or '\\' is named; a control character is called one", () => {
    expect(parseAddressList('a]').problems.map((p) => p.reason)).toEqual([`${ILLEGAL}unexpected ']'.`]);
    expect(parseAddressList('a\\').problems.map((p) => p.reason)).toEqual([`${ILLEGAL}unexpected '\\'.`]);
    expect(parseAddressList('a)').problems.map((p) => p.reason)).toEqual([`${ILLEGAL}unexpected ')'.`]);
  });

  test('accepted around the angle brackets: an empty quoted name, comments before and after', () => {
    for (const input of ['"" <a@b.example>', 'Ann (x) <a@b.example>', 'Ann <a@b.example> (c)']) {
      expect(parseAddressList(input).problems).toEqual([]);
      expect(entriesOf(input)).toEqual(['a@b.example']);
    }
    expect(parseAddressList('Ann (x) <a@b.example>').mailboxes[0]?.name).toBe('Ann');
    expect(entriesOf('Team: <a@b.example>, "B" <c@d.example>;')).toEqual(['Team[a@b.example,c@d.example]']);
  });
});
