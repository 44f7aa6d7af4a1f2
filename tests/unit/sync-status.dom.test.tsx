// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AppInfo } from '../../shared/api/contract';
import { ApiCallError } from '../../shared/api/errors';
import type { Settings } from '../../shared/settings';
import type { SyncStatus } from '../../shared/team/format';
import { useSyncStatus, type SyncStatusState } from '../../renderer/src/hooks/useSyncStatus';
import { AppStateProvider } from '../../renderer/src/api/state';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const status = (patch: Partial<SyncStatus>): SyncStatus => ({
  folder: null,
  encrypted: false,
  state: 'off',
  lastSync: null,
  lastChange: null,
  members: [],
  problems: [],
  ...patch,
});

/** An API whose sync.status answers when the test says so, and whose sync.status event the test fires. */
function fakeApi() {
  const asked: { resolve(value: SyncStatus): void; reject(error: unknown): void }[] = [];
  const listeners = new Set<(payload: SyncStatus) => void>();
  const api = {
    on: (name: string, listener: (payload: SyncStatus) => void) => {
      if (name !== 'sync.status') return () => undefined;
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    call: (name: string) => {
      if (name === 'sync.status') return new Promise((resolve, reject) => asked.push({ resolve, reject }));
      if (name === 'conflicts.list') return Promise.resolve([]);
      return Promise.resolve({ overdue: { count: 0, items: [] }, dueToday: 0 });
    },
  } as unknown as ApiClient;
  const emit = (payload: SyncStatus) => act(() => listeners.forEach((listener) => listener(payload)));
  return { api, asked, emit, listeners };
}

describe('the team folder status in the renderer (useSyncStatus)', () => {
  let root: Root | null = null;
  afterEach(() => {
    act(() => root?.unmount());
    root = null;
  });

  function render() {
    const fake = fakeApi();
    let now: SyncStatusState | null = null;
    function Probe() {
      now = useSyncStatus();
      return null;
    }
    root = createRoot(document.createElement('div'));
    act(() =>
      root!.render(
        <AppStateProvider api={fake.api} info={{} as AppInfo} settings={{} as Settings}>
          <Probe />
        </AppStateProvider>,
      ),
    );
    return { ...fake, current: () => now! };
  }

  it('reads the status once, then follows the sync.status event', async () => {
    const { asked, emit, current } = render();
    expect(current().status).toBeNull();
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    await act(async () => asked[0]!.resolve(status({})));
    expect(current().status?.state).toBe('off');
    emit(status({ folder: '/team', state: 'syncing' }));
    expect(current().status).toMatchObject({ folder: '/team', state: 'syncing' });
  });

  it('drops an answer that arrives after a newer status came by event', async () => {
    const { asked, emit, current } = render();
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    emit(status({ folder: '/team', state: 'idle' }));
    await act(async () => asked[0]!.resolve(status({})));
    expect(current().status).toMatchObject({ folder: '/team', state: 'idle' });
  });

  it('keeps the failure until asked again, and an operation’s answer shows at once', async () => {
    const { asked, current } = render();
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    await act(async () => asked[0]!.reject(new ApiCallError({ code: 'unavailable', message: 'down' })));
    expect(current().status).toBeNull();
    expect(current().error).toBeInstanceOf(ApiCallError);
    act(() => current().reload());
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    await act(async () => asked[1]!.resolve(status({})));
    expect(current()).toMatchObject({ error: null, status: { state: 'off' } });
    act(() => current().accept(status({ folder: '/team', state: 'idle' })));
    expect(current().status?.folder).toBe('/team');
  });

  it('stops listening when the section goes away', async () => {
    const { listeners } = render();
    expect(listeners.size).toBe(1);
    act(() => root?.unmount());
    root = null;
    expect(listeners.size).toBe(0);
  });
});
