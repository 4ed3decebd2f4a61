// What head-office browsers call. Sessions ride in an HttpOnly SameSite=Strict cookie; every state-changing request
// also carries the session's CSRF token in a header and, when the browser sends one, an Origin of this very hub. An
// outlet manager's scope is applied in every query, so another outlet's awards are simply not there for them.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { z } from 'zod';
import { countHubHistory, exportHubCsv } from '../export.ts';
import type { Pool } from '../db/pool.ts';
import { decide } from '../decisions.ts';
import { HubError, idFromPath, isStatementTimeout, parseWith, saidRefusal } from '../errors.ts';
import { hubFilterSchema, hubHistoryPage, type HubFilter, type Scope } from '../history.ts';
import { awardDetail, reviewQueue } from '../award-detail.ts';
import { loginSchema, logIn, logOut, SESSION_HOURS, sessionUser, type SignedIn } from '../people.ts';
import { terminalHealth } from '../terminal-health.ts';
import { hubTotals, totalsGroupSchema } from '../totals.ts';
import { readJson, sendJson } from './body.ts';
import type { RouteContext, Router } from './router.ts';
import { clientAddress, fromTrustedProxy, type TrustedProxies } from './client-address.ts';

const COOKIE = 'kaunter_hub_session';
// Over TLS the cookie is Secure anyway, and with this prefix a browser also takes it only host-only at Path=/: a sibling
// subdomain (Domain=) or a plain-HTTP page on this host cannot set one to stand in for the hub's.
const TLS_COOKIE = `__Host-${COOKIE}`;
const NO_SUCH_AWARD = saidRefusal('NOT_FOUND', 'headOffice.noSuchAward');
const TWO_SESSION_COOKIES =
  'This browser sent two sign-in cookies for this hub, and which one is the hub\'s own cannot be told, so neither signs in ' +
  '(another site may have set one). The hub has deleted those it can reach: sign in again. If this comes back, delete ' +
  'this site\'s cookies in the browser and sign in; serving the hub over HTTPS stops other sites setting them.';
