// In the first-run wizard a section has no Save of its own: the wizard's one Next submits the section's form, which
// saves and moves on, or stays and says why. Behind the PIN the same section keeps its own Save.

export interface WizardStep {
  /** The id the section gives its form, for the wizard's Next (a submit button with form=...). */
  formId: string;
  /** Saved: go to the next step. */
  onDone: () => void;
}

export interface WizardStepProps {
  wizard?: WizardStep;
}
