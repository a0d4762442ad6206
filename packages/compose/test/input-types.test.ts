/**
 * The documented input types: the drift check they rely on, every field accepted at run time, and the defaults
 * their TSDoc states.
 */
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import {
  type AddressInput,
  type AttachmentInput,
  type ComposeInput,
  type ComposeOptions,
  compose,
  type ListValue,
} from '../src/index.js';
import type { Assert, Equals } from '../src/type-equals.js';

/** `any`, without writing it. */
type Untyped = ReturnType<typeof JSON.parse>;

// Equals must catch the ways an interface and a schema can drift (checked by `tsc -b`, not at run time).
type _EqualsCatchesDrift = [
  Assert<Equals<{ a?: string | undefined }, { a?: string }>>,
  // @ts-expect-error a missing optional property
  Assert<Equals<{ a?: string }, object>>,
  // @ts-expect-error an extra optional property
  Assert<Equals<{ a: string }, { a: string; b?: number }>>,
  // @ts-expect-error a narrower union
  Assert<Equals<{ e?: 'x' | 'y' }, { e?: 'x' }>>,
  // @ts-expect-error a missing optional property in a nested object
  Assert<Equals<{ o?: { a?: string } }, { o?: object }>>,
  // @ts-expect-error readonly arrays
  Assert<Equals<string[], readonly string[]>>,
  // @ts-expect-error `any`
  Assert<Equals<{ a: string }, { a: Untyped }>>,
];

const options: ComposeOptions = {
  boundary: (i) => `b${i}=_`,
  messageId: () => 'id@example.com',
  date: () => new Date('2024-01-02T03:04:05Z'),
};

async function raw(input: ComposeInput, opts: ComposeOptions = options): Promise<string> {
  return Buffer.from((await compose(input, opts)).raw).toString('latin1');
}

describe('documented input types', () => {
  test('every field of ComposeInput, ComposeOptions and AttachmentInput is accepted', async () => {
    // `Required<…>`: a field added to an interface must be added here too.
    const list: Required<NonNullable<ComposeInput['list']>> = {
      help: 'https://example.com/help',
      unsubscribe: [{ url: 'https://example.com/u', comment: 'one click' }, 'unsubscribe@example.com'],
      subscribe: { url: 'mailto:subscribe@example.com' },
      post: 'NO',
      owner: 'owner@example.com',
      archive: ['https://example.com/archive'],
      id: { url: 'list.example.com', comment: 'Example list' },
      unsubscribePost: true,
    };
    const attachment: Required<Omit<AttachmentInput, 'path'>> = {
      filename: 'logo.png',
      content: 'iVBORw0KGgo=',
      contentType: 'image/png',
      cid: 'logo@example.com',
      contentDisposition: 'inline',
      encoding: 'base64',
    };
    const input: Required<ComposeInput> = {
      from: { name: 'Zoë', address: 'zoe@example.com' },
      sender: 'Sender <sender@example.com>',
      replyTo: ['reply@example.com'],
      to: '"Doe, John" <john@example.org>, ana@example.org',
      cc: [{ address: 'cc@example.org' }, 'Cc Two <cc2@example.org>'],
      bcc: 'hidden@example.net',
      subject: 'Grüße',
      text: 'Hallo',
      html: new TextEncoder().encode('<p>Hallo <img src="cid:logo@example.com"></p>'),
      attachments: [attachment, { path: import.meta.filename, filename: false }],
      headers: [{ key: 'X-Campaign', value: 'spring' }],
      messageId: '<m1@example.com>',
      date: '2024-05-06T07:08:09Z',
      inReplyTo: 'parent@example.com',
      references: 'root@example.com <parent@example.com>',
      priority: 'high',
      list,
      icalEvent: {
        method: 'request',
        content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
        filename: 'invite.ics',
      },
    };
    const allOptions: Required<ComposeOptions> = {
      ...(options as Required<Pick<ComposeOptions, 'boundary' | 'messageId' | 'date'>>),
      hostname: 'mail.example.com',
      charset: 'iso-8859-1',
      legacyAttachmentNames: false,
    };
    const msg = await compose(input, allOptions);
    expect(msg.envelope).toEqual({
      from: 'sender@example.com',
      to: ['john@example.org', 'ana@example.org', 'cc@example.org', 'cc2@example.org', 'hidden@example.net'],
    });
    const text = Buffer.from(msg.raw).toString('latin1');
    expect(text).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n');
    expect(text).toContain('X-Campaign: spring\r\n');
  });

  test('the forms AddressInput and ListValue document', async () => {
    const addresses: AddressInput[] = ['a@example.com', 'A <a2@example.com>', { address: 'a3@example.com' }];
    const lists: ListValue[] = [
      'list@example.com',
      '<https://example.com/l>',
      { url: 'https://example.com/m' },
    ];
    const out = await raw({ from: 'f@example.com', to: addresses, list: { help: lists } });
    expect(out).toContain('To: a@example.com, A <a2@example.com>, a3@example.com\r\n');
    expect(out).toContain(
      'List-Help: <mailto:list@example.com>, <https://example.com/l>,\r\n <https://example.com/m>\r\n',
    );
  });

  test('the defaults the TSDoc states', async () => {
    const out = await raw({
      from: 'f@example.com',
      text: 'x',
      priority: 'normal',
      icalEvent: { content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', filename: 'invite.ics' },
      attachments: [
        { path: import.meta.filename },
        { content: 'hi', cid: 'c@example.com' },
        { content: Readable.from(['a']) },
        { content: 'pdf', filename: 'a.pdf' },
      ],
    });
    // icalEvent: method PUBLISH; with a filename the event is also attached as application/ics (as nodemailer does).
    expect(out).toContain('Content-Type: text/calendar; charset=utf-8; method=PUBLISH\r\n');
    expect(out).toContain('Content-Type: application/ics; name="invite.ics"\r\n');
    // priority 'normal': no priority headers.
    expect(out).not.toMatch(/X-Priority|Importance/);
    // path: filename from the path; disposition attachment.
    expect(out).toContain('Content-Disposition: attachment; filename="input-types.test.ts"\r\n');
    // contentType: from the file name's extension (libmime).
    expect(out).toContain('Content-Type: application/pdf; name="a.pdf"\r\n');
    // cid: inline; no file name → application/octet-stream; string content is UTF-8 (`hi` → aGk=).
    expect(out).toMatch(
      /Content-Type: application\/octet-stream\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: inline\r\nContent-ID: <c@example.com>\r\n\r\naGk=\r\n/,
    );
    // Message-ID from options.messageId, Date from options.date in UTC.
    expect(out).toContain('Message-ID: <id@example.com>\r\n');
    expect(out).toContain('Date: Tue, 2 Jan 2024 03:04:05 +0000\r\n');
    // Without options: a random Message-ID at the From domain, or at `hostname`.
    expect(await raw({ from: 'f@example.com' }, {})).toMatch(/Message-ID: <[0-9a-f-]{36}@example\.com>\r\n/);
    expect(await raw({ from: 'f@example.com' }, { hostname: 'MX.Example.net' })).toMatch(
      /Message-ID: <[0-9a-f-]{36}@mx\.example\.net>\r\n/,
    );
  });
});
