import { Kbd, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useCallback, useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SearchDialog } from './SearchDialog';

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * Whether a key press is the search shortcut: ⌘K on a Mac (where Ctrl+K deletes to the end of
 * the line in a text field), Ctrl+K elsewhere. K as the layout types it ("k" on Dvorak), or the K
 * key itself on a layout that types no Latin letter there (Russian л, Arabic ن).
 */
export function isSearchShortcut(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, mac: boolean): boolean {
  if (event.altKey || event.shiftKey || (mac ? !event.metaKey || event.ctrlKey : !event.ctrlKey || event.metaKey)) return false;
  const key = event.key.toLowerCase();
  return key === 'k' || (event.code === 'KeyK' && !/^[a-z]$/.test(key));
}

/**
 * The search box in the header: a button that opens the search dialog, and Ctrl+K (⌘K on a Mac)
 * that opens it from anywhere, a text field included.
 */
export function SearchButton(props: { onOpened(): void }) {
  const { t } = useTranslation('search');
  const [opened, { open: show, close }] = useDisclosure(false);
  const input = useRef<HTMLInputElement>(null);
  // Pressed again while open: back to the search box, its words selected to type anew.
  const open = useCallback(() => {
    show();
    input.current?.focus();
    input.current?.select();
  }, [show]);
  const mac = isMac();
  // From anywhere, a text field included (the capture phase: before a field's own keys).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event, mac)) return;
      event.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [mac, open]);
  // Another page opened meanwhile (the menu's Ctrl+1…9, a link): the dialog does not stay over it.
  const { pathname } = useLocation();
  useEffect(() => close(), [pathname, close]);
  const keys = mac ? '⌘K' : 'Ctrl+K';
  return (
    <>
      <UnstyledButton className="search-trigger" onClick={open} aria-keyshortcuts={mac ? 'Meta+K' : 'Control+K'}>
        <IconSearch size={16} aria-hidden />
        <span className="search-trigger-label">{t('open')}</span>
        <span aria-hidden className="search-trigger-keys" dir="ltr">
          {mac ? (
            <Kbd size="xs">⌘K</Kbd>
          ) : (
            <>
              <Kbd size="xs">Ctrl</Kbd> <Kbd size="xs">K</Kbd>
            </>
          )}
        </span>
        <VisuallyHidden>{t('shortcut', { keys })}</VisuallyHidden>
      </UnstyledButton>
      <SearchDialog opened={opened} onClose={close} onOpened={props.onOpened} inputRef={input} />
    </>
  );
}
