import { IconChecklist } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function ActionsPage() {
  const { t } = useTranslation('pages');
  return (
    <>
      <PageHeader title={t('actions.title')} />
      <EmptyState icon={IconChecklist} title={t('actions.emptyTitle')} body={t('actions.emptyBody')} />
    </>
  );
}
