import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Radio, Stack, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Profile, PROFILE_TEXT_MAX, ROLES, type Role } from '../../../shared/settings';
import { useApiErrorText, useFieldErrorText } from '../text/errors';
import { CountrySelect } from './CountrySelect';

const ROLE_TEXT = {
  national_focal_point: { label: 'common:role.national_focal_point', hint: 'common:role.national_focal_point_hint' },
  civil_society: { label: 'common:role.civil_society', hint: 'common:role.civil_society_hint' },
  drafting_team: { label: 'common:role.drafting_team', hint: 'common:role.drafting_team_hint' },
} as const satisfies Record<Role, { label: string; hint: string }>;

const EMPTY: Profile = { name: '', organisation: '', country: '', role: 'national_focal_point' };

/**
 * The profile, validated by the same zod schema the core checks: errors appear beside the field,
 * in the UI language. Used by the first-run screen and by Settings.
 */
export function ProfileForm(props: {
  initial: Profile | null;
  submitLabel: string;
  onSubmit(profile: Profile): Promise<void>;
  children?: (state: { dirty: boolean }) => ReactNode;
}) {
  const { t } = useTranslation(['settings', 'common']);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const form = useForm<Profile>({
    resolver: zodResolver(Profile),
    defaultValues: props.initial ?? EMPTY,
    mode: 'onTouched',
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const errorText = useFieldErrorText({ max: PROFILE_TEXT_MAX });
  const apiErrorText = useApiErrorText();

  const submit = form.handleSubmit(async (values) => {
    setSubmitError(null);
    try {
      await props.onSubmit(values);
      form.reset(values);
    } catch (error) {
      setSubmitError(apiErrorText(error));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={560}>
        <TextInput
          label={t('profile.name')}
          required
          autoComplete="name"
          dir="auto"
          error={errorText(errors.name?.message)}
          {...form.register('name')}
        />
        <TextInput
          label={t('profile.organisation')}
          description={t('profile.organisationHint')}
          autoComplete="organization"
          dir="auto"
          error={errorText(errors.organisation?.message)}
          {...form.register('organisation')}
        />
        <Controller
          control={form.control}
          name="country"
          render={({ field }) => (
            <CountrySelect
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={errorText(errors.country?.message)}
            />
          )}
        />
        <Controller
          control={form.control}
          name="role"
          render={({ field }) => (
            <Radio.Group label={t('profile.role')} required value={field.value} onChange={field.onChange}>
              <Stack gap="sm" mt="xs">
                {ROLES.map((role) => (
                  <Radio key={role} value={role} label={t(ROLE_TEXT[role].label)} description={t(ROLE_TEXT[role].hint)} />
                ))}
              </Stack>
            </Radio.Group>
          )}
        />
        {submitError && (
          <Alert color="red" role="alert">
            {submitError}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={isSubmitting}>
            {props.submitLabel}
          </Button>
        </Group>
        {props.children?.({ dirty: isDirty })}
      </Stack>
    </form>
  );
}
