// The only door from Kaunter to the user's browser. shell.openExternal with an arbitrary URL can launch any registered
// protocol handler on the machine, so every call goes through checkExternalUrl and its allow-list.
import { parseUrl } from './app-origin.ts';

export interface AllowedExternalSite {
  /** Exact origin: https, host, no port. */
  readonly origin: string;
  readonly purpose: string;
}

/** Add the Kaunter help page here once it has a public address. */
export const EXTERNAL_ALLOW_LIST: readonly AllowedExternalSite[] = Object.freeze([
  Object.freeze({ origin: 'https://merchant.revenuemonster.my', purpose: "Revenue Monster's Merchant Portal" }),
]);

export type ExternalUrlCheck = { allowed: true; url: string } | { allowed: false; reason: string };

export function checkExternalUrl(
  url: string,
  allowList: readonly AllowedExternalSite[] = EXTERNAL_ALLOW_LIST,
): ExternalUrlCheck {
  const parsed = parseUrl(url);
  if (parsed === null) return { allowed: false, reason: 'not a URL' };
  if (parsed.protocol !== 'https:') return { allowed: false, reason: `only https links open outside Kaunter (got ${parsed.protocol})` };
  if (parsed.username !== '' || parsed.password !== '') return { allowed: false, reason: 'links with credentials are refused' };
  if (!allowList.some((site) => site.origin === parsed.origin)) {
    return { allowed: false, reason: `${parsed.origin} is not on Kaunter's list of sites it may open` };
  }
  return { allowed: true, url: parsed.href };
}

export type OpenExternal = (url: string) => Promise<void>;

/** Opens an allowed link in the user's browser; anything else is refused and never reaches the shell. */
export async function openExternalSafely(url: string, openExternal: OpenExternal): Promise<ExternalUrlCheck> {
  const check = checkExternalUrl(url);
  if (check.allowed) await openExternal(check.url);
  return check;
}
