// A packaged terminal runs only as Kaunter. The fuses turn off run-as-node, NODE_OPTIONS and --inspect; these Chromium
// switches would hand the trusted window or its processes to someone else just the same (a debugger, a program run in
// front of every child process, the web's same-origin rule turned off), so a packaged Kaunter refuses to start with any.
export const REFUSED_SWITCHES = Object.freeze([
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-allow-origins',
  'js-flags',
  'utility-cmd-prefix',
  'renderer-cmd-prefix',
  'gpu-launcher',
  'disable-web-security',
  'allow-file-access-from-files',
  'no-sandbox',
  'disable-features',
  'host-rules',
  'host-resolver-rules',
  'proxy-server',
  'ignore-certificate-errors',
]);

/** The first refused switch on this command line, or null. */
export function refusedSwitch(hasSwitch: (name: string) => boolean): string | null {
  return REFUSED_SWITCHES.find((name) => hasSwitch(name)) ?? null;
}
