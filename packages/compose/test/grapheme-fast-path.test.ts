/**
 * The encoder skips Intl.Segmenter for text without "joining" characters (`mayJoin` false), and segments long
 * text in windows (V8's segmenter is quadratic on long strings). Check both claims.
 */

import { encodeWordList, mayJoin } from '@rawmail/mime';
import { expect, test } from 'vitest';

const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Multi-code-point clusters found in `t`, checked window by window (windows overlap by 8 code units). */
function multiClusters(t: string): string[] {
  const bad: string[] = [];
  for (let i = 0; i < t.length && bad.length < 5; i += 120) {
    for (const s of seg.segment(t.slice(i, i + 128))) {
      if ([...s.segment].length > 1 && s.index + s.segment.length < 128) bad.push(s.segment);
    }
  }
  return bad;
}

test('every code point outside the joining set is its own grapheme cluster, whatever its neighbours', () => {
  const standalone: string[] = [];
  for (let cp = 0x20; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (cp >= 0x30000 && cp <= 0xdffff) continue; // unassigned planes: no grapheme properties
    const ch = String.fromCodePoint(cp);
    if (!mayJoin(ch)) standalone.push(ch);
  }
  expect(standalone.length).toBeGreaterThan(200_000);
  for (const t of [standalone.join(''), standalone.join('😀')]) {
    expect(multiClusters(t).map((x) => [...x].map((c) => c.codePointAt(0)!.toString(16)))).toEqual([]);
  }
  for (const j of ['e\u0301', '👨‍👩‍👧', '👍🏽', '🇩🇪', '\u1100\u1161', 'ก\u0e33'])
    expect(mayJoin(j)).toBe(true);
}, 60_000);

test('long text with joiners is encoded in linear time and clusters stay whole across windows', () => {
  const text = 'e\u0301👨‍👩‍👧'.repeat(20_000); // 200,000 code units, every cluster multi-code-point
  const t = performance.now();
  const words = encodeWordList(text);
  expect(performance.now() - t).toBeLessThan(10_000); // quadratic segmenting took minutes
  const decoded = words.map((w) => Buffer.from(w.slice(10, -2), 'base64').toString());
  expect(decoded.join('')).toBe(text);
  for (const d of decoded) expect(/^(e\u0301|👨‍👩‍👧)+$/u.test(d)).toBe(true);
});
