import { SesOptionsError } from './errors.js';

/** SES's recipient cap per message (`Recipient count exceeds 50.`). */
export const SES_MAX_RECIPIENTS_PER_MESSAGE = 50;

/**
 * Splits an audience into batches so that each send stays within SES's 50-recipient cap, counting the
 * addresses already in the message's To/Cc/Bcc headers (SES is reported to count them even when Destinations
 * are given): each batch holds at most `min(batchSize, 50 - headerCount)` audience addresses.
 */
export function splitIntoBatches(
  audience: readonly string[],
  batchSize: number,
  headerCount: number,
): string[][] {
  const capacity = Math.min(batchSize, SES_MAX_RECIPIENTS_PER_MESSAGE - headerCount);
  if (capacity < 1) {
    throw new SesOptionsError(
      'ses.batch-capacity',
      `sendMany: the message's To/Cc/Bcc headers already hold ${headerCount} addresses, leaving no room for recipients under SES's ${SES_MAX_RECIPIENTS_PER_MESSAGE}-recipient cap; put fewer addresses in the headers (e.g. "To: undisclosed-recipients:;").`,
    );
  }
  const batches: string[][] = [];
  for (let i = 0; i < audience.length; i += capacity) batches.push(audience.slice(i, i + capacity));
  return batches;
}
