// The contract's shapes the UI works with (types only: the renderer reaches the core through window.kaunter).
import type { EventPayload, MethodOutput } from '../app/contract.ts';

export type {
  AwardState,
  AwardView,
  ContractError,
  CredentialsStatus,
  EventPayload,
  HistoryFilter,
  HubStatus,
  ManagerStatus,
  MemberIdentity,
  MethodInput,
  MethodOutput,
  QueueStatus,
  Result,
  ScanIdentityView,
  SettingsView,
  ShiftFilter,
  ShiftSummaryView,
  ShiftView,
} from '../app/contract.ts';

export type AppInfo = MethodOutput<'app.info'>;
export type ScannerState = MethodOutput<'scanner.status'>;
export type FoundDevice = MethodOutput<'scanner.devices'>[number];
export type Preview = MethodOutput<'award.preview'>;
export type SubmitOutcome = MethodOutput<'award.submit'>;
export type AwardDetail = MethodOutput<'award.get'>;
export type Evidence = MethodOutput<'manager.evidence'>;
export type HistoryTotals = MethodOutput<'history.totals'>;
export type CredentialsTest = MethodOutput<'credentials.test'>;
export type CoreStatus = EventPayload<'core.status'>;
