import { Input, SegmentedControl } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Theme } from '../../../shared/settings';

export function ThemeControl(props: { value: Theme; onChange(theme: Theme): void }) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <Input.Wrapper label={t('theme.label')} labelElement="div" id={labelId}>
      <div>
        <SegmentedControl
          aria-labelledby={`${labelId}-label`}
          value={props.value}
          onChange={(value) => props.onChange(Theme.parse(value))}
          data={[
            { value: 'light', label: t('theme.light') },
            { value: 'dark', label: t('theme.dark') },
            { value: 'system', label: t('theme.system') },
          ]}
        />
      </div>
    </Input.Wrapper>
  );
}
