import { Alert, Anchor, Button, Group } from '@mantine/core';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiCallError } from '../../../shared/api/errors';
import type { RecordView } from '../../../shared/records/codec';
import { PageHeader } from './PageHeader';
import { useApi } from '../hooks/useApi';
import { LoadState } from './LoadState';

/**
 * One record's editor page, loaded once (the form then owns it): loading and error states, and a
 * clear word with a way back (and Restore) when the record is gone or was deleted.
 */
export function OneRecord(props: {
  id: string;
  gone: { title: string; body: string; back: string; backTo: string; restore: string };
  children(record: RecordView): ReactNode;
}) {
  const api = useApi();
  const [record, setRecord] = useState<RecordView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    api.call('records.get', { id: props.id }).then((r) => {
      setRecord(r.record);
      setError(null);
    }, setError);
  }, [api, props.id]);
  useEffect(load, [load]);
  const gone = error instanceof ApiCallError && (error.code === 'not_found' || error.code === 'invalid_request');
  if (gone || record?.deleted) {
    return (
      <>
        <PageHeader title={props.gone.title} />
        <Alert color="orange" role="alert">
          {props.gone.body}
          <Group mt="sm">
            <Anchor component={Link} to={props.gone.backTo}>
              {props.gone.back}
            </Anchor>
            {record?.deleted && (
              <Button size="xs" variant="default" onClick={() => void api.call('records.restore', { id: props.id }).then(load, setError)}>
                {props.gone.restore}
              </Button>
            )}
          </Group>
        </Alert>
      </>
    );
  }
  if (!record) return <LoadState error={error} onRetry={load} />;
  return props.children(record);
}
