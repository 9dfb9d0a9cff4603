import type { KeyboardEvent } from 'react';

const CONTROLS = 'a[href], button:not([disabled]), select:not([disabled])';

/**
 * ← and → move the focus between the controls inside the element handling the key: a list
 * row is one Tab stop (its other controls have tabIndex -1), and the arrows reach the rest.
 */
export function moveFocusWithArrows(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(CONTROLS)];
  const index = controls.indexOf(document.activeElement as HTMLElement);
  if (index === -1) return;
  // In a select the arrow would otherwise step to another option.
  event.preventDefault();
  controls[index + (event.key === 'ArrowRight' ? 1 : -1)]?.focus();
}
