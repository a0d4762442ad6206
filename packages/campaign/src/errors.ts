/** Codes of `CampaignError`. */
export type CampaignErrorCode =
  | 'campaign.options-invalid'
  | 'campaign.recipient-invalid'
  | 'campaign.render-failed'
  | 'campaign.journal-corrupt'
  | 'campaign.journal-locked'
  | 'campaign.interrupted';

/** A campaign-level failure: bad options, a corrupt journal, or (as an outcome code) a recipient-level problem. */
export class CampaignError extends Error {
  /** Which kind of failure. */
  readonly code: CampaignErrorCode;
  constructor(code: CampaignErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CampaignError';
    this.code = code;
  }
}

/** Shows a value in an error message: control characters escaped, long values cut. */
export function shown(value: unknown): string {
  const s = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
