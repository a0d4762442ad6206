/** C0 controls (but tab) and DEL: text that reaches a terminal or a CI log must never carry them raw. */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/g;

/**
 * Shows control characters as `\xHH` escapes (CR as `\x0d`, ESC as `\x1b`, …), so that text quoted from a
 * message, a file name or an option cannot inject lines or terminal escape sequences into a log. Used for
 * every issue text and every error message of this package: one implementation.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
