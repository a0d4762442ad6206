import { resolveOptions } from './options.js';
import { messageChunks } from './reader/input.js';
import { IssueCollector } from './report/issue-collector.js';
import type { MessageInput, ValidateOptions, ValidationReport } from './types.js';

/**
 * Checks a raw MIME message against Amazon SES's rules (or RFC 5322 alone) in one streaming pass.
 *
 * Never throws because of the message's bytes: whatever they are, the answer is a report. Throws
 * `ValidateOptionsError` for malformed options or a message of the wrong type, and `ValidateError`
 * (`validate.read-failed`) when a message stream fails.
 *
 * @example
 * ```ts
 * const report = await validate(rawBytes, { profile: 'ses-v2', destinations: ['a@example.com'] });
 * if (!report.ok) for (const i of report.issues) console.log(i.code, i.message);
 * ```
 */
export async function validate(message: MessageInput, options?: ValidateOptions): Promise<ValidationReport> {
  const opts = resolveOptions(options);
  const issues = new IssueCollector(opts.profile);
  let size = 0;
  for await (const chunk of messageChunks(message)) size += chunk.length;
  const cap = opts.profile.maxMessageBytes;
  if (cap !== null && size > cap) {
    issues.add({
      code: 'message.too-large',
      message: `The message is ${size} bytes, more than the ${cap} bytes profile '${opts.profile.name}' allows (SES: 'Message length is more than ${cap} bytes long: '${size}'.').`,
    });
  }
  const list = issues.finish();
  const destinations = opts.destinations ?? [];
  return {
    ok: !list.some((i) => i.severity === 'error'),
    profile: opts.profile.name,
    size,
    recipients: {
      count: new Set(destinations.map((d) => d.toLowerCase())).size,
      to: [],
      cc: [],
      bcc: [],
      destinations,
    },
    issues: list,
  };
}
