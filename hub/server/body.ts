// Reading and answering JSON: bodies have a size limit and a schema; answers never carry a stack trace.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HubError } from '../errors.ts';

export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export async function readJson(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HubError('BAD_REQUEST', 'Send the body as JSON (Content-Type: application/json).');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HubError('TOO_LARGE', `The body is larger than ${Math.round(limit / 1024 / 1024)} MB: send smaller batches.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HubError('BAD_REQUEST', 'The body is not valid JSON.');
  }
}

/** `headers` may give a name several values (Set-Cookie), sent as one header line each, in their order. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}

export function sendError(response: ServerResponse, error: HubError): void {
  const headers: Record<string, string> = error.extra.retryAfterSeconds ? { 'retry-after': String(error.extra.retryAfterSeconds) } : {};
  const { ackedSeq, said } = error.extra;
  sendJson(response, error.status, { error: { code: error.code, message: error.message, ...(ackedSeq === undefined ? {} : { ackedSeq }), ...said } }, headers);
}
