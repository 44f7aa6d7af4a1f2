import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { TFunction } from 'i18next';
import type { Page } from '../../shared/api/contract.js';

export interface MenuActions {
  navigate(page: Page): void;
  about(): void;
}

const GO = [
  { page: 'dashboard', key: 'menu:go.dashboard' },
  { page: 'naps', key: 'menu:go.naps' },
  { page: 'meetings', key: 'menu:go.meetings' },
  { page: 'actions', key: 'menu:go.actions' },
  { page: 'statements', key: 'menu:go.statements' },
  { page: 'contacts', key: 'menu:go.contacts' },
  { page: 'bundles', key: 'menu:go.bundles' },
  { page: 'conflicts', key: 'menu:go.conflicts' },
  { page: 'settings', key: 'menu:go.settings' },
] as const satisfies readonly { page: Page; key: string }[];

/** The native menu, in the UI language; rebuilt whenever the language changes. */
export type MenuT = TFunction<readonly ['menu', 'common']>;

export function menuTemplate(t: MenuT, actions: MenuActions, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const appMenu: MenuItemConstructorOptions = {
    label: t('common:app.name'),
    submenu: [
      { label: t('menu:app.about'), click: () => actions.about() },
      { type: 'separator' },
      { label: t('menu:app.settings'), accelerator: 'CmdOrCtrl+,', click: () => actions.navigate('settings') },
      { type: 'separator' },
      { role: 'hide', label: t('menu:app.hide') },
      { role: 'hideOthers', label: t('menu:app.hideOthers') },
      { role: 'unhide', label: t('menu:app.showAll') },
      { type: 'separator' },
      { role: 'quit', label: t('menu:app.quit') },
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    label: t('menu:file.title'),
    submenu: [
      ...(mac ? [] : [{ label: t('menu:app.settings'), accelerator: 'CmdOrCtrl+,', click: () => actions.navigate('settings') } satisfies MenuItemConstructorOptions, { type: 'separator' } satisfies MenuItemConstructorOptions]),
      mac ? { role: 'close', label: t('menu:file.close') } : { role: 'quit', label: t('menu:app.quit') },
    ],
  };
  const editMenu: MenuItemConstructorOptions = {
    label: t('menu:edit.title'),
    submenu: [
      { role: 'undo', label: t('menu:edit.undo') },
      { role: 'redo', label: t('menu:edit.redo') },
      { type: 'separator' },
      { role: 'cut', label: t('menu:edit.cut') },
      { role: 'copy', label: t('menu:edit.copy') },
      { role: 'paste', label: t('menu:edit.paste') },
      { role: 'selectAll', label: t('menu:edit.selectAll') },
    ],
  };
  const viewMenu: MenuItemConstructorOptions = {
    label: t('menu:view.title'),
    submenu: [
      { role: 'resetZoom', label: t('menu:view.resetZoom') },
      { role: 'zoomIn', label: t('menu:view.zoomIn') },
      { role: 'zoomOut', label: t('menu:view.zoomOut') },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t('menu:view.fullScreen') },
    ],
  };
  const goMenu: MenuItemConstructorOptions = {
    label: t('menu:go.title'),
    submenu: GO.map(({ page, key }, index) => ({
      label: t(key),
      accelerator: `CmdOrCtrl+${index + 1}`,
      click: () => actions.navigate(page),
    })),
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: t('menu:window.title'),
    submenu: [
      { role: 'minimize', label: t('menu:window.minimize') },
      { role: 'zoom', label: t('menu:window.zoom') },
    ],
  };
  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: t('menu:help.title'),
    submenu: [{ label: t('menu:app.about'), click: () => actions.about() }],
  };
  return [...(mac ? [appMenu] : [fileMenu]), editMenu, viewMenu, goMenu, windowMenu, helpMenu];
}

export function applyMenu(t: MenuT, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(t, actions, process.platform)));
}
