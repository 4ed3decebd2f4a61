// A drop-down of names (cashiers, outlets, terminals) whose empty value means none picked: the history's filters, the
// hub's place filter and the cashier picker. Its first choice says what empty means ("any cashier", "choose").
interface NameSelectProps {
  names: readonly string[];
  value: string;
  onChange: (name: string) => void;
  /** The choice for the empty value; `disabled`: a prompt, not a choice (the picker, before anyone is picked). */
  empty?: { label: string; disabled?: boolean };
  /** Shown above the drop-down, which it names; without it the caller names the drop-down itself. */
  label?: string;
  id?: string;
  invalid?: boolean;
  testId: string;
  /** How a name reads on screen when it is stored as a code (a terminal in the cashier column); as it is otherwise. */
  nameText?: (name: string) => string;
}

export function NameSelect({ names, value, onChange, empty, label, id, invalid, testId, nameText = (name) => name }: NameSelectProps) {
  // A long name is cut to the drop-down's width (the header's picker, the history's filter): the whole of it on hover.
  const chosen = value === '' ? empty?.label : nameText(value);
  const select = (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={invalid} title={chosen} data-testid={testId}>
      {empty && (
        <option value="" disabled={empty.disabled}>
          {empty.label}
        </option>
      )}
      {names.map((name) => (
        <option key={name} value={name}>
          {nameText(name)}
        </option>
      ))}
    </select>
  );
  if (label === undefined) return select;
  return (
    <label>
      <span>{label}</span>
      {select}
    </label>
  );
}
