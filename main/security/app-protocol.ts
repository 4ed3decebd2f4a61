// The app:// protocol: the UI is served from the bundled renderer folder as app://kaunter/..., never from file://.
// The decisions are pure functions (resolveAppUrl, respondToAppRequest); registering them with Electron is two lines.
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative } from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_SCHEME, isAppUrl, parseUrl } from './app-origin.ts';
import { contentSecurityPolicy } from './csp.ts';

/** Standard (so origins, relative URLs and storage work), secure (a secure context), fetch() allowed. Nothing more. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = Object.freeze({
  scheme: APP_SCHEME,
  privileges: Object.freeze({ standard: true, secure: true, supportFetchAPI: true }),
});

const ENTRY_FILE = 'index.html';

const MIME_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
});

/** The MIME type for a file name, or null for a type the UI has no business loading. */
export function mimeTypeFor(fileName: string): string | null {
  return MIME_TYPES[extname(fileName).toLowerCase()] ?? null;
}

export type AppUrlResolution =
  | { kind: 'file'; filePath: string; mimeType: string; isEntry: boolean }
  | { kind: 'refused'; status: 400 | 403 | 404; reason: string };

function refused(status: 400 | 403 | 404, reason: string): AppUrlResolution {
  return { kind: 'refused', status, reason };
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Dot segments as the caller wrote them. URL parsing already collapses "/../" (also "%2e%2e"), so a traversal attempt
 * would otherwise be served as some other in-root file; refusing it outright is clearer.
 */
function hasRawDotSegment(url: string): boolean {
  const afterAuthority = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*/i, '');
  const rawPath = afterAuthority.split(/[?#]/, 1)[0] ?? '';
  return rawPath.split(/[/\\]/).some((segment) => {
    const decoded = decodeSegment(segment) ?? segment;
    return decoded === '.' || decoded === '..';
  });
}

function checkSegment(decoded: string | null): AppUrlResolution | null {
  if (decoded === null) return refused(400, 'malformed percent-encoding');
  if (decoded === '') return refused(400, 'empty path segment (an absolute path)');
  if (/[/\\\0:]/.test(decoded)) return refused(400, 'a path segment holds a separator, a drive letter or NUL');
  if (decoded.startsWith('.')) return refused(404, 'hidden files are not served');
  return null;
}

function entryFile(rootDir: string): AppUrlResolution {
  return { kind: 'file', filePath: join(rootDir, ENTRY_FILE), mimeType: MIME_TYPES['.html'] ?? 'text/html', isEntry: true };
}

/**
 * Maps app://kaunter/<path> to a file inside rootDir. Other schemes and hosts, dot segments (plain or percent-encoded),
 * encoded separators, absolute and drive paths are refused; a path without a file extension is a client-side route and
 * gets index.html; an extension the UI never uses is a 404.
 */
export function resolveAppUrl(url: string, rootDir: string): AppUrlResolution {
  if (!isAbsolute(rootDir)) return refused(404, 'the renderer folder is not an absolute path');
  const parsed = parseUrl(url);
  if (parsed === null) return refused(400, 'not a URL');
  if (!isAppUrl(url)) return refused(403, 'not app://kaunter');
  if (hasRawDotSegment(url)) return refused(400, 'dot segments (..) are not allowed');

  const rawSegments = parsed.pathname.split('/').slice(1);
  const last = rawSegments.at(-1);
  if (last === undefined || last === '') rawSegments.pop();
  const segments: string[] = [];
  for (const raw of rawSegments) {
    const decoded = decodeSegment(raw);
    const problem = checkSegment(decoded);
    if (problem !== null) return problem;
    segments.push(decoded ?? '');
  }

  const fileName = segments.at(-1);
  if (fileName === undefined || extname(fileName) === '') return entryFile(rootDir);
  const mimeType = mimeTypeFor(fileName);
  if (mimeType === null) return refused(404, `files of type ${extname(fileName)} are not served`);
  const filePath = join(rootDir, ...segments);
  const inside = relative(rootDir, filePath);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return refused(403, 'outside the renderer folder');
  return { kind: 'file', filePath, mimeType, isEntry: false };
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

function textResponse(status: number, text: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extraHeaders },
  });
}

function isMissingFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

export interface AppRequest {
  readonly url: string;
  readonly method: string;
}

/** The protocol handler's whole job: a GET/HEAD for a file in rootDir, with its MIME type and the security headers. */
export async function respondToAppRequest(request: AppRequest, rootDir: string): Promise<Response> {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return textResponse(405, 'Method not allowed', { Allow: 'GET, HEAD' });
  const resolution = resolveAppUrl(request.url, rootDir);
  if (resolution.kind === 'refused') return textResponse(resolution.status, `Refused: ${resolution.reason}`);
  let body: Buffer;
  try {
    body = await readFile(resolution.filePath);
  } catch (error) {
    if (!isMissingFileError(error)) return textResponse(500, 'The file could not be read');
    const hint = resolution.isEntry ? ' (the renderer is not built: run `npm run build`)' : '';
    return textResponse(404, `Not found${hint}`);
  }
  const headers = { ...securityHeaders(), 'Content-Type': resolution.mimeType, 'Content-Length': String(body.length) };
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

export interface SchemeRegistrar {
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
}

export interface ProtocolHandlerRegistrar {
  handle(scheme: string, handler: (request: AppRequest) => Promise<Response>): void;
}

/** Before app 'ready': Electron accepts scheme privileges only then. */
export function registerAppScheme(protocol: SchemeRegistrar): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** After app 'ready', on the session the window uses. */
export function serveAppProtocol(protocol: ProtocolHandlerRegistrar, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => respondToAppRequest(request, rendererDir));
}

/** dist/renderer inside the app (app.getAppPath() is the asar root when packaged, the checkout in development). */
export function bundledRendererDir(appPath: string): string {
  return join(appPath, 'dist', 'renderer');
}
