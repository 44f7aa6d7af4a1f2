import { DialogButtons } from '../../components/DialogButtons';
import { Alert, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LANGUAGES, textDirection, type Language } from '../../../../shared/i18n/languages';
import { formSchema, INPUT_TYPES } from '../../../../shared/records/kinds';
import { DEFAULT_TARGET_WORDS } from '../../../../shared/documents/word-count';
import { languageOf } from '../../../../shared/records/text-version';
import { useLanguageName } from '../../components/TextVersionTag';
import { useApiErrorText, useFieldErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { useApi } from '../../hooks/useApi';
import { FormDialog } from '../../components/FormDialog';

type InputType = (typeof INPUT_TYPES)[number];

/**
 * A new statement: only what it takes to start writing (what kind of text, its title, the language
 * it is written in, the meeting it is for); everything else is in the editor it opens.
 */
export function NewStatementDialog(props: { opened: boolean; onClose(): void; meetingOptions: { value: string; label: string }[] }) {
  const { t, i18n } = useTranslation('statements');
  const api = useApi();
  const navigate = useNavigate();
  const text = useRecordText();
  const languageName = useLanguageName();
  const fieldError = useFieldErrorText({ max: 1000 });
  const apiErrorText = useApiErrorText();
  const [type, setType] = useState<InputType>('written_statement');
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<Language>(() => languageOf(i18n.language) ?? 'en');
  const [meetingId, setMeetingId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setErrors({});
    setFailure(null);
    props.onClose();
  };

  const create = async () => {
    const fields = {
      type,
      title: { [language]: title.trim() },
      status: 'drafting' as const,
      targetWords: DEFAULT_TARGET_WORDS,
      ...(meetingId ? { meetingId } : {}),
    };
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = 'errors:validation.required';
    const checked = formSchema('input').safeParse(fields);
    if (!checked.success) for (const issue of checked.error.issues) found[String(issue.path[0])] ??= issue.message;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const record = await api.call('records.create', { kind: 'input', fields });
      close();
      setTitle('');
      setMeetingId(null);
      void navigate(`/statements/${record.id}`);
    } catch (error) {
      setFailure(apiErrorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog opened={props.opened} onClose={close} title={t('new.title')} closeLabel={t('new.cancel')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <Stack gap="md">
          <Select
            label={text.field('type')}
            data={INPUT_TYPES.map((v) => ({ value: v, label: text.value('input', 'type', v) }))}
            value={type}
            onChange={(v) => v && setType(v as InputType)}
            allowDeselect={false}
            data-autofocus
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('new.language')}
              description={t('new.languageHint')}
              data={LANGUAGES.map((l) => ({ value: l, label: languageName(l) }))}
              value={language}
              onChange={(v) => v && setLanguage(v as Language)}
              allowDeselect={false}
            />
            <Select
              label={t('new.meeting')}
              description={t('new.meetingHint')}
              placeholder={t('new.noMeeting')}
              data={props.meetingOptions}
              value={meetingId}
              onChange={setMeetingId}
              searchable
              clearable
              clearButtonProps={{ 'aria-label': t('editor.clear', { field: t('new.meeting') }) }}
              nothingFoundMessage={t('new.nothingFound')}
            />
          </SimpleGrid>
          <TextInput
            label={text.field('title')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fieldError(errors.title)}
            lang={language}
            dir={textDirection(language)}
          />
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <DialogButtons cancelLabel={t('new.cancel')} onCancel={close} confirmLabel={t('new.create')} busy={busy} />
        </Stack>
      </form>
    </FormDialog>
  );
}
