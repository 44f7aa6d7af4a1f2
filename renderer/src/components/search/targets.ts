import type { SearchHit } from '../../../../shared/search/api';

/**
 * Where a search result opens: the record's own screen, or the screen it lives on, at the item
 * (a NAP's objective in the plan's outline, a consultation in its tab, an action point's panel).
 */
export function searchTarget(hit: Pick<SearchHit, 'id' | 'kind' | 'parent'>): string {
  const item = (napId: string, tab?: string) => {
    const params = new URLSearchParams(tab ? { tab, item: hit.id } : { item: hit.id });
    return `/naps/${napId}?${params.toString()}`;
  };
  const napId = hit.parent?.kind === 'nap' ? hit.parent.id : null;
  switch (hit.kind) {
    case 'nap':
      return `/naps/${hit.id}`;
    case 'nap.objective':
    case 'nap.action':
    case 'nap.indicator':
      return napId ? item(napId) : '/naps';
    case 'nap.consultation':
      return napId ? item(napId, 'consultation') : '/naps';
    case 'nap.snapshot':
      return napId ? item(napId, 'versions') : '/naps';
    case 'meeting':
      return `/meetings/${hit.id}`;
    case 'action':
      return `/actions?${new URLSearchParams({ open: hit.id }).toString()}`;
    case 'contact':
      return `/contacts/${hit.id}`;
    case 'input':
      return `/statements/${hit.id}`;
  }
}
