import { Alert, Button } from '@mantine/core';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function Fallback({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('errorBoundary.title')} role="alert">
      {t('errorBoundary.body')}
      <div className="alert-actions">
        <Button variant="light" color="red" onClick={onRetry}>
          {t('actions.reload')}
        </Button>
      </div>
    </Alert>
  );
}

/** A broken screen shows a translated message instead of a blank window; the rest keeps working. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  override render() {
    return this.state.failed ? <Fallback onRetry={() => this.setState({ failed: false })} /> : this.props.children;
  }
}
