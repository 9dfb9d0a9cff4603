import { useRef, useState, type KeyboardEvent } from 'react';

// Keys with which a focused, closed <select> steps through its options (Chromium changes the
// value and fires `change` on each). Space, Alt+↓ and F4 open the list instead, whose Enter
// is a deliberate choice.
const BROWSING_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

function browses(event: KeyboardEvent): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return false;
  return BROWSING_KEYS.has(event.key) || (event.key.length === 1 && event.key !== ' ');
}

/**
 * A <select> whose value is applied on a deliberate choice: a pick with the mouse or from the
 * open list, Enter, or leaving the select. Arrow keys and type-ahead only browse the options
 * (Escape returns to the applied value), so stepping past "Resolved" to "Closed" saves neither.
 */
export function useDeliberateChoice<Value extends string>(applied: Value, apply: (value: Value) => void) {
  const [browsed, setBrowsed] = useState<Value | null>(null);
  const browsingByKeyboard = useRef(false);

  function choose(value: Value) {
    setBrowsed(null);
    browsingByKeyboard.current = false;
    if (value !== applied) apply(value);
  }

  return {
    value: browsed ?? applied,
    onChange(value: Value) {
      if (browsingByKeyboard.current) setBrowsed(value);
      else choose(value);
    },
    selectProps: {
      onKeyDown(event: KeyboardEvent<HTMLSelectElement>) {
        if (event.key === 'Enter' && browsed !== null) {
          event.preventDefault();
          choose(browsed);
        } else if (event.key === 'Escape' && browsed !== null) {
          event.preventDefault();
          setBrowsed(null);
        } else {
          browsingByKeyboard.current = browses(event);
        }
      },
      onMouseDown() {
        browsingByKeyboard.current = false;
      },
      onBlur() {
        if (browsed !== null) choose(browsed);
        browsingByKeyboard.current = false;
      },
    },
  };
}
