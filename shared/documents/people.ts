import type { DocFormat } from './format.js';
import type { DocumentSource } from './templates.js';

interface Person {
  contactId?: string;
  name?: string;
  country?: string;
  organisation?: string;
}

/**
 * A chair, participant or owner as a document names them: a contact's name and institution from
 * the directory, else what was typed; a country alone (a meeting chaired by a State) by its name
 * in the document's language.
 */
export function personName(f: DocFormat, source: DocumentSource, value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const p = value as Person;
  const contact = p.contactId ? source.get(p.contactId) : undefined;
  const name = (typeof contact?.fields.name === 'string' && contact.fields.name) || p.name || '';
  const organisation = (typeof contact?.fields.institution === 'string' && contact.fields.institution) || p.organisation || '';
  const countryCode = p.country || (typeof contact?.fields.country === 'string' ? contact.fields.country : '');
  const country = countryCode ? f.country(countryCode) : '';
  const main = name || organisation || country;
  if (!main) return null;
  const extra = [name ? organisation : '', main === country ? '' : country].filter(Boolean);
  return extra.length ? `${main} (${extra.join(', ')})` : main;
}

/** An action point's owner: a contact from the directory or an institution typed in. */
export function ownerName(f: DocFormat, source: DocumentSource, owner: unknown): string | null {
  if (!owner || typeof owner !== 'object') return null;
  const o = owner as { contactId?: string; institution?: string };
  if (o.institution) return o.institution;
  return personName(f, source, { contactId: o.contactId });
}
