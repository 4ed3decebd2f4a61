// The manager's PIN: typed on the keyboard or tapped on the pad. The core rate-limits attempts and locks out for
// longer after each run of wrong PINs; the pad shows its message and counts the lockout down.
// Keyboard and taps mix: the keys never take focus (a tap keeps it on the field), so Enter submits the PIN rather than
// pressing the last key tapped again, and digits typed after a tap reach the field.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreText } from '../common/core-text.ts';
import { Problem } from '../common/Problem.tsx';
import { useNow } from '../common/use-now.ts';
import { useManagerStore } from '../stores/manager-store.ts';
import { RecoverPinForm } from './RecoverPinForm.tsx';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;
const MAX_PIN_LENGTH = 8;

export function PinPad() {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const unlocking = useManagerStore((state) => state.unlocking);
  const problem = useManagerStore((state) => state.problem);
  const unlock = useManagerStore((state) => state.unlock);
  const say = useCoreText();
  const lockoutEndsAt = useManagerStore((state) => state.lockoutEndsAt);
  const load = useManagerStore((state) => state.load);
  const now = useNow(1000, lockoutEndsAt !== null, monotonicNow);
  const lockedFor = lockoutEndsAt !== null && lockoutEndsAt > now ? Math.ceil((lockoutEndsAt - now) / 1000) : 0;
  const locked = lockedFor > 0;
  // The countdown is this page's reckoning: when it ends, the core says whether the pad is open (or locked for longer).
  const countdownEnded = lockoutEndsAt !== null && !locked;
  useEffect(() => {
    if (countdownEnded) void load();
  }, [countdownEnded, load]);
  // A lockout disables the field, which drops its focus: give it back when the pad opens again.
  useEffect(() => {
    if (!locked) field.current?.focus();
  }, [locked]);

  const [recovering, setRecovering] = useState(false);
  if (recovering) return <RecoverPinForm onCancel={() => setRecovering(false)} />;

  const press = (key: (typeof KEYS)[number]): void => {
    if (key === 'clear') setPin('');
    else if (key === 'back') setPin((current) => current.slice(0, -1));
    else setPin((current) => (current.length < MAX_PIN_LENGTH ? current + key : current));
    field.current?.focus();
  };

  // The PIN goes from the field as it is sent: digits typed while the core checks it start the next try, and a wrong
  // answer does not wipe them. A lockout does (the field is shut until it ends).
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    if (locked || unlocking || pin === '') return;
    setPin('');
    void unlock(pin).then((unlocked) => {
      if (unlocked) return;
      const { lockoutEndsAt } = useManagerStore.getState();
      if (lockoutEndsAt !== null && lockoutEndsAt > monotonicNow()) setPin('');
      else field.current?.focus();
    });
  };

  // Digits, Backspace and Delete pressed while something else in the pad has focus (Unlock, after a click) go to the field.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (locked || event.target === field.current || event.altKey || event.ctrlKey || event.metaKey) return;
    if (/^\d$/.test(event.key)) press(event.key as (typeof KEYS)[number]);
    else if (event.key === 'Backspace') press('back');
    else if (event.key === 'Delete') press('clear');
    else return;
    event.preventDefault();
  };

  const keepFocus = (event: MouseEvent): void => event.preventDefault();

  return (
    <form className="pin-pad" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-labelledby="pin-title" data-testid="pin-pad">
      <h2 id="pin-title">{t('manager.pin.title')}</h2>
      <label htmlFor="pin">{t('manager.pin.label')}</label>
      <input
        ref={field}
        id="pin"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        autoFocus
        maxLength={MAX_PIN_LENGTH}
        value={pin}
        disabled={locked}
        onChange={(event) => setPin(event.target.value.replace(/\D/g, '').slice(0, MAX_PIN_LENGTH))}
      />
      {locked ? (
        <p className="problem" role="alert" data-testid="pin-lockout">
          {problem ? `${say(problem)} ` : ''}
          {t('manager.pin.lockedFor', { time: formatCountdown(lockedFor) })}
        </p>
      ) : (
        <Problem message={problem} />
      )}
      <div className="pin-keys">
        {KEYS.map((key) => (
          <button
            key={key}
            type="button"
            className="pin-key"
            tabIndex={-1}
            disabled={locked}
            onMouseDown={keepFocus}
            onClick={() => press(key)}
            aria-label={key === 'clear' || key === 'back' ? t(`manager.pin.${key}`) : key}
          >
            {key === 'clear' ? t('manager.pin.clearShort') : key === 'back' ? '←' : key}
          </button>
        ))}
      </div>
      <button type="submit" className="button-primary" disabled={locked} aria-busy={unlocking} data-testid="pin-unlock">
        {t('manager.pin.unlock')}
      </button>
      <button type="button" className="button-link" onClick={() => setRecovering(true)} data-testid="pin-forgot">
        {t('recovery.forgot')}
      </button>
    </form>
  );
}

const monotonicNow = (): number => performance.now();

/** 75 -> "1:15". */
function formatCountdown(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
