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

/**
 * The keychain entry: how far each database this PC and OS user ran in this environment had come, newest last. More
 * than one: support may run a second data folder (KAUNTER_DATA_DIR), and a fresh database must not make the first one
 * look like a copy. A few are enough, and the entry stays small (Windows' Credential Manager holds 2,560 bytes).
 */
const MAX_TRAILS = 8;
const marksSchema = z.array(z.tuple([z.string().min(1).max(64), z.number().int().nonnegative()])).max(MAX_TRAILS);
export type TrailMarks = z.infer<typeof marksSchema>;

/** What the database says of itself: its trail's name (null: never marked) and its newest event. */
export interface OwnTrail {
  trail: string | null;
  newestEvent: number;
}

/**
 * 'copy': this database is not where the keychain last saw its trail: behind the mark (put back from a copy), or not
 * in this keychain at all (a copy started on a second PC, a replacement PC, a keyring that was reset). 'first': a
 * database never marked (new, or made before marks existed), which no other PC can have sent from.
 */
export function judgeTrail(marks: TrailMarks, own: OwnTrail): 'same' | 'first' | 'copy' {
  if (own.trail === null) return 'first';
  const marked = marks.find(([trail]) => trail === own.trail);
  return marked !== undefined && marked[1] <= own.newestEvent ? 'same' : 'copy';
}

/** The marks with this trail's moved to `event` and put last; the oldest others give way beyond MAX_TRAILS. */
export function withMark(marks: TrailMarks, trail: string, event: number): TrailMarks {
  const others = marks.filter(([name]) => name !== trail).slice(-(MAX_TRAILS - 1));
  return [...others, [trail, event]];
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
  /** A keychain that keeps failing is said once in the log, not at every award sent. */
  private failing = false;

  private readonly options: TrailMarkOptions;
  private readonly trail: string;
  private constructor(
    options: TrailMarkOptions,
    trail: string,
    named: boolean,
  ) {
    this.options = options;
    this.trail = trail;
    this.named = named;
  }

  /**
   * Run at the environment's start, before its relay: holds the queue of a copy, then marks this database as the one
   * this keychain follows. A keychain that cannot be read returns null, and nothing is held: the same keychain gave
   * the RM key a moment ago, so this is a passing fault, and holding every waiting award on it would be worse.
   */
  static async start(options: TrailMarkOptions): Promise<TrailMarker | null> {
    const { db, log } = options;
    const marks = await readMarks(options.store);
    if (typeof marks === 'string') {
      log?.warn(`trail mark: not read (${marks}); a copy of this database put back would not be found`);
      return null;
    }
    const own = { trail: trailId(db), newestEvent: newestEventId(db) };
    if (judgeTrail(marks, own) === 'copy') {
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
      this.failed(`not moved on (${(error as Error).message})`);
    } finally {
      this.writing = null;
    }
  }

  private async writeMark(): Promise<void> {
    const event = newestEventId(this.options.db);
    if (event <= this.marked) return;
    // Read again before each write: another data folder's Kaunter may have marked its own trail since.
    const marks = await readMarks(this.options.store);
    if (typeof marks === 'string') return this.failed(`not read (${marks})`);
    const written = await this.options.store.set('trailMark', JSON.stringify(withMark(marks, this.trail, event)));
    if (!written.ok) return this.failed(`not written (${written.error.message})`);
    this.marked = event;
    this.failing = false;
    // Named only once the keychain holds a mark for it: a database named but never marked would look like a copy. One
    // the disk would not name stays unnamed, which is safe: it is judged new at the next start.
    if (!this.named) {
      try {
        nameTrail(this.options.db, this.trail);
        this.named = true;
      } catch (error) {
        this.failed(`the database was not named (${(error as Error).message})`);
      }
    }
  }

  private failed(problem: string): void {
    if (!this.failing) this.options.log?.warn(`trail mark: ${problem}; tried again at the next award sent`);
    this.failing = true;
  }
}

/**
 * The keychain's words when it cannot be reached. A mark it holds but cannot read, or whose words cannot be understood,
 * says nothing of where any trail was: read as none, so a named database is held rather than sent from, and the entry
 * is written afresh (left as it was, it would leave every later start without a mark).
 */
async function readMarks(store: SecretStore): Promise<TrailMarks | string> {
  const read = await store.get('trailMark');
  if (read.state === 'absent' || read.state === 'needs-reprovisioning') return [];
  if (read.state === 'unavailable') return read.error.message;
  try {
    const parsed = marksSchema.safeParse(JSON.parse(read.value));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
