// The manager's PIN: typed on the keyboard or tapped on the pad. The core rate-limits attempts and locks out for
// longer after each run of wrong PINs; the pad shows its message and counts the lockout down.
// Keyboard and taps mix: the keys never take focus (a tap keeps it on the field), so Enter submits the PIN rather than
// pressing the last key tapped again, and digits typed after a tap reach the field.
// Cashiers scan by habit: a scan typed into the pad is not a try (pin-or-scan.ts says which keys are a scan's), and
// the pad says so in place of the shell's "scan not used".
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreText } from '../common/core-text.ts';
import { Problem } from '../common/Problem.tsx';
import { useNow } from '../common/use-now.ts';
import { DEFAULT_KEYSTROKE_READER } from '../scanner/keystroke-reader.ts';
import { useClaimScans } from '../scanner/scan-claim.ts';
import type { ScanEvent } from '../scanner/use-scans.ts';
import { useManagerStore } from '../stores/manager-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import { isPinShaped, MAX_PIN_LENGTH, PinOrScan } from './pin-or-scan.ts';
import { RecoverPinForm } from './RecoverPinForm.tsx';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

export function PinPad() {
  const { t } = useTranslation();
  const [pin, setPinText] = useState('');
  const [scanRefused, setScanRefused] = useState(false);
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
  const keystrokes = useStatusStore((state) => state.settings?.keystrokes) ?? DEFAULT_KEYSTROKE_READER;
  const { maxGapMs, minLength } = keystrokes;
  const scanKeys = useMemo(() => new PinOrScan({ maxGapMs, minLength }), [maxGapMs, minLength]);

  // What is typed next starts a new try: the words about the last scan go.
  const setPin = (next: string | ((current: string) => string)): void => {
    setPinText(next);
    setScanRefused(false);
  };

  const refuseScan = (): void => {
    setPinText('');
    setScanRefused(true);
  };

  // The PIN goes from the field as it is sent: digits typed while the core checks it start the next try, and a wrong
  // answer does not wipe them. A lockout does (the field is shut until it ends).
  const tryPin = (value: string): void => {
    if (locked || unlocking || value === '') return;
    setPin('');
    void unlock(value).then((unlocked) => {
      if (unlocked) return;
      const { lockoutEndsAt } = useManagerStore.getState();
      if (lockoutEndsAt !== null && lockoutEndsAt > monotonicNow()) setPinText('');
      else field.current?.focus();
    });
  };

  // A scan the page's reader caught, with the focus off the field (on Unlock after a click, or outside the pad), or one
  // from a HID scanner: heard here on every tab, Settings too. The reader tells a keyboard-mode burst by speed alone:
  // one a PIN could be is the PIN typed fast, and its Enter was taken.
  useClaimScans((scan: ScanEvent) => {
    if (scan.source === 'keyboard' && isPinShaped(scan.text)) tryPin(scan.text);
    else refuseScan();
  }, !recovering);

  if (recovering) return <RecoverPinForm onCancel={() => setRecovering(false)} />;

  const press = (key: (typeof KEYS)[number]): void => {
    if (key === 'clear') setPin('');
    else if (key === 'back') setPin((current) => current.slice(0, -1));
    else setPin((current) => (current.length < MAX_PIN_LENGTH ? current + key : current));
    field.current?.focus();
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    tryPin(pin);
  };

  // Every key in the pad is first weighed as a scanner's. Then digits, Backspace and Delete pressed while something
  // else in the pad has focus (Unlock, after a click) go to the field.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (locked || event.altKey || event.ctrlKey || event.metaKey) return;
    const verdict = scanKeys.key(event.key, event.timeStamp);
    if (verdict !== 'type') {
      event.preventDefault();
      if (verdict === 'scan') refuseScan();
      return;
    }
    if (event.target === field.current) return;
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
      ) : scanRefused ? (
        <p className="problem" role="alert" data-testid="pin-scan-refused">
          {t('manager.pin.scanNotPin')}
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
