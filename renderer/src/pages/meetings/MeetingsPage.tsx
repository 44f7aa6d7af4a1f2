import { IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function MeetingsPage() {
  const { t } = useTranslation('pages');
  return (
    <>
      <PageHeader title={t('meetings.title')} />
      <EmptyState icon={IconUsersGroup} title={t('meetings.emptyTitle')} body={t('meetings.emptyBody')} />
    </>
  );
}
