// Two years of a busy shop's awards, repeatable from a seed: opening hours 10:00-22:00 Malaysian time, busier weekends
// and Decembers, 20 cashiers on 4 terminals, repeat customers by member ID, 5% by phone (random mobiles), 10% claim QR,
// mostly AWARDED with ~0.1% UNKNOWN left for a manager, and the newest few still QUEUED.
import { parsePhone } from '../../../app/common/member.ts';
import type { AwardState } from '../../../app/awards/award.ts';
import { seededRandom } from '../../fixtures/seeded-random.ts';

export const MYT_OFFSET_MS = 8 * 3_600_000;
/** 2026-01-01 00:00 in Malaysia: the data ends here, so a cached file never depends on the day it was made. */
export const END_MS = Date.UTC(2025, 11, 31, 16, 0);
export const DAYS = 731;
export const START_MS = END_MS - DAYS * 86_400_000;

const OPEN_MS = 10 * 3_600_000;
const SERVICE_MS = 12 * 3_600_000;
const MEMBER_POOL = 30_000;

export const CASHIERS = [
  'Aina', 'Kumar', 'Mei Ling', 'Farid', 'Siti', 'Ravi', 'Hui Min', 'Azlan', 'Priya', 'Jun Wei',
  'Nurul', 'Ganesh', 'Xin Yi', 'Hafiz', 'Kavitha', 'Chee Keong', 'Amirah', 'Suresh', 'Pei Shan', 'Izzat',
];

/** Values in the column order of INSERT_AWARD. */
export type AwardValues = [
  string, number, string, string, string | null, number, string, string | null, string | null, string | null, string | null,
  number | null, AwardState, number, string | null, string | null, string | null, string | null, string | null, number | null,
  string | null, number,
];

export const INSERT_AWARD = `INSERT INTO awards (id, created_at, terminal_id, cashier, receipt_ref, amount_sen, member_type, member_id,
  country_code, phone_number, phone_reversed, points_preview, state, next_attempt_at, rm_item_id, qr_code_url, last_error_code,
  last_error_message, resolved_by, resolved_at, resolution_reason, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function* syntheticAwards(rows: number, seed = 20_260_101): Generator<AwardValues> {
  const random = seededRandom(seed);
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  /** A Malaysian mobile as RM holds it (no trunk 0), valid by the app's own rules: 011 plus 8 digits, or 01x plus 7. */
  const mobile = (): string => {
    for (;;) {
      const candidate = random() < 0.15 ? `11${digits(8)}` : `1${digits(8)}`;
      if (parsePhone(candidate).ok) return candidate;
    }
  };
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const members = Array.from({ length: MEMBER_POOL }, () => `6190${digits(15)}`);
  const perDay = dailyCounts(rows);
  const queuedFrom = rows - Math.max(1, Math.floor(rows / 50_000));
  let index = 0;
  for (let day = 0; day < DAYS; day += 1) {
    const dayStart = START_MS + day * 86_400_000;
    const times = Array.from({ length: perDay[day] ?? 0 }, () => dayStart + OPEN_MS + Math.floor(random() * SERVICE_MS)).sort((a, b) => a - b);
    const dayText = new Date(dayStart + MYT_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
    for (const [receiptNo, createdAt] of times.entries()) {
      const cashierIndex = Math.floor(random() * CASHIERS.length);
      const terminal = `T${1 + (cashierIndex % 4)}`;
      const amountSen = Math.min(500_000, Math.max(100, Math.round(3_500 * Math.exp(0.9 * normal(random)))));
      const kind = random();
      const memberType = kind < 0.05 ? 'PHONENUMBER' : kind < 0.15 ? 'QRCODE' : 'ID';
      const phone = memberType === 'PHONENUMBER' ? mobile() : null;
      const state = index >= queuedFrom ? 'QUEUED' : stateFor(random());
      const qr = memberType === 'QRCODE' && state === 'AWARDED' ? hex(32) : null;
      const problem = problemFor(state);
      const resolved = state === 'VOIDED' || state === 'CANCELLED';
      yield [
        uuidFrom(hex(32)),
        createdAt,
        terminal,
        CASHIERS[cashierIndex] as string,
        random() < 0.92 ? `${terminal}-${dayText}-${String(receiptNo + 1).padStart(4, '0')}` : null,
        amountSen,
        memberType,
        memberType === 'ID' ? (members[Math.floor(MEMBER_POOL * random() ** 2)] as string) : null,
        phone ? '60' : null,
        phone,
        phone ? [...phone].reverse().join('') : null,
        random() < 0.97 ? Math.floor(amountSen / 100) : null,
        state,
        state === 'QUEUED' ? 0 : createdAt,
        qr,
        qr ? `https://rm.example/claim/${qr}` : null,
        problem?.code ?? null,
        problem?.message ?? null,
        resolved ? 'manager:Hafiz' : null,
        resolved ? createdAt + 3_600_000 : null,
        resolved ? 'Customer changed their mind at the counter' : null,
        createdAt + 500 + Math.floor(random() * 2_500),
      ];
      index += 1;
    }
  }
}

/** Awards per day: weekends 1.5x, December 1.3x, growing from 0.8x to 1.2x over the two years; summing to `rows`. */
function dailyCounts(rows: number): number[] {
  const weights = Array.from({ length: DAYS }, (_, day) => {
    const date = new Date(START_MS + day * 86_400_000 + MYT_OFFSET_MS);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 1.5 : 1;
    const december = date.getUTCMonth() === 11 ? 1.3 : 1;
    return weekend * december * (0.8 + (0.4 * day) / DAYS);
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let cumulative = 0;
  let assigned = 0;
  return weights.map((weight) => {
    cumulative += weight;
    const upTo = Math.round((cumulative / total) * rows);
    const count = upTo - assigned;
    assigned = upTo;
    return count;
  });
}

function stateFor(r: number): AwardState {
  if (r < 0.001) return 'UNKNOWN';
  if (r < 0.005) return 'REJECTED';
  if (r < 0.015) return 'VOIDED';
  if (r < 0.018) return 'CANCELLED';
  return 'AWARDED';
}

function problemFor(state: AwardState): { code: string; message: string } | null {
  if (state === 'UNKNOWN') return { code: 'CONNECTION_LOST', message: 'The connection dropped after the award was sent; RM may have applied it.' };
  if (state === 'REJECTED') return { code: 'MEMBER_NOT_FOUND', message: 'No member has this id.' };
  return null;
}

/** Box-Muller: a standard normal draw. */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function uuidFrom(hex32: string): string {
  const h = `${hex32.slice(0, 12)}4${hex32.slice(13, 16)}${'89ab'[parseInt(hex32[16] ?? '0', 16) % 4]}${hex32.slice(17)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
