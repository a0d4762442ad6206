/** Shapes, transfer encodings, charsets, headers: behaviour checked on the bytes and through Python's parser. */
import { describe, expect, test } from 'vitest';
import { type ComposeInput, compose } from '../src/index.js';
import { crlfLines, headerSections, unfold } from './helpers/inspect.js';
import { pythonParse } from './helpers/oracles.js';

const base: ComposeInput = { from: 'sender@example.com', to: 'rcpt@example.com' };
const text = (m: { raw: Uint8Array }) => Buffer.from(m.raw).toString('latin1');
const contentTypes = (raw: Uint8Array) =>
  headerSections(raw).map((s) =>
    unfold(s)
      .find((h) => /^content-type:/i.test(h))
      ?.replace(/;.*$/, '')
      .slice(14),
  );

describe('the smallest correct tree', () => {
  const png = { filename: 'a.png', content: Buffer.from([1, 2, 3]) };
  const cases: Array<[string, ComposeInput, string[]]> = [
    ['nothing', {}, ['text/plain']],
    ['text', { text: 't' }, ['text/plain']],
    ['html', { html: 'h' }, ['text/html']],
    ['text+html', { text: 't', html: 'h' }, ['multipart/alternative', 'text/plain', 'text/html']],
    [
      'html+cid',
      { html: '<img src="cid:a@x">', attachments: [{ ...png, cid: 'a@x' }] },
      ['multipart/related', 'text/html', 'image/png'],
    ],
    [
      'text+html+cid+attachment',
      {
        text: 't',
        html: 'h',
        attachments: [
          { ...png, cid: 'a@x' },
          { filename: 'b.pdf', content: 'x' },
        ],
      },
      [
        'multipart/mixed',
        'multipart/alternative',
        'text/plain',
        'multipart/related',
        'text/html',
        'image/png',
        'application/pdf',
      ],
    ],
    ['text+attachment', { text: 't', attachments: [png] }, ['multipart/mixed', 'text/plain', 'image/png']],
    [
      'cid without html is a plain attachment',
      { text: 't', attachments: [{ ...png, cid: 'a@x' }] },
      ['multipart/mixed', 'text/plain', 'image/png'],
    ],
    ['attachment only', { attachments: [png] }, ['multipart/mixed', 'image/png']],
    [
      'text+ical+html',
      { text: 't', html: 'h', icalEvent: { content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR' } },
      ['multipart/alternative', 'text/plain', 'text/calendar', 'text/html'],
    ],
  ];
  for (const [name, input, expected] of cases) {
    test(name, async () => {
      const m = await compose({ ...base, ...input });
      expect(contentTypes(m.raw)).toEqual(expected);
    });
  }
});

describe('transfer encodings chosen by measured size', () => {
  const cte = (raw: Uint8Array) =>
    headerSections(raw)
      .flatMap((s) => unfold(s))
      .filter((h) => /^content-transfer-encoding:/i.test(h))
      .map((h) => h.slice(27).trim());
  test('ASCII with short lines → 7bit; mostly-ASCII → quoted-printable; mostly non-Latin → base64', async () => {
    expect(cte((await compose({ ...base, text: 'plain ascii\nlines' })).raw)).toEqual(['7bit']);
    expect(
      cte(
        (await compose({ ...base, text: 'Grüße aus Köln, bis später! Wir melden uns morgen wieder.' })).raw,
      ),
    ).toEqual(['quoted-printable']);
    // Short text with several non-ASCII letters: base64 measures one byte shorter, so base64 it is.
    expect(cte((await compose({ ...base, text: 'Grüße aus Köln, bis später!' })).raw)).toEqual(['base64']);
    expect(cte((await compose({ ...base, text: 'これは日本語のテキストです。'.repeat(5) })).raw)).toEqual([
      'base64',
    ]);
    expect(cte((await compose({ ...base, text: 'a'.repeat(1200) })).raw)).toEqual(['quoted-printable']); // long line
  });
  test('binary attachments are base64 at 76 columns', async () => {
    const m = await compose({
      ...base,
      attachments: [{ filename: 'x.bin', content: Buffer.alloc(1000, 0xab) }],
    });
    const lines = crlfLines(m.raw);
    const b64 = lines.filter((l) => /^[A-Za-z0-9+/=]{20,}$/.test(l));
    expect(b64.length).toBeGreaterThan(10);
    for (const l of b64.slice(0, -1)) expect(l.length).toBe(76);
  });
});

describe('body charsets through iconv-lite', () => {
  test('ISO-2022-JP and ISO-8859-1 bodies decode back in Python', async () => {
    const jp = 'こんにちは、世界！ ASCII mixed テキスト。\n二行目';
    const latin = 'Grüße, café, naïve — no: only Latin-1 ÿ';
    const m1 = await compose({ ...base, text: jp, html: `<p>${jp}</p>` }, { charset: 'ISO-2022-JP' });
    const m2 = await compose({ ...base, text: latin.replace('—', '-') }, { charset: 'iso-8859-1' });
    expect(text(m1)).toContain('charset=iso-2022-jp');
    expect(text(m1)).toContain('Content-Transfer-Encoding: 7bit');
    expect(text(m2)).toContain('charset=iso-8859-1');
    const [p1, p2] = pythonParse([m1.raw, m2.raw]);
    expect(p1!.defects).toEqual([]);
    expect(p1!.leaves[0]!.text!.replace(/\r\n/g, '\n')).toBe(jp);
    expect(p1!.leaves[1]!.text).toBe(`<p>${jp.replace(/\n/g, '\r\n')}</p>`);
    expect(p2!.leaves[0]!.text).toBe(latin.replace('—', '-'));
  });
  test('characters outside JIS X 0208 are refused for ISO-2022-JP', async () => {
    await expect(compose({ ...base, text: 'ｶﾀｶﾅ' }, { charset: 'iso-2022-jp' })).rejects.toMatchObject({
      code: 'compose.charset-unrepresentable',
    });
  });
});

describe('headers', () => {
  test('deterministic: injected boundary, Message-ID, date and hostname give identical bytes', async () => {
    const input: ComposeInput = {
      ...base,
      text: 't',
      html: 'h',
      attachments: [{ filename: 'a.txt', content: 'a' }],
    };
    const options = {
      boundary: (i: number) => `b${i}`,
      date: () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
      messageId: () => 'fixed@mx.example',
    };
    const a = await compose(input, options);
    const b = await compose(input, options);
    expect(Buffer.from(a.raw).equals(Buffer.from(b.raw))).toBe(true);
    expect(text(a)).toContain('Date: Fri, 2 Jan 2026 03:04:05 +0000\r\n');
    expect(a.messageId).toBe('<fixed@mx.example>');
    const c = await compose(input, { hostname: 'mx.example' });
    expect(c.messageId).toMatch(/^<[0-9a-f-]+@mx\.example>$/);
  });
  test('Message-ID, In-Reply-To, References, priority, list and custom headers', async () => {
    const m = await compose({
      ...base,
      text: 't',
      messageId: 'abc@example.com',
      inReplyTo: '<parent@example.com>',
      references: '<root@example.com> <parent@example.com>',
      priority: 'high',
      list: {
        unsubscribe: [{ url: 'https://example.com/u?x=1', comment: 'Abmelden' }, 'unsub@example.com'],
        unsubscribePost: true,
        id: { url: 'news.example.com', comment: 'Newsletter' },
        help: 'https://example.com/help',
      },
      headers: { 'X-Campaign': 'Frühjahr 2026', 'X-Multi': ['one', 'two'] },
    });
    const t = text(m);
    expect(t).toContain('Message-ID: <abc@example.com>\r\n');
    expect(t).toContain('In-Reply-To: <parent@example.com>\r\n');
    expect(t).toContain('References: <root@example.com> <parent@example.com>\r\n');
    expect(t).toContain('X-Priority: 1 (Highest)\r\n');
    expect(t).toContain('Importance: High\r\n');
    expect(t).toContain(
      'List-Unsubscribe: <https://example.com/u?x=1> (Abmelden),\r\n <mailto:unsub@example.com>\r\n',
    );
    expect(t).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n');
    expect(t).toContain('List-ID: "Newsletter" <news.example.com>\r\n');
    expect(t).toContain('List-Help: <https://example.com/help>\r\n');
    expect(t).toContain('X-Campaign: =?UTF-8?B?RnLDvGhqYWhy?= 2026\r\n');
    expect(t).toContain('X-Multi: one\r\nX-Multi: two\r\n');
    const [p] = pythonParse([m.raw]);
    expect(p!.defects).toEqual([]);
  });
  test('a subject made of one 2,000-character word still keeps every line ≤ 998', async () => {
    const m = await compose({ ...base, subject: 'x'.repeat(2000), text: 't' });
    for (const l of crlfLines(m.raw)) expect(l.length).toBeLessThanOrEqual(998);
    const [p] = pythonParse([m.raw]);
    expect(p!.subject).toBe('x'.repeat(2000));
    expect(p!.defects).toEqual([]);
  });
});
