import { IconLayoutDashboard } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { useAppState } from '../state';

export function DashboardPage() {
  const { t } = useTranslation('pages');
  const { settings } = useAppState();
  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={settings.profile ? t('dashboard.welcome', { name: settings.profile.name }) : undefined}
      />
      <EmptyState icon={IconLayoutDashboard} title={t('dashboard.emptyTitle')} body={t('dashboard.emptyBody')} />
    </>
  );
}
