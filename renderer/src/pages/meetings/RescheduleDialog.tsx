import { DialogButtons } from '../../components/DialogButtons';
import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RescheduleResponse } from '../../../../shared/records/workflows';
import { isolate } from '../../text/bidi';
import { useRecordText } from '../../text/records-text';
import { useDates } from '../../hooks/useDates';
import { FormDialog } from '../../components/FormDialog';

/** The meeting moved: offer to move the procedure steps' dates with it (or keep them as they are). */
export function RescheduleDialog(props: { changes: RescheduleResponse['changes'] | null; busy: boolean; onMove(): void; onKeep(): void }) {
  const { t } = useTranslation('meetings');
  const text = useRecordText();
  const dates = useDates();
  return (
    <FormDialog opened={!!props.changes && props.changes.length > 0} onClose={props.onKeep} title={t('reschedule.title')} closeLabel={t('reschedule.keep')}>
      <Text mb="sm">{t('reschedule.body', { count: props.changes?.length ?? 0 })}</Text>
      <List mb="lg" spacing={4}>
        {props.changes?.map((c) => (
          <List.Item key={c.id}>
            {t('reschedule.change', {
              step: text.value('action', 'templateStep', c.step),
              from: isolate(dates.day(c.from)),
              to: isolate(dates.day(c.to)),
            })}
          </List.Item>
        ))}
      </List>
      <DialogButtons cancelLabel={t('reschedule.keep')} onCancel={props.onKeep} confirmLabel={t('reschedule.move')} onConfirm={props.onMove} busy={props.busy} focusCancel />
    </FormDialog>
  );
}
