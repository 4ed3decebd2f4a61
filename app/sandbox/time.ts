// Timestamps in the form RM's API writes them: UTC, whole seconds ("2018-09-19T10:00:21Z").

export function rmTimestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
