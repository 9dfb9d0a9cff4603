import { Link } from 'wouter';
import { useDocumentTitle } from '../../lib/use-document-title';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <section className="card">
      <h1 className="page-title">Page not found</h1>
      <p>
        There is nothing at this address. <Link href="/">Go to the tickets</Link>.
      </p>
    </section>
  );
}
