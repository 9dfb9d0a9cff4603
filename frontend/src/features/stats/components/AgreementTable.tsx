import { CLASSIFICATION_SOURCES } from '../../../lib/enums';
import { formatCount, formatPercent } from '../../../lib/format';
import { SOURCE_LABELS } from '../../../lib/labels';
import type { AgreementFigures, ClassificationStats } from '../types';
import './AgreementTable.css';

/** How often people kept the classifier's suggestion, overall and per source. */
export function AgreementTable({ classification }: { classification: ClassificationStats }) {
  const rows: [string, AgreementFigures][] = [
    ['All suggestions', classification],
    ...CLASSIFICATION_SOURCES.map((source): [string, AgreementFigures] => [
      `By ${SOURCE_LABELS[source]}`,
      classification.by_source[source],
    ]),
  ];
  return (
    <section className="card" aria-labelledby="agreement-heading">
      <h2 id="agreement-heading">Classifier agreement</h2>
      <p className="muted">
        Of the tickets that carry a suggestion, how many still have the suggested category and priority after
        triage.
      </p>
      <div className="table-scroll">
        <table className="agreement-table">
          <thead>
            <tr>
              <th scope="col">Suggestions</th>
              <th scope="col">Tickets</th>
              <th scope="col">Category kept</th>
              <th scope="col">Priority kept</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, figures]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{formatCount(figures.tickets)}</td>
                <td>{describeAgreement(figures.category_agreement, figures.category_matches, figures.tickets)}</td>
                <td>{describeAgreement(figures.priority_agreement, figures.priority_matches, figures.tickets)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function describeAgreement(fraction: number | null, matches: number, tickets: number): string {
  if (fraction === null) return '—';
  return `${formatPercent(fraction)} (${formatCount(matches)} of ${formatCount(tickets)})`;
}
