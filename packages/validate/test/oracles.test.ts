import { spawnSync } from 'node:child_process';
import { compose } from '@rawmail/compose';
import fc from 'fast-check';
import { createMimeMessage } from 'mimetext';
import { describe, expect, test } from 'vitest';
import { SES_BLOCKED_EXTENSIONS } from '../src/families/attachments.js';
import { validate } from '../src/index.js';
import { ruleFixtures, validFixtures } from './helpers/fixtures.js';
import { buildWithNodemailer } from './helpers/nodemailer.js';

/** Text that exercises encoders: ASCII, Latin, CJK, astral, emoji, RTL, combining marks, long words. */
const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    'Grüße aus München',
    '日本語のテキスト',
    '𠀀𠀁 emoji 👩‍👩‍👧‍👦 ok',
    'שלום עולם',
    'e\u0301\u0301',
    'x'.repeat(300),
  ),
);
const name = text.map((s) => s.replace(/[\x00-\x1f\x7f\u0080-\u009f\u2028\u2029]/g, ' ').trim());
const local = fc.stringMatching(/^[a-z][a-z0-9._-]{0,15}[a-z0-9]$/).filter((s) => !s.includes('..'));
const domain = fc.constantFrom('example.com', 'example.org', 'mail.example.net', 'xn--mnchen-3ya.example');
const mailbox = fc.record({ name, address: fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`) });
const fileName = fc
  .tuple(name, fc.constantFrom('pdf', 'txt', 'png', 'zip', 'docx', 'exe.pdf', 'csv'))
  .map(([n, ext]) => `${n.replace(/[\\/"]/g, '_').slice(0, 40) || 'file'}.${ext}`);
const attachment = fc.record({
  filename: fileName,
  content: fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)),
});
const mailInput = fc.record({
  from: mailbox,
  to: fc.array(mailbox, { minLength: 1, maxLength: 5 }),
  cc: fc.array(mailbox, { maxLength: 3 }),
  subject: text,
  text: fc.option(fc.string({ unit: 'grapheme', maxLength: 2000 }), { nil: undefined }),
  html: fc.option(
    fc.string({ unit: 'grapheme', maxLength: 2000 }).map((s) => `<p>${s}</p>`),
    { nil: undefined },
  ),
  attachments: fc.array(attachment, { maxLength: 3 }),
});

describe('messages from independent composers validate without errors', () => {
  test("nodemailer's MailComposer, arbitrary inputs", async () => {
    await fc.assert(
      fc.asyncProperty(mailInput, async (input) => {
        const raw = await buildWithNodemailer({ ...input, text: input.text ?? 'hello' });
        const report = await validate(raw);
        expect(report.issues, raw.toString('latin1').slice(0, 3000)).toEqual([]);
        expect(report.recipients.count).toBe(new Set([...input.to, ...input.cc].map((m) => m.address)).size);
      }),
      { numRuns: 150 },
    );
  });

  test('@rawmail/compose, arbitrary inputs', async () => {
    await fc.assert(
      fc.asyncProperty(mailInput, async (input) => {
        const msg = await compose({ ...input, text: input.text ?? 'hello' });
        const report = await validate(msg.raw);
        expect(report.issues, Buffer.from(msg.raw).toString('latin1').slice(0, 3000)).toEqual([]);
        expect(report.size).toBe(msg.raw.length);
      }),
      { numRuns: 150 },
    );
  });
});

describe("mimetext's known defects are caught", () => {
  function mimetextMessage(): string {
    const msg = createMimeMessage();
    msg.setSender({ name: 'Jörg Müller', addr: 'joerg@example.com' });
    msg.setTo({ name: 'Ann', addr: 'ann@example.org' });
    msg.setSubject('Grüße aus München — eine lange Betreffzeile, die nicht gefaltet wird. '.repeat(2));
    msg.addMessage({ contentType: 'text/plain', data: 'Hallo Welt, Grüße!' });
    msg.addAttachment({
      filename: 'Rechnung-März.pdf',
      contentType: 'application/pdf',
      data: Buffer.alloc(20_000, 7).toString('base64'),
    });
    return msg.asRaw();
  }
  test('raw UTF-8 file names, an unsplit encoded word, unwrapped base64, unencoded 8-bit text, LF endings', async () => {
    const report = await validate(mimetextMessage());
    const codes = new Set(report.issues.map((i) => i.code));
    expect(report.ok).toBe(false);
    expect([...codes].sort()).toEqual(
      ['body.8bit', 'encoded-word.too-long', 'header.non-ascii', 'line.bare-newline', 'line.too-long'].sort(),
    );
    expect(report.issues.find((i) => i.code === 'header.non-ascii')).toMatchObject({
      part: '2',
      header: 'Content-Type',
    });
  });
});

describe("Python's email package as an independent oracle", () => {
  const PY = `
import base64, email, email.policy, json, sys
out = []
for b64 in json.load(sys.stdin):
    msg = email.message_from_bytes(base64.b64decode(b64), policy=email.policy.compat32)
    defects = set()
    for part in msg.walk():
        for d in part.defects: defects.add(type(d).__name__)
        if not part.is_multipart() and part.get('Content-Transfer-Encoding', '').strip().lower() == 'base64':
            part.get_payload(decode=True)
            for d in part.defects: defects.add(type(d).__name__)
    out.append(sorted(defects))
print(json.dumps(out))
`;
  const BOUNDARY_CAUSES = [
    'mime.boundary-not-found',
    'mime.boundary-reused',
    'mime.depth-exceeded',
    'mime.boundary-missing',
    'mime.params-malformed',
  ];
  const MAP: Record<string, string[]> = {
    // A reused, too deep, or unparseable boundary is the cause of the misplaced delimiters Python sees.
    StartBoundaryNotFoundDefect: BOUNDARY_CAUSES,
    CloseBoundaryNotFoundDefect: BOUNDARY_CAUSES,
    NoBoundaryInMultipartDefect: ['mime.boundary-missing'],
    // Python also breaks lines at a lone CR, which we report as a control character in the value; and it reads
    // a base64 message/rfc822 body as a message as it stands (we report the encoding and keep the bytes opaque).
    MissingHeaderBodySeparatorDefect: [
      'header.malformed',
      'header.empty-name',
      'header.control-char',
      'mime.encoding-unknown',
    ],
    InvalidBase64CharactersDefect: ['mime.base64-invalid'],
    InvalidBase64PaddingDefect: ['mime.base64-invalid'],
    InvalidBase64LengthDefect: ['mime.base64-invalid'],
  };

  function pythonDefects(messages: Buffer[]): string[][] {
    const r = spawnSync('python3', ['-c', PY], {
      input: JSON.stringify(messages.map((m) => m.toString('base64'))),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as string[][];
  }

  test('valid fixtures: Python finds no defect either', () => {
    const valid = validFixtures().map((f) => f.raw);
    expect(pythonDefects(valid)).toEqual(valid.map(() => []));
  });

  test('whatever structural defect Python finds in fixtures and mutants, we report too', async () => {
    const seeds = [...ruleFixtures(), ...validFixtures()].map((f) => f.raw);
    const mutants = fc
      .sample(
        fc.tuple(
          fc.integer({ min: 0, max: seeds.length - 1 }),
          fc.nat(),
          fc.nat({ max: 40 }),
          fc.constantFrom('', '\r\n', '*', '--', '=', ' ', ':', 'x'),
        ),
        { numRuns: 400, seed: 2026 },
      )
      .map(([i, at, del, ins]) => {
        const s = seeds[i]!;
        const p = at % s.length;
        return Buffer.concat([s.subarray(0, p), Buffer.from(ins), s.subarray(p + del)]);
      });
    const corpus = [...seeds, ...mutants];
    const py = pythonDefects(corpus);
    let checked = 0;
    for (let i = 0; i < corpus.length; i++) {
      // A first line starting 'From ' is an mbox envelope line to Python, which skips it and reads on; to SES
      // (and us) it is a malformed header, after which the rest is body.
      if (corpus[i]!.subarray(0, 5).toString('latin1') === 'From ') continue;
      // Python parses the body of every message/* subtype as a message; RFC 2046 §5.2.4 has an unrecognised
      // message subtype (a mutant's `message/rfc82`) read as application/octet-stream, and so do we.
      if (/content-type:[ \t]*message\/(?!rfc822\b)[a-z0-9-]*/i.test(corpus[i]!.toString('latin1'))) continue;
      const ours = new Set<string>((await validate(corpus[i]!)).issues.map((x) => x.code));
      for (const defect of py[i]!) {
        const expected = MAP[defect];
        if (!expected) continue;
        checked++;
        expect(
          expected.some((code) => ours.has(code)),
          `Python: ${defect}; ours: ${[...ours].join(', ')}\n${corpus[i]!.toString('latin1').slice(0, 2000)}`,
        ).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

test('blocked extensions list matches the SES list in the spec', () => {
  expect(SES_BLOCKED_EXTENSIONS.size).toBe(90);
  for (const ext of ['exe', 'js', 'vbs', 'ps1', 'msh2xml', 'gadget', 'xnk'])
    expect(SES_BLOCKED_EXTENSIONS.has(ext)).toBe(true);
});
