import { escapeControls } from '@rawmail/mime';

/** Every code a {@link ComposeError} can carry. Codes are public API: match on them, not on messages. */
export type ComposeErrorCode =
  | 'compose.input-invalid'
  | 'compose.options-invalid'
  | 'compose.header-injection'
  | 'compose.header-reserved'
  | 'compose.header-duplicate'
  | 'compose.header-too-long'
  | 'compose.address-invalid'
  | 'compose.address-ambiguous'
  | 'compose.address-local-non-ascii'
  | 'compose.from-missing'
  | 'compose.charset-unsupported'
  | 'compose.charset-unrepresentable'
  | 'compose.boundary-invalid'
  | 'compose.attachment-unreadable'
  | 'compose.message-id-invalid';

/**
 * The one error type `compose` and `composeStream` throw for bad input or options.
 *
 * `code` says what kind of problem it is, `path` names the input field (e.g. `['attachments', 2, 'filename']`),
 * and `message` says what to fix. `details` carries extra data, such as the address parser's own problem code.
 * The message is safe to log: control characters copied from input (CR, LF, ESC, NUL, …) are written as `\xHH`.
 */
export class ComposeError extends Error {
  /** Always `ComposeError`. */
  override readonly name = 'ComposeError';
  /** Stable machine-readable code, e.g. `compose.header-injection`. */
  readonly code: ComposeErrorCode;
  /** Path of the offending field in the input (or options), `[]` when not tied to one field. */
  readonly path: ReadonlyArray<string | number>;
  /** Extra context: the underlying `address.*` problem code, the offending header name, … */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ComposeErrorCode,
    message: string,
    path: ReadonlyArray<string | number> = [],
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    // Escaped here, at the one construction point, so that no message can carry raw control characters from input.
    super(escapeControls(path.length > 0 ? `${formatPath(path)}: ${message}` : message), options);
    this.code = code;
    this.path = path;
    this.details = details;
  }
}

/** A path segment that is a plain name; anything else (e.g. a header name with CR/LF) is shown quoted. */
const PLAIN_SEGMENT = /^[A-Za-z0-9_$-]+$/;

/**
 * `['attachments', 2, 'filename']` → `attachments[2].filename`. Segments come from user input (header names), so
 * unusual ones are JSON-quoted: a CR/LF in a header name must not reach the error message (and logs) raw.
 */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (!PLAIN_SEGMENT.test(p)) out += `[${JSON.stringify(p)}]`;
    else out += out === '' ? p : `.${p}`;
  }
  return out;
}
