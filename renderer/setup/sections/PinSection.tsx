// The manager's name and PIN (4 to 8 digits, typed twice). The core keeps only a slow salted hash of it. Once a PIN is
// set, changing it needs the current one: the core asks for it, so a manager screen left open cannot be used to lock
// the manager out.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../../api.ts';
import { useManagerStore } from '../../stores/manager-store.ts';
import { SectionSaved, type SaveResult } from './SectionSaved.tsx';
import { settleSave } from './settle-save.ts';
import type { WizardStepProps } from './wizard-step.ts';
import { SectionForm } from './SectionForm.tsx';

const PIN = /^\d{4,8}$/;

export function PinSection({ wizard }: WizardStepProps) {
  const { t } = useTranslation();
  const status = useManagerStore((state) => state.status);
  const [name, setName] = useState(status?.managerName ?? '');
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [result, setResult] = useState<SaveResult | null>(null);
  const pinSet = status?.pinSet === true;

  const save = async (): Promise<void> => {
    if (name.trim() === '') return setResult({ problem: t('setup.pin.nameRequired') });
    // In the wizard, Next with the PIN fields empty moves on when a PIN is already set.
    if (wizard && pinSet && current === '' && pin === '' && again === '') return wizard.onDone();
    if (!PIN.test(pin)) return setResult({ problem: t('setup.pin.format') });
    if (pin !== again) return setResult({ problem: t('setup.pin.mismatch') });
    const saved = await kaunter().manager.setPin({ pin, managerName: name.trim(), ...(pinSet ? { currentPin: current } : {}) });
    const done = settleSave(saved, setResult, ({ recoveryCode, ...savedStatus }) => {
      if (recoveryCode) useManagerStore.getState().showRecoveryCode(recoveryCode);
      useManagerStore.getState().setStatus(savedStatus);
      setCurrent('');
      setPin('');
      setAgain('');
    });
    if (done) wizard?.onDone();
  };

  return (
    <SectionForm wizard={wizard} titleId="pin-section-title" title={t('setup.pin.title')} onSubmit={() => void save()}>
      <p className="field-hint">{t(pinSet ? 'setup.pin.isSet' : 'setup.pin.notSet')}</p>
      <label htmlFor="manager-name">{t('setup.pin.name')}</label>
      <input id="manager-name" autoComplete="off" maxLength={60} value={name} onChange={(event) => setName(event.target.value)} />
      {pinSet && (
        <>
          <label htmlFor="current-pin">{t('setup.pin.current')}</label>
          <input id="current-pin" type="password" inputMode="numeric" autoComplete="current-password" maxLength={8} value={current} onChange={(event) => setCurrent(event.target.value.replace(/\D/g, ''))} />
        </>
      )}
      <label htmlFor="new-pin">{t('setup.pin.pin')}</label>
      <input id="new-pin" type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={pin} onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))} />
      <label htmlFor="new-pin-again">{t('setup.pin.again')}</label>
      <input id="new-pin-again" type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={again} onChange={(event) => setAgain(event.target.value.replace(/\D/g, ''))} />
      {!wizard && (
        <button type="submit" className="button-primary" data-testid="pin-save">
          {t('setup.pin.save')}
        </button>
      )}
      <SectionSaved result={result} />
    </SectionForm>
  );
}
