import { Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { actionPointFlags, dayOfMeeting } from '../../../../shared/meetings/checks';
import type { RecordView } from '../../../../shared/records/codec';
import { isolate } from '../../text/bidi';
import { useDates } from '../../hooks/useDates';

/** What to notice about an action point (kept as entered): a due date before its meeting, a deleted owner. */
export function ActionPointFlags(props: { ap: RecordView; meeting?: RecordView; contacts: ReadonlyMap<string, RecordView> }) {
  const { t } = useTranslation('meetings');
  const dates = useDates();
  const flags = actionPointFlags(props.ap, props.meeting, props.contacts);
  if (flags.length === 0) return null;
  const name = (props.contacts.get((props.ap.fields.owner as { contactId?: string })?.contactId ?? '')?.fields.name as string) ?? '';
  return (
    <>
      {flags.map((flag) => (
        <Text key={flag} size="sm" c="red.9" className="ap-flag">
          <IconAlertTriangle size={14} aria-hidden style={{ verticalAlign: 'middle', marginInlineEnd: 4 }} />
          {flag === 'dueBeforeMeeting'
            ? t('flags.dueBeforeMeeting', { date: isolate(dates.day(dayOfMeeting(props.meeting))) })
            : flag === 'ownerDeleted'
              ? t('flags.ownerDeleted', { name: isolate(name) })
              : t('flags.ownerMissing')}
        </Text>
      ))}
    </>
  );
}
