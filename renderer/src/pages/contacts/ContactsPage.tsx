import { DialogButtons } from '../../components/DialogButtons';
import { compareText } from '../../../../shared/records/sort';
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAddressBook, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CONTACT_ROLES } from '../../../../shared/records/kinds';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useSearchMatches } from '../../hooks/useSearchMatches';
import { useApiErrorText, useFieldErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { useApi } from '../../hooks/useApi';
import { useRecords } from '../../hooks/useRecords';
import { FormDialog } from '../../components/FormDialog';
import { LoadState } from '../../components/LoadState';
import { VirtualList } from '../../components/VirtualList';

/** The network's member directory: searchable by name, institution or country, filtered by role. */
export function ContactsPage() {
  const { t, i18n } = useTranslation('meetings');
  const pages = useTranslation('pages').t;
  const api = useApi();
  const navigate = useNavigate();
  const text = useRecordText();
  const apiErrorText = useApiErrorText();
  const contacts = useRecords('contact');
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const fieldErrorText = useFieldErrorText();
  // Found by name, institution, e-mail or country (its name in any of the six languages).
  const matches = useSearchMatches('contact', search, contacts.data);
  const countries = useMemo(() => new Intl.DisplayNames([i18n.language], { type: 'region' }), [i18n.language]);

  const shown = useMemo(() => {
    return (contacts.data ?? [])
      .filter((c) => {
        if (role && c.fields.role !== role) return false;
        return !matches.ids || matches.ids.has(c.id);
      })
      .sort((a, b) => compareText(String(a.fields.name ?? ''), String(b.fields.name ?? ''), i18n.language));
  }, [contacts.data, role, matches.ids, i18n.language]);

  // A new contact is made once it has a name: leaving the dialog leaves no unnamed contact behind.
  const [creating, setCreating] = useState(false);
  const [newName, setNewName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const create = async () => {
    setFailure(null);
    if (!newName.trim()) {
      setNameError(fieldErrorText('errors:validation.required') ?? null);
      return;
    }
    try {
      const contact = await api.call('records.create', { kind: 'contact', fields: { name: newName.trim(), role: 'national_focal_point', languages: [] } });
      setCreating(false);
      void navigate(`/contacts/${contact.id}`);
    } catch (error) {
      setNameError(apiErrorText(error));
    }
  };
  const openNew = () => {
    setNewName('');
    setNameError(null);
    setCreating(true);
  };

  return (
    <>
      <PageHeader title={pages('contacts.title')} />
      <Group justify="space-between" mb="md" wrap="wrap">
        <Group gap="sm">
          <TextInput
            aria-label={t('contacts.search')}
            placeholder={t('contacts.search')}
            leftSection={<IconSearch size={16} aria-hidden />}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={280}
          />
          <Select
            aria-label={text.field('role')}
            placeholder={t('contacts.anyRole')}
            data={CONTACT_ROLES.map((r) => ({ value: r, label: text.value('contact', 'role', r) }))}
            value={role}
            onChange={setRole}
            clearable
            clearButtonProps={{ 'aria-label': t('contacts.clearRole') }}
            w={260}
          />
        </Group>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={openNew}>
          {t('contacts.new')}
        </Button>
      </Group>
      {failure && (
        <Text c="red.9" role="alert" mb="sm">
          {failure}
        </Text>
      )}
      {contacts.data === null ? (
        <LoadState error={contacts.error} onRetry={contacts.reload} />
      ) : matches.error ? (
        <LoadState error={matches.error} onRetry={matches.retry} />
      ) : contacts.data.length === 0 ? (
        <EmptyState icon={IconAddressBook} title={pages('contacts.emptyTitle')} body={pages('contacts.emptyBody')} />
      ) : shown.length === 0 ? (
        <Text c="dimmed" role="status">
          {t('contacts.none')}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="xs" role="status">
            {t('contacts.count', { count: shown.length })}
          </Text>
          <VirtualList
            label={pages('contacts.title')}
            items={shown}
            rowHeight={76}
            itemKey={(c) => c.id}
            render={(c) => (
              <Paper withBorder p="sm" mb={8} radius="md">
                <Group justify="space-between" wrap="nowrap">
                  <Stack gap={2} miw={0}>
                    <Anchor component={Link} to={`/contacts/${c.id}`} fw={600} dir="auto" truncate>
                      {String(c.fields.name || '') || t('contacts.unnamed')}
                    </Anchor>
                    <Text size="sm" c="dimmed" dir="auto" truncate>
                      {[typeof c.fields.country === 'string' && c.fields.country ? countries.of(c.fields.country) : '', c.fields.institution, c.fields.email].filter(Boolean).join(' · ')}
                    </Text>
                  </Stack>
                  {typeof c.fields.role === 'string' && (
                    <Badge variant="filled" color="gray.7" style={{ flexShrink: 0 }}>
                      {text.value('contact', 'role', c.fields.role)}
                    </Badge>
                  )}
                </Group>
              </Paper>
            )}
          />
        </>
      )}
      <FormDialog opened={creating} onClose={() => setCreating(false)} title={t('contacts.new')} closeLabel={t('new.cancel')} size="md">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
          noValidate
        >
          <Stack gap="md">
            <TextInput
              label={text.field('name')}
              required
              data-autofocus
              dir="auto"
              value={newName}
              onChange={(event) => {
                setNewName(event.currentTarget.value);
                setNameError(null);
              }}
              error={nameError}
            />
            <DialogButtons cancelLabel={t('new.cancel')} onCancel={() => setCreating(false)} confirmLabel={t('contacts.create')} />
          </Stack>
        </form>
      </FormDialog>
    </>
  );
}
