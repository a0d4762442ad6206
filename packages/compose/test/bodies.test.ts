/**
 * The body-side nodemailer fields: `amp`, `alternatives`, per-part `headers`, `contentType` with parameters,
 * `textEncoding` and `xMailer`. Each is read back by Python's email, mailparser or postal-mime, placed where
 * nodemailer places it (compared with nodemailer's own MailComposer), and validates with no error under ses-v1.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type ComposeInput, type ComposeOptions, compose } from '../src/index.js';
import { bodyText } from './helpers/arbitraries.js';
import { headerSections, unfold } from './helpers/inspect.js';
import { lf, mailparser, postalMime, pythonParse } from './helpers/oracles.js';
import { composeError } from './helpers/refusal.js';
import { expectSesValid } from './helpers/ses-valid.js';

const options: ComposeOptions = {
  boundary: (i) => `b${i}=_`,
  messageId: () => 'id@example.com',
  date: () => new Date('2026-12-01T10:00:00Z'),
};
const base = { from: 'a@example.com', to: 'b@example.com', subject: 'bodies' };
const latin1 = (raw: Uint8Array) => Buffer.from(raw).toString('latin1');
const AMP = '<!doctype html><html ⚡4email><head><meta charset="utf-8"></head><body>Grüße</body></html>';

const fails = (input: ComposeInput): Promise<unknown> => composeError(input, options);

describe('amp and alternatives', () => {
  test('amp goes after text and before html, alternatives last: the order of nodemailer', async () => {
    const input = {
      ...base,
      text: 'Plain Grüße',
      amp: AMP,
      html: '<p>Grüße</p>',
      alternatives: [
        { contentType: 'text/x-web-markdown', content: '**Grüße**\nzweite Zeile' },
        { contentType: 'application/json', content: Buffer.from('{"a":1}') },
      ],
    };
    const m = await compose(input, options);
    const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
    const theirs = await new MailComposer(input).compile().build();
    const [ours, nm] = pythonParse([m.raw, theirs]);
    expect(ours!.defects).toEqual([]);
    expect(ours!.contentType).toBe('multipart/alternative');
    const types = ours!.leaves.map((l) => l.type);
    expect(types).toEqual([
      'text/plain',
      'text/x-amp-html',
      'text/html',
      'text/x-web-markdown',
      'application/json',
    ]);
    expect(types).toEqual(nm!.leaves.map((l) => l.type));
    // (nodemailer writes the markdown's UTF-8 without a charset; ours says charset=utf-8, so Python reads it.)
    expect(
      ours!.leaves.map((l) =>
        l.text !== undefined ? lf(l.text) : Buffer.from(l.bytes, 'base64').toString(),
      ),
    ).toEqual(['Plain Grüße', AMP, '<p>Grüße</p>', '**Grüße**\nzweite Zeile', '{"a":1}']);
    // The AMP part's header is what AMP for Email asks for.
    expect(latin1(m.raw)).toContain('Content-Type: text/x-amp-html; charset=utf-8\r\n');
    const pm = await postalMime(m.raw);
    expect(pm.html?.replace(/\n$/, '')).toBe('<p>Grüße</p>'); // postal-mime adds a final line break
    expect(pm.text?.replace(/\n$/, '')).toBe('Plain Grüße');
    await expectSesValid(m.raw, m.envelope.to);
  });

  test('with inline images the related part holds only the html; amp stays a sibling of it', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const m = await compose(
      {
        ...base,
        text: 't',
        amp: AMP,
        html: '<img src="cid:logo@example.com">',
        attachments: [{ filename: 'logo.png', content: png, cid: 'logo@example.com' }],
      },
      options,
    );
    const tree = headerSections(m.raw)
      .map((h) => unfold(h).find((f) => /^content-type:/i.test(f)) ?? '')
      .map((f) => /^content-type: *([^;]+)/i.exec(f)![1]);
    expect(tree).toEqual([
      'multipart/alternative',
      'text/plain',
      'text/x-amp-html',
      'multipart/related',
      'text/html',
      'image/png',
    ]);
    const [py] = pythonParse([m.raw]);
    expect(py!.defects).toEqual([]);
    await expectSesValid(m.raw, m.envelope.to);
  });

  test('alternatives take a charset, other parameters, bytes and headers; non-text is sent byte for byte', async () => {
    const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => i % 256));
    const m = await compose(
      {
        ...base,
        text: 'x',
        alternatives: [
          {
            contentType: 'text/x-markdown; charset=iso-8859-1; variant=GFM',
            content: 'Ärger\nüber',
            headers: { 'Content-Description': 'Markdown-Fassung für Leser' },
          },
          { contentType: 'text/enriched', content: 'aGVsbG8=', encoding: 'base64' },
          { contentType: 'application/octet-stream', content: bytes },
        ],
      },
      options,
    );
    const raw = latin1(m.raw);
    expect(raw).toContain('Content-Type: text/x-markdown; charset=iso-8859-1; variant=GFM\r\n');
    const [py] = pythonParse([m.raw]);
    expect(py!.defects).toEqual([]);
    const [, md, enriched, bin] = py!.leaves;
    expect(lf(md!.text!)).toBe('Ärger\nüber');
    expect(Buffer.from(md!.bytes, 'base64').toString('latin1')).toBe('Ärger\r\nüber');
    expect(md!.headers).toContainEqual(['Content-Description', 'Markdown-Fassung für Leser']);
    expect(Buffer.from(enriched!.bytes, 'base64').toString()).toBe('hello');
    expect(Buffer.from(bin!.bytes, 'base64').equals(bytes)).toBe(true);
    await expectSesValid(m.raw, m.envelope.to);
  });

  test('what an alternative cannot be is refused', async () => {
    expect(
      await fails({ ...base, alternatives: [{ contentType: 'multipart/mixed', content: 'x' }] }),
    ).toMatchObject({ code: 'compose.input-invalid', path: ['alternatives', 0, 'contentType'] });
    expect(
      await fails({
        ...base,
        alternatives: [{ contentType: 'text/plain', content: 'x', headers: { 'Content-Type': 'text/html' } }],
      }),
    ).toMatchObject({
      code: 'compose.header-reserved',
      path: ['alternatives', 0, 'headers', 'Content-Type'],
    });
    expect(
      await fails({
        ...base,
        alternatives: [{ contentType: 'text/plain', content: 'x', headers: { 'Content-ID': '<a@b>' } }],
      }),
    ).toMatchObject({ code: 'compose.header-reserved' });
    expect(
      await fails({ ...base, alternatives: [{ contentType: 'text/plain; charset=klingon', content: 'x' }] }),
    ).toMatchObject({ code: 'compose.charset-unsupported', path: ['alternatives', 0, 'contentType'] });
    expect(
      await fails({
        ...base,
        alternatives: [{ content: 'x' } as unknown as { content: string; contentType: string }],
      }),
    ).toMatchObject({ code: 'compose.input-invalid', path: ['alternatives', 0, 'contentType'] });
    expect(await fails({ ...base, amp: Uint8Array.from([0xff]) })).toMatchObject({
      code: 'compose.input-invalid',
      path: ['amp'],
    });
  });
});

describe('attachment headers and content types with parameters', () => {
  test('per-attachment headers and parameters come back through Python and mailparser', async () => {
    const m = await compose(
      {
        ...base,
        text: 'see attached',
        attachments: [
          {
            filename: 'notes.txt',
            content: 'Grüße\n',
            contentType: 'text/plain; charset=utf-8; format=flowed',
            headers: [
              { key: 'X-Attachment-Id', value: 'att-1' },
              { key: 'Content-Description', value: 'Notizen für März' },
            ],
          },
          {
            filename: 'data.csv',
            content: 'a,b\n',
            contentType: 'Text/CSV; Charset="us-ascii"; header=present; title*=utf-8\'\'Gr%C3%BC%C3%9Fe',
          },
        ],
      },
      options,
    );
    const raw = latin1(m.raw);
    expect(raw).toContain('Content-Type: text/plain; charset=utf-8; format=flowed; name="notes.txt"\r\n');
    expect(raw).toContain(
      'Content-Type: text/csv; charset=us-ascii; header=present;\r\n title*=utf-8\'\'Gr%C3%BC%C3%9Fe; name="data.csv"\r\n',
    );
    const [py] = pythonParse([m.raw]);
    expect(py!.defects).toEqual([]);
    const notes = py!.leaves.find((l) => l.filename === 'notes.txt')!;
    expect(notes.headers).toContainEqual(['X-Attachment-Id', 'att-1']);
    expect(notes.headers).toContainEqual(['Content-Description', 'Notizen für März']);
    expect(notes.text).toBe('Grüße\n');
    const mp = await mailparser(m.raw);
    const csv = mp.attachments.find((a) => a.filename === 'data.csv')!;
    expect(csv.contentType).toBe('text/csv');
    expect(csv.content.toString()).toBe('a,b\n');
    const mpNotes = mp.attachments.find((a) => a.filename === 'notes.txt')!;
    expect(mpNotes.headers.get('x-attachment-id')).toBe('att-1');
    await expectSesValid(m.raw, m.envelope.to);
  });

  test('parameters that contradict the composer, or repeat, or do not parse, are refused', async () => {
    const att = (contentType: string) => ({
      ...base,
      attachments: [{ filename: 'a.txt', content: 'x', contentType }],
    });
    for (const ct of [
      'text/plain; name="other.txt"',
      'text/plain; filename=x.txt',
      'multipart/mixed; boundary=x',
      'text/plain; charset=utf-8; charset=latin1',
      "text/plain; title=a; title*=utf-8''b",
      'text/plain; charset',
      'text/plain; x="unterminated',
      'text',
      "text/plain; title*=nosuchcharset''%FF",
      // a string is sent as UTF-8: another charset would mislabel it (pass the bytes in that charset instead)
      'text/plain; charset=iso-8859-1',
    ]) {
      expect(await fails(att(ct)), ct).toMatchObject({
        code: 'compose.input-invalid',
        path: ['attachments', 0, 'contentType'],
      });
    }
    const latin1Bytes = await compose(
      {
        ...base,
        attachments: [
          { content: Buffer.from('Grüße', 'latin1'), contentType: 'text/plain; charset=iso-8859-1' },
        ],
      },
      options,
    );
    const [py] = pythonParse([latin1Bytes.raw]);
    expect(py!.leaves[0]!.text).toBe('Grüße');
    expect(await fails(att('text/plain; x=a\r\nBcc: y@evil.example'))).toMatchObject({
      code: 'compose.header-injection',
    });
  });

  test('attachment headers are checked: reserved, repeated once-only, injected', async () => {
    const att = (headers: ComposeInput['headers']) => ({
      ...base,
      attachments: [{ content: 'x', headers }],
    });
    expect(await fails(att({ 'Content-Transfer-Encoding': '7bit' }))).toMatchObject({
      code: 'compose.header-reserved',
    });
    expect(await fails(att({ 'content-disposition': 'inline' }))).toMatchObject({
      code: 'compose.header-reserved',
      path: ['attachments', 0, 'headers', 'content-disposition'],
    });
    expect(
      await fails(
        att([
          { key: 'Content-Description', value: 'a' },
          { key: 'Content-Description', value: 'b' },
        ]),
      ),
    ).toMatchObject({ code: 'compose.header-duplicate', path: ['attachments', 0, 'headers', 1] });
    expect(await fails(att({ 'X-A': 'a\r\nContent-Type: text/html' }))).toMatchObject({
      code: 'compose.header-injection',
    });
    expect(await fails(att({ 'X A': 'a' }))).toMatchObject({ code: 'compose.input-invalid' });
  });
});

describe('textEncoding', () => {
  test('forces quoted-printable or base64 on every text body, even plain ASCII', async () => {
    for (const enc of ['quoted-printable', 'base64'] as const) {
      const m = await compose(
        {
          ...base,
          text: 'plain ascii',
          html: '<p>plain</p>',
          amp: AMP,
          icalEvent: { content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' },
          alternatives: [{ contentType: 'text/x-web-markdown', content: '*x*' }],
          attachments: [{ filename: 'a.bin', content: Buffer.from([1, 2, 3]) }],
          textEncoding: enc,
        },
        options,
      );
      const ctes = headerSections(m.raw)
        .slice(1)
        .map((h) => unfold(h).find((f) => /^content-transfer-encoding:/i.test(f)))
        .filter((x) => x !== undefined);
      // five text bodies in the forced encoding, the attachment in base64
      expect(ctes).toEqual([
        ...Array(5).fill(`Content-Transfer-Encoding: ${enc}`),
        'Content-Transfer-Encoding: base64',
      ]);
      const [py] = pythonParse([m.raw]);
      expect(py!.defects).toEqual([]);
      expect(py!.leaves.map((l) => l.text && lf(l.text))).toEqual([
        'plain ascii',
        AMP,
        'BEGIN:VCALENDAR\nEND:VCALENDAR\n',
        '<p>plain</p>',
        '*x*',
        undefined,
      ]);
      await expectSesValid(m.raw, m.envelope.to);
    }
  });

  test('arbitrary text comes back exactly in either forced encoding (Python and postal-mime)', async () => {
    const arb = fc.record({
      text: bodyText,
      enc: fc.constantFrom('quoted-printable' as const, 'base64' as const),
    });
    const samples = fc.sample(arb, { numRuns: 40, seed: 20261203 });
    const messages = await Promise.all(
      samples.map((s) => compose({ ...base, text: s.text, textEncoding: s.enc }, options)),
    );
    const parsed = pythonParse(messages.map((m) => m.raw));
    for (const [k, s] of samples.entries()) {
      expect(latin1(messages[k]!.raw)).toContain(`Content-Transfer-Encoding: ${s.enc}\r\n`);
      expect(parsed[k]!.defects).toEqual([]);
      expect(lf(parsed[k]!.leaves[0]!.text!)).toBe(lf(s.text));
      // postal-mime adds a line break to a body that does not end with one (as in round-trip.test.ts).
      const pm = await postalMime(messages[k]!.raw);
      expect(lf(pm.text ?? '').replace(/\n$/, '')).toBe(lf(s.text).replace(/\n$/, ''));
    }
  });
});

describe('xMailer', () => {
  test('a string writes X-Mailer, false or nothing writes none', async () => {
    const named = await compose({ ...base, text: 'x', xMailer: 'Acme Mailer 2.0 – Grüße' }, options);
    const [py] = pythonParse([named.raw]);
    expect(py!.headers).toContainEqual(['X-Mailer', 'Acme Mailer 2.0 – Grüße']);
    await expectSesValid(named.raw, named.envelope.to);
    for (const xMailer of [false, undefined] as const) {
      const m = await compose({ ...base, text: 'x', xMailer }, options);
      expect(latin1(m.raw)).not.toMatch(/x-mailer/i);
    }
    // with xMailer: false the header may still be given by hand
    const byHand = await compose(
      { ...base, text: 'x', xMailer: false, headers: { 'X-Mailer': 'mine' } },
      options,
    );
    expect(latin1(byHand.raw)).toContain('X-Mailer: mine\r\n');
  });

  test('X-Mailer in headers beside an xMailer string, and control characters, are refused', async () => {
    expect(await fails({ ...base, xMailer: 'a', headers: { 'x-mailer': 'b' } })).toMatchObject({
      code: 'compose.header-reserved',
    });
    expect(await fails({ ...base, xMailer: 'a\r\nBcc: x@evil.example' })).toMatchObject({
      code: 'compose.header-injection',
      path: ['xMailer'],
    });
    expect(await fails({ ...base, xMailer: true as unknown as string })).toMatchObject({
      code: 'compose.input-invalid',
      path: ['xMailer'],
    });
  });
});
