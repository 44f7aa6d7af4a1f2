// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../shared/i18n/languages';
import { PASSPHRASE_MIN } from '../../shared/team/format';
import { createRendererI18n } from '../../renderer/src/app/i18n';
import { resources } from '../../shared/i18n/resources';
import { PassphraseFields } from '../../renderer/src/pages/settings/PassphraseFields';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The passphrase fields in each language: the show/hide button and the error are translated. */
describe('PassphraseFields', () => {
  let root: Root | null = null;
  let host: HTMLElement | null = null;
  afterEach(() => {
    act(() => root?.unmount());
    host?.remove();
  });

  function render(ui: Language) {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    const i18n = createRendererI18n(ui, resources);
    act(() =>
      root!.render(
        <I18nextProvider i18n={i18n}>
          <MantineProvider>
            <PassphraseFields label="P" passphrase="short" repeat="" onPassphrase={() => undefined} onRepeat={() => undefined} errors={{ passphrase: 'errors:team.passphrase_short' }} />
          </MantineProvider>
        </I18nextProvider>,
      ),
    );
    return { host: host, i18n };
  }

  it.each(LANGUAGES)('names the visibility toggles in %s, never with the library’s English default', (ui) => {
    const { host, i18n } = render(ui);
    const toggles = [...host.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'));
    expect(toggles).toEqual([i18n.t('common:actions.togglePassphrase'), i18n.t('common:actions.togglePassphrase')]);
    expect(toggles).not.toContain('Toggle password visibility');
  });

  it('says the passphrase minimum from the code, formatted, in the error', () => {
    const { host } = render('fr');
    expect(host.textContent).toContain(`au moins ${PASSPHRASE_MIN} caractères`);
  });
});
