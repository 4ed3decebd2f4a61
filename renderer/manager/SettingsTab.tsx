// The first-run sections, editable later behind the PIN; plus history retention.
import { CredentialsSection } from '../setup/sections/CredentialsSection.tsx';
import { EnvironmentSection } from '../setup/sections/EnvironmentSection.tsx';
import { HeadOfficeSection } from '../setup/sections/HeadOfficeSection.tsx';
import { KeySection } from '../setup/sections/KeySection.tsx';
import { PinSection } from '../setup/sections/PinSection.tsx';
import { ScannerSection } from '../setup/sections/ScannerSection.tsx';
import { StoreSection } from '../setup/sections/StoreSection.tsx';
import { TestCallSection } from '../setup/sections/TestCallSection.tsx';
import { useStatusStore } from '../stores/status-store.ts';
import { RecoveryCodeSection } from './RecoveryCodeSection.tsx';
import { CounterSettings } from './CounterSettings.tsx';
import { CustomerDisplaySettings } from './CustomerDisplaySettings.tsx';
import '../setup/setup.css';

export function SettingsTab() {
  const training = useStatusStore((state) => state.settings?.environment === 'training');
  return (
    <div className="settings">
      <StoreSection showRetention />
      <CounterSettings />
      <CustomerDisplaySettings />
      <EnvironmentSection />
      {!training && <CredentialsSection />}
      {!training && <KeySection />}
      <TestCallSection />
      <ScannerSection withReceiptPattern />
      <PinSection />
      <RecoveryCodeSection />
      <HeadOfficeSection />
    </div>
  );
}
