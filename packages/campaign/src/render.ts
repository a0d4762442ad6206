import { type ComposeInput, compose } from '@rawmail/compose';
import type { SendableMessage } from '@rawmail/ses';
import { CampaignError } from './errors.js';
import type { CampaignRecipient, RenderFn } from './types.js';

function isSendable(m: unknown): m is SendableMessage {
  if (m instanceof Uint8Array || typeof m === 'string') return true;
  const c = m as { raw?: unknown; envelope?: unknown };
  return c.raw instanceof Uint8Array && typeof c.envelope === 'object' && c.envelope !== null;
}

/**
 * Renders one recipient's message and composes it when `render` returned a compose input. A throwing `render`
 * or `compose` becomes a `CampaignError` (`campaign.render-failed`) or the `ComposeError` itself: either way the
 * recipient is skipped, nothing is sent.
 */
export async function renderMessage<D, R extends CampaignRecipient>(
  render: RenderFn<D, R>,
  recipient: R,
  data: D,
): Promise<SendableMessage> {
  let out: unknown;
  try {
    out = await render(recipient, data);
  } catch (e) {
    throw new CampaignError(
      'campaign.render-failed',
      `render threw: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
  if (isSendable(out)) return out;
  if (typeof out !== 'object' || out === null) {
    throw new CampaignError(
      'campaign.render-failed',
      'render must return a compose() input, its result, a Uint8Array or a string.',
    );
  }
  return compose(out as ComposeInput);
}
