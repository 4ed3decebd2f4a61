// Start: wait for the host's bridge (window.kaunter), set the language from settings, then show the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { whenKaunterReady } from './api.ts';
import { App } from './App.tsx';
import { initI18n, setLanguage } from './i18n/i18n.ts';
import { isLanguage } from './i18n/languages.ts';
import { useStatusStore } from './stores/status-store.ts';

const BRIDGE_WAIT_MS = 15_000;

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  const i18n = initI18n(navigatorLanguage());
  const api = await whenKaunterReady(BRIDGE_WAIT_MS);
  if (!api) {
    container.textContent = i18n.t('shell.noBridge');
    return;
  }
  // Settings decide the language and whether the wizard or the counter shows: read them once before the first paint,
  // so the counter appears in the right language without a loading screen.
  const settings = await api.settings.get({});
  if (settings.ok) {
    setLanguage(settings.value.language);
    useStatusStore.getState().setSettings(settings.value);
  }
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

/** Before settings are read (or if they cannot be), the system's language if we have it. */
function navigatorLanguage(): 'en' | 'ms' | 'zh' {
  const code = navigator.language.slice(0, 2);
  return isLanguage(code) ? code : 'en';
}

void start();
