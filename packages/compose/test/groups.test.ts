/**
 * Address groups in To/Cc/Bcc (nodemailer's `{ name, group }` and RFC 5322 group syntax in strings): written as
 * groups that Python's email, mailparser and postal-mime read back, every member in the envelope, the headers
 * and the envelope in agreement (checked by the validator), and no error under ses-v1.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type ComposeInput, type ComposeOptions, compose, type RecipientInput } from '../src/index.js';
import { displayName } from './helpers/arbitraries.js';
import { mailparser, postalMime, pythonParse } from './helpers/oracles.js';
import { composeError } from './helpers/refusal.js';
import { expectSesValid } from './helpers/ses-valid.js';

const options: ComposeOptions = {
  boundary: (i) => `b${i}=_`,
  messageId: () => 'id@example.com',
  date: () => new Date('2026-12-01T10:00:00Z'),
};
const text = (raw: Uint8Array) => Buffer.from(raw).toString('latin1');

const fails = (input: ComposeInput): Promise<unknown> => composeError(input, options);

describe('address groups', () => {
  test('object and string groups in To and Cc, a Bcc group: parsers read the groups, the envelope has every member', async () => {
    const m = await compose(
      {
        from: 'news@example.com',
        to: [
          { name: 'Team', group: ['a@example.com', { name: 'Zoë Ünal', address: 'z@example.org' }] },
          'c@example.com',
        ],
        cc: 'Friends: f1@example.net, F2 <f2@example.net>;',
        bcc: { name: 'Hidden', group: ['h@example.net', 'H2 <h2@example.net>'] },
        subject: 'groups',
        text: 'hi',
      },
      options,
    );
    const raw = text(m.raw);
    expect(raw).toMatch(
      /\r\nTo: Team: a@example\.com, =\?UTF-8\?[BQ]\?[^?]+\?= <z@example\.org>;,\r\n c@example\.com\r\n/,
    );
    expect(raw).toContain('Cc: Friends: f1@example.net, F2 <f2@example.net>;\r\n');
    expect(raw).not.toMatch(/^Bcc:|h@example\.net|Hidden/im);
    expect(m.envelope.to).toEqual([
      'a@example.com',
      'z@example.org',
      'c@example.com',
      'f1@example.net',
      'f2@example.net',
      'h@example.net',
      'h2@example.net',
    ]);

    const [py] = pythonParse([m.raw]);
    expect(py!.defects).toEqual([]);
    expect(py!.toGroups).toEqual([
      [
        'Team',
        [
          ['', 'a@example.com'],
          ['Zoë Ünal', 'z@example.org'],
        ],
      ],
      [null, [['', 'c@example.com']]],
    ]);
    expect(py!.ccGroups).toEqual([
      [
        'Friends',
        [
          ['', 'f1@example.net'],
          ['F2', 'f2@example.net'],
        ],
      ],
    ]);

    const mp = await mailparser(m.raw);
    const mpTo = Array.isArray(mp.to) ? mp.to[0] : mp.to;
    expect(mpTo?.value).toEqual([
      {
        name: 'Team',
        group: [
          { name: '', address: 'a@example.com' },
          { name: 'Zoë Ünal', address: 'z@example.org' },
        ],
      },
      { name: '', address: 'c@example.com' },
    ]);
    const pm = await postalMime(m.raw);
    expect(pm.cc).toEqual([
      {
        name: 'Friends',
        group: [
          { name: '', address: 'f1@example.net' },
          { name: 'F2', address: 'f2@example.net' },
        ],
      },
    ]);

    // Headers and envelope agree: what the validator reads from To/Cc, plus the Bcc members, is the envelope.
    const report = await expectSesValid(m.raw, m.envelope.to);
    expect([...report.recipients.to, ...report.recipients.cc, 'h@example.net', 'h2@example.net']).toEqual(
      m.envelope.to,
    );
  });

  test("a Bcc-only message says so with 'undisclosed-recipients:;' (string or object: the same bytes)", async () => {
    const base = { from: 'a@example.com', bcc: ['x@example.org', 'y@example.org'], text: 'hi' };
    const fromString = await compose({ ...base, to: 'undisclosed-recipients:;' }, options);
    const fromObject = await compose({ ...base, to: { name: 'undisclosed-recipients', group: [] } }, options);
    expect(text(fromObject.raw)).toBe(text(fromString.raw));
    expect(text(fromString.raw)).toContain('\r\nTo: undisclosed-recipients:;\r\n');
    expect(fromString.envelope.to).toEqual(['x@example.org', 'y@example.org']);
    const [py] = pythonParse([fromString.raw]);
    expect(py!.defects).toEqual([]);
    expect(py!.toGroups).toEqual([['undisclosed-recipients', []]]);
    const report = await expectSesValid(fromString.raw, fromString.envelope.to);
    expect(report.recipients.to).toEqual([]);
  });

  test('the object form reads back as the group nodemailer writes from the string form', async () => {
    // nodemailer 10 writes groups only from strings (it drops a `{ name, group }` object without a word).
    const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
    const ours = await compose(
      {
        from: 'a@example.com',
        to: [{ name: 'Équipe', group: ['t1@example.com', { name: 'T Two', address: 't2@example.com' }] }],
        cc: [{ name: 'Empty', group: [] }],
        text: 'x',
      },
      options,
    );
    const theirs = await new MailComposer({
      from: 'a@example.com',
      to: 'Équipe: t1@example.com, T Two <t2@example.com>;',
      cc: 'Empty:;',
      text: 'x',
    })
      .compile()
      .build();
    const [a, b] = pythonParse([ours.raw, theirs]);
    expect(a!.defects).toEqual([]);
    expect(a!.toGroups).toEqual([
      [
        'Équipe',
        [
          ['', 't1@example.com'],
          ['T Two', 't2@example.com'],
        ],
      ],
    ]);
    expect(a!.toGroups).toEqual(b!.toGroups);
    expect(a!.ccGroups).toEqual(b!.ccGroups);
  });

  test('arbitrary Unicode group and member names come back through Python, mailparser and postal-mime', async () => {
    const arb = fc.array(fc.record({ name: displayName, members: fc.array(displayName, { maxLength: 3 }) }), {
      minLength: 1,
      maxLength: 3,
    });
    const samples = fc
      .sample(arb, { numRuns: 40, seed: 20261202 })
      .filter((gs) => gs.every((g) => g.name.trim() !== ''));
    const messages = await Promise.all(
      samples.map((gs) =>
        compose(
          {
            from: 'a@example.com',
            to: gs.map(
              (g, i): RecipientInput => ({
                name: g.name,
                group: g.members.map((n, j) => ({ name: n, address: `m${i}.${j}@example.com` })),
              }),
            ),
            text: 'x',
          },
          options,
        ),
      ),
    );
    const parsed = pythonParse(messages.map((m) => m.raw));
    for (const [k, gs] of samples.entries()) {
      const py = parsed[k]!;
      expect(py.defects).toEqual([]);
      // CPython < 3.14 keeps the whitespace between adjacent encoded words (gh-128110): its names are compared
      // without whitespace; mailparser and postal-mime must return them exactly.
      const nows = (x: string | null) => (x ?? '').replace(/\s+/g, '');
      expect(py.toGroups?.map(([n, ms]) => [nows(n), ms.map(([mn, a]) => [nows(mn), a])])).toEqual(
        gs.map((g, i) => [nows(g.name), g.members.map((n, j) => [nows(n), `m${i}.${j}@example.com`])]),
      );
      expect(messages[k]!.envelope.to).toEqual(
        gs.flatMap((g, i) => g.members.map((_, j) => `m${i}.${j}@example.com`)),
      );
      const mp = await mailparser(messages[k]!.raw);
      const mpTo = Array.isArray(mp.to) ? mp.to[0] : mp.to;
      const expected = gs.map((g) => [g.name.trim(), g.members.map((n) => n.trim())]);
      expect(mpTo?.value.map((e) => [e.name, (e.group ?? []).map((x) => x.name)])).toEqual(expected);
      const pm = await postalMime(messages[k]!.raw);
      expect((pm.to ?? []).map((e) => [e.name, (e.group ?? []).map((x) => x.name)])).toEqual(expected);
    }
  });

  test('groups are refused where they make no sense, and their parts are checked like any address', async () => {
    const base = { from: 'a@example.com', text: 'x' };
    expect(await fails({ ...base, from: 'Team: a@example.com;' })).toMatchObject({
      code: 'compose.address-invalid',
      path: ['from'],
    });
    expect(await fails({ ...base, replyTo: 'Team: a@example.com;' })).toMatchObject({
      code: 'compose.address-invalid',
      path: ['replyTo'],
    });
    expect(await fails({ ...base, from: { name: 'Team', group: [] } as unknown as string })).toMatchObject({
      code: 'compose.input-invalid',
      path: ['from'],
    });
    // a group inside a group
    expect(await fails({ ...base, to: { name: 'Outer', group: ['Inner: b@example.com;'] } })).toMatchObject({
      code: 'compose.address-invalid',
      path: ['to', 'group', 0],
    });
    expect(await fails({ ...base, to: 'Outer: Inner: b@example.com;;' })).toMatchObject({
      code: 'compose.address-invalid',
    });
    expect(await fails({ ...base, to: { name: '  ', group: [] } })).toMatchObject({
      code: 'compose.address-invalid',
      path: ['to', 'name'],
    });
    expect(await fails({ ...base, to: ':;' })).toMatchObject({ code: 'compose.address-invalid' });
    expect(await fails({ ...base, to: { name: 'T\r\nBcc: x@evil.example', group: [] } })).toMatchObject({
      code: 'compose.header-injection',
      path: ['to', 'name'],
    });
    expect(
      await fails({ ...base, cc: [{ name: 'T', group: ['ok@example.com', '"a@b"@evil.example'] }] }),
    ).toMatchObject({ code: 'compose.address-ambiguous', path: ['cc', 0, 'group', 1] });
    expect(await fails({ ...base, to: 'T: b@example.com' })).toMatchObject({
      code: 'compose.address-invalid',
    });
  });

  test('a non-ASCII member domain is Punycode in the header and the envelope alike', async () => {
    const m = await compose(
      { from: 'a@example.com', to: { name: 'Bücher', group: ['info@bücher.example'] }, text: 'x' },
      options,
    );
    expect(text(m.raw)).toContain('To: =?UTF-8?Q?B=C3=BCcher?= : info@xn--bcher-kva.example;\r\n');
    expect(m.envelope.to).toEqual(['info@xn--bcher-kva.example']);
    await expectSesValid(m.raw, m.envelope.to);
  });
});
