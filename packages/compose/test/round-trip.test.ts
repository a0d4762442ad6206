/**
 * Round trips through independent parsers: Python's email package (policy.default), mailparser and
 * postal-mime. Everything the caller gave must come back identical, and Python must register no defects
 * (except, by design, RFC 2047 words inside the legacy quoted `name=` parameter; see docs/compose.md).
 */
import { describe, expect, test } from 'vitest';
import { type ComposeInput, type ComposeOptions, compose } from '../src/index.js';
import { lf, mailparser, type PyResult, postalMime, pythonParse } from './helpers/oracles.js';

const LEGACY_NAME_DEFECTS =
  /^Content-Type: InvalidHeaderDefect: (encoded word inside quoted string|missing trailing whitespace after encoded-word)$/;

interface Expect {
  input: ComposeInput;
  options?: ComposeOptions;
}

const pdf = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256));
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const cases: Record<string, Expect> = {
  'text only, ASCII': {
    input: { from: 'a@example.com', to: 'b@example.com', subject: 'Hello', text: 'Hi there.\n' },
  },
  'non-ASCII everything': {
    input: {
      from: { name: 'Jürgen Müller 🎉', address: 'juergen@bücher.example' },
      to: ['"Doe, John" <john@example.com>', { name: '山田 太郎', address: 'taro@example.jp' }],
      cc: 'Zoë <zoe@example.org>',
      replyTo: 'Support Team <support@example.com>',
      subject:
        'Ihre Bestellung №12345 wurde versandt – Lieferung erfolgt morgen zwischen 10 und 12 Uhr 𠀀 👨‍👩‍👧',
      text: 'Grüße\r\nzweite Zeile\nדritte\rZeile',
      html: '<p>Grüße — <b>👨‍👩‍👧</b></p>',
    },
  },
  'html with inline image and attachments': {
    input: {
      from: 'shop@example.com',
      to: 'buyer@example.com',
      subject: 'Your invoice',
      text: 'See attached.',
      html: '<p>Logo: <img src="cid:logo@example.com"></p>',
      attachments: [
        { filename: 'logo.png', content: png, cid: 'logo@example.com' },
        {
          filename: 'Rechnung für März 2026 – sehr langer Dateiname mit Umlauten äöü und noch mehr Text.pdf',
          content: pdf,
        },
        { filename: 'notes.txt', content: 'plain text attachment\nline 2\n' },
        { content: Buffer.from([0, 1, 2, 255]) },
      ],
    },
  },
  'attachments only': {
    input: {
      from: 'a@example.com',
      to: 'b@example.com',
      attachments: [{ filename: '𠀀.bin', content: pdf }],
    },
  },
  'calendar invite': {
    input: {
      from: 'a@example.com',
      to: 'b@example.com',
      subject: 'Meeting',
      text: 'Invite',
      icalEvent: { method: 'request', content: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n' },
    },
  },
  'modern names only (no legacy name=)': {
    input: {
      from: 'a@example.com',
      to: 'b@example.com',
      text: 'x',
      attachments: [
        { filename: 'Übersicht über alle Dateien mit einem wirklich sehr langen Namen.pdf', content: pdf },
      ],
    },
    options: { legacyAttachmentNames: false },
  },
};

function pyAddresses(list: [string, string][] | null) {
  return (list ?? []).map(([name, address]) => ({ name, address }));
}

describe('round trip through Python email, mailparser and postal-mime', async () => {
  const names = Object.keys(cases);
  const composed = await Promise.all(names.map((n) => compose(cases[n]!.input, cases[n]!.options)));
  const py = pythonParse(composed.map((m) => m.raw));

  names.forEach((name, i) => {
    const c = cases[name]!;
    const m = composed[i]!;
    const p = py[i] as PyResult;
    test(`${name}: Python sees no defects`, () => {
      expect(p.error).toBeUndefined();
      const legacyNames = c.options?.legacyAttachmentNames !== false;
      const defects = legacyNames ? p.defects.filter((d) => !LEGACY_NAME_DEFECTS.test(d)) : p.defects;
      expect(defects).toEqual([]);
    });
    test(`${name}: fields and bodies come back identical`, async () => {
      const input = c.input;
      const mp = await mailparser(m.raw);
      const pm = await postalMime(m.raw);
      if (input.subject !== undefined) {
        expect(p.subject).toBe(input.subject);
        expect(mp.subject).toBe(input.subject);
        expect(pm.subject).toBe(input.subject);
      }
      const from = typeof input.from === 'object' && !Array.isArray(input.from) ? input.from : undefined;
      if (from) {
        expect(p.from?.[0]?.[0]).toBe(from.name);
        expect(mp.from?.value[0]?.name).toBe(from.name);
        expect(pm.from?.name).toBe(from.name);
      }
      if (Array.isArray(input.to)) {
        const names = pyAddresses(p.to).map((x) => x.name);
        expect(names).toEqual(['Doe, John', '山田 太郎']);
      }
      if (typeof input.text === 'string') {
        const leaf = p.leaves.find((l) => l.type === 'text/plain' && l.disposition === null);
        expect(lf(leaf?.text ?? '')).toBe(lf(input.text));
        // postal-mime and mailparser keep the CRLF that belongs to the next boundary delimiter (RFC 2046 §5.1.1)
        // as part of a multipart's text; Python does not. So they are compared modulo one trailing line break.
        expect(lf(pm.text ?? '').replace(/\n$/, '')).toBe(lf(input.text).replace(/\n$/, ''));
        expect(lf(mp.text ?? '').replace(/\n$/, '')).toBe(lf(input.text).replace(/\n$/, ''));
      }
      if (typeof input.html === 'string') {
        const leaf = p.leaves.find((l) => l.type === 'text/html');
        expect(lf(leaf?.text ?? '')).toBe(lf(input.html));
        expect(lf(pm.html ?? '').replace(/\n$/, '')).toBe(lf(input.html).replace(/\n$/, ''));
        expect(lf(typeof mp.html === 'string' ? mp.html : '').replace(/\n$/, '')).toBe(
          lf(input.html).replace(/\n$/, ''),
        );
      }
      const atts = input.attachments ?? [];
      const pyAtts = p.leaves.filter((l) => l.disposition === 'attachment' || l.disposition === 'inline');
      expect(pyAtts).toHaveLength(atts.length);
      if (input.icalEvent) {
        const cal = p.leaves.find((l) => l.type === 'text/calendar');
        expect(cal?.text).toBe(input.icalEvent.content);
      }
      // mailparser and postal-mime list the text/calendar alternative as an attachment.
      const notCalendar = (x: { contentType?: string; mimeType?: string }) =>
        (x.contentType ?? x.mimeType) !== 'text/calendar';
      expect(mp.attachments.filter(notCalendar)).toHaveLength(atts.length);
      expect(pm.attachments.filter(notCalendar)).toHaveLength(atts.length);
      for (const a of atts) {
        const bytes =
          typeof a.content === 'string' ? Buffer.from(a.content) : Buffer.from(a.content as Uint8Array);
        const filename = typeof a.filename === 'string' ? a.filename : null;
        const pa = pyAtts.find(
          (x) => x.filename === filename && Buffer.from(x.bytes, 'base64').equals(bytes),
        );
        expect(pa, `python attachment ${filename}`).toBeDefined();
        expect(pa?.cid).toBe(a.cid ? `<${a.cid}>` : null);
        const ma = mp.attachments.find((x) => (x.filename ?? null) === filename);
        expect(ma && Buffer.from(ma.content).equals(bytes)).toBe(true);
        if (a.cid) expect(ma?.cid).toBe(a.cid);
        const pma = pm.attachments.find((x) => (x.filename ?? null) === filename);
        expect(pma && Buffer.from(pma.content as ArrayBuffer).equals(bytes)).toBe(true);
        if (a.cid) expect(pma?.contentId).toBe(`<${a.cid}>`);
        expect(pma?.mimeType).toBe(pa?.type);
      }
      expect(p.bcc).toBe(false);
    });
  });
});
