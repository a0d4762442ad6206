/** Structural checks on raw output, written independently of the composer's code. */

export interface Line {
  text: string;
  /** Index of the line in the message. */
  n: number;
}

/** Splits on CRLF; throws if a bare CR or LF exists. */
export function crlfLines(raw: Uint8Array): string[] {
  const s = Buffer.from(raw).toString('latin1');
  const lines = s.split('\r\n');
  for (const [i, l] of lines.entries()) {
    if (l.includes('\r') || l.includes('\n'))
      throw new Error(`bare CR or LF on line ${i + 1}: ${JSON.stringify(l)}`);
  }
  return lines;
}

/** Every header section of the message (top level and each part): arrays of physical lines. */
export function headerSections(raw: Uint8Array): string[][] {
  const lines = crlfLines(raw);
  const sections: string[][] = [];
  const boundaries: string[] = [];
  let inHeader = true;
  let current: string[] = [];
  for (const line of lines) {
    if (inHeader) {
      if (line === '') {
        sections.push(current);
        const ct = unfold(current).find((h) => /^content-type:/i.test(h));
        const b = ct && /boundary="?([^";]+)"?/i.exec(ct);
        if (b?.[1]) boundaries.push(b[1]);
        inHeader = false;
        current = [];
      } else current.push(line);
      continue;
    }
    if (boundaries.some((b) => line === `--${b}`)) inHeader = true;
  }
  return sections;
}

/** Unfolds physical header lines into fields. */
export function unfold(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if ((l.startsWith(' ') || l.startsWith('\t')) && out.length > 0) out[out.length - 1] += l;
    else out.push(l);
  }
  return out;
}

/** All RFC 2047 encoded words in a string. Linear scan. */
export function encodedWords(s: string): string[] {
  const out: string[] = [];
  let i = s.indexOf('=?');
  while (i >= 0) {
    // charset ? enc ? payload ?=
    const q1 = s.indexOf('?', i + 2);
    const q2 = q1 < 0 ? -1 : s.indexOf('?', q1 + 1);
    const end = q2 < 0 ? -1 : s.indexOf('?=', q2 + 1);
    if (end < 0) break;
    out.push(s.slice(i, end + 2));
    i = s.indexOf('=?', end + 2);
  }
  return out;
}

/** Decodes one UTF-8 encoded word (independent of the composer's encoder). */
export function decodeWord(word: string): Uint8Array {
  const m = /^=\?([^?]+)\?([BbQq])\?([^?]*)\?=$/.exec(word);
  if (!m) throw new Error(`not an encoded word: ${word}`);
  if (m[2]!.toUpperCase() === 'B') return Buffer.from(m[3]!, 'base64');
  const bytes: number[] = [];
  const p = m[3]!;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '_') bytes.push(0x20);
    else if (c === '=') {
      bytes.push(Number.parseInt(p.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0));
  }
  return Uint8Array.from(bytes);
}
