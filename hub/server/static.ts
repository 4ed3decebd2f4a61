// The head-office pages: the renderer built once (`npm run build` -> dist/hub-ui), served as files with a strict CSP.
import { readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_UI_DIR = fileURLToPath(new URL('../../dist/hub-ui/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Serves `/` and `/assets/...`; returns false for any other path. Never throws: a folder or an unreadable file is "not found". */
export function serveUi(uiDir: string, pathname: string, response: ServerResponse): boolean {
  if (pathname !== '/' && !pathname.startsWith('/assets/')) return false;
  const relative = pathname === '/' ? 'hub.html' : pathname.slice(1);
  const file = normalize(join(uiDir, relative));
  const body = file.startsWith(normalize(uiDir) + (uiDir.endsWith(sep) ? '' : sep)) ? readPlainFile(file) : null;
  if (body === null) {
    const missing = pathname === '/';
    response.writeHead(missing ? 503 : 404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    response.end(missing ? 'The head-office pages are not built: run `npm run build` where the hub is installed.' : 'Not found');
    return true;
  }
  response.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    // Asset names carry a content hash; the page itself is always fresh.
    'cache-control': pathname === '/' ? 'no-store' : 'public, max-age=31536000, immutable',
    ...SECURITY_HEADERS,
  });
  response.end(body);
  return true;
}

/** The file's bytes, or null for anything else: no such file, a folder, a name too long for the file system. */
function readPlainFile(file: string): Buffer | null {
  try {
    return statSync(file).isFile() ? readFileSync(file) : null;
  } catch {
    return null;
  }
}
