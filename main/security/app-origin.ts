// Where the UI lives: app://kaunter/. Everything that decides "is this ours?" asks this file, so the answer is the same
// for the protocol handler, the navigation guard and IPC sender checks.

export const APP_SCHEME = 'app';
export const APP_HOST = 'kaunter';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
/** The customer display's page, in its own window on the customer's monitor. */
export const APP_DISPLAY_URL = `${APP_ORIGIN}/display.html`;

export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for a URL on app://kaunter with no port and no credentials. Node's URL reports the origin of a non-special
 * scheme as "null" (Chromium does not, once the scheme is registered as standard), so the parts are compared one by one.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
