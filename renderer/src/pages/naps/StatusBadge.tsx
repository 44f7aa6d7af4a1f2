import { Badge } from '@mantine/core';
import type { Kind } from '../../../../shared/records/kinds';
import { useRecordText } from '../../text/records-text';

/** Dark filled shades: readable (4.5:1) on light and dark backgrounds alike. */
const COLOURS: Record<string, string> = {
  drafting: 'gray.7',
  consultation: 'blue.8',
  validation: 'violet.8',
  adopted: '#1e6b30',
  under_review: '#9c3d0a',
  archived: 'dark.5',
  planned: 'gray.7',
  ongoing: 'blue.8',
  completed: '#1e6b30',
  delayed: '#9c3d0a',
  cancelled: 'red.9',
  sent: 'blue.8',
  received: 'cyan.9',
  considered: 'violet.8',
  reflected: '#1e6b30',
};

export function StatusBadge(props: { kind: Kind; value: unknown; field?: string }) {
  const text = useRecordText();
  if (typeof props.value !== 'string') return null;
  return (
    <Badge variant="filled" color={COLOURS[props.value] ?? 'gray.7'} className="nap-badge">
      {text.value(props.kind, props.field ?? 'status', props.value)}
    </Badge>
  );
}
