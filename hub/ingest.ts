// Applying a terminal's push: one transaction per batch, idempotent. The terminal's row is locked first, so batches of
// one terminal apply one after another whichever hub process receives them; awards are keyed by their id, events by
// (terminal, the terminal's event sequence), so a batch applied twice (a retry, two hubs, a hub killed between commit
// and reply) inserts nothing the second time. A snapshot of an award replaces the stored one only when it is newer
// (a later last event), so states move forward only.
import { memberFields } from '../app/common/member.ts';
import { reversed } from '../app/awards/records.ts';
import type { PushBatch, WireAward, WireEvent } from '../app/sync/wire.ts';
import { inTransaction, type Client, type Pool } from './db/pool.ts';
import { HubError } from './errors.ts';
import type { TerminalIdentity } from './terminals.ts';

export async function applyBatch(pool: Pool, who: TerminalIdentity, batch: PushBatch): Promise<{ ackedSeq: number }> {
  return inTransaction(pool, async (client) => {
    const acked = await lockTerminal(client, who.terminalId);
    if (batch.after > acked) {
      throw new HubError('POSITION', `The hub has this terminal's records up to event ${acked}; send from there.`, { ackedSeq: acked });
    }
    // Checked after the upsert, which waits for any concurrent insert of the same id, so the check sees its owner; only
    // the awards the upsert neither inserted nor moved forward need it.
    const applied = await upsertAwards(client, who, batch.awards);
    await checkOwnership(client, who, batch.awards.filter((award) => !applied.has(award.id)));
    await upsertAttempts(client, batch.awards);
    await upsertEvidence(client, batch.awards);
    await insertEvents(client, who, batch.events);
    const last = (batch.events.at(-1) as WireEvent).seq;
    const updated = await client.query<{ acked_seq: number }>(
      'UPDATE terminals SET acked_seq = GREATEST(acked_seq, $2), last_push_at = now() WHERE id = $1 RETURNING acked_seq',
      [who.terminalId, last],
    );
    return { ackedSeq: updated.rows[0]?.acked_seq ?? last };
  });
}

async function lockTerminal(client: Client, terminalId: string): Promise<number> {
  // NO KEY UPDATE still orders one terminal's pushes, and lets a decision insert a row naming this terminal (a foreign
  // key's share lock) while the push waits for that decision's award: FOR UPDATE made the two deadlock.
  const row = await client.query<{ acked_seq: number; revoked: boolean }>(
    'SELECT acked_seq, revoked_at IS NOT NULL AS revoked FROM terminals WHERE id = $1 FOR NO KEY UPDATE',
    [terminalId],
  );
  const terminal = row.rows[0];
  if (!terminal) throw new HubError('UNAUTHENTICATED', 'This terminal is not known to the hub.');
  if (terminal.revoked) throw new HubError('REVOKED', 'Head office has revoked this terminal: it can no longer send records.');
  return terminal.acked_seq;
}

/** An award id belongs to the terminal that first pushed it, and what was recorded at the sale never changes. */
async function checkOwnership(client: Client, who: TerminalIdentity, awards: WireAward[]): Promise<void> {
  if (awards.length === 0) return;
  const rows = await client.query<{ id: string; terminal_id: string; created_at: number; amount_sen: number }>(
    'SELECT id, terminal_id, created_at, amount_sen FROM awards WHERE id = ANY($1::uuid[])',
    [awards.map((award) => award.id)],
  );
  const byId = new Map(awards.map((award) => [award.id, award]));
  for (const row of rows.rows) {
    if (row.terminal_id !== who.terminalId) {
      throw new HubError('NOT_YOURS', `Award ${row.id} belongs to another terminal; a terminal may send only its own awards. Nothing in this batch was applied.`);
    }
    const sent = byId.get(row.id);
    if (sent && (sent.createdAt !== row.created_at || sent.amountSen !== row.amount_sen)) {
      throw new HubError('CONFLICT', `Award ${row.id} differs from what this terminal sent before (time or amount); history is never rewritten. Nothing in this batch was applied.`);
    }
  }
}

