// X-Nonce-Str values each application used within the replay window. RM says nonces must be unique for 120 s.

export const NONCE_WINDOW_MS = 120_000;

export class NonceBook {
  private readonly seenByClient = new Map<string, Map<string, number>>();

  wasSeen(clientId: string, nonce: string, nowMs: number): boolean {
    const seen = this.seenByClient.get(clientId);
    if (!seen) return false;
    for (const [oldNonce, atMs] of seen) {
      if (Math.abs(nowMs - atMs) > NONCE_WINDOW_MS) seen.delete(oldNonce);
    }
    return seen.has(nonce);
  }

  remember(clientId: string, nonce: string, nowMs: number): void {
    let seen = this.seenByClient.get(clientId);
    if (!seen) {
      seen = new Map();
      this.seenByClient.set(clientId, seen);
    }
    seen.set(nonce, nowMs);
  }
}
