import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Group, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconGripVertical, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import { compareOrder, planPlacement } from '../../../../shared/sync/order';

export interface AgendaItem {
  id: string;
  order: string;
  text: string;
}

/**
 * This window's tag for the order keys it makes: random, so two people who add or move agenda
 * items at the same time never make the same key (the agenda merges item by item).
 */
const SESSION_TAG = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The agenda with `item` put at `index` (among the other items, in order): only the item's key
 * changes, and the keys of items in the way when two of them share a key.
 */
function placeAt(items: readonly AgendaItem[], item: AgendaItem, index: number): AgendaItem[] {
  const others = items.filter((it) => it.id !== item.id);
  const { key, rekeys } = planPlacement(others, index, SESSION_TAG);
  const moved = new Map(rekeys.map((r) => [r.id, r.order!]));
  const next = others.map((it) => (moved.has(it.id) ? { ...it, order: moved.get(it.id)! } : it));
  next.splice(Math.min(index, next.length), 0, { ...item, order: key });
  return next;
}

/** A row that can be dragged by its handle (mouse, or Space and the arrow keys on the handle). */
function SortableRow(props: { id: string; handleLabel: string; children: ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: props.id });
  return (
    <li
      ref={setNodeRef}
      style={{
        marginBlockEnd: 6,
        transform: CSS.Transform.toString(transform),
        transition,
        opacity: isDragging ? 0.7 : 1,
      }}
    >
      <Group gap="xs" wrap="nowrap">
        <ActionIcon
          ref={setActivatorNodeRef}
          variant="subtle"
          color="gray.7"
          size="lg"
          {...attributes}
          {...listeners}
          aria-label={props.handleLabel}
          style={{ cursor: 'grab' }}
        >
          <IconGripVertical size={16} aria-hidden />
        </ActionIcon>
        {props.children}
      </Group>
    </li>
  );
}

/**
 * The agenda, in order. Items are dragged by their handle, or moved with the arrow buttons or
 * Alt+↑ / Alt+↓ in the item's field
 * (focus follows the item); Enter in the last field adds the next item.
 */
export function AgendaField(props: {
  value: readonly AgendaItem[];
  onChange(next: AgendaItem[]): void;
  label: string;
}) {
  const { t, i18n } = useTranslation('meetings');
  const items = [...props.value].sort(compareOrder);
  const [draft, setDraft] = useState('');
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const [announce, setAnnounce] = useState('');
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const position = (id: unknown) => items.findIndex((it) => it.id === id) + 1;
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const item = items.find((it) => it.id === active.id);
    const to = items.findIndex((it) => it.id === over.id);
    if (!item || to < 0) return;
    props.onChange(placeAt(items, item, to));
  };
  const move = (index: number, by: -1 | 1) => {
    const to = index + by;
    if (to < 0 || to >= items.length) return;
    const item = items[index]!;
    props.onChange(placeAt(items, item, to));
    setAnnounce(t('agenda.moved', { position: to + 1, total: items.length }));
    requestAnimationFrame(() => inputs.current.get(item.id)?.focus());
  };
  const add = () => {
    const value = draft.trim();
    if (!value) return;
    props.onChange(placeAt(items, { id: uuidv7(), order: '', text: value }, items.length));
    setDraft('');
  };
  return (
    <Stack gap="xs">
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{
          screenReaderInstructions: { draggable: t('agenda.dragHelp') },
          announcements: {
            onDragStart: ({ active }) => t('agenda.picked', { number: position(active.id) }),
            onDragOver: ({ over }) =>
              over ? t('agenda.over', { position: position(over.id), total: items.length }) : '',
            onDragEnd: ({ over }) =>
              over
                ? t('agenda.dropped', { position: position(over.id), total: items.length })
                : t('agenda.cancelled'),
            onDragCancel: () => t('agenda.cancelled'),
          },
        }}
      >
        <SortableContext items={items.map((it) => it.id)} strategy={verticalListSortingStrategy}>
          <ol className="agenda-list" style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }}>
            {items.map((item, index) => (
              <SortableRow key={item.id} id={item.id} handleLabel={t('agenda.drag', { number: index + 1 })}>
                <Text w={28} ta="end" fw={600} aria-hidden>
                  {new Intl.NumberFormat(i18n.language).format(index + 1)}.
                </Text>
                <TextInput
                  style={{ flex: 1 }}
                  aria-label={t('agenda.item', { number: index + 1 })}
                  value={item.text}
                  dir="auto"
                  ref={(el) => {
                    if (el) inputs.current.set(item.id, el);
                    else inputs.current.delete(item.id);
                  }}
                  onChange={(e) =>
                    props.onChange(
                      items.map((it) => (it.id === item.id ? { ...it, text: e.currentTarget.value } : it)),
                    )
                  }
                  onKeyDown={(e) => {
                    if (e.altKey && e.key === 'ArrowUp') {
                      e.preventDefault();
                      move(index, -1);
                    } else if (e.altKey && e.key === 'ArrowDown') {
                      e.preventDefault();
                      move(index, 1);
                    }
                  }}
                />
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t('agenda.up', { number: index + 1 })}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  <IconArrowUp size={16} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t('agenda.down', { number: index + 1 })}
                  disabled={index === items.length - 1}
                  onClick={() => move(index, 1)}
                >
                  <IconArrowDown size={16} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  size="lg"
                  aria-label={t('agenda.remove', { number: index + 1 })}
                  onClick={() => props.onChange(items.filter((it) => it.id !== item.id))}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </SortableRow>
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      <TextInput
        label={t('agenda.add')}
        description={t('agenda.hint')}
        value={draft}
        dir="auto"
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
            e.preventDefault();
            add();
          }
        }}
      />
      <VisuallyHidden role="status" aria-live="polite">
        {announce}
      </VisuallyHidden>
    </Stack>
  );
}
