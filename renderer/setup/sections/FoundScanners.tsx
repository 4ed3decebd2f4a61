// Scanners found: the devices a manager may pick as the counter's scanner. Keyboards with no sign of being a scanner
// are listed apart and folded away, because a keyboard-mode scanner and the keyboard people type on look the same to
// the system; a cheap scanner that gives no name of its own is still there to pick.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../../api.ts';
import { Problem } from '../../common/Problem.tsx';
import { useManagerAnswer } from '../../manager/use-manager-answer.ts';
import { useStatusStore } from '../../stores/status-store.ts';
import type { FoundDevice } from '../../types.ts';

function hex(value: number): string {
  return value.toString(16).padStart(4, '0');
}

export function FoundScanners({ onPick }: { onPick: (device: FoundDevice) => void }) {
  const { t } = useTranslation();
  const saved = useStatusStore((state) => state.settings?.scanner ?? null);
  // Each press of Look again is a new question: the core lists the devices again (and its watcher looks too).
  const [look, setLook] = useState(0);
  const { answer: devices, problem } = useManagerAnswer(look, () => kaunter().scanner.devices({}));
  // A keyboard picked from the folded list moves up beside the scanners: focus follows it there, so a manager on the
  // keyboard keeps their place.
  const [following, setFollowing] = useState<string | null>(null);
  const listsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const moved = [...(listsRef.current?.querySelectorAll<HTMLButtonElement>('button[aria-pressed=true]') ?? [])].find((button) => button.dataset.path === following);
    if (!moved) return;
    moved.focus();
    setFollowing(null);
  }, [saved, following]);
  const pick = (device: FoundDevice, folded: boolean): void => {
    if (folded) setFollowing(device.path);
    onPick(device);
  };

  const isPicked = (device: FoundDevice): boolean => saved?.vendorId === device.vendorId && saved.productId === device.productId;
  // A picked keyboard stays in view: the manager must see what is picked without opening anything.
  const scanners = devices?.filter((device) => !device.plainKeyboard || isPicked(device)) ?? [];
  const keyboards = devices?.filter((device) => device.plainKeyboard && !isPicked(device)) ?? [];

  const list = (shown: FoundDevice[], folded: boolean) => (
    <ul className="device-list">
      {shown.map((device) => (
        <li key={device.path}>
          <button type="button" className="device" aria-pressed={isPicked(device)} data-path={device.path} onClick={() => pick(device, folded)}>
            <strong>{device.name}</strong>
            <span>{t('setup.scanner.deviceIds', { vendor: hex(device.vendorId), product: hex(device.productId), mode: t(`setup.scanner.deviceMode.${device.mode}`) })}</span>
          </button>
        </li>
      ))}
    </ul>
  );

  return (
    <div className="subsection" ref={listsRef}>
      <h3>{t('setup.scanner.devices')}</h3>
      <button type="button" className="button-secondary" onClick={() => setLook((count) => count + 1)}>
        {t('setup.scanner.refresh')}
      </button>
      {devices && scanners.length === 0 && <p className="field-hint">{t('setup.scanner.noDevices')}</p>}
      {list(scanners, false)}
      {/* Open when nothing else was found: a scanner that gives no name of its own may be among them. */}
      {keyboards.length > 0 && (
        <details className="other-keyboards" data-testid="other-keyboards" open={scanners.length === 0}>
          <summary>{t('setup.scanner.otherKeyboards', { count: keyboards.length })}</summary>
          <p className="field-hint">{t('setup.scanner.otherKeyboardsHint')}</p>
          {list(keyboards, true)}
        </details>
      )}
      <Problem message={problem} />
    </div>
  );
}
