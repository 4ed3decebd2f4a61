// The durable outbox: awards are written here (QUEUED) before anything is sent, and read back for the queue view.
import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from '../store/database.ts';
import { prepared } from '../store/statements.ts';
import { recordAwardShift } from '../shifts/shifts.ts';
import { validateSubmitInput, type AttemptRecord, type Award, type AwardEvent, type AwardState } from './award.ts';
import { attemptsOf, AWARD_COLUMNS, eventsOf, findAward, toAward, type AwardRow } from './records.ts';
import { createAward, transition } from './transitions.ts';

export interface AwardDetail {
  award: Award;
  attempts: AttemptRecord[];
  events: AwardEvent[];
}

export interface QueueCounts {
  queued: number;
  sending: number;
  unknown: number;
}

export class Outbox {
  private readonly now: () => number;

  private readonly db: Db;
  private readonly terminalId: string;
  constructor(
    db: Db,
    terminalId: string,
    now?: () => number,
  ) {
    this.db = db;
    this.terminalId = terminalId;
    this.now = now ?? Date.now;
  }

  /**
   * Validates, then commits the award as QUEUED. Throws AwardInputError (nothing written) for bad input. `rmPoints`:
   * RM's own figure for an amount when it is known now; otherwise the caller's preview is kept as an estimate.
   */
  submit(input: unknown, actor: string, rmPoints: (amountSen: number) => number | null = () => null, reason?: string): { award: Award; created: boolean } {
    const valid = validateSubmitInput(input);
    const confirmed = rmPoints(valid.amountSen);
    const points = confirmed === null ? {} : { pointsPreview: confirmed, pointsConfirmed: true };
    const award = { ...valid, ...points, id: valid.id ?? randomUUID(), terminalId: this.terminalId };
    // With the shift open as it is written: a cashier picked a moment later must not take it.
    return inTransaction(this.db, () => {
      const made = createAward(this.db, award, actor, this.now(), reason);
      if (made.created) recordAwardShift(this.db, made.award.id);
      return made;
    });
  }

  /** Undo before sending: only a QUEUED award can be voided this way (one being sent is already on its way). */
  voidQueued(id: string, actor: string, reason: string): Award {
    const why = requireReason(reason);
    return transition(this.db, id, ['QUEUED'], { to: 'VOIDED', actor, reason: why, resolution: { by: actor, reason: why } }, this.now());
  }

  get(id: string): AwardDetail | null {
    const award = findAward(this.db, id);
    return award ? { award, attempts: attemptsOf(this.db, id), events: eventsOf(this.db, id) } : null;
  }

  /** Everything not final: queued, being sent, or waiting for a manager. Oldest first. */
  pending(): Award[] {
    const rows = prepared(this.db, `SELECT ${AWARD_COLUMNS} FROM awards WHERE state IN ('QUEUED', 'SENDING', 'UNKNOWN') ORDER BY seq`).all() as AwardRow[];
    return rows.map(toAward);
  }

  counts(): QueueCounts {
    const rows = prepared(this.db, "SELECT state, COUNT(*) AS n FROM awards WHERE state IN ('QUEUED', 'SENDING', 'UNKNOWN') GROUP BY state").all() as Array<{ state: AwardState; n: number }>;
    const count = (state: AwardState) => rows.find((row) => row.state === state)?.n ?? 0;
    return { queued: count('QUEUED'), sending: count('SENDING'), unknown: count('UNKNOWN') };
  }
}

export function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0) throw new ReasonRequiredError();
  return trimmed;
}

export class ReasonRequiredError extends Error {
  constructor() {
    super('Say why (a few words) before changing an award; it goes into the award\'s history.');
    this.name = 'ReasonRequiredError';
  }
}
