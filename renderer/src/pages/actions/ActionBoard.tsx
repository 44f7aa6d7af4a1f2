import { Badge, Button, Group, Menu, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isOverdue } from '../../../../shared/records/action-points';
import { textDirection } from '../../../../shared/i18n/languages';
import type { RecordView } from '../../../../shared/records/codec';
import { ACTION_POINT_STATUSES } from '../../../../shared/records/kinds';
import type { ActionPointStatus } from '../../../../shared/records/action-points';
import { useApiErrorText } from '../../text/errors';
import { shownText } from '../../../../shared/records/text-version';
import { useRecordText } from '../../text/records-text';
import { pointNumber } from './ActionTable';
import { useApi } from '../../hooks/useApi';
import { useDates } from '../../hooks/useDates';
import { STATUS_COLOR } from '../../components/labels';
import { ownerName } from './OwnerInput';
import { VirtualList } from '../../components/VirtualList';

/**
 * The action points by status, one column each. A card moves to another status from its "Move
 * to" menu (keyboard: Tab to the card's button, Enter, arrows, Enter); each column renders only
 * the cards in view.
 */
export function ActionBoard(props: {
  rows: readonly RecordView[];
  contactsById: ReadonlyMap<string, RecordView>;
  meetingsById: ReadonlyMap<string, RecordView>;
  today: string;
  onOpen(ap: RecordView): void;
}) {
  const { t, i18n } = useTranslation('meetings');
  const api = useApi();
  const text = useRecordText();
  const dates = useDates();
  const apiErrorText = useApiErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const columns = ACTION_POINT_STATUSES.map((status) => ({ status, cards: props.rows.filter((ap) => (ap.fields.status ?? 'open') === status) }));
  const move = (ap: RecordView, status: ActionPointStatus) =>
    api.call('records.update', { id: ap.id, fields: { status } }).then(
      () => setFailure(null),
      (e: unknown) => setFailure(apiErrorText(e)),
    );
  return (
    <>
      {failure && (
        <Text c="red.9" role="alert" mb="sm">
          {failure}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, md: 5 }} spacing="sm" data-testid="action-board">
        {columns.map(({ status, cards }) => (
          <Paper key={status} withBorder p="xs" radius="md" component="section" aria-label={text.value('action', 'status', status)} bg="var(--mantine-color-default-hover)">
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h5">
                {text.value('action', 'status', status)}
              </Title>
              <Badge variant="filled" color={STATUS_COLOR[status]}>
                {new Intl.NumberFormat(i18n.language).format(cards.length)}
              </Badge>
            </Group>
            {cards.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('board.empty')}
              </Text>
            ) : (
              <VirtualList
                label={text.value('action', 'status', status)}
                items={cards}
                rowHeight={150}
                maxHeight="calc(100vh - 360px)"
                itemKey={(ap) => ap.id}
                render={(ap) => {
                  const title = text.title(ap.fields);
                  // The card's lines run in the title's direction, so a clamped title is cut at its own end.
                  const picked = shownText(ap.fields.title, i18n.language);
                  const meeting = typeof ap.fields.meetingId === 'string' ? props.meetingsById.get(ap.fields.meetingId) : undefined;
                  return (
                    <Paper withBorder p="xs" mb={6} radius="sm" data-testid="board-card">
                      <Stack gap={4}>
                        <UnstyledButton onClick={() => props.onOpen(ap)} dir={picked?.lang ? textDirection(picked.lang) : 'auto'} fz="sm" fw={600} c="blue.8" style={{ display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
                          {/* The number in the UI's direction, the title in its own: no reordering across them. */}
                          <bdi>{pointNumber(ap, i18n.language)}</bdi> <bdi dir="auto">{title}</bdi>
                        </UnstyledButton>
                        <Text size="xs" c="dimmed" dir="auto" truncate>
                          {[ownerName(ap.fields.owner, props.contactsById), meeting ? text.title(meeting.fields) : ''].filter(Boolean).join(' · ') || '—'}
                        </Text>
                        <Group justify="space-between" gap={4} wrap="wrap">
                          <Group gap={4} wrap="wrap">
                            <Text size="xs">{dates.day(ap.fields.dueDate as string)}</Text>
                            {isOverdue(ap, props.today) && (
                              <Badge size="xs" variant="filled" color="red.9">
                                {t('table.overdue')}
                              </Badge>
                            )}
                          </Group>
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <Button size="compact-xs" variant="default" leftSection={<IconArrowsExchange size={12} aria-hidden />} aria-label={t('board.moveOf', { title })}>
                                {t('board.move')}
                              </Button>
                            </Menu.Target>
                            <Menu.Dropdown>
                              {ACTION_POINT_STATUSES.filter((s) => s !== status).map((s) => (
                                <Menu.Item key={s} onClick={() => void move(ap, s)}>
                                  {text.value('action', 'status', s)}
                                </Menu.Item>
                              ))}
                            </Menu.Dropdown>
                          </Menu>
                        </Group>
                      </Stack>
                    </Paper>
                  );
                }}
              />
            )}
          </Paper>
        ))}
      </SimpleGrid>
    </>
  );
}
