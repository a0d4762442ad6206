/**
 * Byte-exact snapshots for a handful of shapes, with injected boundary, date and Message-ID. The files in
 * __snapshots__/ are the reviewed expected output; a change shows up as a diff of whole messages.
 */
import { describe, expect, test } from 'vitest';
import { type ComposeInput, type ComposeOptions, compose } from '../src/index.js';

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
