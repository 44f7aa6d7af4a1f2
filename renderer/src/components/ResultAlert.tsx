import { Alert } from '@mantine/core';

export type Result = { tone: 'ok' | 'error'; text: string } | null;

/** The outcome of an action: a status for success, an alert for failure (screen readers say it). */
export function ResultAlert({ result }: { result: Result }) {
  if (!result) return null;
  const ok = result.tone === 'ok';
  return (
    <Alert color={ok ? 'teal' : 'red'} role={ok ? 'status' : 'alert'} classNames={{ message: 'notice-title' }}>
      {result.text}
    </Alert>
  );
}
