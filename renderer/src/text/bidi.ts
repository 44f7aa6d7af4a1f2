/**
 * Wraps a name or date put into a sentence in Unicode isolates (FSI … PDI), so a Latin name or a
 * date inside Arabic text (or the reverse) keeps its own direction and does not scramble the
 * sentence around it.
 */
export const isolate = (value: string) => `\u2068${value}\u2069`;
