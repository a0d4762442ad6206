import {
  type EncodedWordSpan,
  encodedWordSpanError,
  MAX_ENCODED_WORD,
  scanEncodedWordSpans,
} from '@rawmail/mime';
import type { HeaderField, PartInfo } from '../reader/events.js';
import type { FamilyContext, FamilyVisitor, RuleFamily } from './family.js';
import { where } from './family.js';

/** Fields whose values are not text and may hold `=?` legitimately. */
export const NOT_TEXT_HEADERS: ReadonlySet<string> = new Set([
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
        if (NOT_TEXT_HEADERS.has(f.lowerName) || f.value.indexOf('=?') === -1) return;
        const value = f.value;
        // Words are seen as offsets; a word's text is made only when an issue about it is listed.
        scanEncodedWordSpans(value, ctx.work, (word: EncodedWordSpan) => {
          const length = word.end - word.start;
          const tooLong = length > MAX_ENCODED_WORD;
          const error = encodedWordSpanError(value, word);
          if (!tooLong && error === undefined) return;
          // Past a code's listing cap a word is only counted: its message is never built.
          const listLong = tooLong && issues.listing('encoded-word.too-long');
          const listBad = error !== undefined && issues.listing('encoded-word.invalid');
          if (tooLong && !listLong) issues.countOnly('encoded-word.too-long', 1);
          if (error !== undefined && !listBad) issues.countOnly('encoded-word.invalid', 1);
          if (!listLong && !listBad) return;
          const shown =
            length > 90
              ? `${value.slice(word.start, word.start + 87)}...`
              : value.slice(word.start, word.end);
          const loc = { line: f.line, header: f.name, part: part.path };
          if (listLong)
            issues.add({
              code: 'encoded-word.too-long',
              message: `The encoded word '${shown}' in the ${f.name} header${where(part, f.line)} is ${length} characters long; RFC 2047 allows at most ${MAX_ENCODED_WORD}.`,
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
