/** Address-list header values (From, To, Cc, Reply-To, Sender) written into the folding writer. */
import { writePhrase } from '@rawmail/mime';
import type { Mailbox, RecipientEntry } from './addresses.js';
import { HeaderWriter } from './header-writer.js';

function writeMailbox(w: HeaderWriter, m: Mailbox): void {
  if (m.name === '') w.space(m.address);
  else {
    writePhrase(w, m.name);
    w.space(`<${m.address}>`);
  }
}

/**
 * A complete `Name: a, "B" <b@x>, =?UTF-8?…?= <c@y>, Team: d@z;` field, folded. Groups (To, Cc) are written as
 * `phrase: members;`, an empty one as `undisclosed-recipients:;`.
 */
export function addressField(name: string, entries: readonly RecipientEntry[]): string {
  const w = new HeaderWriter(name);
  entries.forEach((e, i) => {
    if (i > 0) w.glue(',');
    if (!('group' in e)) {
      writeMailbox(w, e);
      return;
    }
    // RFC 2047 §5: an encoded word ends at whitespace, so it is not glued to the `:`.
    w.glue(writePhrase(w, e.group) ? ' :' : ':');
    e.members.forEach((m, j) => {
      if (j > 0) w.glue(',');
      writeMailbox(w, m);
    });
    w.glue(';');
  });
  return w.finish();
}
