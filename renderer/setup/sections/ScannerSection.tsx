// The scanner: HID POS (read by the core, no focus needed) or keyboard mode (read in the page by key timing); which
// device; in Settings, the receipt-number pattern (not in the wizard, whose steps have one action each: Next); and a
// test scan that shows the next code and how the core reads it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreText } from '../../common/core-text.ts';
import { useScannerDetail } from '../../common/scanner-text.ts';
import { useScans, type ScanEvent } from '../../scanner/use-scans.ts';
import { useStatusStore } from '../../stores/status-store.ts';
import type { SettingsView } from '../../types.ts';
import { FoundScanners } from './FoundScanners.tsx';
import { ReceiptPatternField } from './ReceiptPatternField.tsx';
import { saveSettings } from './save-settings.ts';
import { SectionSaved, type SaveResult } from './SectionSaved.tsx';

const MODES: ReadonlyArray<SettingsView['scannerMode']> = ['hid', 'keyboard'];

export function ScannerSection({ withReceiptPattern = false }: { withReceiptPattern?: boolean }) {
  const { t } = useTranslation();
  const mode = useStatusStore((state) => state.settings?.scannerMode ?? 'hid');
  const hid = useStatusStore((state) => state.scanner?.hid ?? null);
  const scannerDetail = useScannerDetail();
  const [result, setResult] = useState<SaveResult | null>(null);
  // The mode just chosen, shown at once while the core saves it (and dropped if the core refuses).
  const [choosing, setChoosing] = useState<SettingsView['scannerMode'] | null>(null);
  const shownMode = choosing ?? mode;

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
      <FoundScanners onPick={(device) => void save({ scanner: { vendorId: device.vendorId, productId: device.productId, label: device.name.slice(0, 80) } })} />
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
