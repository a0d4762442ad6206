/**
 * Header injection and address interpretation tricks, named after the nodemailer advisories they cover.
 * Every case must be refused with a ComposeError, never passed through.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ComposeError, type ComposeInput, compose } from '../src/index.js';

const base: ComposeInput = { from: 'sender@example.com', to: 'rcpt@example.com', subject: 'Hi', text: 'x' };

async function code(input: ComposeInput): Promise<string | undefined> {
  try {
    await compose(input);
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

describe('header injection (CR, LF and control characters in header-bound input)', () => {
  const evil = [
    'x\r\nBcc: victim@example.com',
    'x\nBcc: victim@example.com',
    'x\rX: y',
    'x\u0000y',
    'x\u0085y',
    'x\u007fy',
  ];
  const cases: Array<[string, (s: string) => ComposeInput]> = [
    ['subject', (s) => ({ ...base, subject: s })],
    ['display name in an object', (s) => ({ ...base, to: { name: s, address: 'rcpt@example.com' } })],
    ['address in an object', (s) => ({ ...base, to: { address: `rcpt@example.com${s}` } })],
    ['address string', (s) => ({ ...base, to: `rcpt@example.com${s}` })],
    ['from string', (s) => ({ ...base, from: `Name${s} <sender@example.com>` })],
    ['custom header value', (s) => ({ ...base, headers: { 'X-Tag': s } })],
    ['custom header name', (s) => ({ ...base, headers: { [`X-${s}`]: 'v' } })],
    ['attachment filename', (s) => ({ ...base, attachments: [{ filename: s, content: 'a' }] })],
    [
      'attachment contentType',
      (s) => ({ ...base, attachments: [{ contentType: `text/plain${s}`, content: 'a' }] }),
    ],
    ['attachment cid', (s) => ({ ...base, attachments: [{ cid: `a${s}`, content: 'a' }] })],
    ['inReplyTo', (s) => ({ ...base, inReplyTo: `<a@b${s}>` })],
    ['references', (s) => ({ ...base, references: [`<a@b${s}>`] })],
    ['list-unsubscribe URL', (s) => ({ ...base, list: { unsubscribe: `https://example.com/u${s}` } })],
    [
      'list comment',
      (s) => ({ ...base, list: { unsubscribe: { url: 'https://example.com/u', comment: s } } }),
    ],
  ];
  for (const [field, make] of cases) {
    test(`${field}: refused with compose.header-injection`, async () => {
      for (const s of evil) expect(await code(make(s)), JSON.stringify(s)).toBe('compose.header-injection');
    });
  }

  test('GHSA-hwqf-gcqm-7353 (nodemailer header injection in address object): refused, nothing reaches the output', async () => {
    const err = await compose({
      ...base,
      to: { name: 'a', address: 'rcpt@example.com>\r\nBcc: victim@example.com' },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'compose.header-injection', path: ['to', 'address'] });
  });

  test('property: any control character anywhere in a subject or name is refused', async () => {
    const control = fc.constantFrom(
      ...'\u0000\u0001\u0008\n\u000b\u000c\r\u001b\u001f\u007f\u0080\u009f'.split(''),
    );
    await fc.assert(
      fc.asyncProperty(fc.string(), control, fc.string(), fc.boolean(), async (a, c, b, inName) => {
        const s = a + c + b;
        const input = inName
          ? { ...base, from: { name: s, address: 'x@example.com' } }
          : { ...base, subject: s };
        expect(await code(input)).toBe('compose.header-injection');
      }),
      { numRuns: 200 },
    );
  });
});

describe('address interpretation tricks', () => {
  test('GHSA-mm7p-fcc7-pg87: a quoted local part containing "@" is refused as ambiguous', async () => {
    expect(await code({ ...base, to: '"xclow3n@gmail.com x"@internal.domain' })).toBe(
      'compose.address-ambiguous',
    );
    expect(await code({ ...base, to: { address: '"attacker@evil.example"@victim.example' } })).toBe(
      'compose.address-ambiguous',
    );
  });

  test('GHSA-cc9r-2j5m-2m83: comments in or after the addr-spec cannot redirect mail', async () => {
    for (const to of [
      'user@evil.example(victim.example',
      'user@evil.example (@victim.example)',
      'user(x)@victim.example',
    ]) {
      const c = await code({ ...base, to });
      expect(c, to).toMatch(/^compose\.address-(ambiguous|invalid)$/);
    }
  });

  test('GHSA-wmmp-3585-3rmp (IDN): non-ASCII domains become the same Punycode in header and envelope', async () => {
    const m = await compose({ ...base, to: 'Ü <user@bücher.example>', cc: { address: 'x@ПРИМЕР.рф' } });
    const raw = Buffer.from(m.raw).toString('latin1');
    expect(raw).toContain('<user@xn--bcher-kva.example>');
    expect(raw).toContain('x@xn--e1afmkfd.xn--p1ai');
    expect(m.envelope.to).toEqual(['user@xn--bcher-kva.example', 'x@xn--e1afmkfd.xn--p1ai']);
  });

  describe('IDNA: the A-label domain is re-checked like any ASCII domain (issue 8 §1)', () => {
    // Compatibility characters that UTS #46 maps to ASCII specials, to '..', or to nothing.
    const tricks: Array<[string, string]> = [
      ['FULLWIDTH COMMA → ,', 'exa\uFF0Cmple.org'],
      ['FULLWIDTH SEMICOLON → ;', 'exa\uFF1Bmple.org'],
      ['FULLWIDTH LEFT PARENTHESIS → (', 'exa\uFF08mple.org'],
      ['FULLWIDTH RIGHT PARENTHESIS → )', 'exa\uFF09mple.org'],
      ['FULLWIDTH QUOTATION MARK → "', 'exa\uFF02mple.org'],
      ['FULLWIDTH ASTERISK → *', 'exa\uFF0Ample.org'],
      ['FULLWIDTH EQUALS SIGN → =', 'exa\uFF1Dmple.org'],
      ["FULLWIDTH APOSTROPHE → '", 'exa\uFF07mple.org'],
      ['FULLWIDTH LOW LINE → _', 'exa\uFF3Fmple.de'],
      ['two FULLWIDTH FULL STOPs → ..', 'exa\uFF0E\uFF0Emple.org'],
      ['IDEOGRAPHIC FULL STOP at the start → leading dot', '\u3002example.org'],
      ['ZERO WIDTH SPACE (deleted by IDNA)', 'exa\u200Bmple.org'],
      ['ZERO WIDTH SPACE as a whole label', '\u200B.example.org'],
      ['SOFT HYPHEN (deleted by IDNA)', 'exa\u00ADmple.org'],
      ['WORD JOINER (deleted by IDNA)', 'exa\u2060mple.org'],
      ['BYTE ORDER MARK (deleted by IDNA)', 'exa\uFEFFmple.org'],
      ['70 × ä: the A-label is longer than 63', `${'ä'.repeat(70)}.de`],
      [
        'A-label domain longer than 253 (each label ≤ 63)',
        `${Array.from({ length: 5 }, () => `${'ü'.repeat(50)}x`).join('.')}.de`,
      ],
    ];
    for (const [what, domain] of tricks) {
      test(`${what}: refused in a string, an object and Cc/Bcc, never written`, async () => {
        const inputs: ComposeInput[] = [
          { ...base, to: `b@${domain}` },
          { ...base, to: `Name <b@${domain}>` },
          { ...base, to: { name: 'N', address: `b@${domain}` } },
          { ...base, cc: [`b@${domain}`] },
          { ...base, bcc: `b@${domain}` },
          { ...base, from: `a@${domain}` },
        ];
        for (const input of inputs) {
          const err = await compose(input).catch((e: unknown) => e);
          expect(err, JSON.stringify(input)).toBeInstanceOf(ComposeError);
          expect((err as ComposeError).code).toBe('compose.address-invalid');
        }
      });
    }

    test("the issue's example: exa\uFF0Cmple.org never becomes two addresses", async () => {
      await expect(compose({ from: 'a@example.com', to: 'b@exa\uFF0Cmple.org' })).rejects.toMatchObject({
        code: 'compose.address-invalid',
        path: ['to'],
        message: expect.stringContaining("IDNA maps the domain to 'exa,mple.org'"),
      });
    });

    test('a 63-character A-label and fullwidth letters and dots that map to a valid domain are accepted', async () => {
      // 'ä' + 55 × 'a' encodes to an A-label of exactly 63 characters.
      const label = `ä${'a'.repeat(55)}`;
      const m = await compose({
        ...base,
        to: [`b@${label}.de`, 'c@\uFF25\uFF38\uFF21\uFF2D\uFF30\uFF2C\uFF25\uFF0Eorg'],
      });
      const written = m.envelope.to[0]?.split('@')[1]?.split('.')[0];
      expect(written?.length).toBe(63);
      expect(m.envelope.to[1]).toBe('c@example.org');
      const unfolded = Buffer.from(m.raw)
        .toString('latin1')
        .replace(/\r\n[ \t]+/g, ' ');
      expect(unfolded).toContain(`To: b@${written}.de, c@example.org`);
    });
  });

  test('two angle addresses or an address followed by another are refused', async () => {
    expect(await code({ ...base, to: 'a@b.example <c@d.example>' })).toBe('compose.address-ambiguous');
  });

  test('a non-ASCII local part is refused: SES has no SMTPUTF8', async () => {
    const err = await compose({ ...base, to: 'jörg@example.com' }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'compose.address-local-non-ascii',
      details: { addressCode: 'address.local-non-ascii' },
    });
  });

  test('missing domain / local part / garbage are refused with the parser code in details', async () => {
    await expect(compose({ ...base, to: 'bob@' })).rejects.toMatchObject({
      code: 'compose.address-invalid',
      details: { addressCode: 'address.missing-domain' },
    });
    await expect(compose({ ...base, to: '@example.com' })).rejects.toMatchObject({
      code: 'compose.address-invalid',
    });
    await expect(compose({ ...base, to: 'not an address' })).rejects.toMatchObject({
      code: 'compose.address-invalid',
    });
  });

  test('the envelope is exactly what the headers say, plus Bcc, and Bcc never reaches the headers', async () => {
    const m = await compose({
      from: 'Sender <s@example.com>',
      to: '"Doe, John" <john@example.com>, jane@example.com',
      cc: ['c@example.com'],
      bcc: ['Hidden <h@example.com>', 'john@example.com'],
      text: 'x',
    });
    const raw = Buffer.from(m.raw).toString('latin1');
    expect(raw).not.toMatch(/^bcc:/im);
    expect(raw).not.toContain('h@example.com');
    expect(m.envelope).toEqual({
      from: 's@example.com',
      to: ['john@example.com', 'jane@example.com', 'c@example.com', 'h@example.com'],
    });
  });

  test('linear time on hostile address input (a 200 KB list of nested comments is refused quickly)', async () => {
    const hostile = `${'('.repeat(100_000)}a@b.example${')'.repeat(100_000)}`;
    const t = performance.now();
    expect(await code({ ...base, to: hostile })).toMatch(/^compose\.address-/);
    expect(performance.now() - t).toBeLessThan(5000); // generous: guards against quadratic blow-up, not a benchmark
  });
});

test('a CR/LF in a header name never reaches the error message raw (log injection)', async () => {
  const err = await compose({
    from: 'a@example.com',
    to: 'b@example.com',
    text: 'x',
    headers: { 'X-Evil\r\nBcc: victim@example.net': 'v' },
  }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ComposeError);
  expect((err as ComposeError).code).toBe('compose.header-injection');
  expect((err as ComposeError).message).not.toMatch(/[\r\n]/);
  expect((err as ComposeError).message).toContain('headers["X-Evil\\r\\nBcc: victim@example.net"]');
});
