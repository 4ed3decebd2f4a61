// A refusal or failure in the core's own words (written for the cashier or manager), announced to screen readers.
export function Problem({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p className="problem" role="alert" id={id}>
      {message}
    </p>
  );
}
