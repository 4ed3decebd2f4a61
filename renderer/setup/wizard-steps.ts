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

/** Steps whose section is a form the wizard's Next submits (it saves, then moves on); the others just move on. */
export function stepHasForm(step: WizardStep): boolean {
  return step === 'environment' || step === 'credentials' || step === 'key' || step === 'pin' || step === 'store' || step === 'headOffice';
}

export interface StepFacts {
  credentialsSaved: boolean;
  keySaved: boolean;
  pinSet: boolean;
  storeSaved: boolean;
}

/** A step is done when what it asks for is saved; steps with nothing required are done once passed. */
export function stepDone(step: WizardStep, passed: boolean, facts: StepFacts): boolean {
  switch (step) {
    case 'credentials':
      return facts.credentialsSaved;
    case 'key':
      return facts.keySaved;
    case 'pin':
      return facts.pinSet;
    case 'store':
      return facts.storeSaved;
    case 'finish':
      return false;
    case 'environment':
    case 'test':
    case 'scanner':
    case 'headOffice':
      return passed;
  }
}
