// The page's side of the heartbeat with the browser host (see ../heartbeat.ts): a ping every half second; no answer (nor
// any other frame) for two seconds means the host is gone, whether its socket closed or it simply stopped answering.
// Silence is checked at each ping, so a host that stops is shown lost within 2.5 s: inside the 3 s promised, with room
// for a busy machine's late timers.
import { PING } from '../heartbeat.ts';

export const PING_EVERY_MS = 500;
export const LOST_AFTER_MS = 2_000;

export interface Heartbeat {
  /** Any frame from the host proves it is alive. */
  heard(): void;
  stop(): void;
}

export function startHeartbeat(socket: WebSocket, onLost: () => void): Heartbeat {
  let lastHeard = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - lastHeard > LOST_AFTER_MS) {
      clearInterval(timer);
      onLost();
      return;
    }
    if (socket.readyState === WebSocket.OPEN) socket.send(PING);
  }, PING_EVERY_MS);
  return {
    heard: () => void (lastHeard = Date.now()),
    stop: () => clearInterval(timer),
  };
}
