// What the status bar shows and every screen may read: the app, its settings, the queue, the scanner, the keychain.
// Loaded once at start and kept current by the core's events (see use-core-events.ts).
import { create } from 'zustand';
import { kaunter } from '../api.ts';
import type { CoreText } from '../common/core-text.ts';
import type { AppInfo, CoreStatus, CredentialsStatus, MethodOutput, QueueStatus, Result, ScannerState, SettingsView, ShiftView } from '../types.ts';

type RefusedLately = MethodOutput<'queue.refused'>;

export interface StatusState {
  info: AppInfo | null;
  settings: SettingsView | null;
  queue: QueueStatus | null;
  /** Awards RM refused after the counter had moved on, lately (the core's window): the cashier is to tell the manager. */
  refused: RefusedLately | null;
  scanner: ScannerState | null;
  credentials: CredentialsStatus | null;
  /** The terminal's open shift: who is at the counter (null: nobody has picked their name since the last shift ended). */
  shift: ShiftView | null;
  /** The core's own process, once the host has said anything about it (it restarts the core if it dies). */
  core: CoreStatus | null;
  /** The page's line to its host (the browser host can be lost; Electron's cannot): anything but connected is said. */
  connection: 'connected' | 'lost' | 'refused';
  /** A failure to load or change something, in the core's words. */
  problem: CoreText | null;
}

interface StatusActions {
  load: () => Promise<void>;
  refreshQueue: () => Promise<void>;
  refreshRefused: () => Promise<void>;
  /**
   * The manager has seen the refused awards, up to the newest this screen counted (one that came since stays news): the
   * count the core answers replaces the pill's at once.
   */
  markRefusedSeen: (upToEvent: number) => Promise<Result<RefusedLately>>;
  /** The count the core told every screen (another screen's manager marked them seen). */
  setRefused: (refused: RefusedLately) => void;
  refreshCredentials: () => Promise<void>;
  setQueue: (queue: QueueStatus) => void;
  setHidScanner: (hid: ScannerState['hid']) => void;
  setSettings: (settings: SettingsView) => void;
  setCredentials: (credentials: CredentialsStatus) => void;
  setShift: (shift: ShiftView | null) => void;
  setCore: (core: CoreStatus) => void;
  setConnection: (connection: StatusState['connection']) => void;
  chooseLanguage: (language: SettingsView['language']) => Promise<void>;
  chooseCashier: (cashier: string) => Promise<void>;
}

export const initialStatus: StatusState = { info: null, settings: null, queue: null, refused: null, scanner: null, credentials: null, shift: null, core: null, connection: 'connected', problem: null };

/** Scanner status events heard so far: the watcher never repeats one, so load() must not overwrite it with an older answer. */
let hidStatusEvents = 0;

export const useStatusStore = create<StatusState & StatusActions>()((set, get) => ({
  ...initialStatus,

  async load() {
    const api = kaunter();
    const hidEventsBefore = hidStatusEvents;
    // Not one of the answers the status bar needs to start: a failure keeps the count it had.
    void get().refreshRefused();
    const [info, settings, queue, scanner, credentials, shift] = await Promise.all([
      api.app.info({}),
      api.settings.get({}),
      api.queue.status({}),
      api.scanner.status({}),
      api.credentials.status({}),
      api.shift.current({}),
    ]);
    const failed = [info, settings, queue, scanner, credentials, shift].find((result) => !result.ok);
    const heard = get().scanner;
    const loaded = scanner.ok ? scanner.value : heard;
    // A status event that came while the calls were out is newer than scanner.status's answer.
    const newerHid = hidStatusEvents !== hidEventsBefore && heard ? heard.hid : null;
    set({
      info: info.ok ? info.value : get().info,
      settings: settings.ok ? settings.value : get().settings,
      queue: queue.ok ? queue.value : get().queue,
      scanner: loaded && newerHid ? { ...loaded, hid: newerHid } : loaded,
      credentials: credentials.ok ? credentials.value : get().credentials,
      shift: shift.ok ? shift.value : get().shift,
      problem: failed && !failed.ok ? failed.error : null,
    });
  },

  async refreshQueue() {
    const result = await kaunter().queue.status({});
    if (result.ok) set({ queue: result.value });
  },

  async refreshRefused() {
    const result = await kaunter().queue.refused({});
    if (result.ok) set({ refused: result.value });
  },

  async markRefusedSeen(upToEvent) {
    const result = await kaunter().queue.refusedSeen({ upToEvent });
    if (result.ok) set({ refused: result.value });
    return result;
  },

  setRefused(refused) {
    set({ refused });
  },

  async refreshCredentials() {
    const result = await kaunter().credentials.status({});
    if (result.ok) set({ credentials: result.value });
  },

  setQueue(queue) {
    set({ queue });
  },

  setHidScanner(hid) {
    hidStatusEvents += 1;
    const scanner = get().scanner;
    set({ scanner: { mode: scanner?.mode ?? get().settings?.scannerMode ?? 'hid', hid } });
  },

  setSettings(settings) {
    const scanner = get().scanner;
    set({ settings, scanner: scanner ? { ...scanner, mode: settings.scannerMode } : scanner });
  },

  setCredentials(credentials) {
    set({ credentials });
  },

  setShift(shift) {
    set({ shift });
  },

  setCore(core) {
    set({ core });
    // A restarted core has told nobody its queue yet: ask, so the counts are right at once.
    if (core.state === 'running') {
      void get().refreshQueue();
      void get().refreshRefused();
    }
  },

  setConnection(connection) {
    set({ connection });
    // Back after a loss: whatever changed meanwhile (the queue, settings) arrived as events nobody heard.
    if (connection === 'connected') void get().load();
  },

  async chooseLanguage(language) {
    const result = await kaunter().settings.setLanguage({ language });
    if (!result.ok) return set({ problem: result.error });
    get().setSettings(result.value);
    set({ problem: null });
  },

  async chooseCashier(cashier) {
    const result = await kaunter().shift.start({ cashier });
    if (!result.ok) return set({ problem: result.error });
    set({ shift: result.value, problem: null });
  },
}));
