import type { ReactNode } from 'react';
import { useDocumentTitle } from '../lib/use-document-title';

interface TitledPageProps {
  headingId: string;
  title: string;
  className?: string;
  children: ReactNode;
}

/** A page named once: the same words in the tab (read out after navigation) and in the heading that labels it. */
export function TitledPage({ headingId, title, className, children }: TitledPageProps) {
  useDocumentTitle(title);
  return (
    <section aria-labelledby={headingId} className={className}>
      <h1 id={headingId} className="page-title">
        {title}
      </h1>
      {children}
    </section>
  );
}
