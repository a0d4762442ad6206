/**
 * Byte-exact snapshots for a handful of shapes, with injected boundary, date and Message-ID. The files in
 * __snapshots__/ are the reviewed expected output; a change shows up as a diff of whole messages. Each snapshot
 * file, and the output it is compared with, is also read by Python's `email`, postal-mime and the validator, so
 * `vitest -u` cannot accept a message that no longer says what its input said.
 */
import { readFileSync } from 'node:fs';
import { validate } from '@rawmail/validate';
import { describe, expect, test } from 'vitest';
import { type ComposeInput, type ComposeOptions, compose } from '../src/index.js';
import { lf, postalMime, pythonParse } from './helpers/oracles.js';

const options: ComposeOptions = {
  boundary: (i) => `=_rawmail_${i}`,
  date: () => new Date(Date.UTC(2026, 10, 27, 12, 0, 0)),
  messageId: () => 'snapshot@rawmail.example',
};
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const shapes: Record<string, ComposeInput> = {
  'text-only': {
    from: 'Shop <shop@example.com>',
    to: 'customer@example.com',
    subject: 'Your order has shipped',
    text: 'Hello,\nyour order is on its way.\n',
  },
  alternative: {
    from: { name: 'Jürgen Müller', address: 'juergen@bücher.example' },
    to: ['"Doe, John" <john@example.com>', { name: '山田 太郎', address: 'taro@example.jp' }],
    cc: 'cc@example.com',
    bcc: 'hidden@example.com',
    subject: 'Ihre Bestellung №12345 wurde versandt – Lieferung erfolgt morgen zwischen 10 und 12 Uhr',
    text: 'Grüße aus Köln!\n',
    html: '<p>Grüße aus <b>Köln</b>!</p>',
  },
  'related-and-mixed': {
    from: 'news@example.com',
    to: 'reader@example.com',
    subject: 'Newsletter 👨‍👩‍👧 𠀀',
    text: 'See the logo.',
    html: '<p><img src="cid:logo@example.com"></p>',
    attachments: [
      { filename: 'logo.png', content: png, cid: 'logo@example.com' },
      {
        filename: 'Rechnung für März 2026 – sehr langer Dateiname mit Umlauten äöü.pdf',
        content: Buffer.alloc(120, 1),
      },
    ],
    list: {
      unsubscribe: 'https://example.com/unsubscribe?u=1',
      unsubscribePost: true,
      id: 'news.example.com',
    },
  },
  'calendar-invite': {
    from: 'cal@example.com',
    to: 'guest@example.com',
    subject: 'Meeting',
    text: 'You are invited.',
    icalEvent: { method: 'REQUEST', content: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n' },
    priority: 'high',
    inReplyTo: '<parent@example.com>',
    references: ['<root@example.com>', '<parent@example.com>'],
  },
};

describe('byte-exact snapshots', () => {
  for (const [name, input] of Object.entries(shapes)) {
    test(name, async () => {
      const m = await compose(input, options);
      await expect(Buffer.from(m.raw).toString('latin1')).toMatchFileSnapshot(`./__snapshots__/${name}.eml`);
    });
  }
});

/** What each snapshot must say, independently of its bytes. Addresses as written on the wire (A-labels). */
interface Meaning {
  subject: string;
  from: [string, string];
  to: [string, string][];
  cc: [string, string][] | null;
  text: string;
  html?: string;
  calendar?: string;
  attachments: { filename: string; cid: string | null; bytes: Buffer }[];
}

const meanings: Record<string, Meaning> = {
  'text-only': {
    subject: 'Your order has shipped',
    from: ['Shop', 'shop@example.com'],
    to: [['', 'customer@example.com']],
    cc: null,
    text: 'Hello,\nyour order is on its way.\n',
    attachments: [],
  },
  alternative: {
    subject: 'Ihre Bestellung №12345 wurde versandt – Lieferung erfolgt morgen zwischen 10 und 12 Uhr',
    from: ['Jürgen Müller', 'juergen@xn--bcher-kva.example'],
    to: [
      ['Doe, John', 'john@example.com'],
      ['山田 太郎', 'taro@example.jp'],
    ],
    cc: [['', 'cc@example.com']],
    text: 'Grüße aus Köln!\n',
    html: '<p>Grüße aus <b>Köln</b>!</p>',
    attachments: [],
  },
  'related-and-mixed': {
    subject: 'Newsletter 👨‍👩‍👧 𠀀',
    from: ['', 'news@example.com'],
    to: [['', 'reader@example.com']],
    cc: null,
    text: 'See the logo.',
    html: '<p><img src="cid:logo@example.com"></p>',
    attachments: [
      { filename: 'logo.png', cid: '<logo@example.com>', bytes: png },
      {
        filename: 'Rechnung für März 2026 – sehr langer Dateiname mit Umlauten äöü.pdf',
        cid: null,
        bytes: Buffer.alloc(120, 1),
      },
    ],
  },
  'calendar-invite': {
    subject: 'Meeting',
    from: ['', 'cal@example.com'],
    to: [['', 'guest@example.com']],
    cc: null,
    text: 'You are invited.',
    calendar: 'BEGIN:VCALENDAR\nMETHOD:REQUEST\nEND:VCALENDAR\n',
    attachments: [],
  },
};

const LEGACY_NAME_DEFECTS =
  /^Content-Type: InvalidHeaderDefect: (encoded word inside quoted string|missing trailing whitespace after encoded-word)$/;

describe('every snapshot says what its input said (Python email, postal-mime, the validator)', () => {
  test('the meanings cover every shape', () => {
    expect(Object.keys(meanings).sort()).toEqual(Object.keys(shapes).sort());
  });
  for (const [name, input] of Object.entries(shapes)) {
    const want = meanings[name]!;
    test(name, async () => {
      const composed = (await compose(input, options)).raw;
      const file = readFileSync(new URL(`./__snapshots__/${name}.eml`, import.meta.url));
      const py = pythonParse([composed, file]);
      for (const [i, raw] of [composed, file].entries()) {
        const what = i === 0 ? 'composed' : 'file';
        const p = py[i]!;
        expect(p.error, what).toBeUndefined();
        expect(
          p.defects.filter((d) => !LEGACY_NAME_DEFECTS.test(d)),
          what,
        ).toEqual([]);
        expect(p.subject, what).toBe(want.subject);
        expect(p.from, what).toEqual([want.from]);
        expect(p.to, what).toEqual(want.to);
        expect(p.cc, what).toEqual(want.cc);
        expect(p.bcc, what).toBe(false);
        const body = (type: string) => p.leaves.find((l) => l.type === type && l.disposition === null)?.text;
        expect(lf(body('text/plain') ?? ''), what).toBe(want.text);
        expect(body('text/html'), what).toBe(want.html);
        if (want.calendar !== undefined) expect(lf(body('text/calendar') ?? ''), what).toBe(want.calendar);
        const atts = p.leaves
          .filter((l) => l.disposition !== null)
          .map((l) => ({ filename: l.filename, cid: l.cid, bytes: Buffer.from(l.bytes, 'base64') }));
        expect(atts, what).toEqual(want.attachments);

        const pm = await postalMime(raw);
        expect(pm.subject, what).toBe(want.subject);
        expect([pm.from?.name ?? '', pm.from?.address], what).toEqual(want.from);
        expect(
          pm.to?.map((a) => [a.name, a.address]),
          what,
        ).toEqual(want.to);
        expect(lf(pm.text ?? '').replace(/\n$/, ''), what).toBe(want.text.replace(/\n$/, ''));
        // postal-mime keeps the CRLF that belongs to the next delimiter (RFC 2046 §5.1.1) as part of the html.
        expect(pm.html === undefined ? undefined : lf(pm.html).replace(/\n$/, ''), what).toBe(want.html);
        const pmAtts = pm.attachments
          .filter((a) => a.mimeType !== 'text/calendar')
          .map((a) => ({
            filename: a.filename,
            cid: a.contentId ?? null,
            bytes: Buffer.from(a.content as ArrayBuffer),
          }));
        expect(pmAtts, what).toEqual(want.attachments);

        const report = await validate(raw, { profile: 'ses-v2' });
        expect(
          report.issues.map((x) => x.code),
          what,
        ).toEqual([]);
      }
    });
  }
});
