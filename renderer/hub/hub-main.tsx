// Head office in the browser: the counter's manager screens, hosted by the hub. window.kaunter is the hub's HTTP API
// (hub-api.ts), so History, award detail, export and Review are the very components the counter shows.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n/i18n.ts';
import { isLanguage } from '../i18n/languages.ts';
import { useStatusStore } from '../stores/status-store.ts';
import { HubApp } from './HubApp.tsx';
import { HubSession } from './hub-api.ts';

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  const code = navigator.language.slice(0, 2);
  initI18n(isLanguage(code) ? code : 'en');
  const session = new HubSession();
  window.kaunter = session.api();
  await session.resume();
  if (session.current()) await loadSettings();
  createRoot(container).render(
    <StrictMode>
      <HubApp session={session} onSignedIn={loadSettings} />
    </StrictMode>,
  );
}

/** The cashier names for the history filter come from what the counters pushed. */
async function loadSettings(): Promise<void> {
  const settings = await window.kaunter?.settings.get({});
  if (settings?.ok) useStatusStore.getState().setSettings(settings.value);
}

void start();
