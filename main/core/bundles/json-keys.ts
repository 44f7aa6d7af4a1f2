/**
 * JSON.parse keeps the last of two equal keys in one object and says nothing, so a file can show
 * one reader one value and another reader another (a checksum over the first "records", an import
 * of the second). This scan finds such a key in one pass over the text, without building values.
 *
 * It expects text that JSON.parse has already accepted: it only follows strings (with their
 * escapes) and brackets, and does not check the grammar again.
 */

export interface JsonKeyScan {
  /** Where the first repeated key is: the path of its object, then the key itself. */
  duplicate: (string | number)[] | null;
  /** The offsets [start, end) of the text of the root object's `capture` value, when it is an object or array. */
  span: [number, number] | null;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Below this many keys an object's keys are compared one by one; above, they go in a Set. */
const SMALL_OBJECT = 12;

/**
 * One open object or array. Frames are kept per depth and reused, so a bundle's millions of small
 * objects cost no allocation beyond their keys.
 */
interface Frame {
  isObject: boolean;
  keys: string[];
  set: Set<string> | null;
  /** The key (object) or index (array) of the value being read. */
  at: string | number;
  /** Where this container starts in the text. */
  start: number;
}

/** The index of the quote that ends the string whose opening quote is at `open`. */
function stringEnd(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) throw new SyntaxError('unterminated string');
    // A quote ends the string unless an odd number of backslashes comes right before it.
    let slashes = 0;
    for (let k = at - 1; text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return at;
  }
}

export function scanJsonKeys(text: string, capture?: string): JsonKeyScan {
  const frames: Frame[] = [];
  let depth = 0;
  let span: [number, number] | null = null;
  /** After '{' or ',' inside an object, the next string is a key. */
  let keyNext = false;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (keyNext) {
        const frame = frames[depth - 1]!;
        let key = text.slice(i + 1, end);
        // Keys written with escapes ("\u0061" is "a") are compared by what they mean.
        if (key.includes('\\')) key = JSON.parse(text.slice(i, end + 1)) as string;
        if (isRepeated(frame, key)) {
          return { duplicate: [...frames.slice(0, depth - 1).map((f) => f.at), key], span: null };
        }
        frame.at = key;
        keyNext = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const isObject = c === OPEN_OBJECT;
      let frame = frames[depth];
      if (!frame) frames.push((frame = { isObject, keys: [], set: null, at: 0, start: i }));
      frame.isObject = isObject;
      frame.keys.length = 0;
      frame.set = null;
      frame.at = isObject ? '' : 0;
      frame.start = i;
      depth++;
      keyNext = isObject;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (capture !== undefined && depth === 1 && span === null && frames[0]!.isObject && frames[0]!.at === capture) {
        span = [frames[1]!.start, i + 1];
      }
      keyNext = false;
    } else if (c === COMMA) {
      const frame = frames[depth - 1]!;
      if (frame.isObject) keyNext = true;
      else (frame.at as number)++;
    } else if (c === COLON) {
      keyNext = false;
    }
  }
  return { duplicate: null, span };
}

function isRepeated(frame: Frame, key: string): boolean {
  if (frame.set) {
    if (frame.set.has(key)) return true;
    frame.set.add(key);
    return false;
  }
  const keys = frame.keys;
  for (let k = 0; k < keys.length; k++) if (keys[k] === key) return true;
  keys.push(key);
  if (keys.length > SMALL_OBJECT) frame.set = new Set(keys);
  return false;
}
