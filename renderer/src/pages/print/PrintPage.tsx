import { Alert, Button, Center, Group, Loader, Select } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconPrinter } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { LANGUAGES, isLanguage, textDirection, type Language } from '../../../../shared/i18n/languages';
import { localDay } from '../../../../shared/records/action-points';
import { ACTION_POINT_STATUSES } from '../../../../shared/records/kinds';
import { DOCUMENT_TYPES, type DocumentRequest } from '../../../../shared/documents/request';
import type { DocumentType } from '../../../../shared/documents/model';
import { BackLink } from '../../components/BackLink';
import { autonym } from '../../components/LanguageSelect';
import { PageHeader } from '../../components/PageHeader';
import { useApiErrorText } from '../../text/errors';
import { useDocumentHtml } from '../../hooks/useDocumentHtml';
import { useAppState } from '../../api/state';

/** Where Back leads: the screen each document is made from. */
const BACK: Record<DocumentType, { to: (id?: string) => string; label: `print.back.${'nap' | 'meeting' | 'statement' | 'actions'}` }> = {
  nap: { to: (id) => `/naps/${id ?? ''}`, label: 'print.back.nap' },
  'chair-summary': { to: (id) => `/meetings/${id ?? ''}`, label: 'print.back.meeting' },
  statement: { to: (id) => `/statements/${id ?? ''}`, label: 'print.back.statement' },
  actions: { to: () => '/actions', label: 'print.back.actions' },
};

/** `?owners=0` → false, `?owners=1` → true, absent → the document's default. */
const flag = (params: URLSearchParams, name: string): boolean | undefined => {
  const value = params.get(name);
  return value === '0' || value === 'false' ? false : value === '1' || value === 'true' ? true : undefined;
};

/** The request the address asks for: `print/:type/:id?lang=fr&owners=0&status=open,blocked`. */
function requestOf(type: DocumentType, id: string | undefined, language: Language, params: URLSearchParams): Omit<DocumentRequest, 'format'> {
  const options = Object.fromEntries(
    (['owners', 'dueDates', 'matrix', 'progress'] as const).flatMap((name) => {
      const value = flag(params, name);
      return value === undefined ? [] : [[name, value]];
    }),
  );
  const statuses = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is (typeof ACTION_POINT_STATUSES)[number] => (ACTION_POINT_STATUSES as readonly string[]).includes(s));
  const meetingId = params.get('meeting') ?? undefined;
  const overdueOnly = flag(params, 'overdue');
  const actions = type === 'actions' ? { ...(statuses.length ? { statuses } : {}), ...(meetingId ? { meetingId } : {}), ...(overdueOnly ? { overdueOnly } : {}) } : undefined;
  return { type, ...(id ? { id } : {}), ...(actions ? { actions } : {}), language, options, today: localDay() };
}

/** The document's title, from the page's own <title>, to name the frame. */
const titleOf = (html: string) => new DOMParser().parseFromString(html, 'text/html').title;

/**
 * A document as it will print: the core's HTML page in a sandboxed frame (no script runs in it,
 * it loads nothing), in the language chosen here — which may differ from the interface's. Print
 * and Ctrl/Cmd+P print the frame alone, never the app around it.
 */
export function PrintPage() {
  const { t } = useTranslation('pages');
  const errorText = useApiErrorText();
  const { settings } = useAppState();
  const params = useParams<{ type: string; id?: string }>();
  const [search, setSearch] = useSearchParams();
  const type = DOCUMENT_TYPES.find((d) => d === params.type);
  const asked = search.get('lang');
  const language: Language = isLanguage(asked) ? asked : settings.language;
  const request = useMemo(() => (type ? requestOf(type, params.id, language, search) : null), [type, params.id, language, search]);
  const page = useDocumentHtml(request);
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState<number>();

  const ready = page.status === 'ready';
  const print = useCallback(() => {
    if (ready) frame.current?.contentWindow?.print();
  }, [ready]);
  // Ctrl/Cmd+P anywhere on this screen prints the document, also from the language list.
  useHotkeys([['mod+p', print]], []);

  // The frame takes its content's height, so the screen scrolls as one page.
  const fit = useCallback(() => {
    // The body, not the root: the root is never shorter than the frame, so it could not shrink.
    const body = frame.current?.contentDocument?.body;
    if (body) setHeight(Math.ceil(body.getBoundingClientRect().height) + 2);
  }, []);
  useEffect(() => {
    const element = frame.current;
    if (!element || !ready) return;
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ready, fit]);

  const onLoad = () => {
    fit();
    // With the focus in the frame, key presses go to its document: Ctrl/Cmd+P is caught there too.
    frame.current?.contentDocument?.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'p') {
        event.preventDefault();
        print();
      }
    });
  };

  // The heading stays in the interface's language; the document's own title (perhaps in another
  // language and direction) is in the frame, which is named after it.
  const html = page.status === 'ready' ? page.html : '';
  const documentTitle = useMemo(() => (html ? titleOf(html) : ''), [html]);
  if (!type) {
    return (
      <>
        <PageHeader title={t('print.title')} />
        <Alert color="red" role="alert">
          {t('print.unknown')}
        </Alert>
      </>
    );
  }
  const back = BACK[type];

  return (
    <>
      <BackLink to={back.to(params.id)} label={t(back.label)} />
      <PageHeader title={t('print.title')} />
      <Group className="print-toolbar" align="flex-end" justify="space-between" mb="md" wrap="wrap">
        <Select
          label={t('print.language')}
          description={t('print.languageHint')}
          data={LANGUAGES.map((l) => ({ value: l, label: autonym(l) }))}
          value={language}
          onChange={(value) => {
            if (!isLanguage(value)) return;
            const next = new URLSearchParams(search);
            next.set('lang', value);
            setSearch(next, { replace: true });
          }}
          allowDeselect={false}
          renderOption={({ option }) => (
            <span lang={option.value} dir={isLanguage(option.value) ? textDirection(option.value) : 'auto'}>
              {option.label}
            </span>
          )}
          maw={320}
        />
        <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={print} disabled={!ready} aria-keyshortcuts="Control+P Meta+P">
          {t('print.print')}
        </Button>
      </Group>
      {page.status === 'loading' && (
        <Center py="xl">
          <Loader aria-label={t('print.loading')} role="status" />
        </Center>
      )}
      {page.status === 'error' && (
        <Alert color="red" role="alert" title={t('print.failed')}>
          {errorText(page.error)}
          <Button mt="sm" variant="default" display="block" onClick={page.reload}>
            {t('print.retry')}
          </Button>
        </Alert>
      )}
      {ready && (
        <iframe
          ref={frame}
          className="print-frame"
          title={t('print.frameTitle', { title: documentTitle })}
          sandbox="allow-same-origin allow-modals"
          srcDoc={html}
          onLoad={onLoad}
          style={height ? { blockSize: `${height}px` } : undefined}
        />
      )}
    </>
  );
}
