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
  ])('%s → %s', (input, expected) => {
    expect(canonicalLocalPart(input)).toBe(expected);
  });
});
