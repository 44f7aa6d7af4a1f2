import { Alert, Button, Checkbox, Group, Progress, Radio, Stack, Text } from '@mantine/core';
import { IconFileExport, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DocumentType } from '../../../shared/documents/model';
import {
  FORMATS_OF,
  type ActionsSelection,
  type DocumentFormat,
  type DocumentOptions,
  PARTS_OF,
} from '../../../shared/documents/request';
import { LANGUAGES, isLanguage, type Language } from '../../../shared/i18n/languages';
import { localDay } from '../../../shared/records/action-points';
import { useDocumentExport } from '../hooks/useDocumentExport';
import { FormDialog } from './FormDialog';
import { autonym } from './LanguageSelect';

const TYPE_LABEL = {
  nap: 'export.types.nap',
  'chair-summary': 'export.types.chair-summary',
  statement: 'export.types.statement',
  actions: 'export.types.actions',
} as const satisfies Record<DocumentType, string>;
const FORMAT_LABEL = {
  docx: 'export.formats.docx',
  pdf: 'export.formats.pdf',
  xlsx: 'export.formats.xlsx',
} as const;
const OPTION_LABEL = {
  owners: 'export.owners',
  dueDates: 'export.dueDates',
  matrix: 'export.matrix',
  progress: 'export.progress',
} as const satisfies Record<keyof DocumentOptions, string>;

/** The print view's address for a document in a language with some parts left out. */
export function printPath(
  type: DocumentType,
  id: string | undefined,
  language: Language,
  omitted: (keyof DocumentOptions)[] = [],
): string {
  const query = new URLSearchParams({ lang: language });
  for (const option of omitted) query.set(option, '0');
  return `/print/${type}${id ? `/${id}` : ''}?${query.toString()}`;
}

/**
 * "Export document…": the format, the document's language (its labels and the version of each
 * text; by default the record's own language, not the interface's) and what to include; then the
 * file is made by the core and saved, or shown in the print view. Mounted afresh at each opening
 * (ExportDocumentButton keys it), so it starts from the record's language every time.
 */
export function ExportDocumentDialog(props: {
  opened: boolean;
  onClose(): void;
  type: DocumentType;
  id?: string;
  /** The action points table: the rows shown on the page. */
  actions?: ActionsSelection;
  /** The language the record is written in, when it has one. */
  defaultLanguage: Language;
}) {
  const { t } = useTranslation(['documents', 'common']);
  const navigate = useNavigate();
  const formats = FORMATS_OF[props.type].filter((f): f is Exclude<DocumentFormat, 'html'> => f !== 'html');
  const [format, setFormat] = useState<Exclude<DocumentFormat, 'html'>>('docx');
  const [language, setLanguage] = useState<Language>(props.defaultLanguage);
  const [options, setOptions] = useState<DocumentOptions>({
    owners: true,
    dueDates: true,
    matrix: true,
    progress: true,
  });
  const { state, progress, run } = useDocumentExport();

  const omitted = PARTS_OF[props.type].filter((o) => !options[o]);
  const rows = props.actions?.ids?.length;
  const working = state.status === 'working';

  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t('export.title')}
      closeLabel={t('common:actions.cancel')}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run({
            type: props.type,
            ...(props.id ? { id: props.id } : {}),
            ...(props.actions ? { actions: props.actions } : {}),
            format,
            language,
            options,
            today: localDay(),
          });
        }}
      >
        <Stack gap="md">
          <Text fw={600}>{t(TYPE_LABEL[props.type])}</Text>
          <Radio.Group
            label={t('export.format')}
            value={format}
            onChange={(v) => setFormat(v as typeof format)}
          >
            <Group mt="xs">
              {formats.map((f) => (
                <Radio key={f} value={f} label={t(FORMAT_LABEL[f])} />
              ))}
            </Group>
          </Radio.Group>
          {format === 'xlsx' && (
            <Text size="sm" c="dimmed">
              {t('export.xlsxHint')}
            </Text>
          )}
          <Radio.Group
            label={t('export.language')}
            description={t('export.languageHint')}
            value={language}
            onChange={(v) => isLanguage(v) && setLanguage(v)}
          >
            <Group mt="xs">
              {LANGUAGES.map((l) => (
                <Radio
                  key={l}
                  value={l}
                  label={
                    <span lang={l} dir="auto">
                      {autonym(l)}
                    </span>
                  }
                />
              ))}
            </Group>
          </Radio.Group>
          {PARTS_OF[props.type].length > 0 && format !== 'xlsx' && (
            <Checkbox.Group
              label={t('export.include')}
              value={PARTS_OF[props.type].filter((o) => options[o])}
              onChange={(values) =>
                setOptions((o) => ({
                  ...o,
                  ...Object.fromEntries(PARTS_OF[props.type].map((k) => [k, values.includes(k)])),
                }))
              }
            >
              <Group mt="xs">
                {PARTS_OF[props.type].map((o) => (
                  <Checkbox key={o} value={o} label={t(OPTION_LABEL[o])} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
          {rows !== undefined && (
            <Text size="sm" c="dimmed">
              {t('export.rowsHint', { count: rows, formatted: new Intl.NumberFormat(language).format(rows) })}
            </Text>
          )}
          {working && (
            <Stack gap={4} role="status">
              <Text size="sm">{t('export.working')}</Text>
              <Progress
                value={progress && progress.total > 0 ? (100 * progress.done) / progress.total : 5}
                aria-label={t('export.working')}
                animated
              />
            </Stack>
          )}
          {state.status === 'done' && (
            <Alert color="teal.9" variant="outline" role="status">
              {t('export.saved', { file: state.fileName })}
            </Alert>
          )}
          {state.status === 'failed' && (
            <Alert color="red.9" variant="outline" role="alert">
              {t('export.failed', { reason: state.reason })}
            </Alert>
          )}
          <Group justify="space-between">
            {props.type !== 'actions' ? (
              <Button
                variant="subtle"
                leftSection={<IconPrinter size={16} aria-hidden />}
                onClick={() => navigate(printPath(props.type, props.id, language, omitted))}
              >
                {t('export.printView')}
              </Button>
            ) : (
              <span />
            )}
            <Group>
              <Button variant="default" onClick={props.onClose}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" loading={working} leftSection={<IconFileExport size={16} aria-hidden />}>
                {t('export.export')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </FormDialog>
  );
}

/** The "Export document…" button with its dialog, for a page header. */
export function ExportDocumentButton({
  prepare,
  ...props
}: Omit<Parameters<typeof ExportDocumentDialog>[0], 'opened' | 'onClose'> & {
  /** Saves what the form still holds, so that the document has the words just typed. */
  prepare?: () => Promise<unknown>;
}) {
  const { t } = useTranslation('documents');
  const [opened, setOpened] = useState(false);
  // Each opening mounts the dialog afresh: it starts from the record's language every time.
  const [openings, setOpenings] = useState(0);
  return (
    <>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconFileExport size={14} aria-hidden />}
        onClick={() => {
          setOpenings((n) => n + 1);
          setOpened(true);
          void prepare?.();
        }}
      >
        {t('export.button')}
      </Button>
      <ExportDocumentDialog key={openings} {...props} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
