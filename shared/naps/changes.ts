import { fieldSpec, type Kind } from '../records/kinds.js';

type Values = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The changes to send for a form's values: only fields that differ from what was last saved (so
 * a colleague's edit of another field is never overwritten), and a language emptied in a text is
 * sent as an empty text (the API keeps languages not mentioned).
 */
export function changedFields(kind: Kind, saved: Values, values: Values): Values {
  const out: Values = {};
  for (const [name, value] of Object.entries(values)) {
    if (same(saved[name], value)) continue;
    if (fieldSpec(kind, name)?.multilingual) {
      const next = { ...((value ?? {}) as Record<string, string>) };
      for (const lang of Object.keys((saved[name] ?? {}) as Record<string, string>)) if (!(lang in next)) next[lang] = '';
      out[name] = next;
    } else {
      // JSON has no undefined (an empty optional part of a list item, like a measurement's source).
      out[name] = value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
    }
  }
  return out;
}

