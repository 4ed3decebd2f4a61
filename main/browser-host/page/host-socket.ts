// What the counter's bridge and the customer display's bridge share: one WebSocket to the browser host, kept honest by
// the heartbeat, whose welcome carries the next token (kept in sessionStorage, so a reload or a reconnect finds its way
// back), and which ends once, whether it closed or the host fell silent.
import { startHeartbeat, type Heartbeat } from './heartbeat.ts';

type Welcome = { type: 'welcome'; nextToken: string };
type Pong = { type: 'pong' };

export interface HostSocketHandlers<Message> {
  onOpen?: (ws: WebSocket) => void;
  onWelcome: () => void;
  /** Every frame but the welcome and the heartbeat's answer. */
  onMessage: (message: Message) => void;
  /** Once per socket: it closed, or the heartbeat heard nothing. `welcomed`: the host took its token. */
  onEnd: (welcomed: boolean) => void;
}

export function connectToHost<Message>(path: string, protocols: string[], tokenKey: string, handlers: HostSocketHandlers<Message>): WebSocket {
  const ws = new WebSocket(`ws://${window.location.host}${path}`, protocols);
  let heartbeat: Heartbeat | null = null;
  let welcomed = false;
  let over = false;
  const end = (): void => {
    if (over) return;
    over = true;
    heartbeat?.stop();
    ws.close();
    handlers.onEnd(welcomed);
  };
  ws.addEventListener('open', () => {
    heartbeat = startHeartbeat(ws, end);
    handlers.onOpen?.(ws);
  });
  ws.addEventListener('close', end);
  ws.addEventListener('message', (event: MessageEvent<string>) => {
    heartbeat?.heard();
    const message = JSON.parse(event.data) as Welcome | Pong | Message;
    if (isFrame<Welcome>(message, 'welcome')) {
      welcomed = true;
      sessionStorage.setItem(tokenKey, message.nextToken);
      handlers.onWelcome();
    } else if (!isFrame<Pong>(message, 'pong')) handlers.onMessage(message);
  });
  return ws;
}

function isFrame<Frame extends { type: string }>(message: unknown, type: Frame['type']): message is Frame {
  return (message as { type?: unknown }).type === type;
}

/** The host still serves its pages: a socket it closed before the welcome was refused, not lost. */
export function hostAnswers(): Promise<boolean> {
  return fetch('/', { method: 'HEAD', cache: 'no-store' }).then((response) => response.ok, () => false);
}
