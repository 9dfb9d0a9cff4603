import { Link } from 'wouter';
import './Pagination.css';

interface PaginationProps {
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  /** Unknown when the server only knows "more than its count limit". */
  pageCount: number | null;
  hrefFor: (page: number) => string;
}

export function Pagination({ page, hasPrevious, hasNext, pageCount, hrefFor }: PaginationProps) {
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {hasPrevious ? (
        <Link href={hrefFor(page - 1)} className="button" rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className="button button--disabled" aria-hidden="true">← Previous</span>
      )}
      <span aria-current="page">
        Page {page}
        {pageCount !== null && ` of ${pageCount}`}
      </span>
      {hasNext ? (
        <Link href={hrefFor(page + 1)} className="button" rel="next">
          Next →
        </Link>
      ) : (
        <span className="button button--disabled" aria-hidden="true">Next →</span>
      )}
    </nav>
  );
}
