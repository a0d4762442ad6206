import { encodeWords } from '@rawmail/compose';
import { parseMailbox } from '@rawmail/mime/address';

const ASCII = /^[\x00-\x7f]*$/;

/**
 * The `source` as SES needs it: ASCII only, a non-ASCII display name written as RFC 2047 encoded words
 * (`Zoë <z@example.com>` → `=?UTF-8?Q?Zo=C3=AB?= <z@example.com>`). A source that does not parse as one
 * mailbox, or whose address itself is not ASCII, is returned unchanged so that the validator reports it.
 */
export function encodeSource(source: string): string {
  if (ASCII.test(source)) return source;
  const { mailbox, problems } = parseMailbox(source, { allowUnicodeNames: true, allowGroups: false });
  if (!mailbox || problems.length > 0 || !ASCII.test(mailbox.address)) return source;
  return mailbox.name === '' ? mailbox.address : `${encodeWords(mailbox.name)} <${mailbox.address}>`;
}
