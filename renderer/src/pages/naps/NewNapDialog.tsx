import { DialogButtons } from '../../components/DialogButtons';
import { FormDialog } from '../../components/FormDialog';
import { Radio, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { textDirection } from '../../../../shared/i18n/languages';
import { PILLARS } from '../../../../shared/records/kinds';
import { useCountryOptions } from '../../components/CountrySelect';
import { useApiErrorText, useFieldErrorText } from '../../text/errors';
import { useAppState } from '../../api/state';

/** A new plan: its title in the UI language, its country, and the four pillars or none to start from. */
export function NewNapDialog(props: { opened: boolean; onClose(): void; onCreated(id: string): void }) {
  const { t, i18n } = useTranslation(['naps', 'records', 'common']);
  const { api, settings } = useAppState();
  const countries = useCountryOptions(i18n.language);
  const fieldError = useFieldErrorText();
  const apiErrorText = useApiErrorText();
  const [title, setTitle] = useState('');
  const [country, setCountry] = useState<string | null>(settings.profile?.country || null);
  const [template, setTemplate] = useState<'pillars' | 'empty'>('pillars');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setError(fieldError('errors:validation.required'));
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const year = new Date().getFullYear();
      const created = await api.call('records.create', {
        kind: 'nap',
        fields: {
          title: { [i18n.language]: title.trim() },
          country: country ?? '',
          generation: 1,
          periodStart: year,
          periodEnd: year + 4,
          status: 'drafting',
          pillars: template === 'pillars' ? [...PILLARS] : [],
        },
      });
      setTitle('');
      props.onCreated(created.id);
    } catch (e) {
      setFailure(apiErrorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog opened={props.opened} onClose={props.onClose} size="md" title={t('new.title')} closeLabel={t('common:actions.cancel')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <TextInput
            label={t('records:fields.title')}
            required
            data-autofocus
            value={title}
            lang={i18n.language}
            dir={textDirection(i18n.language)}
            onChange={(e) => {
              setTitle(e.currentTarget.value);
              setError(undefined);
            }}
            error={error}
          />
          <Select
            label={t('records:fields.country')}
            data={countries}
            value={country}
            onChange={setCountry}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('new.clearCountry') }}
            nothingFoundMessage={t('new.noCountry')}
            comboboxProps={{ withinPortal: true }}
          />
          <Radio.Group label={t('new.start')} value={template} onChange={(v) => setTemplate(v as 'pillars' | 'empty')}>
            <Stack gap="xs" mt="xs">
              <Radio value="pillars" label={t('new.fourPillars')} description={t('new.fourPillarsHint')} />
              <Radio value="empty" label={t('new.empty')} description={t('new.emptyHint')} />
            </Stack>
          </Radio.Group>
          {failure && (
            <div role="alert" className="nap-error-text">
              {failure}
            </div>
          )}
          <DialogButtons cancelLabel={t('common:actions.cancel')} onCancel={props.onClose} confirmLabel={t('new.create')} busy={busy} />
        </Stack>
      </form>
    </FormDialog>
  );
}
