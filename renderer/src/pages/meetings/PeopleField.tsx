import { ActionIcon, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconBuilding, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../../../shared/records/codec';
import { useCountryOptions } from '../../components/CountrySelect';
import { isolate } from '../../text/bidi';

export interface Person {
  contactId?: string;
  name?: string;
  country?: string;
  organisation?: string;
}

/**
 * Chairs or participants: people from the contact directory, or typed in (a name, a country, an
 * organisation) for someone not in it. A contact deleted since is still listed, and said to be.
 * Chairs may also be states or organisations (a network meeting is chaired by countries): with
 * `organisations`, a country can be picked and an organisation added as such.
 */
export function PeopleField(props: {
  label: string;
  addLabel: string;
  /** Offer a country and an organisation as entries of their own (chairs). */
  organisations?: boolean;
  value: readonly Person[];
  onChange(next: Person[]): void;
  contacts: readonly RecordView[];
  byId: ReadonlyMap<string, RecordView>;
}) {
  const { t, i18n } = useTranslation('meetings');
  const countries = useCountryOptions(i18n.language);
  const countryName = useMemo(() => new Intl.DisplayNames([i18n.language], { type: 'region' }), [i18n.language]);
  const listed = new Set(props.value.map((p) => p.contactId).filter(Boolean));
  const options = props.contacts
    .filter((c) => !c.deleted && !listed.has(c.id))
    .map((c) => ({ value: c.id, label: [c.fields.name, c.fields.institution].filter(Boolean).join(' — ') }));
  const set = (index: number, patch: Partial<Person>) =>
    props.onChange(props.value.map((p, i) => (i === index ? Object.fromEntries(Object.entries({ ...p, ...patch }).filter(([, v]) => v !== undefined && v !== '')) : p)));
  const remove = (index: number) => props.onChange(props.value.filter((_, i) => i !== index));
  return (
    <Stack gap="xs">
      <Text fw={600} component="h3" size="md" m={0}>
        {props.label}
      </Text>
      {props.value.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('people.none')}
        </Text>
      )}
      {props.value.map((person, index) => {
        const contact = person.contactId ? props.byId.get(person.contactId) : undefined;
        // A chair that is a country or an organisation is named by it.
        const name = contact ? String(contact.fields.name ?? '') : person.name || person.organisation || (person.country ? (countryName.of(person.country) ?? person.country) : '');
        return (
          <Paper key={person.contactId ?? `typed-${index}`} withBorder p="xs" radius="sm">
            <Group wrap="nowrap" align="flex-start" gap="xs">
              {person.contactId ? (
                <Stack gap={0} style={{ flex: 1 }}>
                  <Text dir="auto" fw={500}>
                    {name || t('people.unknown')}
                  </Text>
                  <Text size="sm" c="dimmed" dir="auto">
                    {[contact?.fields.country ? countryName.of(String(contact.fields.country)) : '', contact?.fields.institution].filter(Boolean).join(' · ')}
                  </Text>
                  {(!contact || contact.deleted) && (
                    <Text size="sm" c="red.9">
                      {contact ? t('flags.ownerDeleted', { name: isolate(name) }) : t('flags.ownerMissing')}
                    </Text>
                  )}
                </Stack>
              ) : (
                <Group grow style={{ flex: 1 }} align="flex-start" gap="xs">
                  <TextInput aria-label={t('people.name')} placeholder={t('people.name')} value={person.name ?? ''} onChange={(e) => set(index, { name: e.currentTarget.value })} dir="auto" />
                  <Select
                    aria-label={t('people.country')}
                    placeholder={t('people.country')}
                    data={countries}
                    value={person.country ?? null}
                    onChange={(v) => set(index, { country: v ?? undefined })}
                    searchable
                    clearable
                    clearButtonProps={{ 'aria-label': t('people.clearCountry') }}
                    nothingFoundMessage={t('filters.nothingFound')}
                  />
                  <TextInput aria-label={t('people.organisation')} placeholder={t('people.organisation')} value={person.organisation ?? ''} onChange={(e) => set(index, { organisation: e.currentTarget.value })} dir="auto" />
                </Group>
              )}
              <ActionIcon variant="subtle" color="red.9" size="lg" aria-label={t('people.remove', { name: isolate(name || t('people.unknown')) })} onClick={() => remove(index)}>
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          </Paper>
        );
      })}
      <Group gap="xs" align="flex-end">
        <Select
          aria-label={props.addLabel}
          placeholder={props.addLabel}
          data={options}
          value={null}
          onChange={(id) => id && props.onChange([...props.value, { contactId: id }])}
          searchable
          nothingFoundMessage={t('filters.nothingFound')}
          w={320}
        />
        <Button variant="default" leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => props.onChange([...props.value, { name: '' }])}>
          {t('people.addTyped')}
        </Button>
      </Group>
      {props.organisations && (
        <Group gap="xs" align="flex-end">
          <Select
            aria-label={t('people.addCountryChair')}
            placeholder={t('people.addCountryChair')}
            data={countries.filter((c) => !props.value.some((p) => !p.contactId && !p.name && !p.organisation && p.country === c.value))}
            value={null}
            onChange={(code) => code && props.onChange([...props.value, { country: code }])}
            searchable
            nothingFoundMessage={t('filters.nothingFound')}
            w={320}
          />
          <Button variant="default" leftSection={<IconBuilding size={16} aria-hidden />} onClick={() => props.onChange([...props.value, { organisation: '' }])}>
            {t('people.addOrganisationChair')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
