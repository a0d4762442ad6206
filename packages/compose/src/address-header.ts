/** Address-list header values (From, To, Cc, Reply-To, Sender) written into the folding writer. */

import { writePhrase } from '@rawmail/mime';
import type { Mailbox } from './addresses.js';
import { HeaderWriter } from './header-writer.js';

/** A complete `Name: a, "B" <b@x>, =?UTF-8?…?= <c@y>` field, folded. */
export function addressField(name: string, mailboxes: readonly Mailbox[]): string {
  const w = new HeaderWriter(name);
  mailboxes.forEach((m, i) => {
    if (i > 0) w.glue(',');
    if (m.name === '') w.space(m.address);
    else {
      writePhrase(w, m.name);
      w.space(`<${m.address}>`);
    }
  });
  return w.finish();
}
