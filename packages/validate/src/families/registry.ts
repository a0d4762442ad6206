import { addressesFamily } from './addresses.js';
import { attachmentsFamily } from './attachments.js';
import { encodedWordsFamily } from './encoded-words.js';
import type { RuleFamily } from './family.js';
import { headerSectionFamily } from './header-section.js';
import { linesFamily } from './lines.js';
import { mimeStructureFamily } from './mime-structure.js';
import { sesParametersFamily } from './ses-parameters.js';
import { signaturesFamily } from './signatures.js';
import { sizeRecipientsFamily } from './size-recipients.js';

/**
 * Every rule family, in the order their hooks run. `addresses` runs before `size-recipients`, which reads
 * the recipients it collects.
 */
export const ruleFamilies: readonly RuleFamily[] = [
  sesParametersFamily,
  headerSectionFamily,
  encodedWordsFamily,
  linesFamily,
  addressesFamily,
  mimeStructureFamily,
  attachmentsFamily,
  signaturesFamily,
  sizeRecipientsFamily,
];
