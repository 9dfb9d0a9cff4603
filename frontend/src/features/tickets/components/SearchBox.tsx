import { useEffect, useEffectEvent, useState } from 'react';
import './SearchBox.css';

export const SEARCH_DELAY_MS = 350;

interface SearchBoxProps {
  /** The search in effect (from the URL). */
  value: string;
  onSearch: (value: string) => void;
}

/** A search field that reports what was typed once typing pauses. */
export function SearchBox({ value, onSearch }: SearchBoxProps) {
  const [draft, setDraft] = useState(value);
  const [shownValue, setShownValue] = useState(value);
  const [lastReported, setLastReported] = useState(value);

  // The search in effect changed: our own report coming back (leave the draft alone, the
  // user may have typed on), or back/forward or "clear filters" (show that search).
  if (value !== shownValue) {
    setShownValue(value);
    if (value !== lastReported) setDraft(value);
  }

  const report = useEffectEvent((text: string) => {
    setLastReported(text);
    onSearch(text);
  });

  useEffect(() => {
    if (draft.trim() === value.trim()) return;
    const timer = setTimeout(() => report(draft), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, value]);

  return (
    <div className="field search-box">
      {/* The field says what it is for in its placeholder; the label is for assistive technology. */}
      <label htmlFor="ticket-search" className="visually-hidden">
        Search
      </label>
      <input
        id="ticket-search"
        className="input"
        type="search"
        placeholder="Search: #number, name, email or words"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
      />
    </div>
  );
}
