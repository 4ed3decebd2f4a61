// How long each recorded read takes on a database as it stands now, with the parameters it was recorded with.
import type { Db } from '../../../app/store/database.ts';
import type { RecordedStatement } from './statement-recorder.ts';
import { median } from './stats.ts';
import { timeSync } from './timing.ts';

export function medianReadMs(db: Db, read: RecordedStatement, repeats: number): number {
  const statement = db.prepare(read.sql);
  statement.all(...read.params);
  return median(Array.from({ length: repeats }, () => timeSync(() => statement.all(...read.params))));
}
