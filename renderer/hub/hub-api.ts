// The hub as the manager screens' host: window.kaunter for the same components the counter uses, carried over the
// hub's HTTP API with the session cookie and its CSRF token. What a counter does and head office does not (awarding,
// keys, scanners) answers "not at head office".
import type { EventName, EventPayload, KaunterApi, MethodName, MethodOutput, Result } from '../../app/contract.ts';
import type { TotalsRow } from '../../hub/totals.ts';
import type { TerminalHealth } from '../../hub/terminal-health.ts';
import type { EvidenceView } from '../../hub/award-detail.ts';
import type { AwardView, HistoryFilter } from '../types.ts';
import { CsvRecordCounter, csvFileName } from './csv-records.ts';
import { DownloadFile } from './download-file.ts';
import { DEFAULT_KEYSTROKE_READER } from '../scanner/keystroke-reader.ts';

export interface HubUser {
  name: string;
  role: 'head-office' | 'outlet-manager';
  outlet: string | null;
  csrfToken: string;
}

/** Outlet and terminal: the hub's filters on top of the counter's. */
export interface Place {
  outlet?: string;
  terminal?: string;
}

export type HubAward = AwardView & { outlet: string; terminal: string };

/** The history list's outlet / terminal column: every award the hub serves names where it was made. */
export function placeOfHubAward(award: AwardView): string | null {
  const { outlet, terminal } = award as Partial<HubAward>;
  return outlet && terminal ? `${outlet} / ${terminal}` : null;
}

type Handler = (payload: unknown) => void;

/**
 * Why the hub last signed this page out, when that is worth telling: 'two-session-cookies' is the hub refusing a
 * browser that sent it two session cookies (one set by another site, say), which signing in again may not mend alone.
 */
export type SignedOutBy = 'two-session-cookies' | null;

export class HubSession {
  private user: HubUser | null = null;
  private signedOut: SignedOutBy = null;
  private place: Place = {};
  private readonly handlers = new Map<string, Set<Handler>>();

  current(): HubUser | null {
    return this.user;
  }

  /** Why the hub's last "not signed in" came, if the sign-in form should say so; null after a sign-in. */
  whySignedOut(): SignedOutBy {
    return this.signedOut;
  }

  setPlace(place: Place): void {
    this.place = place;
  }

  async resume(): Promise<HubUser | null> {
    const result = await this.request<HubUser>('GET', '/api/hub/v1/me');
    this.user = result.ok ? result.value : null;
    return this.user;
  }

  async logIn(name: string, password: string): Promise<Result<HubUser>> {
    const result = await this.request<HubUser>('POST', '/api/hub/v1/login', { name, password });
    if (result.ok) {
      this.user = result.value;
      this.signedOut = null;
    }
    return result;
  }

  /**
   * Whether this browser is signed out: the hub ended the session, or answered that it had ended already (a 401, which
   * forgets the user in failure()). After any other answer, or none, the cookie still signs this browser in, so the page
   * must not offer the next person a sign-in form over a live session.
   */
  async logOut(): Promise<boolean> {
    const result = await this.request('POST', '/api/hub/v1/logout', {});
    if (result.ok) this.user = null;
    return this.user === null;
  }

  places(): Promise<Result<{ items: Array<{ outlet: string; terminal: string; revoked: boolean; lastPushAt: string | null }> }>> {
    return this.request('GET', '/api/hub/v1/places');
  }

  /** Every terminal in the user's scope and what needs attention there. */
  terminals(): Promise<Result<{ items: TerminalHealth[] }>> {
    return this.request('GET', '/api/hub/v1/terminals');
  }

  totals(filter: HistoryFilter, by: 'day' | 'outlet' | 'terminal' | 'cashier'): Promise<Result<{ items: TotalsRow[] }>> {
    return this.request('GET', `/api/hub/v1/totals?by=${by}&filter=${this.filterParam(filter)}`);
  }

  /** window.kaunter for the shared components. */
  api(): KaunterApi {
    const methods: Partial<Record<MethodName, (input: never) => Promise<Result<unknown>>>> = {
      'app.info': () => this.ok({ version: 'hub', environment: 'production', training: false, host: 'browser', storeName: 'Head office', terminalName: '' }),
      'settings.get': () => this.settings(),
      'manager.status': () => this.ok({ pinSet: true, unlocked: this.user !== null, managerName: this.user?.name ?? null, lockedUntilMs: null, autoLockMs: 0 }),
      'queue.status': () => this.ok({ queued: 0, sending: 0, unknown: 0, online: true, paused: null, sendingEnabled: false }),
      'history.page': (input: { filter: HistoryFilter; cursor: string | null; limit: number }) =>
        this.request<{ items: HubAward[] }>(
          'GET',
          `/api/hub/v1/history?filter=${this.filterParam(input.filter)}&limit=${input.limit}${input.cursor ? `&cursor=${encodeURIComponent(input.cursor)}` : ''}`,
        ),
      'history.totals': (input: { filter: HistoryFilter }) => this.historyTotals(input.filter),
      'history.exportCsv': (input: { filter: HistoryFilter }) => this.exportCsv(input.filter),
      'award.get': (input: { id: string }) => this.request('GET', `/api/hub/v1/awards/${encodeURIComponent(input.id)}`),
      'manager.unknownAwards': async () => {
        const result = await this.request<{ items: HubAward[] }>('GET', `/api/hub/v1/review?filter=${this.filterParam({})}`);
        return result.ok ? this.ok(result.value.items) : result;
      },
      'manager.evidence': (input: { id: string }) => this.evidence(input.id),
      'manager.resolve': async (input: { id: string; decision: string; reason: string }) => {
        const decided = await this.request('POST', `/api/hub/v1/decisions/${encodeURIComponent(input.id)}`, { decision: input.decision, reason: input.reason });
        if (!decided.ok) return decided;
        const detail = await this.request<{ award: AwardView }>('GET', `/api/hub/v1/awards/${encodeURIComponent(input.id)}`);
        return detail.ok ? this.ok(detail.value.award) : detail;
      },
    };
    const notHere = (): Promise<Result<never>> => Promise.resolve({ ok: false, error: { code: 'NOT_ALLOWED', message: 'This is done at the counter, not at head office.', key: 'hub.counterOnly' } });
    const namespace = (name: string) =>
      new Proxy({}, { get: (_target, method: string) => methods[`${name}.${method}` as MethodName] ?? notHere });
    const on = this.on.bind(this);
    return new Proxy({} as KaunterApi, { get: (_target, name: string) => (name === 'on' ? on : namespace(name)) });
  }

