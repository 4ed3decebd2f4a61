// The two buttons under a question that changes something hard to undo (switching environments, a merge with head
// office): the change in red, named for what it does, and Cancel beside it.
import { useTranslation } from 'react-i18next';

export function ConfirmButtons({ yes, onConfirm, onCancel, testId }: { yes: string; onConfirm: () => void; onCancel: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      <button type="button" className="button-danger" onClick={onConfirm} data-testid={testId}>
        {yes}
      </button>
      <button type="button" className="button-secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
