// The proof that a drain measured a working system: every award applied exactly once, matched nonce by nonce between
// the sandbox's ledger and the outbox's successful attempts.
import type { Db } from '../../../app/store/database.ts';
import { printTable } from '../lib/format.ts';
import type { BenchReport } from '../lib/report.ts';
import type { SandboxProcess } from '../lib/sandbox-process.ts';

export async function verifyExactlyOnce(report: BenchReport, db: Db, sandbox: SandboxProcess, count: number): Promise<void> {
  const ledger = await sandbox.ledger();
  const states = db.prepare('SELECT state, COUNT(*) AS n FROM awards GROUP BY state ORDER BY state').all() as Array<{ state: string; n: number }>;
  printTable('Outbox after the drain', ['state', 'awards'], states.map((row) => [row.state, row.n]));
  console.log(`sandbox ledger: ${ledger.length} entries`);
  const successNonces = new Set((db.prepare("SELECT nonce FROM attempts WHERE outcome = 'success'").pluck().all() as string[]));
  const ledgerNonces = new Set(ledger.map((entry) => entry.nonce));
  report.check('sandbox ledger entries', count, ledger.length);
  report.check('outbox AWARDED', count, states.find((row) => row.state === 'AWARDED')?.n ?? 0);
  report.check('outbox awards in any other state', 0, states.filter((row) => row.state !== 'AWARDED').reduce((sum, row) => sum + row.n, 0));
  report.check('ledger nonces that match a successful attempt', count, [...ledgerNonces].filter((nonce) => successNonces.has(nonce)).length);
  report.detail('outboxStates', states);
}

