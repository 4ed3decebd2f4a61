// The customer display's page: wait for the host's display bridge, then show what the core pushes.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { initI18n } from '../i18n/i18n.ts';
import { DisplayApp } from './DisplayApp.tsx';
import { whenDisplayReady } from './display-api.ts';
import '../app.css';
import './display.css';

const BRIDGE_WAIT_MS = 15_000;

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  initI18n('en');
  const api = await whenDisplayReady(BRIDGE_WAIT_MS);
  if (!api) {
    container.textContent = i18next.t('shell.noBridge');
    return;
  }
  createRoot(container).render(
    <StrictMode>
      <DisplayApp api={api} />
    </StrictMode>,
  );
}

void start();
