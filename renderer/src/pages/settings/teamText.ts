import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../../../../shared/api/errors';
import { bundleMessageKey, bundleMessageValues } from '../../../../shared/bundle/messages';
import type { TeamProblem, TeamProblemCode } from '../../../../shared/team/format';
import { useApiErrorText } from '../../text/errors';

/** One sentence for each thing the team folder can run into (errors namespace, shared with the command line). */
export const TEAM_PROBLEM_KEYS = {
  folder_missing: 'errors:team.folder_missing',
  not_a_folder: 'errors:team.not_a_folder',
  folder_read_only: 'errors:team.folder_read_only',
  disk_full: 'errors:team.disk_full',
  inside_data: 'errors:team.inside_data',
  needs_passphrase: 'errors:team.needs_passphrase',
  wrong_passphrase: 'errors:team.wrong_passphrase',
  not_encrypted: 'errors:team.not_encrypted',
  file_refused: 'errors:team.file_refused',
  too_new: 'errors:team.too_new',
  same_identity: 'errors:team.same_identity',
} as const satisfies Record<TeamProblemCode, string>;

/** A problem in plain words: the sentence, and for a file set aside, why the reader refused it. */
export function useTeamProblemText() {
  const { t, i18n } = useTranslation(['errors', 'settings']);
  return useCallback(
    (problem: TeamProblem): { sentence: string; reason?: string } => {
      const sentence = t(TEAM_PROBLEM_KEYS[problem.code]);
      if (!problem.bundle) return { sentence };
      const size = (n: number) =>
        new Intl.NumberFormat(i18n.language, {
          style: 'unit',
          unit: 'megabyte',
          maximumFractionDigits: 1,
        }).format(n / 1024 / 1024);
      return {
        sentence,
        reason: t(bundleMessageKey(problem.bundle), bundleMessageValues(problem.bundle, size)),
      };
    },
    [t, i18n.language],
  );
}

/** What sync.configure refused, by field (folder, passphrase): i18n keys in the errors namespace. */
export function configureIssues(error: unknown): Partial<Record<'folder' | 'passphrase', string>> {
  const found: Partial<Record<'folder' | 'passphrase', string>> = {};
  if (error instanceof ApiCallError) {
    for (const issue of error.issues) {
      const field = issue.path[0];
      if (field === 'folder' || field === 'passphrase') found[field] ??= issue.message;
    }
  }
  return found;
}

/**
 * A failed team folder call as a sentence: the first issue the core explained (an errors:team.*
 * key), else the error code's sentence.
 */
export function useTeamErrorText() {
  const { i18n } = useTranslation('errors');
  const apiErrorText = useApiErrorText();
  return useCallback(
    (error: unknown): string => {
      const explained =
        error instanceof ApiCallError ? error.issues.find((issue) => i18n.exists(issue.message)) : undefined;
      // The key is data (it came through the API), so it is looked up untyped.
      const lookup = i18n.t as unknown as (key: string) => string;
      return explained ? lookup(explained.message) : apiErrorText(error);
    },
    [i18n, apiErrorText],
  );
}

/**
 * A moment, in the UI language: relative within the last day ("3 minutes ago"), a date and time
 * before that. Redrawn every half minute so "now" does not stay "now".
 */
export function useWhen() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return useCallback(
    (iso: string): { text: string; absolute: string } => {
      const at = new Date(iso);
      const absolute = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
        at,
      );
      // A moment up to half a minute after `now` (the clock ticks every 30 s) is "now", not "in 10 seconds".
      const seconds = Math.min(0, Math.round((at.getTime() - now) / 1000));
      const abs = Math.abs(seconds);
      if (abs >= 86_400) return { text: absolute, absolute };
      const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
      if (abs < 60) return { text: rtf.format(0, 'second'), absolute };
      if (abs < 3600) return { text: rtf.format(Math.round(seconds / 60), 'minute'), absolute };
      return { text: rtf.format(Math.round(seconds / 3600), 'hour'), absolute };
    },
    [language, now],
  );
}
