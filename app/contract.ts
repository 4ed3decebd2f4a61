// The one IPC contract between the UI and the core: every method the renderer may call, with runtime schemas for what
// goes in and what comes out, and every event the core may push. Electron main and the browser host dispatch through
// the same table (app/dispatch.ts), so both validate the same way. The renderer imports only the TYPES from here.
import { z } from 'zod';
import { attemptSchema, AWARD_STATES, awardEventViewSchema, awardSchema, pickedCashierNameSchema, receiptRefSchema, submitInputSchema, WAITING_REASONS } from './awards/award.ts';
import { historyFilterSchema, refusedNewsSchema } from './awards/history-filter.ts';
import { memberIdentitySchema } from './member.ts';
import { identityRulesSchema, PATTERN_FIELD_NAMES } from './scanner/identity-rules.ts';
import { MAX_AMOUNT_SEN } from './common/money.ts';
import { shiftFilterSchema } from './shifts/shift-filter.ts';

// ---- shared shapes -------------------------------------------------------------------------------------------------

const sen = z.number().int().positive().max(MAX_AMOUNT_SEN);
const awardId = z.uuid();
const reason = z.string().trim().min(1, 'Say why, in a few words.').max(200);
const shortText = (max: number) => z.string().trim().max(max);
const environment = z.enum(['training', 'sandbox', 'production']);
const language = z.enum(['en', 'ms', 'zh']);
const pin = z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.');

export type AwardView = z.infer<typeof awardSchema>;
export type AwardState = AwardView['state'];
export type MemberIdentity = z.infer<typeof memberIdentitySchema>;
export type HistoryFilter = z.infer<typeof historyFilterSchema>;
export type ShiftFilter = z.infer<typeof shiftFilterSchema>;

const queueStatusSchema = z.object({
  queued: z.number().int(),
  sending: z.number().int(),
  unknown: z.number().int(),
  online: z.boolean(),
  /** Sending is held back by a problem every award would hit (clock, keys, subscription, disk). */
  paused: z.object({ code: z.string(), message: z.string(), untilMs: z.number() }).nullable(),
  /** False when this window is not the database's sender (another Kaunter is), or RM is not configured yet. */
  sendingEnabled: z.boolean(),
});
export type QueueStatus = z.infer<typeof queueStatusSchema>;

/** Awards RM refused after the counter had moved on (app/awards/refused-lately.ts), counted from `sinceMs`. */
const refusedLatelySchema = z.object({
  count: z.number().int().nonnegative(),
  sinceMs: z.number(),
  /** When the earliest of them was made, for History's scope line; null when there are none. */
  madeSinceMs: z.number().nullable(),
  /** Which they are: History's filter for them, and the newest of them for the manager's "seen". */
  news: refusedNewsSchema,
});

/**
 * What the app shows of head office: the pusher's status (app/sync/pusher.ts), or, on a PC not joined, whether a restore
 * of this terminal's history was cut short (a power cut while it wrote): part of the history is here, and joining again
 * finishes it.
 */
const hubStatusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('not-joined') }),
  z.object({ kind: z.literal('restore-unfinished') }),
  z.object({ kind: z.literal('synced'), at: z.number() }),
  z.object({ kind: z.literal('waiting'), waiting: z.number().int() }),
  z.object({ kind: z.literal('unreachable'), since: z.number(), waiting: z.number().int(), message: z.string() }),
  z.object({ kind: z.literal('refused'), code: z.string(), message: z.string(), waiting: z.number().int() }),
  /** Being brought back in step (hub.merge): the environment is closed until it is done, and nothing is pushed. */
  z.object({ kind: z.literal('merging') }),
]);
export type HubStatus = z.infer<typeof hubStatusSchema>;

