/**
 * Text from outside (a bundle's names, notes and titles, records of a data folder, file names)
 * made safe to print to a terminal: nothing in it can move the cursor, clear the screen, retitle
 * the window, overwrite a line the CLI printed, or reorder the CLI's own words.
 *
 * - C0 controls, DEL and C1 controls (ESC, CR, BS, the 8-bit CSI…) become visible escapes:
 *   `\x1b`, `\r`, `\n`, `\t`, `\b`, `\x9b`.
 * - Bidirectional controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM) and the
 *   line and paragraph separators are escaped visibly too (`\u202e`), rather than wrapping each
 *   value in an isolate (FSI … PDI): most terminals do not run the bidi algorithm at all, so an
 *   isolate protects nothing there, while an override left in the text would still be passed
 *   to the terminals and log viewers that do. A visible escape is the same everywhere and shows
 *   the reader that the value carries direction controls. The price is that a legitimate mark in
 *   an Arabic name shows as `\u200f` in the terminal; the app itself shows it as typed.
 * - A lone surrogate (not a character) is shown as its escape too.
 *
 * Everything else (letters of any script, emoji, combining marks) is printed as it is. JSON
 * output does not need this: JSON.stringify escapes control characters itself.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Surrogate}/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b' };

export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** The same for every string among a message's values (numbers and the rest pass unchanged). */
export function printableValues<T extends Record<string, unknown>>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) out[key] = typeof value === 'string' ? printable(value) : value;
  return out as T;
}
