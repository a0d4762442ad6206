/** What a DKIM-Signature covers, so that a fix that would invalidate it is not made silently. */

/** One signature: its signing domain and the header names it signs (lower-cased, from `h=`). */
export interface DkimSignature {
  domain: string;
  headers: ReadonlySet<string>;
}

/** Reads `d=` and `h=` of a DKIM-Signature value (RFC 6376 §3.5 tag list). */
export function parseDkimSignature(value: string): DkimSignature {
  const tags = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    tags.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).replace(/[ \t\r\n]+/g, ''));
  }
  const headers = new Set(
    (tags.get('h') ?? '')
      .split(':')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== ''),
  );
  return { domain: tags.get('d') ?? 'unknown domain', headers };
}