// A blank reason is decide()'s to refuse, in the head-office page's own language.
const decisionSchema = z.strictObject({ decision: z.enum(['credited', 'resend', 'void']), reason: z.string().trim().max(1_000) });

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
  const tokensOf = (request: IncomingMessage) => sessionTokens(request, cookieName(overTls(request)));
  const signedIn = async ({ request, response, url }: RouteContext) => {
    const tokens = tokensOf(request);
    // Two session cookies never sign anyone in: one may have been planted by a sibling subdomain (or, over plain HTTP,
    // by anything else on this host's name) and sent first, and which is this hub's own cannot be told. The refusal
    // has its own code, so the page can tell its user why it signed out instead of just showing the sign-in form
    // again, and deletes every session cookie this request could have carried, the hub's own too: which one to keep
    // cannot be told either, and a sign-in form must not stand over a cookie that still signs this browser in.
    // sendError keeps a Set-Cookie set here (writeHead merges it).
    if (tokens.length > 1) {
      response.setHeader('set-cookie', sessionCookieDeletions(request, url.pathname, overTls(request), 'with-own'));
      throw new HubError('TWO_SESSION_COOKIES', TWO_SESSION_COOKIES);
    }
    return sessionUser(pool, tokens[0] || undefined);
  };
  /** A change: signed in, and proven to come from this hub's own page. */
  const changing = async (context: RouteContext) => {
    const user = await signedIn(context);
    checkOrigin(context.request);
    const sent = context.request.headers['x-kaunter-csrf'];
    if (typeof sent !== 'string' || !sameText(sent, user.csrfToken)) throw saidRefusal('FORBIDDEN', 'headOffice.notOwnPage');
    return user;
  };

  router.on('POST', '/api/hub/v1/login', async ({ request, response, url }) => {
    checkOrigin(request);
    const { name, password } = parseWith(loginSchema, await readJson(request, 4_096));
    const { token, user } = await logIn(pool, name, password, clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], proxies));
    // A session cookie sent with the sign-in may be a stray one beside the slot the new cookie goes to (another path or
    // domain): left there, it would make every request after this sign-in carry two and be refused. So it is deleted
    // wherever it could be, before the new cookie is set (in this order: the browser applies them in turn). Only when one
    // was sent: a sign-in from a browser without one (nearly all) gets just the one cookie, as it always did.
    const strays = tokensOf(request).length > 0 ? sessionCookieDeletions(request, url.pathname, overTls(request), 'strays-only') : [];
    sendJson(response, 200, publicUser(user), { 'set-cookie': [...strays, sessionCookie(token, overTls(request), SESSION_HOURS * 3_600)] });
  });

  router.on('POST', '/api/hub/v1/logout', async (context) => {
    await changing(context);
    // changing() let it through: the request carries exactly one session cookie.
    await logOut(pool, tokensOf(context.request)[0] ?? '');
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

  router.on('GET', '/api/hub/v1/terminals', async (context) => {
    const user = await signedIn(context);
    // Quiet and expired by the hub's clock, not the browser's: they read the same on every head-office PC.
    sendJson(context.response, 200, { items: await terminalHealth(pool, scopeOf(user)) });
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
      throw saidRefusal('LOCKED', 'headOffice.exportsBusy', { count: EXPORTS_AT_ONCE }, { retryAfterSeconds: 30 });
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
    // Only the place of the filter: the review lists every award waiting for a decision there, whatever its day.
    const { outlet, terminal } = filterOf(context.url);
    sendJson(context.response, 200, { items: await reviewQueue(pool, scopeOf(user), { outlet, terminal }) });
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
 * Every session cookie the request carries, in its order. More than one signs nobody in (see signedIn): one of them may
 * have been planted by a sibling subdomain with a longer path, so it comes first, and which is this hub's own cannot be
 * told.
 */
function sessionTokens(request: IncomingMessage, name: string): string[] {
  return (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .filter(([key]) => key === name)
    .map(([, ...value]) => value.join('='));
}

function sessionCookie(token: string, overTls: boolean, maxAgeSeconds: number): string {
  return `${cookieName(overTls)}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${overTls ? '; Secure' : ''}`;
}

/**
 * Set-Cookie lines deleting every session cookie a browser could have sent with a request to `pathname`. The Cookie
 * header says only name=value, not where a cookie was set, and a browser deletes a cookie only when told its very name,
 * path and domain: so each path that reaches `pathname` (a stray one there comes first) times each domain that reaches
 * this host (the host only, the host by name, and each parent a sibling subdomain could have named). A browser ignores
 * a line for a domain it would not have taken a cookie for (a public suffix, another site), so naming too many is
 * harmless. 'strays-only' leaves out this hub's own slot (host only, Path=/), which a sign-in sets afresh.
 *
 * Over TLS the cookie is __Host-: a browser keeps it at that one slot only, so there are no strays to delete.
 */
function sessionCookieDeletions(request: IncomingMessage, pathname: string, overTls: boolean, which: 'with-own' | 'strays-only'): string[] {
  if (overTls) return which === 'with-own' ? [cookieDeletion(TLS_COOKIE, '/', null, true)] : [];
  const deletions: string[] = [];
  for (const domain of [null, ...cookieDomains(request.headers.host)]) {
    for (const path of cookiePaths(pathname)) {
      if (which === 'strays-only' && domain === null && path === '/') continue;
      deletions.push(cookieDeletion(COOKIE, path, domain, false));
    }
  }
  return deletions;
}

/**
 * Deletes the cookie `name` at `path` and `domain` (null: host only). An Expires in the past beside Max-Age=0: a client
 * that keeps a Max-Age=0 cookie until its clock next ticks (happy-dom does) would otherwise send these empty ones, for
 * slots that held none, as further session cookies with the very next request. (Secure: a __Host- one must say it.)
 */
function cookieDeletion(name: string, path: string, domain: string | null, secure: boolean): string {
  return `${name}=; Path=${path}${domain === null ? '' : `; Domain=${domain}`}; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${secure ? '; Secure' : ''}`;
}

/**
 * The cookie paths a browser sends with a request to `pathname` (RFC 6265 5.1.4): "/", and each leading part of it
 * with and without its closing "/", up to `pathname` itself. Only the hub's own routes get here (the router matched
 * one), but a path that could carry anything into the header line is left out all the same.
 */
function cookiePaths(pathname: string): string[] {
  const paths = new Set<string>();
  for (let index = 0; index < pathname.length; index += 1) {
    if (pathname[index] !== '/') continue;
    if (index > 0) paths.add(pathname.slice(0, index));
    paths.add(pathname.slice(0, index + 1));
  }
  paths.add(pathname);
  return [...paths].filter((path) => /^\/[A-Za-z0-9._~%/-]*$/.test(path));
}

/**
 * The Domain= values a cookie sent to this host could have been set with: the host's name and each parent of two or
 * more labels (a browser never takes a cookie for a bare top-level name). None for an address, where a browser takes
 * no Domain= but the address itself, which is the host-only slot. From the Host header, which a working setup passes
 * unchanged (checkOrigin compares it with the page's Origin); a Host that is not a plain DNS name gets none.
 */
function cookieDomains(hostHeader: string | undefined): string[] {
  const host = (hostHeader ?? '').replace(/:\d*$/, '').replace(/\.$/, '').toLowerCase();
  if (host.length > 253 || isIP(host.replace(/^\[|\]$/g, '')) !== 0 || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) return [];
  const labels = host.split('.');
  return labels.slice(0, -1).map((_, index) => labels.slice(index).join('.'));
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
