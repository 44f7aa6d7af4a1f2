import { IconAddressBook } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function ContactsPage() {
  const { t } = useTranslation('pages');
  return (
    <>
      <PageHeader title={t('contacts.title')} />
      <EmptyState icon={IconAddressBook} title={t('contacts.title')} body={t('contacts.title')} />
    </>
  );
}