const count = z.number().int().nonnegative();
/** What bringing a put-back counter back in step did (app/core/hub-merge.ts): nothing ('in-step'), or the merge's counts. */
const hubMergeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('in-step') }),
  z.object({
    kind: z.literal('merged'),
    /** Head office's awards of this terminal, brought back. */
    restored: count,
    /** Sales made on this PC since it was put back, kept; `queued` of them still waiting to be sent. */
    carriedOver: count,
    queued: count,
    /** Awards waiting in Review for a manager's decision (UNKNOWN), now. */
    unknown: count,
    /** Awards head office had settled that this PC also sent: the member's RM history says whether points went twice. */
    settledAtHeadOffice: count,
    /** Awards voided or settled on this PC that head office never heard of: head office's state stands. */
    changedHere: count,
    /** The name the database before the merge is kept under, beside the new one (a file name, not a path). */
    keptAs: z.string(),
  }),
]);
export type HubMerged = z.infer<typeof hubMergeSchema>;

const totalsSchema = z.object({
  awards: z.number(),
  awardedAwards: z.number(),
  awardedAmountSen: z.number(),
  points: z.number(),
  /** Awarded awards whose points are still an estimate (RM not asked yet). */
  unconfirmed: z.number(),
  /** Claim QRs made and not seen claimed: not in the awarded figures above, whose points may have gone to no one. */
  unclaimedQrs: z.number(),
  unclaimedQrAmountSen: z.number(),
  unclaimedQrPoints: z.number(),
  /** Awards that ended giving nothing: refused, voided (a claim QR not made) or cancelled. */
  notGiven: z.number(),
});

/** The parameters of a message's code (app/messages.ts), for each language's catalogue to say it. */
const messageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/**
 * How the last merge with head office ended (hub.lastMerge), at `at`: what it did, or why it did not, in the words its
 * caller was given. Kept in memory since Kaunter started, for a manager who was not there when it ended.
 */
const hubLastMergeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('done'), at: z.number(), merged: hubMergeSchema }),
  z.object({ kind: z.literal('failed'), at: z.number(), problem: z.object({ code: z.string(), message: z.string(), key: z.string(), params: messageParamsSchema.optional() }) }),
]);
export type HubLastMerge = z.infer<typeof hubLastMergeSchema>;

const evidenceSchema = z.object({
  awardId: z.string(),
  memberId: z.string().nullable(),
  expectedPoints: z.number().nullable(),
  window: z.object({ fromMs: z.number(), toMs: z.number() }),
  candidates: z.array(
    z.object({
      entry: z.object({ type: z.string().optional(), description: z.string().optional(), points: z.number(), createdAt: z.string() }),
      secondsFromAttempt: z.number(),
      pointsMatch: z.boolean(),
    }),
  ),
  /**
   * id null: at head office, an outlet manager's view of another outlet's award (hub/award-detail.ts says why). No place:
   * this terminal's own; a place with null names: another outlet, for an outlet manager.
   */
  neighbours: z.array(
    z.object({
      id: z.string().nullable(),
      state: z.enum(AWARD_STATES),
      pointsPreview: z.number().nullable(),
      createdAt: z.number(),
      place: z.object({ outlet: z.string().nullable(), terminal: z.string().nullable() }).optional(),
    }),
  ),
  suggestion: z.enum(['credited', 'resend', 'unclear']),
  explanation: z.string(),
  explanationKey: z.string(),
  explanationParams: messageParamsSchema,
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** RM's history of the member's points was read: without it, no credits listed says nothing (app/awards/reconcile.ts). */
  historyRead: z.boolean(),
  /** At head office: when and at which counter RM was asked (null: no counter has sent RM's evidence yet). */
  gathered: z.object({ at: z.number(), by: z.string() }).nullable().optional(),
});

const awardDetailSchema = z.object({
  award: awardSchema,
  attempts: z.array(attemptSchema),
  events: z.array(awardEventViewSchema),
  /**
   * At head office: the RM evidence the award's counter gathered, weighed against the chain's awards to the member. The
   * counter leaves it out (its Review asks RM afresh), and the hub never asks RM.
   */
  evidence: evidenceSchema.optional(),
  /** At head office: the outlet and terminal the award was made at. */
  place: z.object({ outlet: z.string(), terminal: z.string() }).optional(),
});

