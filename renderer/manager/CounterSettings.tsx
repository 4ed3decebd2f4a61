// How the counter behaves for everyone at it: the outcome sounds (on by default).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveSettings } from '../setup/sections/save-settings.ts';
import { SectionSaved, type SaveResult } from '../setup/sections/SectionSaved.tsx';
import { useStatusStore } from '../stores/status-store.ts';

export function CounterSettings() {
  const { t } = useTranslation();
  const sounds = useStatusStore((state) => state.settings?.sounds !== false);
  const [result, setResult] = useState<SaveResult | null>(null);
  return (
    <section className="section" aria-labelledby="counter-settings-title">
      <h2 id="counter-settings-title">{t('settings.counter.title')}</h2>
      <label className="choice">
        <input type="checkbox" checked={sounds} onChange={(event) => void saveSettings({ sounds: event.target.checked }).then((problem) => setResult({ problem }))} data-testid="sounds" />
        <span className="choice-text">
          <strong>{t('settings.counter.sounds')}</strong>
          <span>{t('settings.counter.soundsDetail')}</span>
        </span>
      </label>
      <SectionSaved result={result} />
    </section>
  );
}