/** Inserts new awards and moves known ones forward; returns the ids it wrote. */
async function upsertAwards(client: Client, who: TerminalIdentity, awards: WireAward[]): Promise<Set<string>> {
  const rows = awards.map((a) => ({
    id: a.id,
    terminal_label: a.terminalLabel,
    created_at: a.createdAt,
    cashier: a.cashier,
    receipt_ref: a.receiptRef,
    amount_sen: a.amountSen,
    member_type: a.member.type,
    member_id: memberFields(a.member).memberId,
    country_code: memberFields(a.member).countryCode,
    phone_number: memberFields(a.member).phoneNumber,
    phone_reversed: a.member.type === 'PHONENUMBER' ? reversed(a.member.phoneNumber) : null,
    points_preview: a.pointsPreview,
    points_confirmed: a.pointsConfirmed,
    state: a.state,
    rm_item_id: a.rmItemId,
    qr_code_url: a.qrCodeUrl,
    claimed_at: a.claimedAt,
    last_error_code: a.lastError?.code ?? null,
    last_error_message: a.lastError?.message ?? null,
    resolved_by: a.resolution?.by ?? null,
    resolved_at: a.resolution?.at ?? null,
    resolution_reason: a.resolution?.reason ?? null,
    updated_at: a.updatedAt,
    last_event_seq: a.lastEventSeq,
  }));
  const written = await client.query<{ id: string }>(
    `INSERT INTO awards (id, terminal_id, outlet_id, terminal_label, created_at, cashier, receipt_ref, amount_sen, member_type,
       member_id, country_code, phone_number, phone_reversed, points_preview, points_confirmed, state, rm_item_id, qr_code_url,
       claimed_at, last_error_code, last_error_message, resolved_by, resolved_at, resolution_reason, updated_at, last_event_seq,
       first_received_at, last_received_at)
     SELECT a.id, $1, $2, a.terminal_label, a.created_at, a.cashier, a.receipt_ref, a.amount_sen, a.member_type,
       a.member_id, a.country_code, a.phone_number, a.phone_reversed, a.points_preview, a.points_confirmed, a.state, a.rm_item_id,
       a.qr_code_url, a.claimed_at, a.last_error_code, a.last_error_message, a.resolved_by, a.resolved_at, a.resolution_reason, a.updated_at, a.last_event_seq,
       $4, $4
     FROM jsonb_to_recordset($3::jsonb) AS a(id uuid, terminal_label text, created_at bigint, cashier text, receipt_ref text,
       amount_sen bigint, member_type text, member_id text, country_code text, phone_number text, phone_reversed text,
       points_preview bigint, points_confirmed boolean, state text, rm_item_id text, qr_code_url text, claimed_at bigint,
       last_error_code text, last_error_message text,
       resolved_by text, resolved_at bigint, resolution_reason text, updated_at bigint, last_event_seq bigint)
     ON CONFLICT (id) DO UPDATE SET
       state = EXCLUDED.state, points_preview = EXCLUDED.points_preview, points_confirmed = EXCLUDED.points_confirmed,
       rm_item_id = EXCLUDED.rm_item_id, qr_code_url = EXCLUDED.qr_code_url, claimed_at = EXCLUDED.claimed_at,
       last_error_code = EXCLUDED.last_error_code, last_error_message = EXCLUDED.last_error_message,
       resolved_by = EXCLUDED.resolved_by, resolved_at = EXCLUDED.resolved_at, resolution_reason = EXCLUDED.resolution_reason,
       updated_at = EXCLUDED.updated_at, last_event_seq = EXCLUDED.last_event_seq, terminal_label = EXCLUDED.terminal_label,
       last_received_at = EXCLUDED.last_received_at
     WHERE awards.terminal_id = EXCLUDED.terminal_id AND awards.last_event_seq < EXCLUDED.last_event_seq
       AND awards.created_at = EXCLUDED.created_at AND awards.amount_sen = EXCLUDED.amount_sen
     RETURNING id`,
    [who.terminalId, who.outletId, JSON.stringify(rows), Date.now()],
  );
  return new Set(written.rows.map((row) => row.id));
}