/** A sentence of the core's for a person: English, with its code and parameters for every other language. */
const coreTextSchema = z.object({ message: z.string(), key: z.string().min(1), params: messageParamsSchema });

export const scannerDeviceSchema = z.object({
  path: z.string(),
  vendorId: z.number(),
  productId: z.number(),
  name: z.string(),
  mode: z.enum(['hid-pos', 'keyboard']),
});

export const foundDeviceSchema = scannerDeviceSchema.extend({ plainKeyboard: z.boolean() });

export const scannerStatusSchema = z.object({
  state: z.enum(['connected', 'absent', 'no-permission', 'unsupported']),
  device: scannerDeviceSchema.optional(),
  message: z.string(),
  /** A saved keyboard-mode scanner is plugged in: the page reads its typing as scans (see main/hid/watcher.ts). */
  typingScanner: z.boolean().optional(),
});

const scanIdentitySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ID'), memberId: z.string() }),
  z.object({ type: z.literal('PHONENUMBER'), countryCode: z.string(), phoneNumber: z.string() }),
  z.object({ type: z.literal('RECEIPT'), reference: z.string() }),
  z.object({ type: z.literal('unrecognised'), reason: z.string(), code: z.string(), params: messageParamsSchema }),
]);
export type ScanIdentityView = z.infer<typeof scanIdentitySchema>;

const settingsSchema = z.object({
  environment,
  language,
  storeName: z.string(),
  terminalName: z.string(),
  /** This terminal's id, as awards record it: screens show the terminal's name for it. */
  terminalId: z.string(),
  cashiers: z.array(z.string()),
  retentionDays: z.number().int().nullable(),
  sounds: z.boolean(),
  scannerMode: z.enum(['hid', 'keyboard']),
  scanner: z.object({ vendorId: z.number(), productId: z.number(), label: z.string().optional() }).nullable(),
  /** How the page tells a keyboard-mode scanner's keys from a person's (settings.json's scannerRules.keystrokes). */
  keystrokes: z.object({ maxGapMs: z.number(), minLength: z.number(), scanIntoEditableFields: z.boolean(), endWithoutTerminator: z.boolean() }),
  /** Scanned text matching this (a regular expression in RE2 syntax, for the whole code) fills the receipt field. */
  receiptPattern: z.string().nullable(),
  /** Patterns an older settings file held that this Kaunter cannot use (set aside at start): the manager is told. A
   * receipt pattern stops being listed once a manager sets a new one. */
  setAsidePatterns: z.array(z.object({ field: z.enum(PATTERN_FIELD_NAMES), pattern: z.string() })),
  setupComplete: z.boolean(),
});
export type SettingsView = z.infer<typeof settingsSchema>;

const credentialsStatusSchema = z.object({
  /** `ready`: all three secrets are in the keychain. `needs-setup`: some were never given. `needs-reprovisioning`:
   * settings say they were given but the keychain no longer has them (new OS user, keyring reset). */
  state: z.enum(['ready', 'needs-setup', 'needs-reprovisioning', 'keychain-unavailable', 'training']),
  message: z.string(),
  clientId: z.string().nullable(),
  clientSecretSet: z.boolean(),
  privateKey: z.object({ fingerprint: z.string(), publicKeyPem: z.string() }).nullable(),
});
export type CredentialsStatus = z.infer<typeof credentialsStatusSchema>;

const managerStatusSchema = z.object({
  pinSet: z.boolean(),
  unlocked: z.boolean(),
  managerName: z.string().nullable(),
  /** When the PIN pad opens again (for the countdown); the core itself counts on a clock the PC's clock cannot move. */
  lockedUntilMs: z.number().nullable(),
  autoLockMs: z.number(),
  /** Whether the owner has a recovery code for this terminal (one is made when the first PIN is set). */
  recoveryCodeSet: z.boolean(),
});
export type ManagerStatus = z.infer<typeof managerStatusSchema>;

