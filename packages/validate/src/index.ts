/**
 * @rawmail/validate: checks raw MIME messages against Amazon SES's rules before sending.
 * @packageDocumentation
 */

export { type OptionProblem, ValidateError, type ValidateErrorCode, ValidateOptionsError } from './errors.js';
export {
  type CustomProfile,
  type Profile,
  profiles,
  RFC5322_ONCE_ONLY_HEADERS,
  SES_MAX_RECIPIENTS,
  SES_ONCE_ONLY_HEADERS,
  SES_V1_MAX_MESSAGE_BYTES,
  SES_V2_MAX_MESSAGE_BYTES,
} from './profiles.js';
export {
  isRuleCode,
  type RuleCode,
  type RuleFamilyName,
  type RuleInfo,
  rules,
  rulesByCode,
} from './rules/catalog.js';
export type {
  MessageInput,
  MessageTag,
  ProfileName,
  RecipientSummary,
  Severity,
  ValidateOptions,
  ValidationIssue,
  ValidationReport,
} from './types.js';
export { validate } from './validate.js';
export { VERSION } from './version.js';
