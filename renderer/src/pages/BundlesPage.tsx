import { IconPackages } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function BundlesPage() {
  const { t } = useTranslation('pages');
  return (
    <>
      <PageHeader title={t('bundles.title')} />
      <EmptyState icon={IconPackages} title={t('bundles.emptyTitle')} body={t('bundles.emptyBody')} />
    </>
  );
}
