import { useEffect, useRef } from 'react';
import { useLocation, useSearchParams } from 'react-router';

/**
 * `?item=ID` on a plan's address: the item a link (a search result) points at. `linkKey` changes
 * with every link followed, even a second one to the same item.
 */
export function useLinkedItem(): { item: string | null; linkKey: string } {
  const [params] = useSearchParams();
  const { key } = useLocation();
  return { item: params.get('item'), linkKey: key };
}

/**
 * Once per link, when the item is on screen (`ready`): scrolls it into the middle of the view and
 * puts the focus on it (its first button, or the element itself), so the keyboard starts there.
 */
export function useRevealItem(item: string | null, linkKey: string, ready: boolean): void {
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!item || !ready || revealed.current === linkKey) return;
    const element = document.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(item)}"]`);
    if (!element) return;
    revealed.current = linkKey;
    const target = element.matches('button') ? element : (element.querySelector<HTMLElement>('button') ?? element);
    target.focus({ preventScroll: true });
    element.scrollIntoView({ block: 'center' });
  }, [item, linkKey, ready]);
}
