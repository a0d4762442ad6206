/**
 * Agreement with independent parsers on well-formed input: nodemailer's addressparser and
 * CPython's `email.headerregistry` (run once over the whole corpus through `python3`).
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import addressparser from 'nodemailer/lib/addressparser';
import { describe, expect, test } from 'vitest';
import { parseAddressList } from '../../src/address/index.js';
import { addressList, anyAddress, decoratedList, type Expected, quoteName } from './arbitraries.js';

const ours = (value: string): Expected[] =>
  parseAddressList(value).mailboxes.map((m) => ({ name: m.name, address: m.address }));

const theirs = (value: string): Expected[] =>
  addressparser(value, { flatten: true }).map((m) => ({ name: m.name, address: m.address }));

/** A deterministic corpus of well-formed header values. */
const corpus: string[] = fc.sample(addressList, { numRuns: 400, seed: 5322 }).map((l) => l.text);

describe('nodemailer addressparser', () => {
  test.each(corpus.slice(0, 5))('agrees on %j', (value) => {
    expect(ours(value)).toEqual(theirs(value));
  });

  test('agrees on the whole generated corpus', () => {
    const disagreements = corpus.filter(
      (value) => JSON.stringify(ours(value)) !== JSON.stringify(theirs(value)),
    );
    expect(disagreements).toEqual([]);
  });
});

const PYTHON = `
import json, sys
from email.headerregistry import HeaderRegistry
reg = HeaderRegistry()
out = []
for value in json.load(sys.stdin):
    try:
        h = reg('To', value)
    except Exception as e:  # CPython 3.11 raises IndexError on 'bob@'
        out.append({'mailboxes': [], 'defects': [type(e).__name__]})
        continue
    out.append({
        'mailboxes': [{'name': a.display_name, 'address': a.addr_spec} for g in h.groups for a in g.addresses],
        'defects': [type(d).__name__ for d in h.defects],
    })
json.dump(out, sys.stdout)
`;

interface PythonAnswer {
  mailboxes: Expected[];
  defects: string[];
}

/** Runs the oracle; a missing or failing python3 fails the test (an oracle that may silently not run is none). */
function python(values: string[]): PythonAnswer[] {
  const r = spawnSync('python3', ['-c', PYTHON], { input: JSON.stringify(values), encoding: 'utf8' });
  if (r.error)
    throw new Error(`python3 is required for this oracle (.ci/run installs it): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  const answers = JSON.parse(r.stdout) as PythonAnswer[];
  expect(answers).toHaveLength(values.length);
  return answers;
}

describe('CPython email.headerregistry', () => {
  test('agrees on the generated corpus, with no defects on either side', () => {
    const answers = python(corpus);
    corpus.forEach((value, i) => {
      const py = answers[i];
      expect({ value, defects: py?.defects }).toEqual({ value, defects: [] });
      expect({ value, mailboxes: ours(value) }).toEqual({ value, mailboxes: py?.mailboxes });
      expect(parseAddressList(value).problems).toEqual([]);
    });
  });

  test('agrees on lists with comments and extra whitespace', () => {
    const lists = fc.sample(decoratedList, { numRuns: 300, seed: 2822 });
    const answers = python(lists.map((l) => l.text));
    lists.forEach((list, i) => {
      const py = answers[i];
      expect({ value: list.text, defects: py?.defects }).toEqual({ value: list.text, defects: [] });
      expect({ value: list.text, mailboxes: ours(list.text) }).toEqual({
        value: list.text,
        mailboxes: py?.mailboxes,
      });
      expect(ours(list.text)).toEqual(list.expected);
    });
  });

  test('agrees on quoted local parts', () => {
    const values = fc.sample(anyAddress, { numRuns: 200, seed: 6532 }).map((a) => `${quoteName('N')} <${a}>`);
    const answers = python(values);
    values.forEach((value, i) => {
      expect({ value, mailboxes: ours(value) }).toEqual({ value, mailboxes: answers[i]?.mailboxes });
    });
  });

  test('agrees on the escapes, tabs and quoted-pairs of the fixtures, with no defects on either side', () => {
    const values = [
      '(a\\)b) x@y.example',
      '(a\\(b) x@y.example',
      '(a\tb) a@b.example',
      '"x\\"y" <a@b.example>',
      '"x\\\\" <a@b.example>',
      '"a\tb"@c.example',
      '"Na\tme" <a@b.example>',
      '"a\\"b"@c.example',
      'a@[ipv6:2001:db8::1]',
    ];
    const answers = python(values);
    values.forEach((value, i) => {
      expect({ value, defects: answers[i]?.defects }).toEqual({ value, defects: [] });
      expect({ value, mailboxes: ours(value) }).toEqual({ value, mailboxes: answers[i]?.mailboxes });
      expect(parseAddressList(value).problems).toEqual([]);
    });
  });

  test('where Python reports a defect in an address, we report a problem', () => {
    const bad = [
      'a..b@x.example',
      '.a@x.example',
      'Name <a@b.example',
      '"unterminated <a@b.example>',
      'a@b.example>',
      'bob@',
      '@x.example',
      '<@x.example:a@b.example>',
      'Name <a@b.example> <c@d.example>',
      // Controls alone and DEL, in each place; escaped controls; comments between local-part words.
      '"a\u0001b"@c.example',
      '"a\u007fb"@c.example',
      '"Na\u0001me" <a@b.example>',
      '(a\u0001b) a@b.example',
      'a\u007fb@c.example',
      'a@[1.2.3.4\u0001]',
      '"a\\\u0001b" <x@y.example>',
      'a(x).b@c.example',
      'Name <a.(x)b@c.example>',
      // A backslash at the very end; '[' inside a literal.
      '(abc\\',
      '"abc\\',
      'a@[1.2[3]',
    ];
    const answers = python(bad);
    bad.forEach((value, i) => {
      const py = answers[i];
      const pySaw = (py?.defects.length ?? 0) > 0 || py?.mailboxes.length === 0;
      expect({ value, pySaw }).toEqual({ value, pySaw: true });
      expect({ value, ours: parseAddressList(value).problems.length > 0 }).toEqual({ value, ours: true });
    });
  });
});
