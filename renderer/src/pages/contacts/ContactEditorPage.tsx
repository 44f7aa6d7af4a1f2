import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, MultiSelect, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiCallError } from '../../../../shared/api/errors';
import { LANGUAGES } from '../../../../shared/i18n/languages';
import type { RecordView } from '../../../../shared/records/codec';
import { CONTACT_ROLES, formSchema, type KindFields } from '../../../../shared/records/kinds';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useCountryOptions } from '../../components/CountrySelect';
import { PageHeader } from '../../components/PageHeader';
import { BackLink } from '../../components/BackLink';
import { SaveStatusText } from '../../components/SaveStatusText';
import { UnsavedGuard } from '../../components/UnsavedGuard';
import { useAutosave } from '../../hooks/useAutosave';
import { useApiErrorText, useFieldErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { OneRecord } from '../../components/OneRecord';
import { useApi } from '../../hooks/useApi';

type Values = KindFields<'contact'>;
const FIELDS = ['name', 'country', 'institution', 'role', 'languages', 'email', 'phone'] as const;

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
  const fieldError = useFieldErrorText();
  const apiErrorText = useApiErrorText();
  const countries = useCountryOptions(i18n.language);
  const languageNames = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const [failure, setFailure] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const defaults = Object.fromEntries(FIELDS.map((f) => [f, contact.fields[f] ?? (f === 'languages' ? [] : f === 'role' ? null : '')])) as Values;
  const form = useForm<Values>({ resolver: zodResolver(formSchema('contact') as never) as never, defaultValues: defaults, mode: 'onChange' });
  const { errors } = form.formState;
  const err = (f: (typeof FIELDS)[number]) => fieldError((errors as Record<string, { message?: string } | undefined>)[f]?.message);
  const { status } = useAutosave(form, async (values) => {
    setFailure(null);
    await api.call('records.update', { id: contact.id, fields: values as never });
  }, {
    onError: (error) => {
      if (error instanceof ApiCallError && error.issues?.length) {
        for (const issue of error.issues) form.setError(issue.path.join('.') as never, { message: issue.message });
      } else setFailure(apiErrorText(error));
    },
  });
  const name = form.watch('name');

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
    <>
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
        <TextInput label={text.field('name')} required dir="auto" {...form.register('name')} error={err('name')} data-autofocus />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Controller
            control={form.control}
            name="country"
            render={({ field }) => (
              <Select
                label={text.field('country')}
                data={countries}
                value={field.value || null}
                onChange={(v) => field.onChange(v ?? '')}
                onBlur={field.onBlur}
                searchable
                clearable
                clearButtonProps={{ 'aria-label': t('people.clearCountry') }}
                nothingFoundMessage={t('filters.nothingFound')}
                error={err('country')}
              />
            )}
          />
          <TextInput label={text.field('institution')} dir="auto" {...form.register('institution')} error={err('institution')} />
          <Controller
            control={form.control}
            name="role"
            render={({ field }) => (
              <Select
                label={text.field('role')}
                data={CONTACT_ROLES.map((r) => ({ value: r, label: text.value('contact', 'role', r) }))}
                value={field.value ?? null}
                onChange={(v) => field.onChange(v)}
                allowDeselect={false}
                error={err('role')}
              />
            )}
          />
          <Controller
            control={form.control}
            name="languages"
            render={({ field }) => (
              <MultiSelect
                label={text.field('languages')}
                data={LANGUAGES.map((l) => ({ value: l, label: languageNames.of(l) ?? l }))}
                value={(field.value ?? []) as string[]}
                onChange={(v) => field.onChange(v)}
                error={err('languages')}
              />
            )}
          />
          <TextInput label={text.field('email')} type="email" dir="ltr" {...form.register('email')} error={err('email')} />
          <TextInput label={text.field('phone')} type="tel" dir="ltr" {...form.register('phone')} error={err('phone')} />
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
      <UnsavedGuard dirty={form.formState.isDirty || status === 'invalid'} />
    </>
  );
}
