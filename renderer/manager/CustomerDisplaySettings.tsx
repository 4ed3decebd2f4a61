// The customer display, as a manager sets it up: in the desktop app, which monitor faces the customer (remembered by
// the monitor, so it comes back when plugged in again); in the browser host, a short code that pairs a page opened
// at /display on the customer's screen.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import type { CoreText } from '../common/core-text.ts';
import { Problem } from '../common/Problem.tsx';
import type { MethodOutput } from '../types.ts';

type Setup = MethodOutput<'display.setup'>;
type Code = MethodOutput<'display.pairingCode'>;

export function CustomerDisplaySettings() {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [problem, setProblem] = useState<CoreText | null>(null);
  useEffect(() => {
    void kaunter()
      .display.setup({})
      .then((result) => (result.ok ? setSetup(result.value) : setProblem(result.error)));
  }, []);
  return (
    <section className="section" aria-labelledby="customer-display-title" data-testid="customer-display-settings">
      <h2 id="customer-display-title">{t('settings.customerDisplay.title')}</h2>
      <p className="field-hint">{t('settings.customerDisplay.detail')}</p>
      {setup?.kind === 'monitors' && <MonitorChoice setup={setup} onChanged={setSetup} onProblem={setProblem} />}
      {setup?.kind === 'pairing' && <PairingCode onProblem={setProblem} />}
      <Problem message={problem} />
    </section>
  );
}

interface MonitorChoiceProps {
  setup: Extract<Setup, { kind: 'monitors' }>;
  onChanged: (setup: Setup) => void;
  onProblem: (problem: CoreText | null) => void;
}

function MonitorChoice({ setup, onChanged, onProblem }: MonitorChoiceProps) {
  const { t } = useTranslation();
  const choose = async (monitorId: number | null): Promise<void> => {
    const result = await kaunter().display.chooseMonitor({ monitorId });
    if (result.ok) {
      onChanged(result.value);
      onProblem(null);
    } else onProblem(result.error);
  };
  const others = setup.monitors.filter((monitor) => !monitor.counter);
  if (others.length === 0) return <p className="notice">{t('settings.customerDisplay.noMonitors')}</p>;
  return (
    <fieldset className="choices">
      <legend>{t('settings.customerDisplay.title')}</legend>
      {setup.monitors.map((monitor) => (
        <label key={monitor.id} className="choice">
          <input
            type="radio"
            name="customer-monitor"
            checked={monitor.chosen}
            disabled={monitor.counter}
            onChange={() => void choose(monitor.id)}
            data-testid={`monitor-${monitor.id}`}
          />
          <span className="choice-text">
            <strong>{t('settings.customerDisplay.monitor', { label: monitor.label, width: monitor.width, height: monitor.height })}</strong>
            {monitor.counter && <span>{t('settings.customerDisplay.counterMonitor')}</span>}
          </span>
        </label>
      ))}
      <label className="choice">
        <input type="radio" name="customer-monitor" checked={!setup.monitors.some((monitor) => monitor.chosen)} onChange={() => void choose(null)} data-testid="monitor-none" />
        <span className="choice-text">
          <strong>{t('settings.customerDisplay.none')}</strong>
        </span>
      </label>
    </fieldset>
  );
}

function PairingCode({ onProblem }: { onProblem: (problem: CoreText | null) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<Code | null>(null);
  const [busy, setBusy] = useState(false);
  const make = async (): Promise<void> => {
    setBusy(true);
    const result = await kaunter().display.pairingCode({});
    setBusy(false);
    if (result.ok) {
      setCode(result.value);
      onProblem(null);
    } else onProblem(result.error);
  };
  const address = `${window.location.origin}/display`;
  return (
    <div className="subsection">
      <p>{t('settings.customerDisplay.pairDetail', { url: address })}</p>
      <div className="button-row">
        <button type="button" className="button-secondary" onClick={() => void make()} aria-busy={busy} disabled={busy} data-testid="make-pairing-code">
          {t('settings.customerDisplay.makeCode')}
        </button>
      </div>
      {code && (
        <p className="pairing-code" aria-live="polite">
          <span>{t('settings.customerDisplay.code')}</span>
          <strong data-testid="pairing-code-shown">{code.code}</strong>
          <span>{t('settings.customerDisplay.expires', { minutes: Math.round(code.expiresInMs / 60_000) })}</span>
        </p>
      )}
    </div>
  );
}
