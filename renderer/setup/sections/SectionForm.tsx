// A settings section's form with its heading. In the first-run wizard the wizard's Next submits it by the form's id;
// behind the PIN the section's own Save does.
import type { ReactNode } from 'react';
import type { WizardStep } from './wizard-step.ts';

interface SectionFormProps {
  wizard: WizardStep | undefined;
  titleId: string;
  title: string;
  onSubmit: () => void;
  children: ReactNode;
}

export function SectionForm({ wizard, titleId, title, onSubmit, children }: SectionFormProps) {
  return (
    <form
      id={wizard?.formId}
      className="section"
      aria-labelledby={titleId}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </form>
  );
}
