import { Kbd, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchDialog } from './SearchDialog';

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * The search box in the header: a button that opens the search dialog, and Ctrl+K (⌘K on a Mac)
 * that opens it from anywhere, a text field included.
 */
export function SearchButton(props: { onOpened(): void }) {
  const { t } = useTranslation('search');
  const [opened, { open: show, close }] = useDisclosure(false);
  const input = useRef<HTMLInputElement>(null);
  // Pressed again while open: back to the search box, its words selected to type anew.
  const open = () => {
    show();
    input.current?.focus();
    input.current?.select();
  };
  // Both on every system: a Mac user on a PC keyboard and the reverse find it either way.
  useHotkeys(
    [
      ['ctrl+K', open],
      ['meta+K', open],
    ],
    [],
    true,
  );
  const mac = isMac();
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
