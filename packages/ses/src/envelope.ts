import type { EnvelopeRecipients } from './request.js';

/** Header recipients as the validator's report lists them (parsed with the shared address parser). */
export interface HeaderRecipients {
  to: string[];
  cc: string[];
  bcc: string[];
}

const key = (address: string): string => address.toLowerCase();

/** Unique addresses, first spelling kept, compared case-insensitively. */
export function uniqueAddresses(list: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of list) {
    const k = key(a);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(a);
  }
  return out;
}

/**
 * The envelope of one send: the explicit `destinations` if given, else the composed envelope, else every To, Cc
 * and Bcc header address (so Bcc recipients always reach the envelope; SES delivers only to the envelope).
 * Addresses are split by their header role for v2's `Destination`; anything in no To/Cc header goes to Bcc.
 */
export function buildEnvelope(
  header: HeaderRecipients,
  explicit: readonly string[] | undefined,
  composed: readonly string[] | undefined,
): EnvelopeRecipients {
  const chosen = explicit ?? composed;
  if (chosen === undefined) {
    const to = uniqueAddresses(header.to);
    const cc = uniqueAddresses(header.cc).filter((a) => !to.some((t) => key(t) === key(a)));
    const seen = new Set([...to, ...cc].map(key));
    const bcc = uniqueAddresses(header.bcc).filter((a) => !seen.has(key(a)));
    return { to, cc, bcc };
  }
  return splitByRole(uniqueAddresses(chosen), header);
}

/** Splits envelope addresses into To / Cc (when they appear in those headers) and Bcc (everything else). */
export function splitByRole(addresses: readonly string[], header: HeaderRecipients): EnvelopeRecipients {
  const toSet = new Set(header.to.map(key));
  const ccSet = new Set(header.cc.map(key));
  const out: EnvelopeRecipients = { to: [], cc: [], bcc: [] };
  for (const a of addresses) {
    if (toSet.has(key(a))) out.to.push(a);
    else if (ccSet.has(key(a))) out.cc.push(a);
    else out.bcc.push(a);
  }
  return out;
}

/** Number of addresses in an envelope. */
export function envelopeSize(e: EnvelopeRecipients): number {
  return e.to.length + e.cc.length + e.bcc.length;
}
