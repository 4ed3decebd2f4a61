// One request as the sandbox's handlers see it: already read in full, with the clock it is judged by.
import type { IncomingHttpHeaders } from 'node:http';

export interface ApiRequest {
  method: string;
  path: string;
  /** Path and query exactly as the client sent them (not re-encoded), for the string to sign. */
  rawUrl: string;
  query: URLSearchParams;
  /** Route parameters, e.g. the member id in /v3/loyalty/member/{memberId}. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** `http://host:port` as the client addressed the sandbox. */
  origin: string;
  /** The sandbox's clock for this request, in ms, including any clock skew. */
  nowMs: number;
}

export function header(request: ApiRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
