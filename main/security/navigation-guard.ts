// A Kaunter window only ever shows app://kaunter. Navigation away, new windows, <webview>s and redirects are refused;
// a window.open() of an allowed site (the RM Merchant Portal) goes to the user's browser instead of a new window.
import { isAppUrl } from './app-origin.ts';
import { openExternalSafely, type OpenExternal } from './external-links.ts';

export interface NavigationAttempt {
  readonly url: string;
  readonly isMainFrame: boolean;
  preventDefault(): void;
}

export interface PreventableEvent {
  preventDefault(): void;
}

/** The subset of Electron's WebContents the guard attaches to. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (details: NavigationAttempt) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Only the top frame may navigate, and only within app://kaunter (e.g. a reload). We have no frames of our own. */
export function isAllowedNavigation(url: string, isMainFrame: boolean): boolean {
  return isMainFrame && isAppUrl(url);
}

export function refuseForeignNavigation(details: NavigationAttempt): void {
  if (!isAllowedNavigation(details.url, details.isMainFrame)) details.preventDefault();
}

export function refuseWebview(event: PreventableEvent): void {
  event.preventDefault();
}

/** Never a new window. An allowed external site opens in the browser; the returned promise is for tests to await. */
export function decideWindowOpen(url: string, openExternal: OpenExternal): { action: 'deny'; opened: Promise<boolean> } {
  const opened = openExternalSafely(url, openExternal).then(
    (check) => check.allowed,
    () => false,
  );
  return { action: 'deny', opened };
}

export function guardWebContents(contents: GuardedContents, openExternal: OpenExternal): void {
  contents.on('will-navigate', refuseForeignNavigation);
  contents.on('will-frame-navigate', refuseForeignNavigation);
  contents.on('will-redirect', refuseForeignNavigation);
  contents.on('will-attach-webview', refuseWebview);
  contents.setWindowOpenHandler(({ url }) => {
    decideWindowOpen(url, openExternal);
    return { action: 'deny' };
  });
}
