import { Autocomplete } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../../../shared/records/codec';
import { fold } from '../../../../shared/search/fold';

export type Owner = { contactId: string } | { institution: string };

/** How an owner reads: the contact's name (even once deleted) or the institution. */
export function ownerName(owner: unknown, contacts: ReadonlyMap<string, RecordView>): string {
  const o = owner as { contactId?: string; institution?: string } | null | undefined;
  if (o?.contactId) {
    const name = contacts.get(o.contactId)?.fields.name;
    return typeof name === 'string' ? name : '';
  }
  return o?.institution ?? '';
}

/**
 * A typed name becomes the contact of that name when there is one, otherwise an institution. Names
 * are compared folded as the search folds them: "amina diallo" or "أمينة" typed without its hamza
 * is the contact, not a new institution.
 */
export function ownerFrom(typed: string, contacts: readonly RecordView[]): Owner | null {
  const name = typed.trim();
  if (!name) return null;
  const folded = fold(name);
  const contact = contacts.find((c) => !c.deleted && typeof c.fields.name === 'string' && fold(c.fields.name.trim()) === folded);
  return contact ? { contactId: contact.id } : { institution: name };
}

/**
 * Who is to do it: pick a contact from the directory, or type an institution ("Ministry of
 * Defence"). Commits when an option is picked or the field is left.
 */
export function OwnerInput(props: {
  value: unknown;
  contacts: readonly RecordView[];
  byId: ReadonlyMap<string, RecordView>;
  onCommit(owner: Owner | null): void;
  label: string;
  hideLabel?: boolean;
  w?: number;
  error?: string;
  description?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation('meetings');
  const current = ownerName(props.value, props.byId);
  const [typed, setTyped] = useState<string | null>(null);
  const data = useMemo(
    () => [...new Set(props.contacts.filter((c) => !c.deleted && typeof c.fields.name === 'string' && c.fields.name).map((c) => c.fields.name as string))],
    [props.contacts],
  );
  // The last text sent, so picking an option and then leaving the field saves once.
  const sent = useRef<string | null>(null);
  const commit = (text: string) => {
    setTyped(text === current ? null : text);
    if (text.trim() === current.trim() || text.trim() === sent.current) return;
    sent.current = text.trim();
    props.onCommit(ownerFrom(text, props.contacts));
  };
  return (
    <Autocomplete
      label={props.hideLabel ? undefined : props.label}
      aria-label={props.hideLabel ? props.label : undefined}
      placeholder={t('owner.placeholder')}
      data={data}
      value={typed ?? current}
      onChange={setTyped}
      onOptionSubmit={commit}
      onBlur={(e) => commit(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.nativeEvent.isComposing) commit(e.currentTarget.value);
      }}
      error={props.error}
      description={props.description}
      limit={20}
      w={props.w}
      dir="auto"
      data-testid={props['data-testid']}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
