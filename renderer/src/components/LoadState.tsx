import { Alert, Button, Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiErrorText } from '../text/errors';

/** While a list loads, or why it did not, with a way to try again. */
export function LoadState(props: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation('meetings');
  const errorText = useApiErrorText();
  if (props.error) {
    return (
      <Alert color="red" role="alert" title={t('load.failed')}>
        {errorText(props.error)}
        <Button mt="sm" variant="default" display="block" onClick={props.onRetry}>
          {t('load.retry')}
        </Button>
      </Alert>
    );
  }
  return (
    <Center py="xl">
      <Loader aria-label={t('load.loading')} role="status" />
    </Center>
  );
}

/** A page whose code is still loading (opened straight from a link before the app has it). */
export function PageLoading() {
  const { t } = useTranslation('meetings');
  return (
    <Center mih="100vh">
      <Loader aria-label={t('load.loading')} role="status" />
    </Center>
  );
}
