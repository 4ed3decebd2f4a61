// The scanner: HID POS (read by the core, no focus needed) or keyboard mode (read in the page by key timing); which
// device; in Settings, the receipt-number pattern (not in the wizard, whose steps have one action each: Next); and a
// test scan that shows the next code and how the core reads it.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../../api.ts';
import { Problem } from '../../common/Problem.tsx';
import { useCoreText, type CoreText } from '../../common/core-text.ts';
import { useScannerDetail } from '../../common/scanner-text.ts';
import { useScans, type ScanEvent } from '../../scanner/use-scans.ts';
import { noteIfLocked } from '../../stores/manager-store.ts';
import { useStatusStore } from '../../stores/status-store.ts';
import type { ScannerDevice, SettingsView } from '../../types.ts';
import { ReceiptPatternField } from './ReceiptPatternField.tsx';
import { saveSettings } from './save-settings.ts';
import { SectionSaved, type SaveResult } from './SectionSaved.tsx';

const MODES: ReadonlyArray<SettingsView['scannerMode']> = ['hid', 'keyboard'];

function hex(value: number): string {
  return value.toString(16).padStart(4, '0');
}

export function ScannerSection({ withReceiptPattern = false }: { withReceiptPattern?: boolean }) {
  const { t } = useTranslation();
  const mode = useStatusStore((state) => state.settings?.scannerMode ?? 'hid');
  const saved = useStatusStore((state) => state.settings?.scanner ?? null);
  const hid = useStatusStore((state) => state.scanner?.hid ?? null);
  const scannerDetail = useScannerDetail();
  const [devices, setDevices] = useState<ScannerDevice[] | null>(null);
  const [problem, setProblem] = useState<CoreText | null>(null);
  const [result, setResult] = useState<SaveResult | null>(null);
  // The mode just chosen, shown at once while the core saves it (and dropped if the core refuses).
  const [choosing, setChoosing] = useState<SettingsView['scannerMode'] | null>(null);
  const shownMode = choosing ?? mode;

  const findDevices = useCallback(() => {
    void kaunter()
      .scanner.devices({})
      .then((found) => {
        if (found.ok) {
          setDevices(found.value);
          setProblem(null);
        } else {
          noteIfLocked(found.error);
          setProblem(found.error);
        }
      });
  }, []);
  useEffect(findDevices, [findDevices]);

  const save = (patch: Parameters<typeof saveSettings>[0]): Promise<void> =>
    saveSettings(patch).then((failure) => setResult({ problem: failure }));

  const chooseMode = (option: SettingsView['scannerMode']): void => {
    setChoosing(option);
    void save({ scannerMode: option }).finally(() => setChoosing(null));
  };

  return (
    <section className="section" aria-labelledby="scanner-title">
      <h2 id="scanner-title">{t('setup.scanner.title')}</h2>
      <fieldset className="choices">
        <legend>{t('setup.scanner.mode')}</legend>
        {MODES.map((option) => (
          <label key={option} className="choice">
            <input type="radio" name="scanner-mode" checked={shownMode === option} onChange={() => chooseMode(option)} data-testid={`scanner-mode-${option}`} />
            <span className="choice-text">
              <strong>{t(`setup.scanner.${option}.name`)}</strong>
              <span>{t(`setup.scanner.${option}.detail`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {hid && shownMode === 'hid' && (
        <p className="field-hint" data-testid="scanner-status">
          {scannerDetail(hid)}
        </p>
      )}
      {/* Said of a picked keyboard-mode scanner when the line above speaks of another (a HID POS scanner beside it). */}
      {hid?.typingScanner && hid.device?.mode !== 'keyboard' && shownMode === 'hid' && (
        <p className="field-hint" data-testid="scanner-typing">
          {t('setup.scanner.typingScanner')}
        </p>
      )}
      <div className="subsection">
        <h3>{t('setup.scanner.devices')}</h3>
        <button type="button" className="button-secondary" onClick={findDevices}>
          {t('setup.scanner.refresh')}
        </button>
        {devices && devices.length === 0 && <p className="field-hint">{t('setup.scanner.noDevices')}</p>}
        <ul className="device-list">
          {devices?.map((device) => {
            const chosen = saved?.vendorId === device.vendorId && saved.productId === device.productId;
            return (
              <li key={device.path}>
                <button
                  type="button"
                  className="device"
                  aria-pressed={chosen}
                  onClick={() => void save({ scanner: { vendorId: device.vendorId, productId: device.productId, label: device.name.slice(0, 80) } })}
                >
                  <strong>{device.name}</strong>
                  <span>{t('setup.scanner.deviceIds', { vendor: hex(device.vendorId), product: hex(device.productId), mode: t(`setup.scanner.deviceMode.${device.mode}`) })}</span>
                </button>
              </li>
            );
          })}
        </ul>
        <Problem message={problem} />
      </div>
      <SectionSaved result={result} />
      {withReceiptPattern && <ReceiptPatternField />}
      <TestScan />
    </section>
  );
}

function TestScan() {
  const { t } = useTranslation();
  const say = useCoreText();
  const [scan, setScan] = useState<ScanEvent | null>(null);
  useScans(setScan);
  return (
    <div className="subsection test-scan" aria-live="polite">
      <h3>{t('setup.scanner.testTitle')}</h3>
      <p className="field-hint">{t('setup.scanner.testHelp')}</p>
      {scan ? (
        <dl className="facts" data-testid="test-scan-result">
          <div className="fact">
            <dt>{t('setup.scanner.scanned')}</dt>
            <dd>
              <code>{scan.text}</code>
            </dd>
          </div>
          <div className="fact">
            <dt>{t('setup.scanner.readAs')}</dt>
            <dd>
              {scan.identity.type === 'unrecognised'
                ? say({ message: scan.identity.reason, key: scan.identity.code, params: scan.identity.params })
                : t(`setup.scanner.identity.${scan.identity.type}`)}
            </dd>
          </div>
        </dl>
      ) : (
        <p>{t('setup.scanner.waiting')}</p>
      )}
    </div>
  );
}
