// Identifiers the sandbox hands out. RM's spending-reward ids are 32 hex characters; ledger and history keys use the
// same form so nobody mistakes one of ours for a member id (those are 19 digits).
import { randomBytes } from 'node:crypto';

export function newId(): string {
  return randomBytes(16).toString('hex');
}

/** An opaque bearer or refresh token: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
