// The Content Security Policy of the UI. Everything the renderer needs is bundled beside it; QR codes are drawn locally
// as data: images. The core is reached through the preload bridge, never over the network, hence connect-src 'self'.

export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
});

/** Browsers ignore these in a <meta> policy (and warn about them), so the meta form leaves them out. */
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

function serialise(names: readonly string[]): string {
  return names.map((name) => `${name} ${(CSP_DIRECTIVES[name] ?? []).join(' ')}`).join('; ');
}

/** The value of the Content-Security-Policy response header sent by the app:// protocol handler. */
export function contentSecurityPolicy(): string {
  return serialise(Object.keys(CSP_DIRECTIVES));
}

/** The same policy for `<meta http-equiv="Content-Security-Policy" content="...">`, e.g. in the browser host. */
export function contentSecurityPolicyForMeta(): string {
  return serialise(Object.keys(CSP_DIRECTIVES).filter((name) => !HEADER_ONLY_DIRECTIVES.has(name)));
}
