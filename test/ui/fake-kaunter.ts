// An in-memory `window.kaunter` for component tests: the real interface (built by app/api-shape.ts, as the preload and
// the browser bridge build it), every input checked against the contract's input schema and every output against its
// output schema, the same access rule as app/dispatch.ts, and the core's own pure parsers for phones, member IDs and
// scans. What it fakes is the outbox and RM: tests say how a submit ends (awarded, queued offline, unknown, refused).
import { buildKaunterApi } from '../../app/api-shape.ts';
import {
  contract,
  EVENT_NAMES,
  events,
  METHOD_NAMES,
  type AwardView,
  type ContractError,
  type ErrorCode,
  type EventName,
  type EventPayload,
  type KaunterApi,
  type ManagerStatus,
  type MethodName,
  type MethodOutput,
  type Result,
  type SettingsView,
  type ShiftSummaryView,
  type ShiftView,
} from '../../app/contract.ts';
import type { HandlerInput } from '../../app/handlers/types.ts';
import { NOT_GIVEN_STATES, pointsGiven } from '../../app/awards/given.ts';
import { COUNTER_WAIT_MS } from '../../app/common/counter-wait.ts';
import type { MemberIdentity } from '../../app/common/member.ts';
import { identityRulesSchema, type IdentityRules } from '../../app/scanner/identity-rules.ts';
import { counterName } from '../../app/awards/member-lookups.ts';
import { eventView } from '../../app/awards/event-words.ts';
import { MESSAGES, say } from '../../app/messages.ts';
import { identifyScan } from '../../app/scanner/member-identity.ts';
import { cleanScanText } from '../../app/scanner/scan-assembler.ts';
import { DEFAULT_SCANNER_SETTINGS } from '../../app/scanner/scanner-settings.ts';

export const FAKE_RECOVERY_CODES: readonly string[] = ['7KQ2-M9XA-3HDT-VW4E', 'B8ZN-4R1C-QF6P-2MYK', 'H3TV-9WDE-K5XA-0PRG'];

export class FakeRefusal extends Error {
  readonly code: ErrorCode;
  readonly extra: Partial<ContractError>;
  constructor(
    code: ErrorCode,
    message: string,
    extra: Partial<ContractError> = {},
  ) {
    super(message);
    this.code = code;
    this.extra = extra;
  }
}

