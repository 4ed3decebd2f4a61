// The wizard's steps for an environment, and what must be done before the counter can open.
import type { SettingsView } from '../types.ts';

export const ALL_STEPS = ['environment', 'credentials', 'key', 'test', 'scanner', 'pin', 'store', 'headOffice', 'finish'] as const;
export type WizardStep = (typeof ALL_STEPS)[number];

/**
 * Training signs with its own throwaway key against the embedded sandbox: no RM credentials to enter, and its practice
 * awards never go to a head-office hub.
 */
export function wizardSteps(environment: SettingsView['environment']): WizardStep[] {
  return environment === 'training' ? ALL_STEPS.filter((step) => step !== 'credentials' && step !== 'key' && step !== 'headOffice') : [...ALL_STEPS];
}

export type MissingItem = 'pin' | 'storeName' | 'cashiers';

export function missingForFinish(state: { pinSet: boolean; storeName: string; cashiers: readonly string[] }): MissingItem[] {
  const missing: MissingItem[] = [];
  if (!state.pinSet) missing.push('pin');
  if (state.storeName.trim() === '') missing.push('storeName');
  if (state.cashiers.length === 0) missing.push('cashiers');
  return missing;
}
