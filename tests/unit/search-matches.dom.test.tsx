// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AppInfo } from '../../shared/api/contract';
import type { Settings } from '../../shared/settings';
import { useSearchMatches, type SearchMatches } from '../../renderer/src/hooks/useSearchMatches';
import { AppStateProvider } from '../../renderer/src/api/state';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface Asked {
  text: string;
  resolve(ids: string[]): void;
  reject(error: unknown): void;
}

/** An API whose search.match answers only when the test says so (in any order). */
function fakeApi() {
  const asked: Asked[] = [];
  const api = {
    on: () => () => undefined,
    call: (name: string, request: { text?: string }) => {
      if (name === 'search.match') {
        return new Promise((resolve, reject) => asked.push({ text: request.text!, resolve: (ids) => resolve({ ids }), reject }));
      }
      if (name === 'conflicts.list') return Promise.resolve([]);
      return Promise.resolve({ overdue: { count: 0, items: [] }, dueToday: 0 });
    },
  } as unknown as ApiClient;
  return { api, asked };
}

describe('a list search box asking the search index (useSearchMatches)', () => {
  let root: Root | null = null;
  afterEach(() => {
    act(() => root?.unmount());
    root = null;
  });

  function render() {
    const { api, asked } = fakeApi();
    let now: SearchMatches | null = null;
    function Probe(props: { text: string; data: unknown }) {
      now = useSearchMatches('nap', props.text, props.data);
      return null;
    }
    root = createRoot(document.createElement('div'));
    const show = (text: string, data: unknown) =>
      act(() =>
        root!.render(
          <AppStateProvider api={api} info={{} as AppInfo} settings={{} as Settings}>
            <Probe text={text} data={data} />
          </AppStateProvider>,
        ),
      );
    const answer = async (i: number, ids: string[]) => act(async () => asked[i]!.resolve(ids));
    return { asked, show, answer, current: () => now! };
  }

  it('filters nothing while empty, asks at once, and keeps the last answer until the next one', async () => {
    const { asked, show, answer, current } = render();
    const data = [{}];
    show('  ', data);
    expect(current().ids).toBeNull();
    show('police', data);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]!.text).toBe('police');
    // Awaited: the whole list still shows, not "no results".
    expect(current()).toMatchObject({ ids: null, pending: true });
    await answer(0, ['nap-1']);
    expect(current()).toMatchObject({ ids: new Set(['nap-1']), pending: false, error: null });

    show('police women', data);
    expect(current()).toMatchObject({ ids: new Set(['nap-1']), pending: true });
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    await answer(1, []);
    expect(current().ids).toEqual(new Set());

    show('', data);
    expect(current().ids).toBeNull();
  });

  it('while the core answers, asks only the latest text next, and drops the answer to older text', async () => {
    const { asked, show, answer, current } = render();
    const data = [{}];
    show('p', data);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    // Keystrokes are separate tasks: each one's question would be sent if nothing held it back.
    for (const typed of ['po', 'pol', 'police']) {
      show(typed, data);
      await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    }
    await answer(0, ['nap-1', 'nap-2']);
    await vi.waitFor(() => expect(asked.map((a) => a.text)).toEqual(['p', 'police']));
    // "p" was answered after "police" was typed: not applied (the list stays whole meanwhile).
    expect(current()).toMatchObject({ ids: null, pending: true });
    await answer(1, ['nap-2']);
    expect(current()).toMatchObject({ ids: new Set(['nap-2']), pending: false });
  });

  it('asks again when the list reloads, so an edit made elsewhere is found', async () => {
    const { asked, show, answer, current } = render();
    show('police', [{}]);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    await answer(0, ['nap-1']);
    show('police', [{}, {}]);
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1]!.text).toBe('police');
    await answer(1, ['nap-1', 'nap-2']);
    expect(current().ids).toEqual(new Set(['nap-1', 'nap-2']));
  });

  it('says when the search failed, and asks again on retry', async () => {
    const { asked, show, answer, current } = render();
    const data = [{}];
    show('police', data);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    const failure = new Error('index unavailable');
    await act(async () => asked[0]!.reject(failure));
    expect(current().error).toBe(failure);
    act(() => current().retry());
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    await answer(1, ['nap-1']);
    expect(current()).toMatchObject({ ids: new Set(['nap-1']), error: null });
  });
});
