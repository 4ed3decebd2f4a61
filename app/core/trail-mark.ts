// A counter PC put back from a backup copy of its database (or a copy started on a second PC) still has QUEUED the
// awards that the PC it replaced may have sent after the copy was taken; RM has no idempotency key, so sending them
// again may give the points twice. The hub finds such a copy, but only once it answers, and a counter never waits for
// the hub. So the counter finds it itself, before its relay starts: the keychain, which lives outside the data folder a
// backup copies, keeps a mark of how far this database's trail had come, moved on as each award goes to RM.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../logging/logger.ts';
import type { SecretStore } from '../secrets.ts';
import type { Db } from '../store/database.ts';
import { newestEventId } from '../store/hub-sync.ts';
import { nameTrail, trailId } from '../store/trail-identity.ts';

const markSchema = z.strictObject({ trail: z.string().min(1).max(64), event: z.number().int().nonnegative() });
export type TrailMark = z.infer<typeof markSchema>;

/** What the database says of itself: its trail's name (null: never marked) and its newest event. */
export interface OwnTrail {
  trail: string | null;
  newestEvent: number;
}

/**
 * 'copy': this database is not where the mark left its trail. Its own trail behind the mark (put back from a copy), or
 * another trail (a copy from elsewhere), or marked before but not in this keychain (a copy on a second PC, or a
 * replacement PC whose keychain is new). 'first': neither has a mark yet (new, or made before marks existed).
 */
export function judgeTrail(mark: TrailMark | null, own: OwnTrail): 'same' | 'first' | 'copy' {
  if (mark === null) return own.trail === null ? 'first' : 'copy';
  return mark.trail === own.trail && mark.event <= own.newestEvent ? 'same' : 'copy';
}

export interface TrailMarkOptions {
  db: Db;
  /** The environment's keychain service. */
  store: SecretStore;
  /** Puts the awards still waiting to be sent in front of a manager (AwardDesk.holdQueueOfCopy). */
  holdQueue: () => string[];
  log?: Logger | undefined;
}

export class TrailMarker {
  /** The newest event the keychain's mark covers (-1: none yet). */
  private marked = -1;
  private named: boolean;
  private pending = false;
  private writing: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly options: TrailMarkOptions,
    private readonly trail: string,
    named: boolean,
  ) {
    this.named = named;
  }

  /**
   * Run at the environment's start, before its relay: holds the queue of a copy, then marks this database as the one
   * this keychain follows. A keychain that cannot be read returns null, and nothing is held: the same keychain gave
   * the RM key a moment ago, so this is a passing fault, and holding every waiting award on it would be worse.
   */
  static async start(options: TrailMarkOptions): Promise<TrailMarker | null> {
    const { db, store, log } = options;
    const read = await store.get('trailMark');
    if (read.state !== 'found' && read.state !== 'absent') {
      log?.warn(`trail mark: not read (${read.state === 'unavailable' ? read.error.message : read.message}); a copy of this database put back would not be found`);
      return null;
    }
    const mark = read.state === 'found' ? parseMark(read.value) : null;
    const own = { trail: trailId(db), newestEvent: newestEventId(db) };
    if (judgeTrail(mark, own) === 'copy') {
      const held = options.holdQueue();
      log?.warn(`trail mark: this database is not where this PC's keychain last saw it (put back from a copy, or copied from another PC); ${held.length} awards waiting to be sent were held for a manager`);
    }
    const marker = new TrailMarker(options, own.trail ?? randomUUID(), own.trail !== null);
    await marker.writeMark();
    return marker;
  }

  /**
   * An award is going to RM: the mark moves past its SENDING event. Not awaited before the send (the cashier's award
   * would wait for the keychain); one write at a time, the latest event at each. A copy is missed only if the PC it
   * replaced was lost between committing a send and the keychain taking its mark.
   */
  advance(): void {
    this.pending = true;
    this.writing ??= Promise.resolve().then(() => this.writeWhilePending());
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.writing;
  }

  private async writeWhilePending(): Promise<void> {
    try {
      while (this.pending && !this.closed) {
        this.pending = false;
        await this.writeMark();
      }
    } catch (error) {
      this.options.log?.warn(`trail mark: not moved on (${(error as Error).message})`);
    } finally {
      this.writing = null;
    }
  }

  private async writeMark(): Promise<void> {
    const event = newestEventId(this.options.db);
    if (event <= this.marked) return;
    const written = await this.options.store.set('trailMark', JSON.stringify({ trail: this.trail, event } satisfies TrailMark));
    if (!written.ok) {
      this.options.log?.warn(`trail mark: not written (${written.error.message})`);
      return;
    }
    this.marked = event;
    // Named only once the keychain holds a mark for it: a database named but never marked would look like a copy.
    if (!this.named) nameTrail(this.options.db, this.trail);
    this.named = true;
  }
}

/** A mark that cannot be read says nothing of where the trail was: like no mark at all. */
function parseMark(value: string): TrailMark | null {
  try {
    const parsed = markSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
