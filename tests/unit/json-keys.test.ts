import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanJsonKeys } from '../../main/core/bundles/json-keys.js';

describe('duplicate-key scan', () => {
  it('finds a key repeated in one object, at any depth, and says where', () => {
    expect(scanJsonKeys('{"a":1,"a":2}').duplicate).toEqual(['a']);
    expect(scanJsonKeys('{"a":1,"b":{"c":[1,{"d":1,"e":[],"d":2}]}}').duplicate).toEqual(['b', 'c', 1, 'd']);
    expect(scanJsonKeys('[{"k":1},{"k":2,"k":3}]').duplicate).toEqual([1, 'k']);
    // The same key in different objects is not a repeat.
    expect(scanJsonKeys('{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}').duplicate).toBeNull();
  });

  it('compares keys by what they mean, escapes included, and ignores what looks like keys inside strings', () => {
    expect(scanJsonKeys('{"\\u0061":1,"a":2}').duplicate).toEqual(['a']);
    expect(scanJsonKeys('{"x":"\\"a\\":1,\\"a\\":2","a":1}').duplicate).toBeNull();
    expect(scanJsonKeys('{"a\\\\":1,"b":"\\\\","a":2}').duplicate).toBeNull();
    expect(scanJsonKeys('{"a\\\\":1,"b":"\\\\","a\\\\":2}').duplicate).toEqual(['a\\']);
    // Many keys (past the point where they go into a Set).
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
    expect(scanJsonKeys(JSON.stringify(many)).duplicate).toBeNull();
    expect(scanJsonKeys(JSON.stringify(many).replace(/\}$/, ',"k7":0}')).duplicate).toEqual(['k7']);
  });

  it('gives the exact text of the root\'s captured value, whatever the spacing', () => {
    const text = '{ "note" : "\\"records\\":[1]" , "records" : [ 1, {"records":[2]}, "]" ] , "scope":{}}';
    const { span } = scanJsonKeys(text, 'records');
    expect(JSON.parse(text.slice(...span!))).toEqual(JSON.parse(text).records);
    expect(scanJsonKeys('{"records":1}', 'records').span).toBeNull();
  });

  it('agrees with a parse that keeps every key, on any JSON', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (text) => {
        // What JSON.stringify writes never repeats a key; the same text with its first key doubled does.
        expect(scanJsonKeys(text).duplicate).toBeNull();
        const doubled = text.startsWith('{') && text.length > 2 ? text.replace(/^\{("(?:[^"\\]|\\.)*")/, '{$1:0,$1') : null;
        if (doubled && doubled !== text) expect(scanJsonKeys(doubled).duplicate).not.toBeNull();
      }),
      { seed: 6611, numRuns: 500 },
    );
  });
});
