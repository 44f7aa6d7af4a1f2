import { Anchor, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconHelpCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LANGUAGES, textDirection, type Language } from '../../../../shared/i18n/languages';
import type { RecordView } from '../../../../shared/records/codec';
import type { Multilingual } from '../../../../shared/records/text';
import { shownLanguage } from '../../../../shared/records/text-version';
import { isolate } from '../../text/bidi';
import { Section } from '../../components/Section';
import { useLanguageName } from '../../components/TextVersionTag';
import { useRecordText } from '../../text/records-text';

/**
 * The questions the meeting put to those who speak or write, beside the statement answering them.
 * Shown as written (line breaks kept), in their own language and direction; a meeting that has them
 * in several languages can be read in each.
 */
export function GuidingQuestions(props: { meeting: RecordView | null }) {
  const { t, i18n } = useTranslation('statements');
  const text = useRecordText();
  const languageName = useLanguageName();
  const questions = (props.meeting?.fields.guidingQuestions ?? null) as Multilingual | null;
  const versions = LANGUAGES.filter((l) => questions?.[l]);
  const [chosen, setChosen] = useState<Language | null>(null);
  const language = chosen && questions?.[chosen] ? chosen : shownLanguage(questions, i18n.language);
  return (
    <Section title={text.field('guidingQuestions')} icon={<IconHelpCircle size={20} aria-hidden />}>
      {!props.meeting ? (
        <Text c="dimmed">{t('questions.noMeeting')}</Text>
      ) : (
        <Stack gap="sm">
          <Anchor component={Link} to={`/meetings/${props.meeting.id}`} size="sm" fw={600}>
            {t('questions.open', { title: isolate(text.title(props.meeting.fields)) })}
          </Anchor>
          {versions.length > 1 && language && (
            <SegmentedControl
              size="xs"
              aria-label={t('questions.version')}
              value={language}
              onChange={(v) => setChosen(v as Language)}
              data={versions.map((l) => ({ value: l, label: languageName(l) }))}
            />
          )}
          {language && questions?.[language] ? (
            <Text lang={language} dir={textDirection(language)} className="statement-questions" data-testid="guiding-questions">
              {questions[language]}
            </Text>
          ) : (
            <Text c="dimmed">{t('questions.none')}</Text>
          )}
        </Stack>
      )}
    </Section>
  );
}
