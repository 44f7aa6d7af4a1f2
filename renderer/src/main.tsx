import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { createApiClient, type Transport } from '../../shared/api/client';
import { bridgeTransport, type DesktopBridge } from '../../shared/api/bridge';
import { matchLanguage } from '../../shared/i18n/languages';
import { App } from './app/App';
import { loadTexts } from './app/i18n';
import { BootError } from './components/BootError';
import { httpTransport, takeLaunchToken } from './api/transport';

/**
 * The transport is chosen here, once, and passed in: the preload bridge in Electron, HTTP with
 * the launch token in the browser host. Everything below talks to the same typed client.
 */
async function boot() {
  const root = createRoot(document.getElementById('root')!);
  const guess = matchLanguage(navigator.languages) ?? 'en';
  const bridge = (window as unknown as { api?: DesktopBridge }).api;
  let transport: Transport;
  if (bridge) {
    transport = bridgeTransport(bridge);
  } else {
    const token = takeLaunchToken();
    if (!token) {
      root.render(<BootError language={guess} texts={await loadTexts(guess)} kind="noToken" />);
      return;
    }
    transport = httpTransport(token);
  }
  const api = createApiClient(transport);
  try {
    const [info, settings] = await Promise.all([api.call('app.info', {}), api.call('settings.get', {})]);
    root.render(<App api={api} info={info} settings={settings} texts={await loadTexts(settings.language)} />);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    root.render(<BootError language={guess} texts={await loadTexts(guess)} kind="failed" reason={reason} />);
  }
}

void boot();
