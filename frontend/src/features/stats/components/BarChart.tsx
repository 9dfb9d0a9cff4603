import { formatCount } from '../../../lib/format';
import './BarChart.css';

interface BarChartProps<Key extends string> {
  title: string;
  keys: readonly Key[];
  labels: Record<Key, string>;
  counts: Record<Key, number>;
  /** A class per key (e.g. `priority--high`) so bars can take the badge colours. */
  barClassPrefix: string;
}

/**
 * Horizontal bars as a table: the numbers are text, the bars only repeat them for the eye.
 * Bar lengths are SVG attributes, not inline styles, so the strict CSP holds.
 */
export function BarChart<Key extends string>({ title, keys, labels, counts, barClassPrefix }: BarChartProps<Key>) {
  const largest = Math.max(1, ...keys.map((key) => counts[key] ?? 0));
  return (
    <table className="card bar-chart">
      <caption>{title}</caption>
      <tbody>
        {keys.map((key) => {
          const count = counts[key] ?? 0;
          return (
            <tr key={key}>
              <th scope="row">{labels[key]}</th>
              <td className="bar-chart__bar">
                <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect width={(count / largest) * 100} height="10" className={`bar-chart__fill ${barClassPrefix}--${key}`} />
                </svg>
              </td>
              <td className="bar-chart__count">{formatCount(count)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
