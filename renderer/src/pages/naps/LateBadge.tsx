import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localDay } from '../../../../shared/records/action-points';
import { isActionLate } from '../../../../shared/naps/late';
import { useDates } from '../../hooks/useDates';

/** "Past its end date" beside a NAP action still planned or ongoing after its end (nothing otherwise). */
export function LateBadge({ fields }: { fields: Record<string, unknown> }) {
  const { t } = useTranslation('naps');
  const dates = useDates();
  if (!isActionLate(fields, localDay())) return null;
  return (
    <Badge size="sm" variant="filled" color="red.9" title={t('late.title', { date: dates.day(fields.end as string) })}>
      {t('late.badge')}
    </Badge>
  );
}
