import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PASSPHRASE_MIN } from '../../../../shared/team/format';
import { useFieldErrorText } from '../../text/errors';

export interface PassphraseErrors {
  passphrase?: string;
  repeat?: string;
}

/** What is wrong with a new team passphrase and its repetition (i18n keys), before asking the core. */
export function passphraseProblems(passphrase: string, repeat: string): PassphraseErrors {
  if (passphrase.length < PASSPHRASE_MIN) return { passphrase: 'errors:team.passphrase_short' };
  if (repeat !== passphrase) return { repeat: 'settings:team.mismatch' };
  return {};
}

/** A new team passphrase, typed twice: choosing the folder and changing the passphrase. */
export function PassphraseFields(props: {
  label: string;
  passphrase: string;
  repeat: string;
  onPassphrase(value: string): void;
  onRepeat(value: string): void;
  errors: PassphraseErrors;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation('settings');
  const fieldError = useFieldErrorText({ min: PASSPHRASE_MIN });
  return (
    <>
      <PasswordInput
        label={props.label}
        description={t('team.passphraseHint', { min: PASSPHRASE_MIN })}
        value={props.passphrase}
        onChange={(event) => props.onPassphrase(event.currentTarget.value)}
        error={fieldError(props.errors.passphrase)}
        autoComplete="new-password"
        visibilityToggleButtonProps={{ 'aria-label': t('actions.togglePassphrase', { ns: 'common' }) }}
        autoFocus={props.autoFocus}
      />
      <PasswordInput
        label={t('team.repeat')}
        value={props.repeat}
        onChange={(event) => props.onRepeat(event.currentTarget.value)}
        error={fieldError(props.errors.repeat)}
        autoComplete="new-password"
        visibilityToggleButtonProps={{ 'aria-label': t('actions.togglePassphrase', { ns: 'common' }) }}
      />
    </>
  );
}
