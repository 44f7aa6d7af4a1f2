import { compareText } from '../../../shared/records/sort';
import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COUNTRY_CODES } from '../../../shared/countries';

/** Country names come from Intl in the UI language, sorted the way that language sorts. */
export function useCountryOptions(language: string) {
  return useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'region' });
    return COUNTRY_CODES.map((code) => ({ value: code, label: names.of(code) ?? code })).sort((a, b) => compareText(a.label, b.label, language));
  }, [language]);
}

export function CountrySelect(props: {
  value: string;
  onChange(value: string): void;
  onBlur(): void;
  error?: string;
}) {
  const { t, i18n } = useTranslation('settings');
  const data = useCountryOptions(i18n.language);
  return (
    <Select
      label={t('profile.country')}
      description={t('profile.countryHint')}
      placeholder={t('profile.countryPlaceholder')}
      nothingFoundMessage={t('profile.countryNothingFound')}
      data={data}
      value={props.value || null}
      onChange={(value) => props.onChange(value ?? '')}
      onBlur={props.onBlur}
      error={props.error}
      searchable
      clearable
      clearButtonProps={{ 'aria-label': t('profile.countryClear') }}
      maxDropdownHeight={280}
    />
  );
}
