/**
 * The `envelope` override (nodemailer's shape): it replaces the derived envelope, recipients included, as
 * nodemailer's own `getEnvelope()` does; every address goes through the shared parser, so injection and
 * ambiguous forms are refused, and a non-ASCII domain is Punycode as in the headers.
 */
import { describe, expect, test } from 'vitest';
import { type ComposeInput, type ComposeOptions, compose } from '../src/index.js';
import { composeError } from './helpers/refusal.js';
import { expectSesValid } from './helpers/ses-valid.js';

const options: ComposeOptions = {
  boundary: (i) => `b${i}=_`,
  messageId: () => 'id@example.com',
  date: () => new Date('2026-12-01T10:00:00Z'),
};
const base = { from: 'News <news@example.com>', to: 'list@example.com', subject: 'x', text: 'x' };

const fails = (input: ComposeInput): Promise<unknown> => composeError(input, options);

describe('envelope override', () => {
  test('replaces sender and recipients like nodemailer (compared with its getEnvelope())', async () => {
    const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
    const envelopes = [
      { from: 'bounces@example.com', to: 'x@example.org, Y <y@example.org>' },
      {
        from: 'Bounces <bounces@example.com>',
        to: ['x@example.org'],
        cc: ['c@example.org'],
        bcc: ['d@example.org'],
      },
      { to: ['Y <y@example.org>', 'x@example.org'], bcc: 'X@EXAMPLE.ORG' },
      { cc: 'c@example.org' },
    ];
    for (const envelope of envelopes) {
      const m = await compose({ ...base, envelope }, options);
      const nm = new MailComposer({ ...base, envelope }).compile().getEnvelope();
      // nodemailer keeps a case-different repeat; ours lists each address once, case-insensitively
      const once = nm.to.filter((a, i) => nm.to.findIndex((b) => b.toLowerCase() === a.toLowerCase()) === i);
      expect(m.envelope.to).toEqual(once);
      expect(m.envelope.from).toBe(nm.from || 'news@example.com');
      // the headers are unchanged: only the envelope moved
      expect(Buffer.from(m.raw).toString('latin1')).toContain('\r\nTo: list@example.com\r\n');
      await expectSesValid(m.raw, m.envelope.to);
    }
  });

  test('addresses are parsed like header addresses: Punycode, objects, display names dropped', async () => {
    const m = await compose(
      {
        ...base,
        envelope: {
          from: { name: 'B', address: 'b@bücher.example' },
          to: [{ address: 'to@bücher.example' }],
        },
      },
      options,
    );
    expect(m.envelope).toEqual({ from: 'b@xn--bcher-kva.example', to: ['to@xn--bcher-kva.example'] });
  });

  test('injection, ambiguity, groups, several senders and no recipients are refused', async () => {
    expect(
      await fails({ ...base, envelope: { to: 'x@example.org>\r\nRCPT TO:<evil@example.net' } }),
    ).toMatchObject({
      code: 'compose.header-injection',
      path: ['envelope', 'to'],
    });
    expect(await fails({ ...base, envelope: { to: ['"x@example.org"@evil.example'] } })).toMatchObject({
      code: 'compose.address-ambiguous',
      path: ['envelope', 'to', 0],
    });
    expect(await fails({ ...base, envelope: { to: 'Team: x@example.org;' } })).toMatchObject({
      code: 'compose.address-invalid',
    });
    expect(
      await fails({ ...base, envelope: { from: 'a@example.com, b@example.com', to: 'x@example.org' } }),
    ).toMatchObject({
      code: 'compose.address-invalid',
      path: ['envelope', 'from'],
    });
    expect(await fails({ ...base, envelope: { from: 'bounces@example.com' } })).toMatchObject({
      code: 'compose.input-invalid',
      path: ['envelope'],
    });
    expect(await fails({ ...base, envelope: { to: 'x@example.org', dsn: {} } as never })).toMatchObject({
      code: 'compose.input-invalid',
      path: ['envelope'],
    });
    expect(await fails({ ...base, envelope: { from: '', to: 'x@example.org' } })).toMatchObject({
      code: 'compose.address-invalid',
      path: ['envelope', 'from'],
    });
  });
});
