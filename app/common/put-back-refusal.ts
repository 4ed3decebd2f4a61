// Head office's refusals that mean this counter holds less of its terminal's trail than the hub (a PC put back from a
// backup copy, or another PC using its link): found by the counter (OUT_OF_STEP, app/sync/pusher.ts), or by the hub in
// a push (CONFLICT). A merge brings it back (app/core/hub-merge.ts). One test for the core and the Settings screen.

export function refusedAsPutBack(status: { kind: string; code?: string } | null): boolean {
  return status?.kind === 'refused' && (status.code === 'OUT_OF_STEP' || status.code === 'CONFLICT');
}