/** A recovery code is shown once, when it is made: write it down and keep it away from the counter. */
const recoveryCode = z.string();
const pinSetSchema = managerStatusSchema.extend({ recoveryCode: recoveryCode.nullable() });
export type PinSetResult = z.infer<typeof pinSetSchema>;

// ---- methods -------------------------------------------------------------------------------------------------------

/** Who may call: anyone at the counter, or only with the manager unlocked (or during first-run setup). */
export type Access = 'counter' | 'manager' | 'setup-or-manager';

interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  access: Access;
}

function method<I extends z.ZodType, O extends z.ZodType>(access: Access, input: I, output: O): MethodSpec<I, O> {
  return { input, output, access };
}

const none = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });
const savedFile = z.object({ path: z.string(), rows: z.number().int() });

// ---- the cashier's shift (issue 13) ------------------------------------------------------------------------------

const shiftSchema = z.object({
  id: z.number().int(),
  terminalId: z.string(),
  cashier: z.string(),
  startedAt: z.number(),
  /** Null while it is open. */
  endedAt: z.number().nullable(),
});
export type ShiftView = z.infer<typeof shiftSchema>;

/** A shift with its figures: history's own totals for its awards, and how many of them wait, now, to be sent or settled. */
const shiftSummarySchema = shiftSchema.extend({
  figures: totalsSchema.extend({ waiting: z.number().int(), unknown: z.number().int() }),
  asOf: z.number(),
  /** The history filter that shows exactly this shift's awards. */
  historyFilter: historyFilterSchema,
});
export type ShiftSummaryView = z.infer<typeof shiftSummarySchema>;

const shiftId = z.number().int().positive();

const shiftMethods = {
  /** The terminal's open shift: who is at the counter (null: nobody has picked their name yet, or the shift ended). */
  'shift.current': method('counter', none, shiftSchema.nullable()),
  /** A cashier picks their name: their shift starts, and another cashier's open shift on this terminal ends. */
  'shift.start': method('counter', z.object({ cashier: pickedCashierNameSchema }).strict(), shiftSchema),
  'shift.end': method('counter', none, shiftSummarySchema),
  /** At the counter, the terminal's newest shift only (the one open or just ended); any shift for the manager. */
  'shift.summary': method('counter', z.object({ id: shiftId }).strict(), shiftSummarySchema),
  'shift.exportCsv': method('counter', z.object({ id: shiftId }).strict(), savedFile),
  'shift.list': method(
    'manager',
    z.object({ filter: shiftFilterSchema, limit: z.number().int().min(1).max(500) }).strict(),
    z.object({ items: z.array(shiftSummarySchema), more: z.boolean() }),
  ),
  'shift.exportListCsv': method('manager', z.object({ filter: shiftFilterSchema }).strict(), savedFile),
} as const;

const shiftEvents = {
  'shift.changed': z.object({ shift: shiftSchema.nullable() }),
} as const;

// ---- the contract ------------------------------------------------------------------------------------------------

// ---- the customer display: its state, and what the counter and the manager tell the core about it -----------------

/** What the customer's screen shows. Built by the core alone (app/display/), from its own records: never a full name,
 * a phone number, an error meant for the cashier or anything of the manager's. */
export const displayViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }),
  /** The amount being typed at the counter, and the points it earns (RM's figure, or Kaunter's estimate; null: unknown). */
  z.object({ kind: z.literal('sale'), amountSen: sen, pointsEstimate: z.number().int().nonnegative().nullable() }),
  z.object({ kind: z.literal('claimQr'), url: z.string().max(2_000), amountSen: sen, points: z.number().int().nonnegative().nullable() }),
  /** After the award: the name as the counter may show it ("Nurul A.") and the balance RM reports, when RM said. */
  z.object({
    kind: z.literal('thanks'),
    points: z.number().int().nonnegative().nullable(),
    maskedName: z.string().max(80).nullable(),
    newBalance: z.number().int().nullable(),
  }),
  /** Saved while RM cannot be reached: the points arrive shortly. */
  z.object({ kind: z.literal('queued'), amountSen: sen }),
]);
export type DisplayView = z.infer<typeof displayViewSchema>;

