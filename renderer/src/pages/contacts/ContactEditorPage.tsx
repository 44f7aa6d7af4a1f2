import { Alert, Button, Group, MultiSelect, SimpleGrid, Stack } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { LANGUAGES } from '../../../../shared/i18n/languages';
import type { RecordView } from '../../../../shared/records/codec';
import type { FormValues } from '../../../../shared/records/form-values';
import { CONTACT_ROLES } from '../../../../shared/records/kinds';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useCountryOptions } from '../../components/CountrySelect';
import { SelectField, TextField, useFormField } from '../../components/form/fields';
import { RecordFormProvider } from '../../components/form/RecordFormContext';
import { PageHeader } from '../../components/PageHeader';
import { BackLink } from '../../components/BackLink';
import { SaveStatusText } from '../../components/SaveStatusText';
import { UnsavedGuard } from '../../components/UnsavedGuard';
import { recordOf, useRecordForm } from '../../hooks/useRecordForm';
import { useApiErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { OneRecord } from '../../components/OneRecord';
import { useApi } from '../../hooks/useApi';

const FIELDS = ['name', 'country', 'institution', 'role', 'languages', 'email', 'phone'] as const;
/** An empty contact's fields as the form shows them (a text empty, no languages yet). */
const DEFAULTS: Partial<FormValues<'contact'>> = { name: '', country: '', institution: '', languages: [], email: '', phone: '' };

/** One member of the directory; saved as it is typed. */
export function ContactEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('meetings');
  return (
    <OneRecord
      id={id}
      gone={{ title: t('contacts.goneTitle'), body: t('contacts.goneBody'), back: t('contacts.back'), backTo: '/contacts', restore: t('contacts.restore') }}
    >
      {(contact) => <ContactForm key={contact.id} contact={contact} />}
    </OneRecord>
  );
}

function ContactForm({ contact }: { contact: RecordView }) {
  const { t, i18n } = useTranslation('meetings');
  const api = useApi();
  const navigate = useNavigate();
  const text = useRecordText();
  const apiErrorText = useApiErrorText();
  const countries = useCountryOptions(i18n.language);
  const languageNames = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const [confirm, setConfirm] = useState(false);
  const editor = useRecordForm(recordOf(contact, 'contact'), FIELDS, { defaults: DEFAULTS });
  const { form, status, failure, setFailure } = editor;
  const name = useWatch({ control: form.control, name: 'name' });

  const remove = async () => {
    setConfirm(false);
    try {
      await api.call('records.delete', { id: contact.id });
      void navigate('/contacts');
    } catch (error) {
      setFailure(apiErrorText(error));
    }
  };

  return (
    <RecordFormProvider value={editor}>
      <Group justify="space-between" align="flex-start">
        <div>
          <BackLink to="/contacts" label={t('contacts.back')} />
          <PageHeader title={name || t('contacts.unnamed')} />
        </div>
        <Stack gap={4} align="flex-end">
          <SaveStatusText status={status} />
          <Button variant="default" size="xs" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => setConfirm(true)}>
            {t('contacts.delete')}
          </Button>
        </Stack>
      </Group>
      {failure && (
        <Alert color="red" role="alert" mb="md">
          {failure}
        </Alert>
      )}
      <Stack gap="md" maw={760}>
        <TextField name="name" required data-autofocus />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <SelectField
            name="country"
            data={countries}
            empty=""
            searchable
            clearable
            nothingFound={t('filters.nothingFound')}
          />
          <TextField name="institution" />
          <SelectField name="role" data={CONTACT_ROLES.map((r) => ({ value: r, label: text.value('contact', 'role', r) }))} />
          <LanguagesField names={languageNames} />
          <TextField name="email" type="email" dir="ltr" />
          <TextField name="phone" type="tel" dir="ltr" />
        </SimpleGrid>
      </Stack>
      <ConfirmDialog
        opened={confirm}
        title={t('contacts.deleteTitle')}
        body={t('contacts.deleteBody')}
        cancelLabel={t('contacts.keep')}
        confirmLabel={t('contacts.delete')}
        onCancel={() => setConfirm(false)}
        onConfirm={() => void remove()}
      />
      <UnsavedGuard dirty={editor.unsaved} save={editor.flush} />
    </RecordFormProvider>
  );
}

/** The languages a contact works in. */
function LanguagesField({ names }: { names: Intl.DisplayNames }) {
  const { field, label, error } = useFormField({ name: 'languages' });
  return (
    <MultiSelect
      label={label}
      data={LANGUAGES.map((l) => ({ value: l, label: names.of(l) ?? l }))}
      value={(field.value ?? []) as string[]}
      onChange={(v) => field.onChange(v)}
      onBlur={field.onBlur}
      error={error}
    />
  );
}
