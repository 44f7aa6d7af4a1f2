import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

/**
 * A long list that renders only the rows in view (plus a few), so 10,000 rows scroll as smoothly
 * as 10. Rows stay a real list for screen readers (position and size announced).
 */
export function VirtualList<T>(props: {
  items: readonly T[];
  rowHeight: number;
  render(item: T, index: number): ReactNode;
  itemKey(item: T): string;
  label: string;
  maxHeight?: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => props.rowHeight,
    overscan: 8,
    getItemKey: (i) => props.itemKey(props.items[i]!),
  });
  const rows = virtualizer.getVirtualItems();
  return (
    <div ref={scroller} className="virtual-scroller" style={{ maxBlockSize: props.maxHeight ?? 'calc(100vh - 300px)', overflowY: 'auto' }}>
      <ul aria-label={props.label} className="virtual-list" style={{ blockSize: virtualizer.getTotalSize(), position: 'relative', margin: 0, padding: 0, listStyle: 'none' }}>
        {rows.map((row) => (
          <li
            key={row.key}
            data-index={row.index}
            ref={virtualizer.measureElement}
            aria-setsize={props.items.length}
            aria-posinset={row.index + 1}
            style={{ position: 'absolute', insetBlockStart: 0, insetInlineStart: 0, inlineSize: '100%', transform: `translateY(${row.start}px)` }}
          >
            {props.render(props.items[row.index]!, row.index)}
          </li>
        ))}
      </ul>
    </div>
  );
}
