// A refusal or failure in the core's own words (written for the cashier or manager, in the language on screen),
// announced to screen readers.
import { useCoreText, type CoreText } from './core-text.ts';

export function Problem({ message, id }: { message: CoreText | string | null | undefined; id?: string }) {
  const say = useCoreText();
  const text = say(message);
  if (!text) return null;
  return (
    <p className="problem" role="alert" id={id}>
      {text}
    </p>
  );
}
