// Every manager decision asks why, in a few words: the reason goes into the award's event trail with the manager's name.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Problem } from './Problem.tsx';

interface ReasonFormProps {
  /** The action's name on its confirm button. */
  confirmLabel: string;
  onConfirm: (reason: string) => Promise<string | null>;
  onCancel: () => void;
}

export function ReasonForm({ confirmLabel, onConfirm, onCancel }: ReasonFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="reason-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        if (reason.trim() === '') {
          setProblem(t('common.reasonRequired'));
          return;
        }
        setBusy(true);
        void onConfirm(reason.trim()).then((failure) => {
          setBusy(false);
          setProblem(failure);
        });
      }}
    >
      <label htmlFor={id}>{t('common.reason')}</label>
      <input id={id} autoFocus maxLength={200} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="reason" />
      <div className="button-row">
        <button type="submit" className="button-primary" aria-busy={busy} data-testid="reason-confirm">
          {confirmLabel}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel} data-testid="reason-cancel">
          {t('common.cancel')}
        </button>
      </div>
      <Problem message={problem} />
    </form>
  );
}
