import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage, type Language } from '../../../shared/i18n/languages';

/** Each language in its own name and script, so a person finds theirs whatever is shown now. */
export const autonym = (language: Language) => new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;

export function LanguageSelect(props: { value: Language; onChange(language: Language): void }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('language.label')}
      description={t('language.description')}
      data={LANGUAGES.map((language) => ({ value: language, label: autonym(language) }))}
      value={props.value}
      onChange={(value) => {
        if (isLanguage(value)) props.onChange(value);
      }}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
      renderOption={({ option }) => (
        <span lang={option.value} dir="auto">
          {option.label}
        </span>
      )}
      maw={360}
    />
  );
}
