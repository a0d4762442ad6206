import { describe, expect, test } from 'vitest';
import { canonicalLocalPart } from '../../src/address/index.js';

describe('canonicalLocalPart', () => {
  test.each([
    ['john.doe', 'john.doe'],
    ['"a.b"', 'a.b'],
    ['"abc"', 'abc'],
    ['"a b"', '"a b"'],
    ['"a\\b"', 'ab'],
    ['"x\\\\y"', '"x\\\\y"'],
    ['"a\\"b"', '"a\\"b"'],
    ['".a"', '".a"'],
    ['"a..b"', '"a..b"'],
    ['"a,b"', '"a,b"'],
    // Not dot-atoms (RFC 5322 §3.2.3: no dot at either end, at least one atext): they stay quoted.
    ['"a."', '"a."'],
    ['"a.b."', '"a.b."'],
    ['""', '""'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalLocalPart(input)).toBe(expected);
  });

  // Only text wrapped in a pair of quotes is a quoted local part; anything else is returned as is.
  test.each(['"', 'a"', '"a', 'a"b', '.'])('%s is not quoted: returned as is', (input) => {
    expect(canonicalLocalPart(input)).toBe(input);
  });
});
