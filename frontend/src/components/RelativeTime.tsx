import { formatExactTime, formatRelativeTime } from '../lib/format';
import { useNow } from '../lib/use-now';

/** "5 minutes ago", with the exact time on hover. */
export function RelativeTime({ iso }: { iso: string }) {
  const now = useNow();
  return (
    <time dateTime={iso} title={formatExactTime(iso)}>
      {formatRelativeTime(iso, now)}
    </time>
  );
}
