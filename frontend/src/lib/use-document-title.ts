import { useEffect } from 'react';

/** Names the page in the tab and for screen readers, which announce it after navigation. */
export function useDocumentTitle(pageTitle: string): void {
  useEffect(() => {
    document.title = `${pageTitle} · ticketsvc`;
  }, [pageTitle]);
}
