import { Badge, Button, Group, Menu, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconLanguage, IconPlus } from '@tabler/icons-react';
import { useId } from 'react';
import { useController, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, textDirection, type Language } from '../../../../shared/i18n/languages';
import type { KindFields } from '../../../../shared/records/kinds';
import type { Multilingual } from '../../../../shared/records/text';
import { withVersion } from '../../../../shared/records/text-version';
import { useLanguageName } from '../../components/TextVersionTag';
import { useRecordText } from '../../text/records-text';
import { TextCount } from './TextCount';

export type StatementValues = KindFields<'input'>;

/**
 * The statement in each language it has, side by side (columns wrap under each other on a narrow
 * window): title and text of a version edit that version only, each written in its language's
 * direction and counted in its own words. A version appears only when a person adds a translation.
 */
export function VersionColumns(props: {
  control: Control<StatementValues>;
  languages: readonly Language[];
  onAdd(language: Language): void;
  /** The version just added, whose title takes the focus. */
  added: Language | null;
  target: number;
  error(name: string): string | undefined;
}) {
  const { t } = useTranslation('statements');
  const languageName = useLanguageName();
  const listId = useId();
  const missing = LANGUAGES.filter((l) => !props.languages.includes(l));
  return (
    <>
      <Group justify="space-between" mb="md" gap="sm">
        <Group gap="xs" role="group" aria-labelledby={listId}>
          <Text id={listId} size="sm" fw={600}>
            {t('editor.languages')}
          </Text>
          {props.languages.map((l) => (
            <Badge key={l} variant="outline" color="gray.7" className="statement-language" leftSection={<IconLanguage size={12} aria-hidden />}>
              {languageName(l)}
            </Badge>
          ))}
        </Group>
        {missing.length > 0 && (
          <Menu position="bottom-end" withinPortal={false} shadow="md">
            <Menu.Target>
              <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />}>
                {t('editor.addTranslation')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {missing.map((l) => (
                <Menu.Item key={l} onClick={() => props.onAdd(l)}>
                  {languageName(l)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <div className="statement-versions">
        {props.languages.map((l) => (
          <Version key={l} control={props.control} language={l} focus={props.added === l} target={props.target} error={props.error} />
        ))}
      </div>
    </>
  );
}

function Version(props: { control: Control<StatementValues>; language: Language; focus: boolean; target: number; error(name: string): string | undefined }) {
  const text = useRecordText();
  const languageName = useLanguageName();
  const headingId = useId();
  const countId = useId();
  const title = useController({ control: props.control, name: 'title' }).field;
  const body = useController({ control: props.control, name: 'body' }).field;
  const l = props.language;
  const dir = textDirection(l);
  const titleValue = (title.value ?? null) as Multilingual | null;
  const bodyValue = (body.value ?? null) as Multilingual | null;
  return (
    <section className="statement-version" aria-labelledby={headingId} data-language={l}>
      <Title order={3} size="h5" id={headingId} mb="xs">
        {languageName(l)}
      </Title>
      <TextInput
        label={text.field(`title@${l}`)}
        lang={l}
        dir={dir}
        value={titleValue?.[l] ?? ''}
        onChange={(e) => title.onChange(withVersion(titleValue, l, e.currentTarget.value))}
        onBlur={title.onBlur}
        error={props.error(`title.${l}`) ?? props.error('title')}
        autoFocus={props.focus}
        mb="sm"
      />
      <Textarea
        label={text.field(`body@${l}`)}
        lang={l}
        dir={dir}
        autosize
        minRows={10}
        maxRows={40}
        value={bodyValue?.[l] ?? ''}
        onChange={(e) => body.onChange(withVersion(bodyValue, l, e.currentTarget.value))}
        onBlur={body.onBlur}
        error={props.error(`body.${l}`) ?? props.error('body')}
        aria-describedby={countId}
        data-testid={`statement-body-${l}`}
      />
      <TextCount id={countId} text={bodyValue?.[l] ?? ''} language={l} target={props.target} />
    </section>
  );
}
