/**
 * The SMTP envelope: derived from the address headers (every To, Cc and Bcc mailbox once, group members
 * included), or taken from an `envelope` override (nodemailer's shape), parsed with the same address parser.
 */
import { type Mailbox, resolveAddressList, resolveMailbox } from './addresses.js';
import { ComposeError } from './errors.js';
import type { EnvelopeInput } from './input-types.js';

/** Who the message goes to on the wire: `from` is the envelope sender, `to` every recipient once. */
export interface Envelope {
  /**
   * The envelope sender (address only, no display name): `envelope.from` when given, else the Sender header's
   * address when there is one, else the From address.
   */
  from: string;
  /**
   * The recipients, each once (compared case-insensitively, first spelling kept): `envelope.to`, `cc` and `bcc`
   * when an `envelope` is given, else the To, Cc and Bcc addresses (group members included) in that order.
   */
  to: string[];
}

/** Addresses of the lists in order, each once (case-insensitive, first spelling kept). */
export function uniqueAddresses(lists: readonly (readonly Mailbox[])[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const m of list) {
      const key = m.address.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        out.push(m.address);
      }
    }
  }
  return out;
}

/**
 * The envelope from an `envelope` override. As in nodemailer it replaces the derived one, recipients included,
 * so an override without recipients would send to nobody: that is refused rather than silently sent nowhere.
 */
export function envelopeOverride(e: EnvelopeInput, defaultFrom: string): Envelope {
  const path = ['envelope'];
  const from = e.from !== undefined ? resolveMailbox(e.from, [...path, 'from']) : undefined;
  if (e.from !== undefined && from === undefined) {
    throw new ComposeError('compose.address-invalid', 'expected one address, got none.', [...path, 'from']);
  }
  const to = uniqueAddresses([
    resolveAddressList(e.to, [...path, 'to']),
    resolveAddressList(e.cc, [...path, 'cc']),
    resolveAddressList(e.bcc, [...path, 'bcc']),
  ]);
  if (to.length === 0) {
    throw new ComposeError(
      'compose.input-invalid',
      'an envelope replaces the recipients derived from to/cc/bcc, so it needs at least one address in `envelope.to`, `cc` or `bcc` (to change only the envelope sender, list the recipients too, or use `sender`).',
      path,
    );
  }
  return { from: from?.address ?? defaultFrom, to };
}
