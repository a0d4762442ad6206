/**
 * The wire layer's folding header writer, with compose's error: a token that cannot be folded below 998 octets is
 * a `ComposeError` (`compose.header-too-long`) for the caller, like every other refusal of `compose`.
 */
import { escapeControls, HeaderWriter as WireHeaderWriter } from '@rawmail/mime';
import { ComposeError } from './errors.js';
import { MAX_LINE_OCTETS } from './limits.js';

export class HeaderWriter extends WireHeaderWriter {
  protected override lineTooLong(): never {
    throw new ComposeError(
      'compose.header-too-long',
      `the ${escapeControls(this.name)} header has an unbreakable token making a line longer than ${MAX_LINE_OCTETS} octets; shorten it.`,
      [],
      { header: this.name },
    );
  }
}
