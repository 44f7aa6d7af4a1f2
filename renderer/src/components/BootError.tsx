import { Alert, Center, Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Resource } from 'i18next';
import type { Language } from '../../../shared/i18n/languages';
import { Providers } from '../app/Providers';

function Message({ kind, reason }: { kind: 'noToken' | 'failed'; reason?: string }) {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl">
      <Center>
        <main>
          <Alert color="red" title={<h1 className="alert-heading">{t(kind === 'noToken' ? 'boot.noTokenTitle' : 'boot.failedTitle')}</h1>}>
            {kind === 'noToken' ? t('boot.noTokenBody') : t('boot.failedBody', { reason: reason ?? '' })}
          </Alert>
        </main>
      </Center>
    </Container>
  );
}

/** Shown when the app cannot reach its core at all, in the browser's language. */
export function BootError(props: { language: Language; texts: Resource; kind: 'noToken' | 'failed'; reason?: string }) {
  return (
    <Providers language={props.language} texts={props.texts} theme="system">
      <Message kind={props.kind} reason={props.reason} />
    </Providers>
  );
}
