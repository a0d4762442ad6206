import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  checkAddrSpec,
  type ParseOptions,
  parseAddressList,
  parseMailbox,
  toAsciiDomain,
} from '../../src/address/index.js';
import { addressList, anyAddress, plainAddress, quoteName, unicodeName } from './arbitraries.js';

/** The JavaMail texts SES answers with, per code (written from ses-rules.md, not from the source). */
const SES_TEXTS: Partial<Record<string, string[]>> = {
  'address.invalid': ['Illegal address', 'Domain contains illegal character'],
  'address.missing-domain': ["Missing final '@domain'"],
  'address.missing-local': ['Missing local name'],
  'address.whitespace-or-control': [
    'Local address contains control or whitespace',
    'Domain contains control or whitespace',
    'Illegal address',
  ],
  'address.domain-non-ascii': ['Domain contains illegal character'],
};

/** Characters that steer the parser, so random strings reach deep into it. */
const STRUCTURAL = fc.constantFrom(
  ...'<>@,:;."()[]\\ \t\r\n=?abcü😀\u0000\u0085'.split(''),
  '\r\n ',
  '=?UTF-8?B?',
  '?=',
  'a@b.example',
  '"',
);
const structuralString = fc.string({ unit: STRUCTURAL, maxLength: 60 });
/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: codeUnit, maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  structuralString,
);
const options: fc.Arbitrary<ParseOptions> = fc.record(
  {
    decodeEncodedWords: fc.boolean(),
    allowGroups: fc.boolean(),
    allowUnicodeNames: fc.boolean(),
    requireDottedDomain: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('never throws, and what it returns is consistent', () => {
  test('parseAddressList on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, options, (value, opts) => {
        const r = parseAddressList(value, opts);
        for (const m of r.mailboxes) {
          expect(m.address).toBe(`${m.local}@${m.domain}`);
          // What the header says is what the envelope gets: the address is verbatim input text.
          expect(value.includes(m.address)).toBe(true);
        }
        for (const p of r.problems) {
          expect(p.message).not.toMatch(/[\r\n\u0000]/);
          expect(p.message).toContain(p.reason);
          expect(p.hint?.length ?? 0).toBeGreaterThan(0);
          // The SES/JavaMail text a user may have seen is quoted for every code that has one.
          const texts = SES_TEXTS[p.code];
          if (texts) expect(texts.some((t) => p.reason.includes(t))).toBe(true);
        }
        // A returned mailbox is never garbage: on its own it has no fatal problem.
        for (const m of r.mailboxes) expect(checkAddrSpec(m.address).filter((p) => p.fatal)).toEqual([]);
        // Flattening is exact.
        const flat = r.entries.flatMap((e) => ('members' in e ? e.members : [e]));
        expect(flat).toEqual(r.mailboxes);
      }),
      { numRuns: 3000 },
    );
  });

  test('parseMailbox and checkAddrSpec on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, options, (value, opts) => {
        const r = parseMailbox(value, opts);
        if (r.mailbox) expect(value.includes(r.mailbox.address)).toBe(true);
        else expect(r.problems.length).toBeGreaterThan(0);
        const problems = checkAddrSpec(value);
        if (problems.length === 0)
          expect(parseAddressList(value).mailboxes.map((m) => m.address)).toEqual([value]);
      }),
      { numRuns: 2000 },
    );
  });

  test('toAsciiDomain on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const a = toAsciiDomain(value);
        if (a !== undefined) {
          expect(a.length).toBeGreaterThan(0);
          for (const ch of a) expect(ch.charCodeAt(0)).toBeLessThan(0x80);
        }
      }),
    );
  });

  test('non-string input does not throw', () => {
    for (const v of [undefined, null, 42, {}, []]) {
      expect(parseAddressList(v as unknown as string).problems[0]?.code).toBe('address.invalid');
      expect(parseMailbox(v as unknown as string).mailbox).toBeUndefined();
      expect(checkAddrSpec(v as unknown as string).length).toBeGreaterThan(0);
      expect(toAsciiDomain(v as unknown as string)).toBeUndefined();
    }
  });
});

describe('round trips', () => {
  test('Name <addr> built from any safe name and address returns that exact address and name', () => {
    fc.assert(
      fc.property(fc.oneof(unicodeName, fc.string({ maxLength: 30 })), anyAddress, (rawName, address) => {
        // Any name without control characters, quoted per RFC 5322.
        const name = rawName.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
        const r = parseAddressList(`${quoteName(name)} <${address}>`);
        expect(r.problems).toEqual([]);
        expect(r.mailboxes).toHaveLength(1);
        expect(r.mailboxes[0]?.address).toBe(address);
        expect(r.mailboxes[0]?.name).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });

  test('a bare address is accepted by checkAddrSpec and returned unchanged', () => {
    fc.assert(
      fc.property(anyAddress, (address) => {
        expect(checkAddrSpec(address)).toEqual([]);
        expect(parseMailbox(address).mailbox?.address).toBe(address);
      }),
    );
  });

  test('folding a valid list at any whitespace changes nothing', () => {
    fc.assert(
      fc.property(addressList, fc.nat(), (list, seed) => {
        const spaces = [...list.text.matchAll(/ /g)].map((m) => m.index);
        const at = spaces.length > 0 ? spaces[seed % spaces.length] : undefined;
        const folded = at === undefined ? list.text : `${list.text.slice(0, at)}\r\n${list.text.slice(at)}`;
        const r = parseAddressList(folded);
        expect(r.problems).toEqual([]);
        expect(r.mailboxes.map((m) => ({ name: m.name, address: m.address }))).toEqual(list.expected);
      }),
      { numRuns: 1000 },
    );
  });

  test('a generated list parses to exactly its mailboxes', () => {
    fc.assert(
      fc.property(addressList, (list) => {
        const r = parseAddressList(list.text);
        expect(r.problems).toEqual([]);
        expect(r.mailboxes.map((m) => ({ name: m.name, address: m.address }))).toEqual(list.expected);
      }),
      { numRuns: 1000 },
    );
  });

  test('one inserted control character is always caught', () => {
    fc.assert(
      fc.property(
        plainAddress,
        fc.nat(),
        fc.constantFrom('\u0000', '\u0001', '\r', '\n', '\u007f'),
        (address, seed, ctl) => {
          const text = `Name <${address}>`;
          // Anywhere but the very end, where a line break is the end of the header line.
          const at = seed % text.length;
          // LF before a space is a fold (LF-only files are tolerated), not a control character.
          fc.pre(!(ctl === '\n' && text[at] === ' '));
          const r = parseAddressList(`${text.slice(0, at)}${ctl}${text.slice(at)}`);
          expect(r.problems.length).toBeGreaterThan(0);
          expect(r.mailboxes).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
