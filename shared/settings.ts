import { z } from 'zod';
import { CountryCode } from './countries.js';
import { LANGUAGES } from './i18n/languages.js';
import { lineText } from './records/text.js';
import { ReplicaId } from './sync/clock.js';

export const Language = z.enum(LANGUAGES);
export const Theme = z.enum(['light', 'dark', 'system']);
export type Theme = z.infer<typeof Theme>;

export const ROLES = ['national_focal_point', 'civil_society', 'drafting_team'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const PROFILE_TEXT_MAX = 200;

export const Profile = z.strictObject({
  // Messages are i18n keys (errors namespace): forms and the API show them in the user's language.
  name: lineText(PROFILE_TEXT_MAX, { required: true }),
  organisation: lineText(PROFILE_TEXT_MAX),
  /** Empty when the person does not represent one country (a regional organisation, say). */
  country: z.union([CountryCode, z.literal('')], { error: 'errors:validation.country' }),
  role: Role,
});
export type Profile = z.infer<typeof Profile>;

export const WindowBounds = z.strictObject({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
});
export type WindowBounds = z.infer<typeof WindowBounds>;

/** Everything kept in settings.json. `profile` is null until the first-run screen is completed. */
export const StoredSettings = z.object({
  /** This installation's identity in sync: made once, never changed. */
  replicaId: ReplicaId,
  language: Language,
  theme: Theme,
  profile: Profile.nullable(),
  window: WindowBounds.nullable(),
  /** Desktop notifications for action points due today or overdue (Electron). */
  reminders: z.boolean().default(true),
});
export type StoredSettings = z.infer<typeof StoredSettings>;

/** The part the renderer sees and changes (window bounds stay with the Electron shell). */
export const Settings = StoredSettings.pick({ language: true, theme: true, profile: true, reminders: true });
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.strictObject({
  language: Language.optional(),
  theme: Theme.optional(),
  reminders: z.boolean().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export function defaultSettings(language: z.infer<typeof Language>, replicaId: ReplicaId): StoredSettings {
  return { replicaId, language, theme: 'system', profile: null, window: null, reminders: true };
}
