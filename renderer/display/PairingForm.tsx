// Pairing a customer display page with the counter (browser host): the manager makes a short code on the counter
// (Settings > Customer display), someone types it here. The host checks it; a wrong or expired code is refused.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PairingStatus } from '../../app/contract.ts';

export function PairingForm({ status, onPair }: { status: PairingStatus; onPair: (code: string) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const busy = status.state === 'pairing';
  return (
    <main className="customer-display customer-display-pairing">
      <form
        className="display-pair"
        aria-labelledby="display-pair-title"
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) onPair(code.trim());
        }}
      >
        <h1 id="display-pair-title">{t('display.pairTitle')}</h1>
        <p>{t('display.pairPrompt')}</p>
        <label htmlFor="pairing-code">{t('display.pairCode')}</label>
        <input
          id="pairing-code"
          data-testid="pairing-code"
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
        <button type="submit" data-testid="pair" aria-busy={busy} disabled={busy}>
          {t('display.pair')}
        </button>
        {status.state === 'refused' && (
          <p className="display-pair-problem" role="alert" data-testid="pairing-refused">
            {t(status.reason === 'limited' ? 'display.pairLimited' : 'display.pairWrong')}
          </p>
        )}
      </form>
    </main>
  );
}