export const displayStateSchema = z.object({
  storeName: z.string(),
  language,
  training: z.boolean(),
  view: displayViewSchema,
});
export type DisplayState = z.infer<typeof displayStateSchema>;

/** What the counter's screen shows now, as the counter tells the core; the core looks the award up itself. */
const counterViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }).strict(),
  z.object({ kind: z.literal('sale'), amountSen: sen }).strict(),
  z.object({ kind: z.literal('award'), awardId }).strict(),
]);
export type CounterView = z.infer<typeof counterViewSchema>;

/** A monitor attached to this PC, as Settings lists it; `counter`: the counter's own window is on it. */
const monitorSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  counter: z.boolean(),
  chosen: z.boolean(),
});
export type MonitorView = z.infer<typeof monitorSchema>;

/** How this host shows a customer display: on a monitor it opens a window on (desktop), or a page paired by a code. */
const displaySetupSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('monitors'), monitors: z.array(monitorSchema) }),
  z.object({ kind: z.literal('pairing') }),
]);
export type DisplaySetup = z.infer<typeof displaySetupSchema>;

/** A customer display page's pairing with the counter (the browser host only; a desktop display window is paired by
 * being opened by Kaunter). */
export type PairingStatus =
  | { state: 'needed' }
  | { state: 'pairing' }
  | { state: 'paired' }
  | { state: 'refused'; reason: 'wrong' | 'limited' }
  | { state: 'lost' };

/** What a customer display page gets as window.kaunterDisplay (the desktop app's display preload, or the browser host's
 * display bridge): the state to show, and nothing it could call. */
export interface CustomerDisplayApi {
  /** The handler gets the latest state at once (when there is one) and then every change; returns the unsubscribe. */
  onState: (handler: (state: DisplayState) => void) => () => void;
  pairing?: {
    onChange: (handler: (status: PairingStatus) => void) => () => void;
    pair: (code: string) => void;
  };
}

const displayMethods = {
  'display.counterView': method('counter', counterViewSchema, ok),
  'display.setup': method('setup-or-manager', none, displaySetupSchema),
  /** A monitor for the customer display (remembered by its id, so it comes back when plugged in again), or null: none of those attached now. */
  'display.chooseMonitor': method('setup-or-manager', z.object({ monitorId: z.number().int().nullable() }).strict(), displaySetupSchema),
  /** Browser host: a short code, shown to the manager, that pairs one page opened at /display; it works once, briefly. */
  'display.pairingCode': method('manager', none, z.object({ code: z.string(), expiresInMs: z.number().int().positive() })),
};

