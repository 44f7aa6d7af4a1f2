import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon } from '@mantine/core';
import { IconGripVertical } from '@tabler/icons-react';
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const HandleContext = createContext<{ attributes: object; listeners: object | undefined; activator(el: HTMLElement | null): void } | null>(null);

/**
 * A list reordered by dragging a handle with the mouse or, from the keyboard, Space on the handle,
 * the arrow keys, Space again (Escape cancels); screen readers are told each step in the UI language.
 */
export function SortableList(props: { ids: string[]; label(id: string): string; onMove(id: string, index: number): void; children: ReactNode }) {
  const { t } = useTranslation('naps');
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const position = (id: unknown) => props.ids.indexOf(String(id)) + 1;
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    props.onMove(String(active.id), props.ids.indexOf(String(over.id)));
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: t('outline.dragInstructions') },
        announcements: {
          onDragStart: ({ active }) => t('outline.dragStart', { title: props.label(String(active.id)), position: position(active.id), total: props.ids.length }),
          onDragOver: ({ active, over }) => (over ? t('outline.dragOver', { title: props.label(String(active.id)), position: position(over.id), total: props.ids.length }) : undefined),
          onDragEnd: ({ active, over }) => (over ? t('outline.dragEnd', { title: props.label(String(active.id)), position: position(over.id), total: props.ids.length }) : undefined),
          onDragCancel: ({ active }) => t('outline.dragCancel', { title: props.label(String(active.id)) }),
        },
      }}
    >
      <SortableContext items={props.ids} strategy={verticalListSortingStrategy}>
        {props.children}
      </SortableContext>
    </DndContext>
  );
}

/** One item of a SortableList; its DragHandle is what is dragged. */
export function SortableItem(props: { id: string; children: ReactNode; className?: string }) {
  const { t } = useTranslation('naps');
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: props.id,
    attributes: { roleDescription: t('outline.sortable') },
  });
  return (
    <HandleContext.Provider value={{ attributes, listeners, activator: setActivatorNodeRef }}>
      <li
        ref={setNodeRef}
        className={props.className}
        style={{ transform: CSS.Translate.toString(transform), transition, opacity: isDragging ? 0.6 : undefined, zIndex: isDragging ? 2 : undefined, position: 'relative' }}
      >
        {props.children}
      </li>
    </HandleContext.Provider>
  );
}

export function DragHandle(props: { label: string }) {
  const handle = useContext(HandleContext);
  if (!handle) return null;
  const { activator, attributes, listeners } = handle;
  return (
    <ActionIcon ref={activator} variant="subtle" color="gray.7" aria-label={props.label} title={props.label} className="nap-handle" {...attributes} {...listeners}>
      <IconGripVertical size={16} aria-hidden />
    </ActionIcon>
  );
}
