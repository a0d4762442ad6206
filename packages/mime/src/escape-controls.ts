/**
 * Control characters from input (CR, LF, ESC, NUL, DEL, C1) shown as `\xHH` escapes, so that text copied into an
 * error message or a report cannot inject lines into logs or escape sequences into terminals.
 */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** `text` with every control character but HTAB written as `\xHH`. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
