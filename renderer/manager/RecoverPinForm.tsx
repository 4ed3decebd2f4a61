// The owner's way back in from the PIN pad: the recovery code and a new PIN. The core checks the code (whatever the
// pad's lockout), sets the PIN, unlocks, and makes a new code in place of the one used, which is then shown once.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { Problem } from '../common/Problem.tsx';
import type { CoreText } from '../common/core-text.ts';
import { useManagerStore } from '../stores/manager-store.ts';

const PIN = /^\d{4,8}$/;

export function RecoverPinForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<CoreText | string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!PIN.test(pin)) return setProblem(t('setup.pin.format'));
    if (pin !== again) return setProblem(t('setup.pin.mismatch'));
    setBusy(true);
    const result = await kaunter().manager.recover({ recoveryCode: code, pin });
    setBusy(false);
    if (!result.ok) return setProblem(result.error);
    const { recoveryCode, ...status } = result.value;
    if (recoveryCode) useManagerStore.getState().showRecoveryCode(recoveryCode);
    useManagerStore.getState().setStatus(status);
  };

  return (
    <form className="section recover-pin" aria-labelledby="recover-title" onSubmit={(event) => void onSubmit(event)} data-testid="recover-pin">
      <h2 id="recover-title">{t('recovery.title')}</h2>
      <p className="field-hint">{t('recovery.hint')}</p>
      <label htmlFor="recovery-code">{t('recovery.code')}</label>
      <input id="recovery-code" autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={64} value={code} onChange={(event) => setCode(event.target.value)} />
      <label htmlFor="recover-pin">{t('setup.pin.pin')}</label>
      <input id="recover-pin" type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={pin} onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))} />
      <label htmlFor="recover-pin-again">{t('setup.pin.again')}</label>
      <input id="recover-pin-again" type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={again} onChange={(event) => setAgain(event.target.value.replace(/\D/g, ''))} />
      <button type="submit" className="button-primary" aria-busy={busy} disabled={busy} data-testid="recover-submit">
        {t('recovery.submit')}
      </button>
      <button type="button" className="button-secondary" onClick={onCancel}>
        {t('recovery.cancel')}
      </button>
      <Problem message={problem} />
    </form>
  );
}
