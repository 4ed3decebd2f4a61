// The customer display's state: the one place it is derived. The counter says what its screen shows (nothing, a sale
// being typed, an award's outcome); everything else comes from the core's own records: the award as the database has
// it, RM's points for the amount, the member's shortened name and balance from a look-up the counter may make anyway.
// What the customer must never see cannot get here: the state has no field for a full name, a phone number, an error,
// or anything of the manager's, and an award that went wrong (refused, unknown, voided) shows the welcome instead.
import type { CounterView, DisplayState, DisplayView } from '../contract.ts';
import type { Award } from '../awards/award.ts';
import type { LookupOutcome } from '../awards/member-lookups.ts';
import { estimatePoints } from '../awards/points.ts';
import type { MemberIdentity } from '../common/member.ts';
import type { RmOutcome } from '../rm/outcome.ts';
import type { Settings } from '../settings.ts';

/** How long "thank you" and "your points will arrive" stay up before the welcome: the next customer must not see them. */
export const HOLD_MS = 15_000;

export interface DisplaySources {
  settings: () => Settings;
  /** The award as the database has it now; null when this environment has no such award. */
  award: (id: string) => Award | null;
  /** RM's points for an amount: remembered, or asked (null when RM cannot be asked). */
  points: () => { known(amountSen: number): number | null; ask(amountSen: number): Promise<RmOutcome<number> | null> } | null;
  /** The member as the counter may see them (app/awards/member-lookups.ts). */
  lookUp: (member: MemberIdentity) => Promise<LookupOutcome>;
  /** Each new state, once. */
  emit: (state: DisplayState) => void;
  holdMs?: number;
}

interface Thanks {
  awardId: string;
  maskedName: string | null;
  newBalance: number | null;
}

export class CustomerDisplay {
  private counter: CounterView = { kind: 'idle' };
  /** The member looked up after the award now followed (null until RM answered). */
  private thanks: Thanks | null = null;
  /** The award whose "thank you" or "queued" was held long enough: the display stays on the welcome for it. */
  private heldOut: string | null = null;
  private holdTimer: NodeJS.Timeout | null = null;
  private shown = '';
  private latest: DisplayState;

  private readonly sources: DisplaySources;
  constructor(sources: DisplaySources) {
    this.sources = sources;
    this.latest = this.derive();
  }

  get state(): DisplayState {
    return this.latest;
  }

  /** What the counter's screen shows now. */
  show(view: CounterView): void {
    if (JSON.stringify(view) === JSON.stringify(this.counter)) return;
    this.counter = view;
    this.clearHold();
    this.refresh();
    if (view.kind === 'sale') this.askPoints(view.amountSen);
  }

  /** An award changed in the database (sent, queued, claimed, its points confirmed). */
  awardChanged(award: Award): void {
    if (this.counter.kind === 'award' && this.counter.awardId === award.id) this.refresh();
  }

  /** Settings changed (the store's name, the language, the environment), or anything else the state reads. */
  refresh(): void {
    const next = this.derive();
    const text = JSON.stringify(next);
    if (text === this.shown) return;
    this.shown = text;
    this.latest = next;
    this.holdIf(next.view);
    this.sources.emit(next);
  }

  dispose(): void {
    this.clearHold();
  }

  private derive(): DisplayState {
    const settings = this.sources.settings();
    return { storeName: settings.storeName, language: settings.language, training: settings.environment === 'training', view: this.view(settings) };
  }

  private view(settings: Settings): DisplayView {
    const counter = this.counter;
    if (counter.kind === 'idle') return { kind: 'idle' };
    if (counter.kind === 'sale') return this.sale(counter.amountSen, settings);
    const award = counter.awardId === this.heldOut ? null : this.sources.award(counter.awardId);
    return award ? this.outcome(award, settings) : { kind: 'idle' };
  }

  private sale(amountSen: number, settings: Settings): DisplayView {
    const points = this.sources.points()?.known(amountSen) ?? estimatePoints(amountSen, settings.lastKnownPointsPerSen);
    return { kind: 'sale', amountSen, pointsEstimate: points };
  }

  private outcome(award: Award, settings: Settings): DisplayView {
    switch (award.state) {
      case 'QUEUED':
        return { kind: 'queued', amountSen: award.amountSen };
      case 'SENDING':
        return this.sale(award.amountSen, settings);
      case 'AWARDED':
        if (award.qrCodeUrl && award.claimedAt === null) return { kind: 'claimQr', url: award.qrCodeUrl, amountSen: award.amountSen, points: award.pointsPreview };
        return this.thanked(award);
      case 'REJECTED':
      case 'UNKNOWN':
      case 'VOIDED':
      case 'CANCELLED':
        return { kind: 'idle' };
    }
  }

  /** Thanks at once with the points; the name and new balance follow when RM has answered the look-up. */
  private thanked(award: Award): DisplayView {
    const known = this.thanks?.awardId === award.id ? this.thanks : null;
    if (!known && award.member.type !== 'QRCODE') this.lookUpAfter(award);
    return { kind: 'thanks', points: award.pointsPreview, maskedName: known?.maskedName ?? null, newBalance: known?.newBalance ?? null };
  }

  private lookUpAfter(award: Award): void {
    this.thanks = { awardId: award.id, maskedName: null, newBalance: null };
    void this.sources.lookUp(award.member).then(
      (outcome) => {
        if (this.thanks?.awardId !== award.id || !outcome.member) return;
        this.thanks = { awardId: award.id, maskedName: outcome.member.name, newBalance: outcome.member.points };
        this.refresh();
      },
      () => undefined,
    );
  }

  /** RM's figure for the amount typed, when it is not remembered yet: the sale shows the estimate until it comes. */
  private askPoints(amountSen: number): void {
    const points = this.sources.points();
    if (!points || points.known(amountSen) !== null) return;
    void points.ask(amountSen).then(
      () => {
        if (this.counter.kind === 'sale' && this.counter.amountSen === amountSen) this.refresh();
      },
      () => undefined,
    );
  }

  private holdIf(view: DisplayView): void {
    const counter = this.counter;
    if ((view.kind !== 'thanks' && view.kind !== 'queued') || counter.kind !== 'award' || this.holdTimer) return;
    this.holdTimer = setTimeout(() => {
      this.holdTimer = null;
      this.heldOut = counter.awardId;
      this.refresh();
    }, this.sources.holdMs ?? HOLD_MS);
    this.holdTimer.unref();
  }

  private clearHold(): void {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = null;
  }
}