export const contract = {
  'app.info': method(
    'counter',
    none,
    z.object({ version: z.string(), environment, training: z.boolean(), host: z.enum(['electron', 'browser']), storeName: z.string(), terminalName: z.string() }),
  ),

  'award.preview': method(
    'counter',
    z.object({ amountSen: sen, member: memberIdentitySchema.optional() }).strict(),
    z.object({
      points: z.number().int().nullable(),
      /** True when RM could not be asked and the points are Kaunter's estimate from the last known rule. */
      estimate: z.boolean(),
      /** The name as the counter may show it: first name and an initial ("Nurul A."), never the full name. */
      member: z.object({ name: z.string().nullable(), points: z.number().nullable() }).nullable(),
      memberProblem: z.string().nullable(),
      /** The problem's code for the screens (rm.<CODE>, see app/messages.ts). */
      memberProblemCode: z.string().nullable(),
    }),
  ),
  'award.submit': method(
    'counter',
    // The core's own submit rules; the cashier is the one chosen at the counter, and the sale's id is required here.
    // repeatReceipt: the cashier was told this receipt already earned points today, and awards it again on purpose.
    submitInputSchema.omit({ cashier: true }).extend({ id: awardId, repeatReceipt: z.literal(true).optional() }).strict(),
    z.object({ award: awardSchema, settled: z.boolean(), waiting: z.enum(WAITING_REASONS).nullable() }),
  ),
  /**
   * A receipt the cashier has just given: whether it already earned points today, here or, asked of head office, at
   * another counter of the outlet. Asked while the sale is filled in; the answer about another counter is kept for the
   * submit, which never waits for head office.
   */
  'award.checkReceipt': method(
    'counter',
    z.object({ receiptRef: receiptRefSchema.pipe(z.string().min(1, 'Give the receipt number to check.')) }).strict(),
    z.object({ usedBefore: coreTextSchema.nullable() }),
  ),
  'award.undo': method('counter', z.object({ id: awardId, reason: reason.optional() }).strict(), awardSchema),
  'award.get': method('counter', z.object({ id: awardId }).strict(), awardDetailSchema),

  'queue.status': method('counter', none, queueStatusSchema),
  'queue.retryNow': method('counter', none, ok),
  'queue.refused': method('counter', none, refusedLatelySchema),
  /**
   * The manager has seen them, up to the newest the screen counted (news.upToEvent): the counter counts only refusals
   * after it, one that came meanwhile included. Answers the new count.
   */
  'queue.refusedSeen': method('manager', z.object({ upToEvent: z.number().int().positive() }).strict(), refusedLatelySchema),

  'history.page': method(
    'manager',
    z.object({ filter: historyFilterSchema, cursor: z.string().max(200).nullable(), limit: z.number().int().min(1).max(500) }).strict(),
    z.object({ items: z.array(awardSchema), nextCursor: z.string().nullable() }),
  ),
  'history.totals': method(
    'manager',
    z.object({ filter: historyFilterSchema }).strict(),
    z.object({ byDay: z.array(totalsSchema.extend({ day: z.string() })), byCashier: z.array(totalsSchema.extend({ cashier: z.string() })) }),
  ),
  'history.exportCsv': method('manager', z.object({ filter: historyFilterSchema }).strict(), savedFile),

  'manager.status': method('counter', none, managerStatusSchema),
  /**
   * Sets the PIN; the first time (or when the terminal has none) it also makes the recovery code, returned once. Once a
   * PIN is set, changing it needs the current one (a wrong one counts with the pad's), even in an unlocked session.
   */
  'manager.setPin': method(
    'setup-or-manager',
    z.object({ pin, managerName: shortText(60).min(1), currentPin: z.string().max(8).optional() }).strict(),
    pinSetSchema,
  ),
  'manager.unlock': method('counter', z.object({ pin: z.string().max(8) }).strict(), managerStatusSchema),
  /** The owner's way back in when the PIN is lost or the pad locked: a new PIN, and a new recovery code for the used one. */
  'manager.recover': method(
    'counter',
    z.object({ recoveryCode: z.string().max(64), pin, managerName: shortText(60).min(1).optional() }).strict(),
    pinSetSchema,
  ),
  /** Needs the current PIN too: a new code sets a new PIN, so an unlocked screen alone must not be enough to make one. */
  'manager.newRecoveryCode': method('manager', z.object({ currentPin: z.string().max(8) }).strict(), z.object({ recoveryCode })),
  'manager.lock': method('counter', none, managerStatusSchema),
  'manager.unknownAwards': method('manager', none, z.array(awardSchema)),
  'manager.evidence': method('manager', z.object({ id: awardId }).strict(), evidenceSchema),
  'manager.resolve': method('manager', z.object({ id: awardId, decision: z.enum(['credited', 'resend', 'void']), reason }).strict(), awardSchema),
  'manager.cancelQr': method('manager', z.object({ id: awardId, reason }).strict(), awardSchema),
  /** A claim QR shown again from History (a customer came back for it): its claim is watched for anew. */
  'manager.showClaimQr': method('manager', z.object({ id: awardId }).strict(), ok),

  'settings.get': method('counter', none, settingsSchema),
  'settings.update': method(
    'setup-or-manager',
    z
      .object({
        environment: environment.optional(),
        storeName: shortText(60).optional(),
        terminalName: shortText(60).optional(),
        cashiers: z.array(pickedCashierNameSchema).max(50).optional(),
        retentionDays: z.number().int().min(30).max(3650).nullable().optional(),
        sounds: z.boolean().optional(),
        scannerMode: z.enum(['hid', 'keyboard']).optional(),
        scanner: z.object({ vendorId: z.number().int().min(0).max(0xffff), productId: z.number().int().min(0).max(0xffff), label: shortText(80).optional() }).nullable().optional(),
        receiptPattern: identityRulesSchema.shape.receiptPattern.unwrap().unwrap().nullable().optional(),
        setupComplete: z.literal(true).optional(),
      })
      .strict(),
    settingsSchema,
  ),
  'settings.setLanguage': method('counter', z.object({ language }).strict(), settingsSchema),

  'credentials.status': method('counter', none, credentialsStatusSchema),
  'credentials.set': method(
    'setup-or-manager',
    z
      .object({
        clientId: z.string().trim().min(1).max(200).optional(),
        clientSecret: z.string().trim().min(1).max(500).optional(),
        privateKeyPem: z.string().max(20_000).optional(),
      })
      .strict(),
    credentialsStatusSchema,
  ),
  'credentials.generateKey': method('setup-or-manager', none, credentialsStatusSchema),
  'credentials.test': method('setup-or-manager', none, z.object({ ok: z.boolean(), message: z.string(), code: z.string().nullable() })),
  'credentials.delete': method('setup-or-manager', none, credentialsStatusSchema),

  'hub.status': method('counter', none, hubStatusSchema),
  'hub.join': method(
    'setup-or-manager',
    z.object({ url: z.string().trim().min(1).max(300), code: z.string().trim().min(4).max(64) }).strict(),
    hubStatusSchema,
  ),
  /**
   * A counter put back from a backup copy, which head office refuses: its record of this terminal comes back, with the
   * sales made here since (the keychain's credential; the environment closes and opens again around it).
   */
  'hub.merge': method('manager', none, hubMergeSchema),
  /** The last merge's outcome since Kaunter started (null: none), for the Head office section when it opens. */
  'hub.lastMerge': method('manager', none, hubLastMergeSchema.nullable()),

  'scanner.status': method('counter', none, z.object({ mode: z.enum(['hid', 'keyboard']), hid: scannerStatusSchema })),
  'scanner.devices': method('setup-or-manager', none, z.array(foundDeviceSchema)),
  'scanner.parse': method('counter', z.object({ text: z.string().min(1).max(500) }).strict(), scanIdentitySchema),
  ...shiftMethods,
  ...displayMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

// ---- errors --------------------------------------------------------------------------------------------------------

export const ERROR_CODES = [
  'BAD_REQUEST', // the payload does not match the method's schema
  'UNKNOWN_METHOD',
  'FORBIDDEN_SENDER', // not our window
  'LOCKED', // needs the manager PIN
  'PIN_WRONG',
  'PIN_LOCKED_OUT',
  'INVALID_INPUT', // well-formed but refused by the core (an amount too large, a bad phone)
  'NOT_ALLOWED', // the award is not in a state that allows this
  'NOT_FOUND',
  'NOT_CONFIGURED',
  'KEYCHAIN',
  'STORE',
  'RM', // RM refused or could not be reached
  'HUB', // head office refused or could not be reached
  'UNAVAILABLE', // the core's process stopped and is being restarted
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error as the window receives it, and as it crosses the core's process boundary: parsed, so only these fields travel. */
export const contractErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  /** For the cashier or manager: what happened and what to do. Never contains a secret. */
  message: z.string(),
  field: z.string().optional(),
  /** For RM errors: RM's code (e.g. INVALID_TIMESTAMP). */
  rmCode: z.string().optional(),
  /**
   * The message's code (app/messages.ts), with its parameters, so each language's catalogue can say it: required, so an
   * error in English only is refused at the boundary rather than shown untranslated.
   */
  key: z.string().min(1),
  params: messageParamsSchema.optional(),
});
export type ContractError = z.infer<typeof contractErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

