/**
 * ISO-2022-JP (RFC 1468) encoding, which iconv-lite lacks: text is encoded to EUC-JP by iconv-lite, then each
 * run of JIS X 0208 characters (EUC-JP byte pairs 0xA1–0xFE) is shifted down by 0x80 and wrapped in
 * ESC $ B … ESC ( B. Characters outside ASCII + JIS X 0208 (half-width katakana, JIS X 0212) are not
 * representable and make this return `undefined`.
 */
import iconv from 'iconv-lite';

const ESC_JIS = [0x1b, 0x24, 0x42];
const ESC_ASCII = [0x1b, 0x28, 0x42];

/** Encodes `text` as ISO-2022-JP, or returns `undefined` when a character cannot be represented. */
export function encodeIso2022Jp(text: string): Uint8Array | undefined {
  const euc = iconv.encode(text, 'euc-jp');
  if (iconv.decode(euc, 'euc-jp') !== text) return undefined;
  const out: number[] = [];
  let jis = false;
  for (let i = 0; i < euc.length; i++) {
    const b = euc[i]!;
    if (b < 0x80) {
      if (jis) {
        out.push(...ESC_ASCII);
        jis = false;
      }
      out.push(b);
      continue;
    }
    const b2 = euc[i + 1];
    if (b < 0xa1 || b > 0xfe || b2 === undefined || b2 < 0xa1 || b2 > 0xfe) return undefined; // 0x8E / 0x8F sets
    if (!jis) {
      out.push(...ESC_JIS);
      jis = true;
    }
    out.push(b - 0x80, b2 - 0x80);
    i++;
  }
  if (jis) out.push(...ESC_ASCII);
  return Uint8Array.from(out);
}
