// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AppInfo } from '../../shared/api/contract';
import type { Settings } from '../../shared/settings';
import { createRendererI18n } from '../../renderer/src/app/i18n';
import { resources } from '../../shared/i18n/resources';
import { AppStateProvider } from '../../renderer/src/api/state';
import { TeamFolderSetup } from '../../renderer/src/pages/settings/TeamFolderSetup';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('choosing the team folder', () => {
  let root: Root | null = null;
  afterEach(() => {
    act(() => root?.unmount());
    root = null;
  });

  function render(host: AppInfo['host']) {
    const calls: string[] = [];
    const api = {
      on: () => () => undefined,
      call: (name: string) => {
        calls.push(name);
        if (name === 'sync.chooseFolder') return Promise.resolve({ folder: 'C:\\Users\\amina\\OneDrive\\WPS team' });
        if (name === 'conflicts.list') return Promise.resolve([]);
        return Promise.resolve({ overdue: { count: 0, items: [] }, dueToday: 0 });
      },
    } as unknown as ApiClient;
    const element = document.createElement('div');
    document.body.append(element);
    root = createRoot(element);
    act(() =>
      root!.render(
        <I18nextProvider i18n={createRendererI18n('en', resources)}>
          <MantineProvider>
            <AppStateProvider api={api} info={{ host } as AppInfo} settings={{} as Settings}>
              <TeamFolderSetup onConfigured={() => undefined} />
            </AppStateProvider>
          </MantineProvider>
        </I18nextProvider>,
      ),
    );
    return { element, calls };
  }

  const chooseButton = (element: HTMLElement) => [...element.querySelectorAll('button')].find((b) => b.textContent === 'Choose…');

  it('in the desktop app, the system picker fills in the folder', async () => {
    const { element, calls } = render('electron');
    const button = chooseButton(element);
    expect(button).toBeDefined();
    await act(async () => button!.click());
    expect(calls).toContain('sync.chooseFolder');
    const input = element.querySelector<HTMLInputElement>('input.path, .path input')!;
    await vi.waitFor(() => expect(input.value).toBe('C:\\Users\\amina\\OneDrive\\WPS team'));
  });

  it('in the browser, where a page cannot learn a path, there is no picker and the hint says to paste it', () => {
    const { element } = render('browser');
    expect(chooseButton(element)).toBeUndefined();
    expect(element.textContent).toContain('paste it here');
  });
});
