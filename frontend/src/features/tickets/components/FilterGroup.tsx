import './FilterGroup.css';

interface FilterGroupProps<Value extends string> {
  legend: string;
  name: string;
  values: readonly Value[];
  labels: Record<Value, string>;
  selected: readonly Value[];
  onChange: (selected: Value[]) => void;
}

/** Toggle chips for one enum; several may be on at once (the API matches any of them). */
export function FilterGroup<Value extends string>({ legend, name, values, labels, selected, onChange }: FilterGroupProps<Value>) {
  function toggle(value: Value, on: boolean) {
    // Keep the contract's order whatever order the chips were clicked in.
    onChange(values.filter((candidate) => (candidate === value ? on : selected.includes(candidate))));
  }
  return (
    <fieldset className="filter-group">
      <legend>{legend}</legend>
      {values.map((value) => (
        <label key={value} className="chip">
          <input
            type="checkbox"
            name={name}
            value={value}
            checked={selected.includes(value)}
            onChange={(event) => toggle(value, event.target.checked)}
          />
          <span>{labels[value]}</span>
        </label>
      ))}
    </fieldset>
  );
}
