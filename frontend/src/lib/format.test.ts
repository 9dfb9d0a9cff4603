import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './format';

const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('formatRelativeTime', () => {
  it.each([
    ['2026-11-25T11:59:30Z', 'just now'],
    ['2026-11-25T11:55:00Z', '5 minutes ago'],
    ['2026-11-25T09:00:00Z', '3 hours ago'],
    ['2026-11-24T12:00:00Z', 'yesterday'],
    ['2026-11-04T12:00:00Z', '3 weeks ago'],
  ])('%s reads "%s"', (iso, expected) => {
    expect(formatRelativeTime(iso, NOW)).toBe(expected);
  });
});
