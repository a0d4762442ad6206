import { CampaignError, shown } from './errors.js';
import type { CampaignRecipient } from './types.js';

/** A recipient entry checked for shape: its address and the key that identifies it within a campaign. */
export type CheckedRecipient =
  | { ok: true; address: string; key: string; recipient: CampaignRecipient }
  | { ok: false; address: string; key: string; error: CampaignError };

/** The identity of an address within a campaign: trimmed, compared case-insensitively. */
export function recipientKey(address: string): string {
  return address.trim().toLowerCase();
}

/**
 * Checks one entry. A malformed entry (not a string, no string `address`, empty, or with control characters that
 * would break a header) gets a key of its own (`#index`) so it can still be reported once.
 */
export function checkRecipient(entry: unknown, index: number): CheckedRecipient {
  const address =
    typeof entry === 'string'
      ? entry
      : typeof entry === 'object' &&
          entry !== null &&
          typeof (entry as { address?: unknown }).address === 'string'
        ? (entry as { address: string }).address
        : undefined;
  if (address === undefined || address.trim() === '' || /[\u0000-\u001f\u007f]/.test(address)) {
    const error = new CampaignError(
      'campaign.recipient-invalid',
      `Recipient #${index} (${shown(address ?? entry)}) is not usable: give an address string or an object with a non-empty \`address\` without control characters.`,
    );
    return { ok: false, address: String(address ?? `#${index}`), key: `#${index}`, error };
  }
  return { ok: true, address, key: recipientKey(address), recipient: entry as CampaignRecipient };
}

/** Iterates an array or an async iterable of recipients one at a time (a stream is never loaded whole). */
export async function* eachRecipient(
  recipients: Iterable<unknown> | AsyncIterable<unknown>,
): AsyncGenerator<unknown> {
  if (recipients === null || typeof recipients !== 'object') {
    throw new CampaignError(
      'campaign.options-invalid',
      '`recipients` must be an array, an iterable or an async iterable of recipients.',
    );
  }
  if (Symbol.asyncIterator in recipients) {
    yield* recipients as AsyncIterable<unknown>;
    return;
  }
  if (Symbol.iterator in recipients) {
    yield* recipients as Iterable<unknown>;
    return;
  }
  throw new CampaignError(
    'campaign.options-invalid',
    '`recipients` must be an array, an iterable or an async iterable of recipients.',
  );
}
