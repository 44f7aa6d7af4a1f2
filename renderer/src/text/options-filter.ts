import { isOptionsGroup, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core';
import { fold } from '../../../shared/search/fold';

/** Folded labels, kept between keystrokes (a country list is folded once, not on every letter). */
const folded = new Map<string, string>();
const foldLabel = (label: string) => {
  let f = folded.get(label);
  if (f === undefined) {
    if (folded.size > 50_000) folded.clear();
    f = fold(label);
    folded.set(label, f);
  }
  return f;
};

/**
 * What a picker's typed text keeps (every Select, MultiSelect, Autocomplete and TagsInput, set in
 * the theme): the options whose label holds the text once both are folded as the search folds them,
 * so "cote" offers "Côte d’Ivoire" and "امينة" offers "أمينة". Mantine's own filter only lowers case.
 */
export const foldedOptionsFilter: OptionsFilter = ({ options, search, limit }) => {
  const needle = fold(search.trim());
  const out: ComboboxParsedItem[] = [];
  let count = 0;
  for (const item of options) {
    if (count >= limit) break;
    if (isOptionsGroup(item)) {
      const items = item.items.filter((o) => foldLabel(o.label).includes(needle)).slice(0, limit - count);
      if (items.length > 0) out.push({ group: item.group, items });
      count += items.length;
    } else if (foldLabel(item.label).includes(needle)) {
      out.push(item);
      count++;
    }
  }
  return out;
};
