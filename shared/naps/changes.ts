import { fieldSpec, type Kind } from '../records/kinds.js';
import { changedVersions } from '../records/text-version.js';

type Values = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The changes to send for a form's values: only fields that differ from what was last saved (so
 * a colleague's edit of another field is never overwritten); of a text, only the language versions
 * that changed, a version emptied as an empty text (the API keeps languages not mentioned).
 */
export function changedFields(kind: Kind, saved: Values, values: Values): Values {
  const out: Values = {};
  for (const [name, value] of Object.entries(values)) {
    if (same(saved[name], value)) continue;
    if (fieldSpec(kind, name)?.multilingual) {
      const versions = changedVersions(saved[name], value);
      if (Object.keys(versions).length > 0) out[name] = versions;
    } else {
      // JSON has no undefined (an empty optional part of a list item, like a measurement's source).
      out[name] = value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
    }
  }
  return out;
}

