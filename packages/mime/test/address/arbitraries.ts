/**
 * fast-check generators of well-formed addresses and header values, written from the RFC 5322
 * grammar independently of the parser under test.
 */
import fc from 'fast-check';

const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGIT = '0123456789';
const ATEXT = `${ALPHA}${DIGIT}!#$%&'*+-/=?^_\`{|}~`;

const charFrom = (chars: string) => fc.constantFrom(...chars.split(''));
const stringFrom = (chars: string, minLength: number, maxLength: number) =>
  fc.string({ unit: charFrom(chars), minLength, maxLength });

/** A dot-atom local part of ASCII atext. */
export const dotAtomLocal = fc
  .array(stringFrom(ATEXT, 1, 10), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('.'));

/** A quoted local part that needs its quotes (it holds a space), without `@ < > ,` `"` or `\`. */
export const quotedLocal = fc
  .tuple(stringFrom(`${ALPHA}${DIGIT}.-_`, 1, 8), stringFrom(`${ALPHA}${DIGIT}.-_`, 1, 8))
  .map(([a, b]) => `"${a} ${b}"`);

/** A host name: LDH labels that neither start nor end with a hyphen, at least two labels. */
export const domain = fc
  .tuple(
    fc.array(
      fc
        .tuple(
          stringFrom(`${ALPHA}${DIGIT}`, 1, 1),
          stringFrom(`${ALPHA}${DIGIT}-`, 0, 10),
          stringFrom(`${ALPHA}${DIGIT}`, 0, 1),
        )
        .map(([a, b, c]) => (c === '' ? a : `${a}${b}${c}`)),
      { minLength: 1, maxLength: 3 },
    ),
    stringFrom(ALPHA, 2, 6),
  )
  .map(([labels, tld]) => [...labels, tld].join('.'));

export const plainAddress = fc.tuple(dotAtomLocal, domain).map(([l, d]) => `${l}@${d}`);
export const anyAddress = fc.tuple(fc.oneof(dotAtomLocal, quotedLocal), domain).map(([l, d]) => `${l}@${d}`);

/** Quotes a display name per RFC 5322 §3.2.4: backslash before `"` and `\`. */
export function quoteName(name: string): string {
  let out = '"';
  for (const ch of name) out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
  return `${out}"`;
}

/** A display name of words (letters, digits), one space apart: written bare. */
export const atomName = fc
  .array(stringFrom(`${ALPHA}${DIGIT}`, 1, 8), { minLength: 1, maxLength: 3 })
  .map((w) => w.join(' '));

/** Printable ASCII with single inner spaces, no leading/trailing space: written quoted. */
export const printableName = fc
  .array(stringFrom(`${ALPHA}${DIGIT}!#$%&'*+-/=?^_\`{|}~()<>[]:;@\\,."`, 1, 8), {
    minLength: 1,
    maxLength: 3,
  })
  .map((w) => w.join(' '));

/** Any Unicode text without control characters (C0, DEL, C1) or lone surrogates. */
export const unicodeName = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => {
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return false;
  }
  return true;
});

export interface Expected {
  name: string;
  address: string;
}

/** A mailbox as written, with the name and address it stands for. */
export const mailbox: fc.Arbitrary<{ text: string; expected: Expected }> = fc.oneof(
  plainAddress.map((a) => ({ text: a, expected: { name: '', address: a } })),
  fc
    .tuple(atomName, plainAddress)
    .map(([n, a]) => ({ text: `${n} <${a}>`, expected: { name: n, address: a } })),
  fc
    .tuple(printableName, plainAddress)
    .map(([n, a]) => ({ text: `${quoteName(n)} <${a}>`, expected: { name: n, address: a } })),
);

/** A group of mailboxes (possibly empty). */
export const group = fc.tuple(atomName, fc.array(mailbox, { maxLength: 3 })).map(([n, ms]) => ({
  text: `${n}: ${ms.map((m) => m.text).join(', ')};`,
  expected: ms.map((m) => m.expected),
}));

/** A header value: mailboxes and groups, comma-separated. */
export const addressList = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: mailbox.map((m) => ({ text: m.text, expected: [m.expected] })) },
      { weight: 1, arbitrary: group },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((items) => ({
    text: items.map((i) => i.text).join(', '),
    expected: items.flatMap((i) => i.expected),
  }));

/** Optional whitespace and comments (CFWS) as RFC 5322 allows them around words. */
export const cfws = fc.oneof(
  fc.constant(' '),
  fc.constant('  '),
  fc.constant('\t'),
  fc.constant(' (comment) '),
  fc.constant(' (nested (comment)) '),
  fc.constant('(c)'),
);

/** Mailboxes with comments and extra whitespace where RFC 5322 allows them (not inside addr-specs). */
export const decoratedMailbox: fc.Arbitrary<{ text: string; expected: Expected }> = fc.oneof(
  fc
    .tuple(cfws, plainAddress, fc.constantFrom('', ' '))
    .map(([c, a, end]) => ({ text: `${c}${a}${end}`, expected: { name: '', address: a } })),
  fc
    .tuple(
      fc.array(stringFrom(`${ALPHA}${DIGIT}`, 1, 8), { minLength: 1, maxLength: 3 }),
      cfws,
      plainAddress,
      cfws,
    )
    .map(([words, c, a, c2]) => ({
      text: `${words.join(c)}${c2}<${a}>${c}`,
      expected: { name: words.join(' '), address: a },
    })),
  fc
    .tuple(printableName, cfws, plainAddress)
    .map(([n, c, a]) => ({ text: `${quoteName(n)}${c}<${a}>`, expected: { name: n, address: a } })),
);

export const decoratedList = fc
  .array(decoratedMailbox, { minLength: 1, maxLength: 4 })
  .map((ms) => ({ text: ms.map((m) => m.text).join(','), expected: ms.map((m) => m.expected) }));
