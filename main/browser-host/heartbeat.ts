// The host's side of the page's heartbeat: the page sends a ping every half second and counts the connection lost when
// no answer comes within two, so a host that died (or froze) shows within 3 s instead of at the next Confirm.
import type { WebSocket } from 'ws';

export const PING = '{"type":"ping"}';
export const PONG = '{"type":"pong"}';

/** True when the frame was the page's ping (answered here); anything else is for the dispatcher. */
export function answeredPing(ws: WebSocket, text: string): boolean {
  if (text !== PING) return false;
  if (ws.readyState === ws.OPEN) ws.send(PONG);
  return true;
}
