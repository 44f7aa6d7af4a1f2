import { Alert, Button, Group, Loader, Modal, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useId, useMemo, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SearchHit } from '../../../../shared/search/api';
import { useApiErrorText } from '../../text/errors';
import { useSearch } from '../../hooks/useSearch';
import { groupHits, optionId, SearchResults } from './SearchResults';
import { searchTarget } from './targets';
import './search.css';

/** A spinner only for a search that takes a while: a quick answer replaces the list without a flash. */
const LOADER_DELAY_MS = 400;

function useDelayed(on: boolean, delay: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!on) return;
    const timer = setTimeout(() => setShown(true), delay);
    return () => {
      clearTimeout(timer);
      setShown(false);
    };
  }, [on, delay]);
  return on && shown;
}

/**
 * Search across everything: a box that searches as you type, the results grouped by kind with the
 * words found highlighted, moved through with the arrow keys and opened with Enter or a click.
 */
export function SearchDialog({ inputRef, ...props }: { opened: boolean; onClose(): void; onOpened(): void; inputRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation(['search', 'common']);
  const navigate = useNavigate();
  const apiErrorText = useApiErrorText();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  // Closed with Escape: focus goes back where it was. Closed by opening a result: to the result.
  const [returnFocus, setReturnFocus] = useState(true);
  const search = useSearch(props.opened ? text : '');
  const listId = useId();
  const groups = useMemo(() => groupHits(search.hits), [search.hits]);
  // The keyboard order is the order on screen: group by group.
  const ordered = useMemo(() => groups.flatMap((g) => g.hits), [groups]);
  const active = ordered.find((h) => h.id === chosen) ?? ordered[0] ?? null;
  const slow = useDelayed(search.status === 'loading', LOADER_DELAY_MS);
  // "Show more": the keyboard goes on from the first result it brought, in the search box.
  const [moreFrom, setMoreFrom] = useState<number | null>(null);
  if (moreFrom !== null && search.status !== 'loading') {
    setMoreFrom(null);
    const first = search.hits[moreFrom];
    if (first) setChosen(first.id);
  }
  const showMore = () => {
    setMoreFrom(search.hits.length);
    search.showMore();
    inputRef.current?.focus();
  };

  useEffect(() => {
    if (!active) return;
    document.getElementById(optionId(listId, active))?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const open = (hit: SearchHit) => {
    setReturnFocus(false);
    props.onClose();
    void navigate(searchTarget(hit));
    props.onOpened();
  };

  // The list on screen answers the words typed (not older ones still shown while a search runs).
  const current = search.query === search.typed && search.status === 'ready';

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // An input method composing Chinese uses these keys to pick its candidates.
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter' && search.typed && !current && search.status !== 'error') {
      // Enter before the list for these words came: the best match for them opens, not a result of older words.
      event.preventDefault();
      const typed = search.typed;
      void search.best().then(
        (hit) => {
          if (hit && inputRef.current?.value.trim() === typed) open(hit);
        },
        () => undefined,
      );
      return;
    }
    if (ordered.length === 0) return;
    const index = active ? ordered.indexOf(active) : -1;
    const go = (i: number) => {
      event.preventDefault();
      setChosen(ordered[Math.max(0, Math.min(ordered.length - 1, i))]!.id);
    };
    if (event.key === 'ArrowDown') go(index + 1);
    else if (event.key === 'ArrowUp') go(index - 1);
    else if (event.key === 'PageDown') go(index + 5);
    else if (event.key === 'PageUp') go(index - 5);
    else if (event.key === 'Home' && event.ctrlKey) go(0);
    else if (event.key === 'End' && event.ctrlKey) go(ordered.length - 1);
    else if (event.key === 'Enter' && active) {
      event.preventDefault();
      open(active);
    }
  };

  const query = search.query;
  let body: ReactNode;
  if (!search.typed) {
    body = (
      <Stack align="center" gap="xs" py="lg" className="search-state">
        <ThemeIcon size={48} radius="xl" variant="light" aria-hidden>
          <IconSearch size={26} stroke={1.5} />
        </ThemeIcon>
        <Title order={3} size="h4" ta="center">
          {t('empty.title')}
        </Title>
        <Text ta="center" c="dimmed" maw={520}>
          {t('empty.body')}
        </Text>
        <Text ta="center" size="sm" c="dimmed" maw={520}>
          {t('empty.hint')}
        </Text>
      </Stack>
    );
  } else if (search.status === 'error') {
    body = (
      <Alert color="red.9" variant="outline" role="alert" title={<span>{t('error')}</span>}>
        <Text mb="sm">{apiErrorText(search.error)}</Text>
        <Button variant="default" onClick={search.retry}>
          {t('common:actions.retry')}
        </Button>
      </Alert>
    );
  } else if (search.status === 'ready' && search.total === 0) {
    body = (
      <Stack align="center" gap="xs" py="lg" className="search-state">
        <Title order={3} size="h4" ta="center">
          {t('none.title', { query })}
        </Title>
        <Text ta="center" c="dimmed">
          {t('none.body')}
        </Text>
      </Stack>
    );
  } else if (ordered.length > 0) {
    body = (
      <>
        <SearchResults
          id={listId}
          label={t('label')}
          groups={groups}
          activeId={active?.id ?? null}
          onActivate={(hit) => setChosen(hit.id)}
          onOpen={open}
        />
        {search.total > ordered.length && (
          <Group justify="space-between" mt="sm" className="search-more">
            <Text size="sm" c="dimmed">
              {t('shown', { shown: ordered.length, total: search.total })}
            </Text>
            <Button variant="default" size="sm" onClick={showMore} loading={search.status === 'loading'}>
              {t('more')}
            </Button>
          </Group>
        )}
      </>
    );
  }

  return (
    <Modal.Root
      opened={props.opened}
      onClose={props.onClose}
      size={720}
      yOffset="6vh"
      returnFocus={returnFocus}
      onExitTransitionEnd={() => {
        setText('');
        setChosen(null);
        setReturnFocus(true);
      }}
    >
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header className="search-header" role="none">
          <Stack gap="xs" w="100%">
            <Group justify="space-between" wrap="nowrap">
              <Modal.Title>{t('title')}</Modal.Title>
              <Modal.CloseButton aria-label={t('close')} />
            </Group>
            <TextInput
              ref={inputRef}
              data-autofocus
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              onKeyDown={onKeyDown}
              aria-label={t('label')}
              placeholder={t('placeholder')}
              leftSection={<IconSearch size={18} aria-hidden />}
              rightSection={slow ? <Loader size="xs" aria-hidden /> : null}
              role="combobox"
              aria-expanded={ordered.length > 0}
              aria-controls={ordered.length > 0 ? listId : undefined}
              aria-activedescendant={active ? optionId(listId, active) : undefined}
              aria-autocomplete="list"
              autoComplete="off"
              spellCheck={false}
            />
            <Text size="sm" c="dimmed" role="status" aria-live="polite" className="search-count">
              {slow
                ? t('loading')
                : search.typed && (search.status === 'ready' || (search.status === 'loading' && ordered.length > 0))
                  ? t('results', { count: search.total })
                  : ''}
            </Text>
          </Stack>
        </Modal.Header>
        <Modal.Body>{body}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
