// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AppInfo } from '../../shared/api/contract';
import type { RecordView } from '../../shared/records/codec';
import type { Settings } from '../../shared/settings';
import { resources } from '../../shared/i18n/resources';
import { AppStateProvider } from '../../renderer/src/api/state';
import { createRendererI18n } from '../../renderer/src/app/i18n';
import { StatementEditorPage } from '../../renderer/src/pages/statements/StatementEditorPage';
import { IndicatorForm } from '../../renderer/src/pages/naps/ItemForms';
import { NapContext } from '../../renderer/src/pages/naps/useNap';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// happy-dom has no FontFaceSet; Mantine's autosized textarea listens to it for fonts loading.
if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: new EventTarget() });

const view = (id: string, kind: RecordView['kind'], fields: RecordView['fields']): RecordView => ({
  id,
  kind,
  parentId: null,
  order: null,
  fields,
  deleted: false,
  created: { at: 0, by: 'me' },
  updated: { at: 0, by: 'me' },
  conflicts: [],
});

/**
 * An API over one record: an update is kept and announced as the core does (records.changed), and
 * answered when the test says so (`hold`) or at once.
 */
function fakeApi(record: RecordView) {
  const updates: Record<string, unknown>[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let current = record;
  const api = {
    on: (name: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    call: async (name: string, request: { id?: string; fields?: Record<string, unknown> }) => {
      switch (name) {
        case 'records.get':
          return { record: current, children: [] };
        case 'records.query':
          return { records: [] };
        case 'records.update':
          updates.push(request.fields ?? {});
          current = { ...current, fields: { ...current.fields, ...request.fields } as RecordView['fields'] };
          // The core announces its change a moment after answering.
          setTimeout(() => listeners.get('records.changed')?.forEach((l) => l({ kinds: [current.kind], ids: [current.id] })), 0);
          return { record: current };
        case 'conflicts.list':
          return [];
        case 'actions.summary':
          return { overdue: { count: 0, items: [] }, dueToday: 0 };
        default:
          return {};
      }
    },
  } as unknown as ApiClient;
  return { api, updates };
}

let root: Root | null = null;
let host: HTMLElement | null = null;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
  vi.useRealTimers();
});

function mount(api: ApiClient, ui: React.ReactNode) {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  const i18n = createRendererI18n('en', resources);
  act(() =>
    root!.render(
      <I18nextProvider i18n={i18n}>
        <MantineProvider>
          <AppStateProvider api={api} info={{} as AppInfo} settings={{} as Settings}>
            {ui}
          </AppStateProvider>
        </MantineProvider>
      </I18nextProvider>,
    ),
  );
}

function type(input: HTMLInputElement, text: string) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input) as object, 'value')!.set!;
  act(() => {
    input.focus();
    setter.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const byLabel = (label: string) => {
  const found = [...document.querySelectorAll('label')].find((l) => l.textContent?.replace('*', '').trim() === label);
  const input = found?.htmlFor ? document.getElementById(found.htmlFor) : null;
  if (!input) throw new Error(`no field labelled ${label}`);
  return input as HTMLInputElement;
};
const byAria = (label: string) => {
  const input = document.querySelector(`[aria-label="${label}"]`);
  if (!input) throw new Error(`no field named ${label}`);
  return input as HTMLInputElement;
};

const statement = view('0190a1b2-0000-7000-8000-000000000001', 'input', {
  title: { en: 'Statement on participation' },
  type: 'written_statement',
  status: 'drafting',
  author: 'Mission',
});

function openStatement(api: ApiClient) {
  const router = createMemoryRouter(
    [
      { path: '/statements/:id', element: <StatementEditorPage /> },
      { path: '/statements', element: <p>All statements</p> },
    ],
    { initialEntries: ['/statements', `/statements/${statement.id}`], initialIndex: 1 },
  );
  mount(api, <RouterProvider router={router} />);
  return router;
}

describe('a record form (useRecordForm)', () => {
  it('leaving a second after typing saves what was typed and leaves, without asking', async () => {
    const { api, updates } = fakeApi(statement);
    const router = openStatement(api);
    await vi.waitFor(() => byLabel('Author'));
    type(byLabel('Author'), 'Permanent Mission');
    await vi.waitFor(() => expect(document.body.textContent).toContain('Unsaved changes'));
    await act(async () => {
      await router.navigate('/statements');
    });
    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/statements'));
    expect(document.body.textContent).not.toContain('Leave without saving');
    expect(updates).toEqual([{ author: 'Permanent Mission' }]);
  });

  it('asks before leaving when what was typed is refused', async () => {
    const { api, updates } = fakeApi(statement);
    const router = openStatement(api);
    await vi.waitFor(() => byLabel('Target word count'));
    type(byLabel('Target word count'), '0');
    await vi.waitFor(() => expect(document.body.textContent).toContain('Unsaved changes'));
    await act(async () => {
      void router.navigate('/statements');
      await Promise.resolve();
    });
    await vi.waitFor(() => expect(document.body.textContent).toContain('Leave without saving'));
    expect(router.state.location.pathname).toBe(`/statements/${statement.id}`);
    expect(updates).toEqual([]);
  });

  it('Ctrl+S in a field saves it and the focus stays in the field', async () => {
    const { api, updates } = fakeApi(statement);
    openStatement(api);
    await vi.waitFor(() => byLabel('Author'));
    const author = byLabel('Author');
    type(author, 'Permanent Mission');
    await vi.waitFor(() => expect(document.body.textContent).toContain('Unsaved changes'));
    await act(async () => {
      author.dispatchEvent(new KeyboardEvent('keydown', { key: 's', code: 'KeyS', ctrlKey: true, bubbles: true }));
    });
    // Saved at once, well before the autosave's moment (800 ms after typing).
    await vi.waitFor(() => expect(updates).toEqual([{ author: 'Permanent Mission' }]), { timeout: 300 });
    // The core's announcement of the change has come and gone.
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(document.activeElement).toBe(byLabel('Author'));
  });

  it('an empty measurement row just added shows no error and blocks no save; left empty, it is said', async () => {
    const nap = view('0190a1b2-0000-7000-8000-0000000000aa', 'nap', { title: { en: 'Plan' } });
    const indicator = view('0190a1b2-0000-7000-8000-0000000000bb', 'nap.indicator', { name: { en: 'Women in police' }, unit: '%' });
    const { api, updates } = fakeApi(indicator);
    const plan = (
      <NapContext.Provider value={{ nap, children: [indicator], reload: async () => undefined, remove: async () => undefined }}>
        <IndicatorForm record={indicator} />
      </NapContext.Provider>
    );
    mount(api, <RouterProvider router={createMemoryRouter([{ path: '/', element: plan }])} />);
    const add = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Add a measurement'))!;
    act(() => add.click());
    type(byLabel('Unit'), 'percent');
    await vi.waitFor(() => expect(updates).toEqual([{ unit: 'percent', measurements: [] }]), { timeout: 3000 });
    expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
    // The person goes into the row and leaves it empty: now it is incomplete.
    const date = byAria('Date of measurement 1');
    act(() => date.focus());
    await act(async () => {
      date.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: byLabel('Unit') }));
    });
    await vi.waitFor(() => expect(document.querySelectorAll('[aria-invalid="true"]').length).toBeGreaterThan(0));
  });
});
