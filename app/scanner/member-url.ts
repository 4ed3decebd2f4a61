// A member QR code that holds a link rather than a bare member number.
// Revenue Monster does not document the content of its member QR codes, so this accepts both shapes seen in loyalty
// apps: the id in the query (…?memberId=123…, ?member_id=, ?member=, ?id=, ?mid=) or as a path segment
// (…/member/123…/), also inside a single-page-app fragment (…/#/member/123…). Only links to hosts the shop allows
// (Revenue Monster's by default) count: a product or payment QR from elsewhere must never become a member.

export type MemberUrlResult = { ok: true; memberId: string } | { ok: false; reason: string; code: string; params: Record<string, string> };

export interface MemberUrlRules {
  allowedHosts: readonly string[];
  isMemberId: (candidate: string) => boolean;
}

const MEMBER_QUERY_KEYS = new Set(['memberid', 'member_id', 'member', 'id', 'mid']);
const URL_SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;

export function looksLikeUrl(text: string): boolean {
  return URL_SCHEME.test(text);
}

export function memberIdFromUrl(text: string, rules: MemberUrlRules): MemberUrlResult {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'this QR code looks like a link but is not a valid one', code: 'scan.badLink', params: {} };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `a ${url.protocol} link is not a member code`, code: 'scan.otherScheme', params: { scheme: url.protocol } };
  }
  if (!isAllowedHost(url.hostname, rules.allowedHosts)) {
    return { ok: false, reason: `a link to ${url.hostname} is not a member code of this shop's loyalty programme`, code: 'scan.otherHost', params: { host: url.hostname } };
  }
  const memberId = fromQuery(url.searchParams, rules) ?? fromPath(url.pathname, rules) ?? fromFragment(url.hash, rules);
  if (memberId === undefined) return { ok: false, reason: 'this link holds no member number', code: 'scan.noMemberInLink', params: {} };
  return { ok: true, memberId };
}

function isAllowedHost(hostname: string, allowedHosts: readonly string[]): boolean {
  const host = hostname.toLowerCase();
  return allowedHosts.some((allowed) => {
    const wanted = allowed.toLowerCase();
    return host === wanted || host.endsWith(`.${wanted}`);
  });
}

function fromQuery(params: URLSearchParams, rules: MemberUrlRules): string | undefined {
  for (const [key, value] of params) {
    if (MEMBER_QUERY_KEYS.has(key.toLowerCase()) && rules.isMemberId(value.trim())) return value.trim();
  }
  return undefined;
}

/** The segment nearest the end wins: in /merchant/1234567890/member/9876543210 the member is the last one. */
function fromPath(pathname: string, rules: MemberUrlRules): string | undefined {
  const segments = pathname.split('/').filter((segment) => segment.length > 0).reverse();
  for (const segment of segments) {
    const decoded = safeDecode(segment);
    if (decoded !== undefined && rules.isMemberId(decoded)) return decoded;
  }
  return undefined;
}

function fromFragment(hash: string, rules: MemberUrlRules): string | undefined {
  if (!hash.startsWith('#/') && !hash.startsWith('#?')) return undefined;
  const [path = '', query = ''] = hash.slice(1).split('?', 2);
  return fromQuery(new URLSearchParams(query), rules) ?? fromPath(path, rules);
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
