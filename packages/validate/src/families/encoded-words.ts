import { type EncodedWord, encodedWordError, MAX_ENCODED_WORD, scanEncodedWords } from '@rawmail/mime';
import type { HeaderField, PartInfo } from '../reader/events.js';
import type { FamilyContext, FamilyVisitor, RuleFamily } from './family.js';
import { where } from './family.js';

/** Fields whose values are not text and may hold `=?` legitimately. */
const NOT_TEXT = new Set([
  'dkim-signature',
  'domainkey-signature',
  'arc-seal',
  'arc-message-signature',
  'arc-authentication-results',
  'authentication-results',
  'received',
  'message-id',
  'references',
  'in-reply-to',
  'content-id',
  'list-unsubscribe',
  'list-archive',
  'list-help',
  'list-post',
  'list-subscribe',
  'content-location',
  'content-base',
]);

/** `encoded-word.*`: every RFC 2047 word in a text header is well-formed, ≤ 75 characters, and decodes. */
export const encodedWordsFamily: RuleFamily = {
  name: 'encoded-words',
  codes: ['encoded-word.invalid', 'encoded-word.too-long'],
  create(ctx: FamilyContext): FamilyVisitor {
    const issues = ctx.issues;
    return {
      headerField(f: HeaderField, part: PartInfo) {
        if (NOT_TEXT.has(f.lowerName) || f.value.indexOf('=?') === -1) return;
        scanEncodedWords(f.value, ctx.work, (word: EncodedWord) => {
          const tooLong = word.text.length > MAX_ENCODED_WORD;
          const error = encodedWordError(word);
          if (!tooLong && error === undefined) return;
          // Past a code's listing cap a word is only counted: its message is never built.
          const listLong = tooLong && issues.listing('encoded-word.too-long');
          const listBad = error !== undefined && issues.listing('encoded-word.invalid');
          if (tooLong && !listLong) issues.countOnly('encoded-word.too-long', 1);
          if (error !== undefined && !listBad) issues.countOnly('encoded-word.invalid', 1);
          if (!listLong && !listBad) return;
          const shown = word.text.length > 90 ? `${word.text.slice(0, 87)}...` : word.text;
          const loc = { line: f.line, header: f.name, part: part.path };
          if (listLong)
            issues.add({
              code: 'encoded-word.too-long',
              message: `The encoded word '${shown}' in the ${f.name} header${where(part, f.line)} is ${word.text.length} characters long; RFC 2047 allows at most ${MAX_ENCODED_WORD}.`,
              ...loc,
            });
          if (listBad)
            issues.add({
              code: 'encoded-word.invalid',
              message: `The encoded word '${shown}' in the ${f.name} header${where(part, f.line)} is malformed: ${error}.`,
              ...loc,
            });
        });
      },
    };
  },
};
