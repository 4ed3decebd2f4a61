// What head-office browsers call. Sessions ride in an HttpOnly SameSite=Strict cookie; every state-changing request
// also carries the session's CSRF token in a header and, when the browser sends one, an Origin of this very hub. An
// outlet manager's scope is applied in every query, so another outlet's awards are simply not there for them.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { countHubHistory, exportHubCsv } from '../export.ts';
import type { Pool } from '../db/pool.ts';
import { decide } from '../decisions.ts';
import { HubError, idFromPath, isStatementTimeout, parseWith } from '../errors.ts';
import { hubFilterSchema, hubHistoryPage, type HubFilter, type Scope } from '../history.ts';
import { awardDetail, reviewQueue } from '../award-detail.ts';
import { loginSchema, logIn, logOut, SESSION_HOURS, sessionUser, type SignedIn } from '../people.ts';
import { hubTotals, totalsGroupSchema } from '../totals.ts';
import { readJson, sendJson } from './body.ts';
import type { RouteContext, Router } from './router.ts';
import { clientAddress, fromTrustedProxy, type TrustedProxies } from './client-address.ts';

const COOKIE = 'kaunter_hub_session';
// Over TLS the cookie is Secure anyway, and with this prefix a browser also takes it only host-only at Path=/: a sibling
// subdomain (Domain=) or a plain-HTTP page on this host cannot set one to stand in for the hub's.
const TLS_COOKIE = `__Host-${COOKIE}`;
const NO_SUCH_AWARD = new HubError('NOT_FOUND', 'There is no such award.');
const decisionSchema = z.strictObject({ decision: z.enum(['credited', 'resend', 'void']), reason: z.string().trim().min(1, 'Say why.').max(1_000) });

export interface UserRouteOptions {
  /** Served over TLS here: session cookies are Secure. */
  secure: boolean;
  proxies: TrustedProxies;
  exportStallMs: number;
  exportDeadlineMs: number;
}

/**
 * Exports written at once by this hub process. Each holds a connection and a snapshot for as long as its browser takes
 * to read it; more wait their turn (told so), rather than take every connection of the head-office pages.
 */
const EXPORTS_AT_ONCE = 2;

