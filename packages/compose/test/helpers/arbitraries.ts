/** fast-check arbitraries for hostile, arbitrary Unicode: astral planes, ZWJ sequences, combining marks, RTL, long words. */
import fc from 'fast-check';

/** Characters the composer must refuse in header-bound text (C0 except TAB, DEL, C1). */
export const HEADER_CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;
const LONE_SURROGATES = /\p{Cs}/gu;

const pieces = fc.constantFrom(
  '👨‍👩‍👧',
  '🏳️‍🌈',
  '👍🏽',
  '𠀀',
  '𠀀𠀁𠀂',
  'é',
  'e\u0301',
  'a\u0301\u0302\u0303',
  'שלום',
  'مرحبا',
  '\u202eRTL',
  '中文字符',
  ' ',
  '  ',
  '\t',
  '=?',
  '?=',
  '=?UTF-8?Q?x?=',
  '"',
  '\\',
  '(',
  ')',
  ',',
  ';',
  '<',
  '>',
  '@',
  ':',
  'x'.repeat(120),
  'ü'.repeat(40),
  'Ωmega',
  'word',
);

/** Arbitrary Unicode text without header control characters (TAB allowed). */
export const unicodeText = (maxPieces = 10) =>
  fc
    .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), pieces), { maxLength: maxPieces })
    .map((a) => a.join('').replace(HEADER_CONTROLS, '').replace(LONE_SURROGATES, ''));

/** Arbitrary Unicode text for bodies: any characters, including controls and every kind of line break. */
export const bodyText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      pieces,
      fc.constantFrom('\r\n', '\n', '\r', '.', '-- ', 'x'.repeat(1200)),
    ),
    {
      maxLength: 12,
    },
  )
  .map((a) => a.join('').replace(LONE_SURROGATES, ''));

/** A display name (no TAB: names are phrases). */
export const displayName = unicodeText(6).map((s) => s.replace(/\t/g, ' '));

/** A file name: arbitrary Unicode, at least one character that is not whitespace. */
export const fileName = unicodeText(6)
  .map((s) => s.replace(/\t/g, ' ').trim())
  .filter((s) => s !== '');
