import { Anchor, Badge, Checkbox, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { headingLabel, itemLabel } from '../../../../shared/meetings/numbering';
import { isOverdue, type ActionPointSortKey } from '../../../../shared/records/action-points';
import type { RecordView } from '../../../../shared/records/codec';
import { useRecordText } from '../../text/records-text';
import type { Sort } from './ActionsPage';
import { useDates } from '../../hooks/useDates';
import { PRIORITY_COLOR, STATUS_COLOR } from '../../components/labels';
import { ownerName } from './OwnerInput';

const ROW = 58;

/** The number a chair's summary gives the point: (b)(iii). */
export function pointNumber(ap: RecordView, language: string): string {
  const heading = typeof ap.fields.heading === 'string' ? headingLabel(ap.fields.heading, language) : '';
  const n = typeof ap.fields.number === 'number' ? itemLabel(ap.fields.number, language) : '';
  return heading + n;
}

/**
 * The action points as a table whose body renders only the rows in view: a spacer row above and
 * below keeps the scroll height, so the table stays a real table (headers, row checkboxes).
 */
export function ActionTable(props: {
  rows: readonly RecordView[];
  sort: Sort;
  onSort(sort: Sort): void;
  selected: ReadonlySet<string>;
  onSelect(next: ReadonlySet<string>): void;
  contactsById: ReadonlyMap<string, RecordView>;
  meetingsById: ReadonlyMap<string, RecordView>;
  today: string;
  onOpen(ap: RecordView): void;
}) {
  const { t } = useTranslation('meetings');
  const text = useRecordText();
  // One date formatter for the table (making one per row costs more than the row).
  const dates = useDates();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 10,
    getItemKey: (i) => props.rows[i]!.id,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  // Toggling reads the latest selection through a ref, so the rows' callback never changes.
  const selection = useRef({ selected: props.selected, onSelect: props.onSelect });
  useEffect(() => {
    selection.current = { selected: props.selected, onSelect: props.onSelect };
  });
  const toggle = useCallback((id: string) => {
    const next = new Set(selection.current.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    selection.current.onSelect(next);
  }, []);
  const allSelected = props.rows.length > 0 && props.rows.every((r) => props.selected.has(r.id));
  const someSelected = !allSelected && props.rows.some((r) => props.selected.has(r.id));

  return (
    <div
      ref={scroller}
      style={{ maxBlockSize: 'calc(100vh - 380px)', minBlockSize: 240, overflow: 'auto' }}
      data-testid="action-table"
    >
      <Table
        stickyHeader
        highlightOnHover
        verticalSpacing={6}
        aria-rowcount={props.rows.length + 1}
        style={{ tableLayout: 'fixed', minInlineSize: 1180 }}
      >
        <Table.Thead>
          <Table.Tr aria-rowindex={1}>
            <Table.Th w={44}>
              <Checkbox
                aria-label={t('table.selectAll')}
                checked={allSelected}
                indeterminate={someSelected}
                onChange={() =>
                  props.onSelect(allSelected ? new Set() : new Set(props.rows.map((r) => r.id)))
                }
              />
            </Table.Th>
            <Table.Th w={76}>{t('table.number')}</Table.Th>
            <SortHeader by="title" label={text.field('title')} sort={props.sort} onSort={props.onSort} />
            <Table.Th w={180}>{text.field('owner')}</Table.Th>
            <SortHeader
              w={140}
              by="dueDate"
              label={text.field('dueDate')}
              sort={props.sort}
              onSort={props.onSort}
            />
            <SortHeader
              w={130}
              by="status"
              label={text.field('status')}
              sort={props.sort}
              onSort={props.onSort}
            />
            <SortHeader
              w={110}
              by="priority"
              label={text.field('priority')}
              sort={props.sort}
              onSort={props.onSort}
            />
            <Table.Th w={200}>{text.field('meetingId')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {before > 0 && (
            <tr aria-hidden style={{ blockSize: before }}>
              <td colSpan={8} />
            </tr>
          )}
          {items.map((item) => {
            const ap = props.rows[item.index]!;
            return (
              <Row
                key={ap.id}
                ap={ap}
                index={item.index}
                selected={props.selected.has(ap.id)}
                onToggle={toggle}
                contactsById={props.contactsById}
                meetingsById={props.meetingsById}
                today={props.today}
                onOpen={props.onOpen}
                formatDay={dates.day}
              />
            );
          })}
          {after > 0 && (
            <tr aria-hidden style={{ blockSize: after }}>
              <td colSpan={8} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** One row; unchanged rows are not rendered again while the table scrolls. */
const Row = memo(function Row({
  ap,
  index,
  selected,
  onToggle,
  contactsById,
  meetingsById,
  today,
  onOpen,
  formatDay,
}: {
  formatDay(day: string | null | undefined): string;
  ap: RecordView;
  index: number;
  selected: boolean;
  onToggle(id: string): void;
  contactsById: ReadonlyMap<string, RecordView>;
  meetingsById: ReadonlyMap<string, RecordView>;
  today: string;
  onOpen(ap: RecordView): void;
}) {
  const { t, i18n } = useTranslation('meetings');
  const text = useRecordText();
  const status = (ap.fields.status as keyof typeof STATUS_COLOR) ?? 'open';
  const priority = (ap.fields.priority as keyof typeof PRIORITY_COLOR) ?? 'normal';
  const meeting = typeof ap.fields.meetingId === 'string' ? meetingsById.get(ap.fields.meetingId) : undefined;
  const title = text.title(ap.fields);
  const overdue = isOverdue(ap, today);
  const owner = ownerName(ap.fields.owner, contactsById);
  return (
    <Table.Tr aria-rowindex={index + 2} style={{ blockSize: ROW }} data-testid="action-row">
      <Table.Td>
        <Checkbox
          aria-label={t('table.select', { title })}
          checked={selected}
          onChange={() => onToggle(ap.id)}
        />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{pointNumber(ap, i18n.language) || '—'}</Text>
      </Table.Td>
      <Table.Td>
        <UnstyledButton
          onClick={() => onOpen(ap)}
          dir="auto"
          className="cell-button"
          fz="sm"
          fw={500}
          c="blue.8"
          style={{
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
            maxInlineSize: '100%',
          }}
        >
          {title}
        </UnstyledButton>
      </Table.Td>
      <Table.Td>
        <Text size="sm" dir="auto" truncate>
          {owner || '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDay(ap.fields.dueDate as string)}</Text>
        {overdue && (
          <Badge size="xs" variant="filled" color="red.9">
            {t('table.overdue')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="filled" color={STATUS_COLOR[status]}>
          {text.value('action', 'status', status)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Badge variant="outline" color={PRIORITY_COLOR[priority]}>
          {text.value('action', 'priority', priority)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {meeting ? (
          <Anchor
            component={Link}
            to={`/meetings/${meeting.id}`}
            size="sm"
            dir="auto"
            truncate
            display="block"
          >
            {text.title(meeting.fields)}
          </Anchor>
        ) : (
          '—'
        )}
      </Table.Td>
    </Table.Tr>
  );
});

/** A column header that sorts by its column; the cell says how it is sorted (aria-sort). */
function SortHeader(props: {
  by: ActionPointSortKey;
  label: string;
  sort: Sort;
  onSort(sort: Sort): void;
  w?: number;
}) {
  const active = props.sort.by === props.by;
  const Icon = !active ? IconArrowsSort : props.sort.direction === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th
      w={props.w}
      p={0}
      aria-sort={active ? (props.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton
        onClick={() =>
          props.onSort({ by: props.by, direction: active && props.sort.direction === 'asc' ? 'desc' : 'asc' })
        }
        fw={700}
        fz="sm"
        px="sm"
        py={8}
      >
        <Group gap={4} wrap="nowrap">
          {props.label}
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