  private on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
    const set = this.handlers.get(event) ?? new Set<Handler>();
    set.add(handler as Handler);
    this.handlers.set(event, set);
    return () => set.delete(handler as Handler);
  }

  private emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
  }

  private filterParam(filter: HistoryFilter): string {
    return encodeURIComponent(JSON.stringify({ ...filter, ...this.place }));
  }

  private async settings(): Promise<Result<MethodOutput<'settings.get'>>> {
    const cashiers = await this.totals({}, 'cashier');
    return this.ok({
      environment: 'production',
      language: 'en',
      storeName: 'Head office',
      terminalName: '',
      terminalId: '',
      cashiers: cashiers.ok ? cashiers.value.items.map((row) => row.key) : [],
      retentionDays: null,
      scannerMode: 'keyboard',
      scanner: null,
      keystrokes: DEFAULT_KEYSTROKE_READER,
      receiptPattern: null,
      setAsidePatterns: [],
      setupComplete: true,
      sounds: false,
    });
  }

  private async historyTotals(filter: HistoryFilter): Promise<Result<MethodOutput<'history.totals'>>> {
    const [byDay, byCashier] = await Promise.all([this.totals(filter, 'day'), this.totals(filter, 'cashier')]);
    if (!byDay.ok) return byDay;
    if (!byCashier.ok) return byCashier;
    return this.ok({
      byDay: byDay.value.items.map(({ key, ...row }) => ({ day: key, ...row })),
      byCashier: byCashier.value.items.map(({ key, ...row }) => ({ cashier: key, ...row })),
    });
  }

  /** The hub never asks Revenue Monster: its evidence is what the award's counter gathered, weighed against the chain. */
  private async evidence(id: string): Promise<Result<MethodOutput<'manager.evidence'>>> {
    const detail = await this.request<{ evidence: EvidenceView }>('GET', `/api/hub/v1/awards/${encodeURIComponent(id)}`);
    return detail.ok ? this.ok(detail.value.evidence) : detail;
  }

  /** Streams the CSV to a file, counting its rows (not its lines) against the hub's total for the progress bar. */
  private async exportCsv(filter: HistoryFilter): Promise<Result<MethodOutput<'history.exportCsv'>>> {
    let response: Response;
    try {
      response = await fetch(`/api/hub/v1/export?filter=${this.filterParam(filter)}`, { credentials: 'same-origin' });
    } catch {
      return unreachable();
    }
    if (!response.ok || !response.body) return this.failure(response);
    const total = Number(response.headers.get('x-total-count') ?? 0);
    const reader = response.body.getReader();
    const file = new DownloadFile('text/csv');
    const records = new CsvRecordCounter();
    let rows = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      file.add(value);
      rows = Math.max(0, records.feed(value) - 1);
      this.emit('export.progress', { done: rows, total });
    }
    const name = csvFileName(filter, Date.now());
    const link = document.createElement('a');
    link.href = URL.createObjectURL(file.blob());
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    return this.ok({ path: name, rows });
  }

  private ok<T>(value: T): Promise<Result<T>> {
    return Promise.resolve({ ok: true, value });
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<Result<T>> {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(method !== 'GET' && this.user ? { 'x-kaunter-csrf': this.user.csrfToken } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      return unreachable();
    }
    if (!response.ok) return this.failure(response);
    return { ok: true, value: (await response.json()) as T };
  }

  private async failure(response: Response): Promise<Result<never>> {
    const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string; key?: unknown; params?: unknown } } | null;
    if (response.status === 401) {
      this.user = null;
      // Every 401 says afresh why: an ordinary one (a session that ended) clears a cause an earlier one gave.
      this.signedOut = body?.error?.code === 'TWO_SESSION_COOKIES' ? 'two-session-cookies' : null;
    }
    const code = response.status === 404 ? 'NOT_FOUND' : response.status === 401 || response.status === 403 ? 'LOCKED' : response.status === 409 ? 'NOT_ALLOWED' : 'INTERNAL';
    const message = body?.error?.message ?? `The hub answered HTTP ${response.status}.`;
    // A refusal the hub words for its own pages comes with its message's code, said in the page's language; the others
    // are in English, and the other languages say the contract code's own sentence.
    const said = saidMessage(body?.error);
    return { ok: false, error: { code, message, ...(said ?? { key: `error.${code}` }) } };
  }
}

function saidMessage(error: { key?: unknown; params?: unknown } | undefined): { key: string; params: Record<string, string | number> } | null {
  if (typeof error?.key !== 'string' || error.key === '') return null;
  const params = typeof error.params === 'object' && error.params !== null ? error.params : {};
  const values = Object.entries(params).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number');
  return { key: error.key, params: Object.fromEntries(values) };
}

function unreachable(): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message: 'Head office could not be reached. Check the connection and try again.', key: 'hub.offline' } };
}
