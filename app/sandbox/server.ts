// One HTTP request from arrival to answer: read the body (bounded), route it, apply an injected fault if one matches,
// run the handler, and answer. A request never crashes the sandbox: unexpected failures become INTERNAL_ERROR.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ApiRequest } from './api-request.ts';
import { RmRefusal } from './errors.ts';
import type { RequestFault, ServerErrorFault } from './faults.ts';
import { errorReply, type Reply } from './reply.ts';
import { BODY_LIMIT_BYTES, readBody } from './request-body.ts';
import { matchRoute, type Route } from './router.ts';
import type { SandboxState } from './state.ts';
import type { PendingTimers } from './timers.ts';

export interface ServerParts {
  state: SandboxState;
  routes: readonly Route[];
  timers: PendingTimers;
  /** `http://127.0.0.1:PORT`, for a request without a Host header. */
  baseUrl: () => string;
}

export function createRequestHandler(parts: ServerParts): RequestListener {
  return (req, res) => {
    serve(req, res, parts).catch((error: unknown) => {
      parts.state.log(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, errorReply(new RmRefusal(500, 'INTERNAL_ERROR', 'The sandbox failed unexpectedly.')));
      else res.destroy();
    });
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, parts: ServerParts): Promise<void> {
  const { state } = parts;
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  const [path = '/', queryText = ''] = splitOnce(rawUrl, '?');
  const logAs = (outcome: string): void => state.log(`${method} ${path} -> ${outcome}`);
  const body = await readBody(req);
  if (body.kind === 'abandoned') return logAs('client went away');
  if (body.kind === 'too-large') {
    const tooLarge = new RmRefusal(413, 'VALIDATION_ERROR', `The body is larger than ${BODY_LIMIT_BYTES / 1024} KiB.`);
    return logAs(send(res, errorReply(tooLarge, body.drained ? undefined : { Connection: 'close' })));
  }
  const match = matchRoute(parts.routes, method, path);
  if (match.kind === 'not-found') {
    return logAs(send(res, errorReply(new RmRefusal(404, 'API_ENDPOINT_NOT_FOUND', `There is no endpoint ${path}.`))));
  }
  if (match.kind === 'wrong-method') {
    const allowed = match.allowed.join(', ');
    const wrongMethod = new RmRefusal(405, 'METHOD_NOT_ALLOWED', `${path} takes ${allowed}, not ${method}.`);
    return logAs(send(res, errorReply(wrongMethod, { Allow: allowed })));
  }
  const fault = match.route.faultable ? state.faults.take(path) : null;
  const request: ApiRequest = {
    method,
    path,
    rawUrl,
    query: new URLSearchParams(queryText),
    params: match.params,
    headers: req.headers,
    body: body.bytes,
    origin: req.headers.host ? `http://${req.headers.host}` : parts.baseUrl(),
    nowMs: state.clock.nowMs(fault),
  };
  const run = (): Reply => runHandler(match.route, request, state);
  const outcome = await answer(req, res, run, fault, parts.timers);
  if (method !== 'GET' && method !== 'HEAD') state.changed();
  logAs(fault ? `${outcome} [fault ${fault.mode}]` : outcome);
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  run: () => Reply,
  fault: RequestFault | null,
  timers: PendingTimers,
): Promise<string> {
  switch (fault?.mode) {
    case 'rate-limit':
      return send(res, errorReply(new RmRefusal(429, 'TOO_MANY_REQUEST_PER_SECOND', 'Too many requests; slow down.')));
    case 'reset':
      req.socket.resetAndDestroy();
      return 'connection reset, not applied';
    case 'apply-then-drop': {
      const reply = run();
      req.socket.destroy();
      return `${reply.status} ${reply.code} applied, then dropped without an answer`;
    }
    case 'repeated': {
      const first = run();
      return `${send(res, run())} to a repeated copy; the first copy got ${first.status} ${first.code}`;
    }
    case 'http-5xx': {
      const applied = fault.apply === true ? run() : null;
      const sent = send(res, errorReply(serverError(fault)));
      return applied ? `${sent} after applying (${applied.status} ${applied.code})` : `${sent}, not applied`;
    }
    case 'latency': {
      const reply = run();
      const waited = await timers.wait(fault.latencyMs);
      return waited ? send(res, reply) : 'sandbox closed before the delayed answer';
    }
    case 'clock-skew':
    case undefined:
      return send(res, run());
  }
}

function runHandler(route: Route, request: ApiRequest, state: SandboxState): Reply {
  try {
    return route.handle(request, state);
  } catch (error) {
    if (error instanceof RmRefusal) return errorReply(error);
    state.log(`internal error in ${route.method} ${route.path}: ${error instanceof Error ? error.message : String(error)}`);
    return errorReply(new RmRefusal(500, 'INTERNAL_ERROR', 'The sandbox failed unexpectedly while handling this request.'));
  }
}

function serverError(fault: ServerErrorFault): RmRefusal {
  const status = fault.status ?? 500;
  const code = fault.code ?? (status === 500 ? 'INTERNAL_ERROR' : 'SYSTEM_ERROR');
  return new RmRefusal(status, code, 'Injected fault: the server failed. The request may or may not have been applied.');
}

/** Writes the reply unless the connection is already gone; returns the outcome for the request log. */
function send(res: ServerResponse, reply: Reply): string {
  if (res.destroyed || res.socket?.destroyed !== false) return `${reply.status} ${reply.code} not sent: connection gone`;
  res.writeHead(reply.status, {
    'Content-Type': reply.contentType,
    'Content-Length': Buffer.byteLength(reply.text),
    'Cache-Control': 'no-store',
    ...reply.headers,
  });
  res.end(reply.text, () => reply.afterSend?.());
  return `${reply.status} ${reply.code}`;
}

function splitOnce(text: string, separator: string): [string, string] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, ''] : [text.slice(0, index), text.slice(index + 1)];
}