export function addUserRoutes(router: Router, pool: Pool, { secure, proxies, exportStallMs, exportDeadlineMs }: UserRouteOptions): void {
  let exporting = 0;
  // The one test for both the cookie's name and its Secure flag, at sign-in and at every read.
  const overTls = (request: IncomingMessage) => secure || forwardedHttps(request, proxies);
  const tokenOf = (request: IncomingMessage) => sessionToken(request, cookieName(overTls(request)));
  const signedIn = (context: RouteContext) => sessionUser(pool, tokenOf(context.request));
  /** A change: signed in, and proven to come from this hub's own page. */
  const changing = async (context: RouteContext) => {
    const user = await signedIn(context);
    checkOrigin(context.request);
    const sent = context.request.headers['x-kaunter-csrf'];
    if (typeof sent !== 'string' || !sameText(sent, user.csrfToken)) throw new HubError('FORBIDDEN', 'This request did not come from the hub\'s own page; reload it and try again.');
    return user;
  };

  router.on('POST', '/api/hub/v1/login', async ({ request, response }) => {
    checkOrigin(request);
    const { name, password } = parseWith(loginSchema, await readJson(request, 4_096));
    const { token, user } = await logIn(pool, name, password, clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], proxies));
    sendJson(response, 200, publicUser(user), { 'set-cookie': sessionCookie(token, overTls(request), SESSION_HOURS * 3_600) });
  });

  router.on('POST', '/api/hub/v1/logout', async (context) => {
    await changing(context);
    await logOut(pool, tokenOf(context.request) ?? '');
    sendJson(context.response, 200, { ok: true }, { 'set-cookie': sessionCookie('', overTls(context.request), 0) });
  });

  router.on('GET', '/api/hub/v1/me', async (context) => {
    sendJson(context.response, 200, publicUser(await signedIn(context)));
  });

  router.on('GET', '/api/hub/v1/places', async (context) => {
    const user = await signedIn(context);
    const rows = await pool.query<{ outlet: string; terminal: string; terminalId: string; revoked: boolean; lastPushAt: Date | null }>(
      `SELECT o.name AS outlet, t.name AS terminal, t.id AS "terminalId", t.revoked_at IS NOT NULL AS revoked, t.last_push_at AS "lastPushAt"
       FROM terminals t JOIN outlets o ON o.id = t.outlet_id WHERE $1::uuid IS NULL OR o.id = $1 ORDER BY o.name, t.name`,
      [user.outletId],
    );
    sendJson(context.response, 200, { items: rows.rows });
  });

  router.on('GET', '/api/hub/v1/history', async (context) => {
    const user = await signedIn(context);
    const filter = filterOf(context.url);
    const limit = Number(context.url.searchParams.get('limit') ?? 100);
    const page = await hubHistoryPage(pool, filter, scopeOf(user), context.url.searchParams.get('cursor'), Number.isFinite(limit) ? limit : 100);
    // The "of N" is worth less than the page: a count cut short by the statement timeout (a huge hub, no filter) is left out.
    const total = context.url.searchParams.get('cursor') ? null : await countHubHistory(pool, filter, scopeOf(user)).catch(nullOnTimeout);
    sendJson(context.response, 200, { ...page, total });
  });

  router.on('GET', '/api/hub/v1/totals', async (context) => {
    const user = await signedIn(context);
    const group = parseWith(totalsGroupSchema, context.url.searchParams.get('by') ?? 'day');
    sendJson(context.response, 200, { items: await hubTotals(pool, filterOf(context.url), scopeOf(user), group) });
  });

  router.on('GET', '/api/hub/v1/export', async (context) => {
    const user = await signedIn(context);
    if (exporting >= EXPORTS_AT_ONCE) {
      throw new HubError('LOCKED', `${EXPORTS_AT_ONCE} exports are being written already: try again when one of them is done.`, { retryAfterSeconds: 30 });
    }
    exporting += 1;
    // However slowly the browser reads, the export's connection and snapshot are given back in the end.
    const deadline = setTimeout(() => context.response.destroy(), exportDeadlineMs);
    try {
      await exportHubCsv(pool, filterOf(context.url), scopeOf(user), context.response, {
        onTotal: (total) => {
          // From the first byte on (the count before it may take a while on a big hub): a reader that stops reading but
          // keeps its connection would otherwise hold a database connection, and the export's snapshot, which holds
          // back vacuum, as long as it likes. One that closes ends the export at once.
          context.response.setTimeout(exportStallMs, () => context.response.destroy());
          context.response.writeHead(200, {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="kaunter-awards.csv"',
            'cache-control': 'no-store',
            // The page shows progress against this while the rows stream in.
            'x-total-count': String(total),
          });
        },
      });
    } finally {
      clearTimeout(deadline);
      exporting -= 1;
    }
    context.response.end();
  });

  router.on('GET', '/api/hub/v1/review', async (context) => {
    const user = await signedIn(context);
    sendJson(context.response, 200, { items: await reviewQueue(pool, scopeOf(user)) });
  });

  router.on('GET', '/api/hub/v1/awards/:id', async (context) => {
    const user = await signedIn(context);
    sendJson(context.response, 200, await awardDetail(pool, idFromPath(context.param, NO_SUCH_AWARD), scopeOf(user)));
  });

  router.on('POST', '/api/hub/v1/decisions/:id', async (context) => {
    const user = await changing(context);
    const body = parseWith(decisionSchema, await readJson(context.request, 8_192));
    const awardId = idFromPath(context.param, NO_SUCH_AWARD);
    sendJson(context.response, 200, await decide(pool, user.name, scopeOf(user), awardId, body.decision, body.reason));
  });
}

export function scopeOf(user: SignedIn): Scope {
  return { outletId: user.role === 'head-office' ? null : user.outletId };
}

function publicUser(user: SignedIn) {
  return { name: user.name, role: user.role, outlet: user.outlet, csrfToken: user.csrfToken };
}

function filterOf(url: URL): HubFilter {
  const text = url.searchParams.get('filter');
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new HubError('BAD_REQUEST', 'The filter is not valid JSON.');
  }
  return parseWith(hubFilterSchema, value);
}

function cookieName(overTls: boolean): string {
  return overTls ? TLS_COOKIE : COOKIE;
}

/**
 * The session token, or none when the request carries two session cookies: one of them may have been planted by a
 * sibling subdomain with a longer path, so it comes first, and which is this hub's own cannot be told.
 */
function sessionToken(request: IncomingMessage, name: string): string | undefined {
  const tokens = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .filter(([key]) => key === name)
    .map(([, ...value]) => value.join('='));
  return tokens.length === 1 ? tokens[0] || undefined : undefined;
}

function sessionCookie(token: string, overTls: boolean, maxAgeSeconds: number): string {
  return `${cookieName(overTls)}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${overTls ? '; Secure' : ''}`;
}

/**
 * Behind a reverse proxy that terminates TLS, cookies are still Secure. Only a proxy named by --trust-proxy is believed:
 * any other peer could say https over plain HTTP (or its proxy may not be the one that set the header).
 */
function forwardedHttps(request: IncomingMessage, proxies: TrustedProxies): boolean {
  const proto = request.headers['x-forwarded-proto'];
  return fromTrustedProxy(request.socket.remoteAddress, proxies) && typeof proto === 'string' && proto.trim().toLowerCase() === 'https';
}

function checkOrigin(request: IncomingMessage): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    host = '';
  }
  if (host !== request.headers.host) throw new HubError('FORBIDDEN', 'This request came from another site and was refused.');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function nullOnTimeout(error: unknown): null {
  if (isStatementTimeout(error)) return null;
  throw error;
}
