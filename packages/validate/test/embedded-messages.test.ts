import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { validate } from '../src/index.js';
import type { PartInfo } from '../src/reader/events.js';
import { MAX_MULTIPART_DEPTH, MessageReader } from '../src/reader/message-reader.js';
import { crlf, ruleFixtures, validFixtures } from './helpers/fixtures.js';

const fixture = (name: string) => {
  const f = [...ruleFixtures(), ...validFixtures()].find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.raw;
};

/** The entities the reader finds, in order: [path, media type, embedded]. */
function tree(raw: Buffer): [string, string, boolean][] {
  const out: [string, string, boolean][] = [];
  const reader = new MessageReader({
    headersEnd(part: PartInfo) {
      out.push([part.path, part.mediaType, part.embedded]);
    },
  });
  reader.push(raw);
  reader.end();
  return out;
}

/** The same from Python's `email` package, numbered the IMAP way (an embedded message carries its part's path). */
const PY_TREE = `
import base64, email, email.policy, json, sys
def walk(m, path, out, embedded):
    ct = m.get_content_type()
    out.append([path, ct, embedded])
    if ct == 'message/rfc822':
        walk(m.get_payload()[0], path or '1', out, True)
    elif m.is_multipart():
        for i, p in enumerate(m.get_payload(), 1):
            walk(p, f"{path}.{i}" if path else str(i), out, False)
res = []
for b64 in json.load(sys.stdin):
    out = []
    walk(email.message_from_bytes(base64.b64decode(b64), policy=email.policy.compat32), '', out, False)
    res.append(out)
print(json.dumps(res))
`;

function pythonTrees(messages: Buffer[]): [string, string, boolean][][] {
  const r = spawnSync('python3', ['-c', PY_TREE], {
    input: JSON.stringify(messages.map((m) => m.toString('base64'))),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as [string, string, boolean][][];
}

/** A message whose body is `levels` message/rfc822 parts nested in one another. */
function nestedMessages(levels: number, innermost: string): Buffer {
  let body = innermost;
  for (let i = 0; i < levels; i++)
    body = `From: a${i}@example.com\nTo: b@example.org\nSubject: level ${i}\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n${body}`;
  return crlf(body);
}

describe('a message/rfc822 body is read as a message', () => {
  test("the part tree agrees with Python's email package (IMAP numbering)", () => {
    const corpus = [
      ...ruleFixtures().filter((f) => f.name.endsWith('--embedded')),
      ...validFixtures().filter((f) => f.name.startsWith('forwarded-')),
    ].map((f) => f.raw);
    corpus.push(nestedMessages(3, 'From: x@example.com\nContent-Type: text/plain\n\nhi\n'));
    expect(corpus.length).toBeGreaterThanOrEqual(6);
    expect(corpus.map(tree)).toEqual(pythonTrees(corpus));
    expect(tree(fixture('forwarded-multipart'))).toContainEqual(['2', 'multipart/mixed', true]);
  });

  test('issues inside carry the path of their part', async () => {
    const codes = async (name: string) =>
      (await validate(fixture(name))).issues.map((i) => ({ code: i.code, part: i.part, line: i.line }));
    expect(await codes('header.duplicate--embedded')).toEqual([
      { code: 'header.duplicate', part: '2', line: 23 },
    ]);
    expect(await codes('mime.base64-invalid--embedded')).toEqual([
      { code: 'mime.base64-invalid', part: '2.2', line: 34 },
    ]);
    expect(await codes('attachment.blocked-type--embedded')).toEqual([
      { code: 'attachment.blocked-type', part: '2.2', line: 30 },
    ]);
    const dup = (await validate(fixture('header.duplicate--embedded'))).issues[0];
    expect(dup?.message).toContain('in the message embedded in MIME part 2');
  });

  test('recipient counts, To/From presence, Bcc and MIME-Version are top-level rules only', async () => {
    const report = await validate(fixture('forwarded-message'));
    expect(report.issues).toEqual([]);
    expect(report.recipients.count).toBe(1);
  });

  test('a base64 message/rfc822 is an encoding error and its bytes stay opaque', async () => {
    const report = await validate(fixture('mime.encoding-unknown--message-base64'));
    expect(report.issues.map((i) => [i.code, i.part])).toEqual([['mime.encoding-unknown', '2']]);
  });

  test('nesting counts against the depth bound: one depth issue, nothing read beyond it', async () => {
    const deep = nestedMessages(
      MAX_MULTIPART_DEPTH + 4,
      'From: x@example.com\nSubject: a\nSubject: b\n\nhi\n',
    );
    const report = await validate(deep);
    expect(report.issues.map((i) => i.code)).toEqual(['mime.depth-exceeded']);
    const within = nestedMessages(
      MAX_MULTIPART_DEPTH - 1,
      'From: x@example.com\nSubject: a\nSubject: b\n\nhi\n',
    );
    expect((await validate(within)).issues.map((i) => [i.code, i.part])).toEqual([['header.duplicate', '1']]);
  });

  test('the enclosing delimiter ends an embedded message, also one whose multipart is not closed', async () => {
    const raw = crlf(
      'From: a@example.com\nTo: b@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="o"\n\n' +
        '--o\nContent-Type: message/rfc822\n\nFrom: c@example.net\nMIME-Version: 1.0\n' +
        'Content-Type: multipart/alternative; boundary="i"\n\n--i\nContent-Type: text/plain\n\nhi\n' +
        '--o\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename="x.exe"\n\nMZ\n--o--\n',
    );
    expect(tree(raw)).toEqual([
      ['', 'multipart/mixed', false],
      ['1', 'message/rfc822', false],
      ['1', 'multipart/alternative', true],
      ['1.1', 'text/plain', false],
      ['2', 'application/octet-stream', false],
    ]);
    const report = await validate(raw);
    expect(report.issues.map((i) => [i.code, i.part])).toEqual([
      ['mime.boundary-not-found', '1'],
      ['attachment.blocked-type', '2'],
    ]);
  });
});
