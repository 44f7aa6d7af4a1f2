import { describe, expect, it } from 'vitest';
import { foldedOptionsFilter } from '../../renderer/src/text/options-filter';
import { ownerFrom } from '../../renderer/src/pages/actions/OwnerInput';
import type { RecordView } from '../../shared/records/codec';

const labels = (search: string, limit = 100) =>
  foldedOptionsFilter({
    search,
    limit,
    options: [
      { value: 'CI', label: 'Côte d’Ivoire' },
      { value: 'SN', label: 'Sénégal' },
      { group: 'People', items: [{ value: 'c1', label: 'أمينة ديالو' }, { value: 'c2', label: 'Ольга Петрова' }] },
    ],
  }).map((o) => ('group' in o ? `${o.group}: ${o.items.map((i) => i.label).join(', ')}` : o.label));

describe('what a picker’s typed text keeps (folded as the search folds)', () => {
  it('ignores case, accents and Arabic letter variants, and drops groups left empty', () => {
    expect(labels('cote')).toEqual(['Côte d’Ivoire']);
    expect(labels('SENEGAL')).toEqual(['Sénégal']);
    expect(labels('امينه')).toEqual(['People: أمينة ديالو']);
    expect(labels('ОЛЬГА')).toEqual(['People: Ольга Петрова']);
    expect(labels('zzz')).toEqual([]);
    expect(labels('', 2)).toEqual(['Côte d’Ivoire', 'Sénégal']);
  });
});

describe('a typed owner name', () => {
  const contact = (id: string, name: string, deleted = false) => ({ id, kind: 'contact', fields: { name }, deleted }) as unknown as RecordView;
  const contacts = [contact('c1', 'Amina Diallo'), contact('c2', 'أمينة ديالو'), contact('c3', 'José Ortega', true)];

  it('is the contact of that name, folded; otherwise an institution', () => {
    expect(ownerFrom(' amina DIALLO ', contacts)).toEqual({ contactId: 'c1' });
    expect(ownerFrom('امينة ديالو', contacts)).toEqual({ contactId: 'c2' });
    // A deleted contact is not picked up again.
    expect(ownerFrom('Jose Ortega', contacts)).toEqual({ institution: 'Jose Ortega' });
    expect(ownerFrom('Ministry of Defence', contacts)).toEqual({ institution: 'Ministry of Defence' });
    expect(ownerFrom('   ', contacts)).toBeNull();
  });
});
