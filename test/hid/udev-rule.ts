// Runs the HID POS matcher of build/udev/70-kaunter-scanners.rules the way udev would (PROGRAM key: udev turns $$
// into $ and %p into the device path, then runs the command; exit 0 = the rule matches), on a descriptor file.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const RULES_FILE = new URL('../../build/udev/70-kaunter-scanners.rules', import.meta.url);
const DESCRIPTOR_IN_SYSFS = '/sys%p/device/report_descriptor';

export function readRules(): string {
  return readFileSync(RULES_FILE, 'utf8');
}

/** The shell script inside PROGRAM="/bin/sh -c '…'", with udev's substitutions applied except %p. */
export function hidPosMatcherScript(rules: string): string {
  const match = /^PROGRAM="\/bin\/sh -c '(.*)'",/m.exec(rules);
  if (!match?.[1]) throw new Error('the rules file has no PROGRAM="/bin/sh -c \'…\'" matcher');
  return match[1].replaceAll('$$', '$');
}

/** Exit status of the matcher for a report descriptor file (0: a HID POS scanner, the rule grants access). */
export function runHidPosMatcher(rules: string, descriptorPath: string): number | null {
  const script = hidPosMatcherScript(rules);
  if (!script.includes(DESCRIPTOR_IN_SYSFS)) throw new Error(`the matcher does not read ${DESCRIPTOR_IN_SYSFS}`);
  const result = spawnSync('/bin/sh', ['-c', script.replace(DESCRIPTOR_IN_SYSFS, descriptorPath)], { stdio: 'ignore' });
  return result.status;
}
