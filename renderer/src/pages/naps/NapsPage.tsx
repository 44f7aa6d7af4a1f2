import { IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function NapsPage() {
  const { t } = useTranslation('pages');
  return (
    <>
      <PageHeader title={t('naps.title')} />
      <EmptyState icon={IconFileText} title={t('naps.emptyTitle')} body={t('naps.emptyBody')} />
    </>
  );
}