// ---- events --------------------------------------------------------------------------------------------------------

export const events = {
  scan: z.object({ text: z.string(), identity: scanIdentitySchema, source: z.literal('hid') }),
  'queue.changed': queueStatusSchema,
  /** The refused count, after a manager marked the refusals seen: every screen's pill follows, not only the manager's. */
  'queue.refusedChanged': refusedLatelySchema,
  'award.updated': awardSchema,
  'award.slow': z.object({ id: z.string() }),
  'scanner.status': scannerStatusSchema,
  'export.progress': z.object({ done: z.number(), total: z.number() }),
  'manager.locked': z.object({}),
  /** The core's own process: running, or being restarted by the host after it stopped (an award in flight then
   * becomes UNKNOWN, as after any crash). */
  'core.status': z.object({
    state: z.enum(['running', 'restarting']),
    restarts: z.number().int().nonnegative(),
    lastRestartAt: z.number().nullable(),
    /** Why the last start failed (a full disk, a damaged file), while it keeps failing; null once it runs. */
    problem: z.string().nullable(),
  }),
  /** From the host's bridge, never the core: the page lost its host, has it again, or was refused after a restart. */
  'host.connection': z.object({ state: z.enum(['connected', 'lost', 'refused']) }),
  'hub.status': hubStatusSchema,
  /** A merge with head office under way (hub.merge): awards downloaded so far, then written. */
  'hub.mergeProgress': z.object({ awards: count, phase: z.enum(['downloaded', 'written']) }),
  ...shiftEvents,
  /** The customer display's whole state, each time it changes: the one thing a display hears. */
  'display.state': displayStateSchema,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

// ---- callers: who is on the other end of a call -------------------------------------------------------------------

/**
 * Every call reaches the core with its caller, named by the host that owns the connection (never by the page): the
 * counter's window or browser socket, or a customer display, which may only watch. The id is opaque to the core; the
 * manager's session belongs to one caller, and an event can be addressed to one.
 */
export const ROLES = ['counter', 'display'] as const;
export type Role = (typeof ROLES)[number];
export const callerSchema = z.object({ id: z.string().min(1).max(120), role: z.enum(ROLES) }).strict();
export type Caller = z.infer<typeof callerSchema>;

/** What each role may call: the counter anything (the manager's methods still need the PIN); a display nothing (it is
 * pushed its whole state, so it needs to ask for nothing). */
export function mayCall(role: Role, _method: MethodName): boolean {
  return role === 'counter';
}

/** Events only the manager's screens use: sent only to the caller they are addressed to, never to everyone. */
export const MANAGER_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['export.progress', 'hub.mergeProgress']);

/** Each role's allow-list of events; a host sends a caller nothing else. */
export const EVENTS_FOR_ROLE: Readonly<Record<Role, ReadonlySet<EventName>>> = {
  counter: new Set(EVENT_NAMES.filter((event) => event !== 'display.state')),
  display: new Set<EventName>(['display.state']),
};

/** Whether `role` may hear `event`; a manager's event only when it is addressed to that caller. */
export function mayHear(role: Role, event: EventName, addressedToIt: boolean): boolean {
  return EVENTS_FOR_ROLE[role].has(event) && (addressedToIt || !MANAGER_EVENTS.has(event));
}

// ---- the API the renderer sees as window.kaunter -------------------------------------------------------------------

type Namespaces = { [M in MethodName as M extends `${infer N}.${string}` ? N : never]: true };
type MethodsOf<N extends string> = {
  [M in MethodName as M extends `${N}.${infer F}` ? F : never]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
};

export type KaunterApi = { [N in Extract<keyof Namespaces, string>]: MethodsOf<N> } & {
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
};
