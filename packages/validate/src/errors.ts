import { escapeControls } from '@rawmail/mime';

/** Codes of the errors `validate` throws. Problems in the message itself are never thrown: they are reported. */
export type ValidateErrorCode = 'validate.options-invalid' | 'validate.message-type' | 'validate.read-failed';

/**
 * Base class of everything `@rawmail/validate` throws; `code` is stable, `message` says what to fix. Control
 * characters in the message (copied from options, a stream's error) are shown as `\xHH`: safe to log.
 */
export class ValidateError extends Error {
  /** Stable machine-readable reason: options, message type, or reading the input failed. */
  readonly code: ValidateErrorCode;
  constructor(code: ValidateErrorCode, message: string, options?: { cause?: unknown }) {
    super(escapeControls(message), options);
    this.name = 'ValidateError';
    this.code = code;
  }
}

/** One reason options were refused: `path` is the option's path such as `tags.0.name`. */
export interface OptionProblem {
  /** Dotted path of the offending option, e.g. `tags.0.name`; '' for the options object itself. */
  path: string;
  /** What is wrong with it and what is expected. */
  message: string;
}

/**
 * Thrown when `validate` options (or a custom profile) are malformed, or the message is not one of the
 * accepted types. Programmer errors only: message bytes never cause it.
 */
export class ValidateOptionsError extends ValidateError {
  /** Every problem found, one per offending option. */
  readonly problems: OptionProblem[];
  constructor(
    code: 'validate.options-invalid' | 'validate.message-type',
    message: string,
    problems: OptionProblem[] = [],
  ) {
    super(code, message);
    this.name = 'ValidateOptionsError';
    this.problems = problems.map((p) => ({
      path: escapeControls(p.path),
      message: escapeControls(p.message),
    }));
  }
}
