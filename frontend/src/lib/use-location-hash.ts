import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The URL's fragment without its '#': the router ignores it, so it is read here. */
export function useLocationHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash.replace(/^#/, ''));
}
