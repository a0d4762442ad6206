import type { HeaderField, MessageStats, PartInfo } from '../reader/events.js';
import type { FamilyContext, FamilyVisitor, RuleFamily } from './family.js';

/** `message.too-large`, `recipients.*`, `header.to-*`, `header.from-missing`: checked at the end. */
export const sizeRecipientsFamily: RuleFamily = {
  name: 'size-recipients',
  codes: [
    'message.too-large',
    'recipients.too-many',
    'recipients.none',
    'header.to-missing',
    'header.to-empty',
    'header.from-missing',
  ],
  create(ctx: FamilyContext): FamilyVisitor {
    const { issues, facts, options } = ctx;
    const profile = options.profile;
    let sawTo = false;
    let sawFrom = false;
    return {
      headerField(f: HeaderField, part: PartInfo) {
        if (part.path !== '') return;
        if (f.lowerName === 'from') sawFrom = true;
        else if (f.lowerName === 'to') {
          sawTo = true;
          if (f.value.trim() === '')
            issues.add({
              code: 'header.to-empty',
              message: `Empty required header 'To'. The To header on line ${f.line} has no address.`,
              line: f.line,
              header: f.name,
            });
        }
      },
      end(stats: MessageStats) {
        const cap = profile.maxMessageBytes;
        if (cap !== null && stats.size > cap)
          issues.add({
            code: 'message.too-large',
            message: stats.truncated
              ? `The message is more than the ${cap} bytes the '${profile.name}' profile allows: reading stopped after ${stats.size} bytes, and the rest was not read or checked${profile.base === 'ses-v1' ? ` (SES: 'Message length is more than ${cap} bytes long: …')` : ''}.`
              : `The message is ${stats.size} bytes, more than the ${cap} bytes the '${profile.name}' profile allows${profile.base === 'ses-v1' ? ` (SES: 'Message length is more than ${cap} bytes long: '${stats.size}'.')` : ''}.`,
          });
        const destinations = options.destinations ?? [];
        const unique = new Set<string>();
        for (const list of [facts.to, facts.cc, facts.bcc, destinations])
          for (const a of list) unique.add(a.toLowerCase());
        facts.uniqueRecipients = unique.size;
        const max = profile.maxRecipients;
        if (max !== null && unique.size > max)
          issues.add({
            code: 'recipients.too-many',
            message: `Recipient count exceeds ${max}. The message has ${unique.size} unique recipients (To ${facts.to.length}, Cc ${facts.cc.length}, Bcc ${facts.bcc.length}, destinations ${destinations.length}); SES counts header addresses even when destinations are given.`,
          });
        if (options.destinations === undefined && !sawTo)
          issues.add({
            code: 'header.to-missing',
            message:
              "Missing required header 'To'. The message has no To header and no destinations were given.",
          });
        if (unique.size === 0)
          issues.add({
            code: 'recipients.none',
            message: 'The message has no recipient: no To, Cc or Bcc address and no destinations.',
          });
        if (!sawFrom)
          issues.add({
            code: 'header.from-missing',
            message: `Missing required header 'From'. The message has no From header${options.source !== undefined ? ' (a source option does not replace it)' : ''}.`,
          });
      },
    };
  },
};