type Handlers = { [M in MethodName]: (input: HandlerInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

/** How the next submit ends, as RM and the relay would have it. */
export type SubmitScript =
  | { kind: 'awarded' }
  | { kind: 'queued'; waiting: 'offline' | 'no-relay' | 'not-configured' | 'still-sending' }
  | { kind: 'sending' }
  | { kind: 'unknown' }
  | { kind: 'rejected'; code: string; message: string }
  /** What the relay does with a claim QR it could not get from RM: void it (nobody could claim it). */
  | { kind: 'voided'; code: string; message: string }
  | { kind: 'refuse'; code: ErrorCode; message: string }
  /**
   * The core's process stopped while it had the submit, after writing the award or before. A written award is UNKNOWN,
   * or AWARDED when RM's answer was recorded before the stop.
   */
  | { kind: 'interrupted'; written: boolean; recorded?: 'awarded' };

export interface FakeOptions {
  settings?: Partial<SettingsView>;
  training?: boolean;
  pin?: string | null;
  managerName?: string;
  online?: boolean;
  /** Rows of synthetic history after the stored awards (a million costs nothing: rows are made when asked for). */
  historyRows?: number;
  members?: Record<string, { name: string; points: number }>;
  pointsPerRinggit?: number;
  /** The shop's scan rules (e.g. a receipt pattern), as settings would hold them. */
  identityRules?: Partial<IdentityRules>;
  /** Whose shift is open when the screens start (null: nobody has picked their name). */
  cashier?: string | null;
}

export interface Call {
  method: MethodName;
  input: unknown;
}

const FREE_ATTEMPTS = 3;
const FIRST_LOCKOUT_MS = 30_000;
const HOUR_MS = 3_600_000;
const HISTORY_START_MS = Date.UTC(2026, 10, 25, 4, 0, 0);

export class FakeKaunter {
  readonly calls: Call[] = [];
  readonly awards = new Map<string, AwardView>();
  /** Each award's trail, appended on every change as the core's event table is. */
  readonly trails = new Map<string, MethodOutput<'award.get'>['events']>();
  /** Claim QRs the customer claimed at RM without Kaunter knowing yet: a cancel is refused as RM refuses it. */
  readonly claimedAtRm = new Set<string>();
  readonly api: KaunterApi;
  settings: SettingsView;
  online: boolean;
  training: boolean;
  submitScript: SubmitScript | null = null;
  /** award.get answers as a core still starting: UNAVAILABLE. */
  awardGetUnavailable = false;
  /** While set, award.submit waits for it: a test can click again while the first submit is in flight. */
  submitGate: Promise<void> | null = null;
  /** Methods that answer only once their promise settles (a core slow to answer one of them). */
  readonly gates = new Map<MethodName, Promise<void>>();
  historyRows: number;
  members: Record<string, { name: string; points: number }>;
  pointsPerRinggit: number;
  identityRules: IdentityRules;
  manager: { pin: string | null; name: string | null; unlocked: boolean; failed: number; lockedUntilMs: number | null; recoveryCode: string | null };
  credentials: MethodOutput<'credentials.status'>;
  devices: MethodOutput<'scanner.devices'> = [];
  /** Other counters' awards today by receipt (in lower case), as head office answers a receipt check. */
  receiptsElsewhere = new Map<string, { terminal: string; amountSen: number }>();
  private readonly receiptsAsked = new Set<string>();
  /** While set, the next receipt check waits for it. */
  receiptCheckGate: Promise<void> | null = null;
  hid: EventPayload<'scanner.status'> = { state: 'absent', message: 'No scanner is plugged in.' };
  testCall: MethodOutput<'credentials.test'> = { ok: true, message: 'Revenue Monster accepted the signed request.', code: null };
  exportRows = 3;
  hub: EventPayload<'hub.status'> = { kind: 'not-joined' };
  lastMerge: MethodOutput<'hub.lastMerge'> = null;
  /** The other awards to the member that manager.evidence gives (this counter's, and the chain's with their place). */
  evidenceNeighbours: MethodOutput<'manager.evidence'>['neighbours'] = [];
  /** The type of the RM history entry the evidence finds (the sandbox's, unless a test sets another). */
  evidenceEntryType = 'SPENDING_REWARD';
  /** How many seconds from the attempt RM recorded each credit the evidence finds: one credit, 2 s after, unless a test sets others. */
  evidenceSeconds: readonly number[] = [2];
  /** Whether the evidence read RM's history of the member's points (candidates are then what RM listed). */
  evidenceHistoryRead = true;
  /** Kaunter's suggestion in the evidence (the explanation stays the credited one's). */
  evidenceSuggestion: MethodOutput<'manager.evidence'>['suggestion'] = 'credited';
  /** Every shift on this terminal, oldest first; the last one may be open. */
  shifts: ShiftView[] = [];
  /** The counter's count of awards RM refused after the sale, as queue.refused answers it. */
  refused: MethodOutput<'queue.refused'> = { count: 0, sinceMs: 0, madeSinceMs: null, news: { refusedFromMs: 0, toldWithinMs: COUNTER_WAIT_MS, afterEvent: 0, upToEvent: 0 } };
  /** How this host shows the customer display: a page paired by a code (the browser host) unless a test gives monitors. */
  displaySetup: MethodOutput<'display.setup'> = { kind: 'pairing' };
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private clock = HISTORY_START_MS + 24 * HOUR_MS;

  constructor(options: FakeOptions = {}) {
    this.settings = {
      environment: options.training === false ? 'sandbox' : 'training',
      language: 'en',
      storeName: 'Kedai Runcit Ah Hock',
      terminalName: 'Counter 1',
      terminalId: 'terminal-1',
      cashiers: ['Aminah', 'Mei Ling'],
      retentionDays: null,
      sounds: true,
      scannerMode: 'keyboard',
      scanner: null,
      keystrokes: DEFAULT_SCANNER_SETTINGS.keystrokes,
      receiptPattern: null,
      setAsidePatterns: [],
      setupComplete: true,
      ...options.settings,
    };
    this.training = options.training ?? true;
    this.online = options.online ?? true;
    this.historyRows = options.historyRows ?? 0;
    this.members = options.members ?? { '172826990': { name: 'Tan Mei Ling', points: 1200 }, M1001: { name: 'Muthu Raj', points: 55 } };
    this.pointsPerRinggit = options.pointsPerRinggit ?? 1;
    this.identityRules = identityRulesSchema.parse(options.identityRules ?? {});
    this.settings = { ...this.settings, receiptPattern: this.identityRules.receiptPattern };
    this.manager = {
      pin: options.pin === undefined ? '1234' : options.pin,
      name: options.managerName ?? 'Siti',
      unlocked: false,
      failed: 0,
      lockedUntilMs: null,
      recoveryCode: options.pin === null ? null : (FAKE_RECOVERY_CODES[0] ?? null),
    };
    this.credentials = {
      state: this.training ? 'training' : 'ready',
      message: this.training ? 'Training mode: the built-in sandbox needs no credentials.' : 'Credentials are in the keychain.',
      clientId: this.training ? null : 'client-123',
      clientSecretSet: !this.training,
      privateKey: this.training ? null : { fingerprint: 'SHA256:abc', publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n' },
    };
    const cashier = options.cashier === undefined ? 'Aminah' : options.cashier;
    if (cashier !== null) this.shifts.push({ id: 1, terminalId: 'terminal-1', cashier, startedAt: this.clock - HOUR_MS, endedAt: null });
    this.api = buildKaunterApi(METHOD_NAMES, EVENT_NAMES, (method, input) => this.dispatch(method, input), (event, handler) => this.subscribe(event, handler));
  }

  install(): this {
    window.kaunter = this.api;
    return this;
  }

  callsOf(method: MethodName): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.input);
  }

  /** Push an event as the core would (checked against the contract's event schema). */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const handler of this.listeners.get(event) ?? []) handler(checked);
  }

  queueStatus(): MethodOutput<'queue.status'> {
    const states = [...this.awards.values()].map((award) => award.state);
    const count = (state: AwardView['state']) => states.filter((s) => s === state).length;
    return { queued: count('QUEUED'), sending: count('SENDING'), unknown: count('UNKNOWN'), online: this.online, paused: null, sendingEnabled: true };
  }

  setOnline(online: boolean): void {
    this.online = online;
    this.emit('queue.changed', this.queueStatus());
  }

  /** Change a stored award as the relay would, and tell the UI. */
  settle(id: string, patch: Partial<AwardView>, actor = 'relay', reason: string | null = null): AwardView {
    const award = this.award(id);
    const updated = { ...award, ...patch, updatedAt: this.tick() };
    this.store(updated, award.state, actor, reason);
    this.emit('award.updated', updated);
    this.emit('queue.changed', this.queueStatus());
    return updated;
  }

  addAward(patch: Partial<AwardView> & { id: string }): AwardView {
    const award = this.newAward({ id: patch.id, amountSen: 1000, member: { type: 'ID', memberId: 'M1001' } }, 'QUEUED');
    const stored = { ...award, ...patch };
    this.store({ ...stored, state: 'QUEUED' }, null, `cashier:${stored.cashier}`, null);
    if (stored.state !== 'QUEUED') this.store(stored, 'QUEUED', 'relay', null);
    return stored;
  }

  private store(award: AwardView, from: AwardView['state'] | null, actor: string, reason: string | null): void {
    this.awards.set(award.id, award);
    if (from === award.state) return;
    const trail = this.trails.get(award.id) ?? [];
    trail.push(eventView({ id: trail.length + 1, at: award.updatedAt, from, to: award.state, actor, reason, errorCode: award.lastError?.code ?? null }));
    this.trails.set(award.id, trail);
  }

  /** The synthetic history row at an index (newest first), made on demand. */
  historyRow(index: number): AwardView {
    const states: AwardView['state'][] = ['AWARDED', 'AWARDED', 'AWARDED', 'QUEUED', 'REJECTED'];
    const createdAt = HISTORY_START_MS - index * 60_000;
    return {
      id: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
      createdAt,
      terminalId: 'terminal-1',
      cashier: index % 2 === 0 ? 'Aminah' : 'Mei Ling',
      receiptRef: `R${index}`,
      amountSen: 1000 + (index % 50) * 10,
      member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: `17${String(index % 10_000_000).padStart(7, '0')}` },
      pointsPreview: 10 + (index % 50),
      pointsConfirmed: true,
      state: states[index % states.length] ?? 'AWARDED',
      nextAttemptAt: createdAt,
      rmItemId: null,
      qrCodeUrl: null,
      claimedAt: null,
      lastError: null,
      resolution: null,
      updatedAt: createdAt,
    };
  }

  private tick(): number {
    this.clock += 1000;
    return this.clock;
  }

  /** Time passes on the core's clock (a relay that answers long after the counter stopped waiting). */
  passTime(ms: number): void {
    this.clock += ms;
  }

  private subscribe(event: EventName, handler: (payload: unknown) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(handler);
    this.listeners.set(event, set);
    return () => set.delete(handler);
  }

  private async dispatch(method: MethodName, payload: unknown): Promise<Result<unknown>> {
    this.calls.push({ method, input: payload });
    const spec = contract[method];
    const parsed = spec.input.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: { code: 'BAD_REQUEST', message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'not valid'}`, key: 'error.BAD_REQUEST' } };
    }
    const denied = this.accessDenied(spec.access);
    if (denied) return { ok: false, error: denied };
    try {
      await this.gates.get(method);
      const handler = this.handlers[method] as (input: unknown) => unknown;
      const value: unknown = await handler(parsed.data);
      return { ok: true, value: spec.output.parse(value) };
    } catch (error) {
      if (error instanceof FakeRefusal) return { ok: false, error: { code: error.code, message: error.message, key: `error.${error.code}`, ...error.extra } };
      throw error;
    }
  }

  private accessDenied(access: (typeof contract)[MethodName]['access']): ContractError | null {
    if (access === 'counter') return null;
    if (access === 'setup-or-manager' && !this.settings.setupComplete) return null;
    if (this.manager.unlocked) return null;
    return { code: 'LOCKED', message: 'This needs the manager. Unlock with the manager PIN.', key: 'error.LOCKED' };
  }

  private managerStatus(): ManagerStatus {
    const locked = this.manager.lockedUntilMs !== null && this.manager.lockedUntilMs > Date.now() ? this.manager.lockedUntilMs : null;
    return {
      pinSet: this.manager.pin !== null,
      unlocked: this.manager.unlocked,
      managerName: this.manager.name,
      lockedUntilMs: locked,
      autoLockMs: 300_000,
      recoveryCodeSet: this.manager.recoveryCode !== null,
    };
  }

  /** As the core asks before a PIN or a recovery code is changed (the pad's lockout counting is left to the core's tests). */
  private checkCurrentPin(currentPin: string | undefined): void {
    if (!currentPin) throw new FakeRefusal('INVALID_INPUT', say('manager.currentPinNeeded'), { key: 'manager.currentPinNeeded' });
    if (currentPin !== this.manager.pin) throw new FakeRefusal('PIN_WRONG', 'Wrong PIN. Try again.');
  }

  /** The next recovery code, as the core makes one: shown once. */
  private makeRecoveryCode(): string {
    const code = FAKE_RECOVERY_CODES[(FAKE_RECOVERY_CODES.indexOf(this.manager.recoveryCode ?? '') + 1) % FAKE_RECOVERY_CODES.length] ?? '';
    this.manager = { ...this.manager, recoveryCode: code };
    return code;
  }

  private award(id: string): AwardView {
    const award = this.awards.get(id);
    if (!award) throw new FakeRefusal('NOT_FOUND', 'No award with that id on this terminal.');
    return award;
  }

  private newAward(input: { id: string; amountSen: number; member: MemberIdentity; receiptRef?: string; pointsPreview?: number }, state: AwardView['state']): AwardView {
    const now = this.tick();
    return {
      id: input.id,
      createdAt: now,
      terminalId: 'terminal-1',
      cashier: this.openShift()?.cashier ?? 'Counter',
      receiptRef: input.receiptRef ?? null,
      amountSen: input.amountSen,
      member: input.member,
      pointsPreview: input.pointsPreview ?? null,
      pointsConfirmed: input.pointsPreview !== undefined,
      state,
      nextAttemptAt: now,
      rmItemId: null,
      qrCodeUrl: null,
      claimedAt: null,
      lastError: null,
      resolution: null,
      updatedAt: now,
    };
  }

  private points(amountSen: number): number {
    return Math.floor((amountSen * this.pointsPerRinggit) / 100);
  }

  private memberKey(member: MemberIdentity): string | null {
    if (member.type === 'ID') return member.memberId;
    if (member.type === 'PHONENUMBER') return member.phoneNumber;
    return null;
  }

  private async submit(input: HandlerInput<'award.submit'>): Promise<MethodOutput<'award.submit'>> {
    const existing = this.awards.get(input.id);
    if (existing) return { award: existing, settled: existing.state !== 'QUEUED' && existing.state !== 'SENDING', waiting: null };
    if (this.submitGate) await this.submitGate;
    const used = input.receiptRef && !input.repeatReceipt ? this.receiptUsedBefore(input.receiptRef, false) : null;
    if (used) throw new FakeRefusal('INVALID_INPUT', used.message, { key: used.key, params: used.params, field: 'receiptRef' });
    const script = this.submitScript ?? this.defaultScript(input.member);
    if (script.kind === 'refuse') throw new FakeRefusal(script.code, script.message);
    if (script.kind === 'interrupted') {
      if (script.written) this.store(this.scripted(this.newAward(input, 'QUEUED'), { kind: script.recorded ?? 'unknown' }), null, 'relay', null);
      throw new FakeRefusal('UNAVAILABLE', MESSAGES['error.coreInterrupted'] ?? '', { key: 'error.coreInterrupted' });
    }
    const award = this.newAward(input, 'QUEUED');
    this.store(award, null, `cashier:${award.cashier}`, null);
    const stored = this.scripted(award, script);
    this.store(stored, 'QUEUED', 'relay', null);
    this.emit('queue.changed', this.queueStatus());
    const waiting = script.kind === 'queued' ? script.waiting : script.kind === 'sending' ? 'still-sending' : null;
    return { award: stored, settled: waiting === null, waiting };
  }

  /**
   * As the core does (app/handlers/award.ts), without its shop day: every award here is today's. Another counter's
   * award counts once head office was asked about its receipt (`ask`: the receipt check), never at the submit itself.
   */
  private receiptUsedBefore(receiptRef: string, ask: boolean): MethodOutput<'award.checkReceipt'>['usedBefore'] {
    const earlier = [...this.awards.values()].find((award) => award.receiptRef === receiptRef && !['VOIDED', 'REJECTED', 'CANCELLED'].includes(award.state));
    if (earlier) {
      const params = { receipt: receiptRef, time: '10:42', amount: (earlier.amountSen / 100).toFixed(2) };
      return { key: 'award.receiptUsed', params, message: say('award.receiptUsed', params) };
    }
    const key = receiptRef.toLowerCase();
    if (ask) this.receiptsAsked.add(key);
    const other = this.receiptsAsked.has(key) ? this.receiptsElsewhere.get(key) : undefined;
    if (!other) return null;
    const params = { receipt: receiptRef, time: '10:40', amount: (other.amountSen / 100).toFixed(2), terminal: other.terminal };
    return { key: 'award.receiptUsedElsewhere', params, message: say('award.receiptUsedElsewhere', params) };
  }

  private defaultScript(member: MemberIdentity): SubmitScript {
    if (this.online) return { kind: 'awarded' };
    if (member.type === 'QRCODE') return { kind: 'voided', code: 'UNREACHABLE', message: 'Could not connect to Revenue Monster (connection refused).' };
    return { kind: 'queued', waiting: 'offline' };
  }

  private scripted(award: AwardView, script: Exclude<SubmitScript, { kind: 'refuse' | 'interrupted' }>): AwardView {
    switch (script.kind) {
      case 'awarded':
        return award.member.type === 'QRCODE'
          ? { ...award, state: 'AWARDED', rmItemId: `qr-${award.id.slice(0, 8)}`, qrCodeUrl: `https://rm.example/claim/${award.id}` }
          : { ...award, state: 'AWARDED' };
      case 'queued':
        return award;
      case 'sending':
        return { ...award, state: 'SENDING' };
      case 'unknown':
        return { ...award, state: 'UNKNOWN', lastError: { code: 'TIMEOUT', message: 'Revenue Monster did not answer in time after the request was sent.' } };
      case 'rejected':
        return { ...award, state: 'REJECTED', lastError: { code: script.code, message: script.message } };
      case 'voided':
        return { ...award, state: 'VOIDED', lastError: { code: script.code, message: script.message } };
    }
  }

  private historyItems(filter: HandlerInput<'history.page'>['filter']): { stored: AwardView[]; synthetic: number } {
    const stored = [...this.awards.values()]
      .filter((award) => !filter.states || filter.states.includes(award.state))
      // The core's refused news is its own count: here, every refused award.
      .filter((award) => !filter.refusedNews || award.state === 'REJECTED')
      .filter((award) => !filter.cashier || award.cashier === filter.cashier)
      .filter((award) => !filter.terminalId || award.terminalId === filter.terminalId)
      .filter((award) => (filter.fromMs === undefined || award.createdAt >= filter.fromMs) && (filter.toMs === undefined || award.createdAt < filter.toMs))
      .sort((a, b) => b.createdAt - a.createdAt);
    const synthetic = filter.states || filter.cashier || filter.member || filter.receipt || filter.terminalId || filter.refusedNews ? 0 : this.historyRows;
    return { stored, synthetic };
  }

  openShift(): ShiftView | null {
    const last = this.shifts.at(-1);
    return last && last.endedAt === null ? last : null;
  }

  /** A shift with its figures, from the awards made under it, as the core reads them from its history. */
  shiftSummary(shift: ShiftView): ShiftSummaryView {
    const historyFilter = { terminalId: shift.terminalId, cashier: shift.cashier, fromMs: shift.startedAt, ...(shift.endedAt === null ? {} : { toMs: shift.endedAt + 1 }) };
    const awards = this.historyItems(historyFilter).stored;
    const count = (...states: AwardView['state'][]) => awards.filter((award) => states.includes(award.state)).length;
    return {
      ...shift,
      figures: {
        ...fakeTotals(awards, 0),
        waiting: count('QUEUED', 'SENDING'),
        unknown: count('UNKNOWN'),
      },
      asOf: this.clock,
      historyFilter,
    };
  }

  private endShift(): ShiftView | null {
    const open = this.openShift();
    if (!open) return null;
    const ended = { ...open, endedAt: this.tick() };
    this.shifts[this.shifts.length - 1] = ended;
    return ended;
  }

  private visibleShift(id: number): ShiftView {
    const shift = this.shifts.find((candidate) => candidate.id === id);
    if (!shift) throw new FakeRefusal('NOT_FOUND', 'No such shift on this terminal.', { key: 'shift.notFound' });
    if (!this.manager.unlocked && shift !== this.shifts.at(-1)) throw new FakeRefusal('LOCKED', "Only this terminal's latest shift can be seen at the counter.", { key: 'shift.managerOnly' });
    return shift;
  }

  private readonly handlers: Handlers = {
    'app.info': () => ({
      version: '0.1.0',
      environment: this.settings.environment,
      training: this.training,
      host: 'browser',
      storeName: this.settings.storeName,
      terminalName: this.settings.terminalName,
    }),
    'award.preview': ({ amountSen, member }) => {
      const known = member ? this.memberKey(member) : null;
      const profile = known ? this.members[known] : undefined;
      return {
        points: this.points(amountSen),
        estimate: !this.online,
        member: this.online && profile ? { name: counterName(profile.name), points: profile.points } : null,
        memberProblem: this.online && known && !profile ? 'No loyalty member has this phone number or member ID. Check it with the customer, or use a claim QR.' : null,
        memberProblemCode: this.online && known && !profile ? 'rm.MEMBER_NOT_FOUND' : null,
      };
    },
    'award.submit': (input) => this.submit(input),
    'award.checkReceipt': async ({ receiptRef }) => {
      // Held once: the answer to this check comes only when the test releases it.
      const gate = this.receiptCheckGate;
      this.receiptCheckGate = null;
      if (gate) await gate;
      return { usedBefore: this.receiptUsedBefore(receiptRef, true) };
    },
    'award.undo': ({ id, reason }) => {
      const award = this.award(id);
      if (award.state !== 'QUEUED') throw new FakeRefusal('NOT_ALLOWED', 'This award has already been sent and cannot be undone.');
      const why = reason ?? 'undone at the counter before it was sent';
      return this.settle(id, { state: 'VOIDED', resolution: { by: `cashier:${award.cashier}`, at: this.clock, reason: why } }, `cashier:${award.cashier}`, why);
    },
    'award.get': ({ id }) => {
      if (this.awardGetUnavailable) throw new FakeRefusal('UNAVAILABLE', MESSAGES['error.coreInterrupted'] ?? '', { key: 'error.coreInterrupted' });
      const award = this.award(id);
      return {
        award,
        attempts: [{ number: 1, nonce: 'n1', timestamp: '1764000000', startedAt: award.createdAt, outcome: award.state === 'AWARDED' ? 'success' : null, errorCode: null, finishedAt: null }],
        events: this.trails.get(id) ?? [],
      };
    },
    'queue.status': () => this.queueStatus(),
    'queue.retryNow': () => ({ ok: true as const }),
    'queue.refused': () => this.refused,
    'queue.refusedSeen': ({ upToEvent }) => {
      this.refused = { count: 0, sinceMs: this.clock, madeSinceMs: null, news: { ...this.refused.news, afterEvent: upToEvent, upToEvent } };
      this.emit('queue.refusedChanged', this.refused);
      return this.refused;
    },
    'history.page': ({ filter, cursor, limit }) => {
      const { stored, synthetic } = this.historyItems(filter);
      const start = cursor === null ? 0 : Number(cursor);
      if (!Number.isInteger(start) || start < 0) throw new FakeRefusal('INVALID_INPUT', 'That page cursor is not valid.');
      const total = stored.length + synthetic;
      const end = Math.min(total, start + limit);
      const items: AwardView[] = [];
      for (let index = start; index < end; index += 1) items.push(stored[index] ?? this.historyRow(index - stored.length));
      return { items, nextCursor: end < total ? String(end) : null };
    },
    'history.totals': ({ filter }) => {
      const { stored, synthetic } = this.historyItems(filter);
      const totals = fakeTotals(stored, synthetic);
      return { byDay: [{ day: '2026-11-25', ...totals }], byCashier: [{ cashier: 'Aminah', ...totals }] };
    },
    'history.exportCsv': async () => {
      for (let done = 1; done <= this.exportRows; done += 1) {
        await Promise.resolve();
        this.emit('export.progress', { done, total: this.exportRows });
      }
      return { path: '/home/shop/Kaunter/history-2026-11-25.csv', rows: this.exportRows };
    },
    'manager.status': () => this.managerStatus(),
    'manager.setPin': ({ pin, managerName, currentPin }) => {
      if (this.manager.pin !== null) this.checkCurrentPin(currentPin);
      const recoveryCode = this.manager.recoveryCode === null ? this.makeRecoveryCode() : null;
      this.manager = { ...this.manager, pin, name: managerName, unlocked: true, failed: 0, lockedUntilMs: null };
      return { ...this.managerStatus(), recoveryCode };
    },
    'manager.recover': ({ recoveryCode, pin, managerName }) => {
      if (this.manager.recoveryCode === null) throw new FakeRefusal('NOT_CONFIGURED', 'This terminal has no recovery code yet.');
      if (recoveryCode.toUpperCase().replace(/[\s-]/g, '') !== this.manager.recoveryCode.replace(/-/g, '')) {
        throw new FakeRefusal('PIN_WRONG', 'That recovery code is not right.');
      }
      const next = this.makeRecoveryCode();
      this.manager = { ...this.manager, pin, name: managerName ?? this.manager.name, unlocked: true, failed: 0, lockedUntilMs: null };
      return { ...this.managerStatus(), recoveryCode: next };
    },
    'manager.newRecoveryCode': ({ currentPin }) => {
      this.checkCurrentPin(currentPin);
      return { recoveryCode: this.makeRecoveryCode() };
    },
    'manager.unlock': ({ pin }) => {
      if (this.manager.pin === null) throw new FakeRefusal('NOT_CONFIGURED', 'No manager PIN is set yet. Finish the setup first.');
      const now = Date.now();
      if (this.manager.lockedUntilMs !== null && this.manager.lockedUntilMs > now) {
        throw new FakeRefusal('PIN_LOCKED_OUT', `Too many wrong PINs. Try again in ${Math.ceil((this.manager.lockedUntilMs - now) / 1000)} seconds.`);
      }
      if (pin === this.manager.pin) {
        this.manager = { ...this.manager, unlocked: true, failed: 0, lockedUntilMs: null };
        return this.managerStatus();
      }
      const failed = this.manager.failed + 1;
      const lockMs = failed < FREE_ATTEMPTS ? 0 : FIRST_LOCKOUT_MS * 2 ** (failed - FREE_ATTEMPTS);
      this.manager = { ...this.manager, failed, lockedUntilMs: lockMs > 0 ? now + lockMs : null };
      if (lockMs > 0) throw new FakeRefusal('PIN_LOCKED_OUT', `Wrong PIN. The PIN pad is locked for ${Math.ceil(lockMs / 1000)} seconds.`);
      throw new FakeRefusal('PIN_WRONG', 'Wrong PIN. Try again.');
    },
    'manager.lock': () => {
      const was = this.manager.unlocked;
      this.manager = { ...this.manager, unlocked: false };
      if (was) this.emit('manager.locked', {});
      return this.managerStatus();
    },
    'manager.unknownAwards': () => [...this.awards.values()].filter((award) => award.state === 'UNKNOWN'),
    'manager.evidence': ({ id }) => {
      const award = this.award(id);
      return {
        awardId: id,
        memberId: award.member.type === 'ID' ? award.member.memberId : 'M-phone',
        expectedPoints: award.pointsPreview,
        window: { fromMs: award.createdAt - 60_000, toMs: award.createdAt + 300_000 },
        candidates: this.evidenceSeconds.map((seconds) => ({
          entry: { type: this.evidenceEntryType, description: 'Earned points', points: award.pointsPreview ?? 0, createdAt: new Date(award.createdAt + seconds * 1000).toISOString() },
          secondsFromAttempt: seconds,
          pointsMatch: true,
        })),
        neighbours: this.evidenceNeighbours,
        suggestion: this.evidenceSuggestion,
        explanation: say('evidence.credited', { matching: 1, points: award.pointsPreview ?? 0, elsewhere: 0 }),
        explanationKey: 'evidence.credited',
        explanationParams: { matching: 1, points: award.pointsPreview ?? 0, elsewhere: 0 },
        error: null,
        historyRead: this.evidenceHistoryRead,
      };
    },
    'manager.resolve': ({ id, decision, reason }) => {
      const award = this.award(id);
      if (award.state !== 'UNKNOWN') throw new FakeRefusal('NOT_ALLOWED', 'Only an award whose outcome is unknown can be resolved.');
      const state = decision === 'credited' ? 'AWARDED' : decision === 'resend' ? 'QUEUED' : 'VOIDED';
      return this.settle(id, { state, resolution: { by: this.manager.name ?? 'manager', at: this.clock, reason } }, `manager:${this.manager.name ?? 'manager'}`, reason);
    },
    'manager.showClaimQr': () => ({ ok: true }),
    'manager.cancelQr': ({ id, reason }) => {
      const award = this.award(id);
      if (award.state !== 'AWARDED' || award.member.type !== 'QRCODE' || !award.rmItemId) throw new FakeRefusal('NOT_ALLOWED', 'Only an awarded claim QR can be cancelled.');
      if (this.claimedAtRm.has(id)) {
        // As the core does: RM's refusal in its words and code, and the award is known to be claimed from then on.
        this.settle(id, { claimedAt: this.clock });
        throw new FakeRefusal('RM', MESSAGES['rm.QR_REDEEMED'] ?? '', { key: 'rm.QR_REDEEMED', rmCode: 'QR_REDEEMED' });
      }
      return this.settle(id, { state: 'CANCELLED', resolution: { by: this.manager.name ?? 'manager', at: this.clock, reason } }, `manager:${this.manager.name ?? 'manager'}`, reason);
    },
    'settings.get': () => this.settings,
    'settings.update': (change) => {
      const { scanner, receiptPattern, ...rest } = change;
      const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
      this.settings = {
        ...this.settings,
        ...defined,
        ...(scanner === undefined ? {} : { scanner }),
        ...(receiptPattern === undefined ? {} : { receiptPattern }),
      };
      if (this.settings.receiptPattern !== null) {
        this.settings.setAsidePatterns = this.settings.setAsidePatterns.filter(({ field }) => field !== 'receiptPattern');
      }
      this.identityRules = { ...this.identityRules, receiptPattern: this.settings.receiptPattern };
      return this.settings;
    },
    'settings.setLanguage': ({ language }) => {
      this.settings = { ...this.settings, language };
      return this.settings;
    },
    'credentials.status': () => this.credentials,
    'credentials.set': ({ clientId, clientSecret, privateKeyPem }) => {
      if (privateKeyPem !== undefined && !privateKeyPem.includes('PRIVATE KEY')) {
        throw new FakeRefusal('INVALID_INPUT', 'That is not a PEM private key: it should start with -----BEGIN PRIVATE KEY-----.', { field: 'privateKeyPem' });
      }
      this.credentials = {
        ...this.credentials,
        clientId: clientId ?? this.credentials.clientId,
        clientSecretSet: this.credentials.clientSecretSet || clientSecret !== undefined,
        ...(privateKeyPem ? { privateKey: { fingerprint: 'SHA256:imported', publicKeyPem: '-----BEGIN PUBLIC KEY-----\nIMPORTED\n-----END PUBLIC KEY-----\n' } } : {}),
      };
      return this.credentials;
    },
    'credentials.generateKey': () => {
      this.credentials = { ...this.credentials, privateKey: { fingerprint: 'SHA256:generated', publicKeyPem: '-----BEGIN PUBLIC KEY-----\nGENERATED\n-----END PUBLIC KEY-----\n' } };
      return this.credentials;
    },
    'credentials.test': () => this.testCall,
    'credentials.delete': () => {
      this.credentials = { ...this.credentials, state: 'needs-setup', clientSecretSet: false, privateKey: null };
      return this.credentials;
    },
    'scanner.status': () => ({ mode: this.settings.scannerMode, hid: this.hid }),
    'scanner.devices': () => this.devices,
    'scanner.parse': ({ text }) => identifyScan(cleanScanText(text, DEFAULT_SCANNER_SETTINGS.assembly), this.identityRules),
    'shift.current': () => this.openShift(),
    'shift.start': ({ cashier }) => {
      if (this.settings.cashiers.length > 0 && !this.settings.cashiers.includes(cashier)) {
        throw new FakeRefusal('INVALID_INPUT', `${cashier} is not on this shop's cashier list. A manager can add them in Settings.`, { field: 'cashier', key: 'cashier.notListed', params: { name: cashier } });
      }
      const open = this.openShift();
      if (open?.cashier === cashier) return open;
      const previous = this.endShift();
      const started = { id: this.shifts.length + 1, terminalId: 'terminal-1', cashier, startedAt: Math.max(this.tick(), (previous?.endedAt ?? 0) + 1), endedAt: null };
      this.shifts.push(started);
      this.emit('shift.changed', { shift: started });
      return started;
    },
    'shift.end': () => {
      const ended = this.endShift();
      if (!ended) throw new FakeRefusal('NOT_ALLOWED', 'No shift is open on this terminal: pick your name (Cashier, at the top) to start one.', { key: 'shift.noneOpen' });
      this.emit('shift.changed', { shift: null });
      return this.shiftSummary(ended);
    },
    'shift.summary': ({ id }) => this.shiftSummary(this.visibleShift(id)),
    'shift.exportCsv': ({ id }) => ({ path: `/home/shop/Downloads/kaunter-training-shift-${this.visibleShift(id).id}.csv`, rows: 1 }),
    'shift.list': ({ filter, limit }) => {
      const matching = [...this.shifts]
        .reverse()
        .filter((shift) => (!filter.cashier || shift.cashier === filter.cashier) && (filter.fromMs === undefined || shift.startedAt >= filter.fromMs) && (filter.toMs === undefined || shift.startedAt < filter.toMs));
      return { items: matching.slice(0, limit).map((shift) => this.shiftSummary(shift)), more: matching.length > limit };
    },
    'shift.exportListCsv': () => ({ path: '/home/shop/Downloads/kaunter-training-shifts.csv', rows: this.shifts.length }),
    'hub.status': () => this.hub,
    'hub.join': ({ code }) => {
      if (code !== 'GOOD-CODE') throw new FakeRefusal('INVALID_INPUT', 'This enrolment code is not valid: it was already used, has expired, or was mistyped. Ask head office for a new one.');
      this.hub = { kind: 'synced', at: this.clock };
      return this.hub;
    },
    'hub.merge': () => {
      if (this.hub.kind === 'merging') throw new FakeRefusal('NOT_ALLOWED', say('hub.merging'), { key: 'hub.merging' });
      if (this.hub.kind !== 'refused') throw new FakeRefusal('NOT_ALLOWED', 'Head office is not refusing this counter as a PC put back from a backup copy, so there is nothing to bring back.');
      this.hub = { kind: 'waiting', waiting: 0 };
      this.lastMerge = { kind: 'done', at: this.clock, merged: { kind: 'in-step' } };
      return this.lastMerge.merged;
    },
    'hub.lastMerge': () => this.lastMerge,
    'display.counterView': () => ({ ok: true }),
    'display.setup': () => this.displaySetup,
    'display.chooseMonitor': ({ monitorId }) => {
      if (this.displaySetup.kind !== 'monitors') throw new FakeRefusal('NOT_ALLOWED', 'This Kaunter pairs a page by a code.');
      this.displaySetup = { kind: 'monitors', monitors: this.displaySetup.monitors.map((monitor) => ({ ...monitor, chosen: monitor.id === monitorId })) };
      return this.displaySetup;
    },
    'display.pairingCode': () => {
      if (this.displaySetup.kind !== 'pairing') throw new FakeRefusal('NOT_ALLOWED', 'The desktop app opens the customer display itself.');
      return { code: '482913', expiresInMs: 120_000 };
    },
  };
}

/** The core's totals of these awards, by the core's own rule of what was given (app/awards/given.ts). */
function fakeTotals(awards: AwardView[], synthetic: number) {
  const given = awards.filter(pointsGiven);
  const unclaimed = awards.filter((award) => award.state === 'AWARDED' && !pointsGiven(award));
  const sen = (list: AwardView[]) => list.reduce((sum, award) => sum + award.amountSen, 0);
  const points = (list: AwardView[]) => list.reduce((sum, award) => sum + (award.pointsPreview ?? 0), 0);
  return {
    awards: awards.length + synthetic,
    awardedAwards: given.length,
    awardedAmountSen: sen(given),
    points: points(given),
    unconfirmed: given.filter((award) => !award.pointsConfirmed).length,
    unclaimedQrs: unclaimed.length,
    unclaimedQrAmountSen: sen(unclaimed),
    unclaimedQrPoints: points(unclaimed),
    notGiven: awards.filter((award) => (NOT_GIVEN_STATES as readonly string[]).includes(award.state)).length,
  };
}