/** An attempt's outcome is written once, as on the counter. */
async function upsertAttempts(client: Client, awards: WireAward[]): Promise<void> {
  const rows = awards.flatMap((a) =>
    a.attempts.map((t) => ({
      award_id: a.id,
      number: t.number,
      nonce: t.nonce,
      timestamp: t.timestamp,
      started_at: t.startedAt,
      outcome: t.outcome,
      error_code: t.errorCode,
      finished_at: t.finishedAt,
    })),
  );
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO attempts (award_id, number, nonce, timestamp, started_at, outcome, error_code, finished_at)
     SELECT t.award_id, t.number, t.nonce, t.timestamp, t.started_at, t.outcome, t.error_code, t.finished_at
     FROM jsonb_to_recordset($1::jsonb) AS t(award_id uuid, number integer, nonce text, timestamp text, started_at bigint,
       outcome text, error_code text, finished_at bigint)
     ON CONFLICT (award_id, number) DO UPDATE SET outcome = EXCLUDED.outcome, error_code = EXCLUDED.error_code, finished_at = EXCLUDED.finished_at
     WHERE attempts.outcome IS NULL AND EXCLUDED.outcome IS NOT NULL`,
    [JSON.stringify(rows)],
  );
}

/** The newest evidence gathered on an award replaces an older one; a late batch carrying older evidence changes nothing. */
async function upsertEvidence(client: Client, awards: WireAward[]): Promise<void> {
  const rows = awards.flatMap((a) => (a.evidence ? [{ award_id: a.id, gathered_at: a.evidence.gatheredAt, evidence: a.evidence }] : []));
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO award_evidence (award_id, gathered_at, evidence)
     SELECT v.award_id, v.gathered_at, v.evidence FROM jsonb_to_recordset($1::jsonb) AS v(award_id uuid, gathered_at bigint, evidence jsonb)
     ON CONFLICT (award_id) DO UPDATE SET gathered_at = EXCLUDED.gathered_at, evidence = EXCLUDED.evidence
     WHERE award_evidence.gathered_at < EXCLUDED.gathered_at`,
    [JSON.stringify(rows)],
  );
}

/** Events already held are skipped, but only if they are the same events: a terminal cannot rewrite its trail. */
async function insertEvents(client: Client, who: TerminalIdentity, events: WireEvent[]): Promise<void> {
  const rows = events.map((e) => ({
    seq: e.seq,
    award_id: e.awardId,
    at: e.at,
    from_state: e.from,
    to_state: e.to,
    actor: e.actor,
    reason: e.reason,
    error_code: e.errorCode,
  }));
  const inserted = await client.query<{ seq: number }>(
    `INSERT INTO award_events (terminal_id, seq, award_id, at, from_state, to_state, actor, reason, error_code)
     SELECT $1, e.seq, e.award_id, e.at, e.from_state, e.to_state, e.actor, e.reason, e.error_code
     FROM jsonb_to_recordset($2::jsonb) AS e(seq bigint, award_id uuid, at bigint, from_state text, to_state text, actor text,
       reason text, error_code text)
     ON CONFLICT (terminal_id, seq) DO NOTHING RETURNING seq`,
    [who.terminalId, JSON.stringify(rows)],
  );
  if (inserted.rowCount === events.length) return;
  const fresh = new Set(inserted.rows.map((row) => row.seq));
  const held = events.filter((event) => !fresh.has(event.seq));
  const existing = await client.query<{ seq: number; award_id: string; at: number; to_state: string }>(
    'SELECT seq, award_id, at, to_state FROM award_events WHERE terminal_id = $1 AND seq = ANY($2::bigint[])',
    [who.terminalId, held.map((event) => event.seq)],
  );
  const bySeq = new Map(existing.rows.map((row) => [row.seq, row]));
  for (const event of held) {
    const row = bySeq.get(event.seq);
    if (!row || row.award_id !== event.awardId || row.at !== event.at || row.to_state !== event.to) {
      throw new HubError(
        'CONFLICT',
        `Event ${event.seq} differs from the event ${event.seq} the hub already holds for this terminal: was this PC put back from a backup copy, or is another PC using its link to head office? Nothing in this batch was applied, and sending stops so that neither record overwrites the other; awards at this counter go on. Put back: a manager brings it back in step in Kaunter's Settings > Head office (a counter joined there needs no new code), or closes Kaunter and runs \`kaunter hub restore --merge\` with a new code from head office. Another PC: call support. (A replacement PC whose restore was cut short: finish it with \`kaunter hub restore\`.)`,
      );
    }
  }
}
