import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fake-api';
import { renderApp } from '../../../test/render';
import { STATS_REFRESH_MS } from '../api/get-stats';
import type { Stats } from '../types';

const STATS: Stats = {
  total_tickets: 1234,
  open_tickets: 15,
  avg_tickets_per_day: 3.5,
  priority_breakdown: { low: 10, medium: 15, high: 12, critical: 5 },
  category_breakdown: { billing: 8, technical: 20, account: 6, general: 8 },
  status_breakdown: { open: 15, in_progress: 5, resolved: 12, closed: 10 },
};

const figures = (tickets: number, categoryMatches: number, priorityMatches: number) => ({
  tickets,
  category_matches: categoryMatches,
  priority_matches: priorityMatches,
  category_agreement: tickets ? categoryMatches / tickets : null,
  priority_agreement: tickets ? priorityMatches / tickets : null,
});

describe('Dashboard', () => {
  it('shows the totals and a bar per value with its count as text', async () => {
    stubApi(() => ({ body: STATS }));
    renderApp('/dashboard');
    const total = await screen.findByText('Total tickets');
    expect(total.nextElementSibling).toHaveTextContent('1,234');
    expect(screen.getByText('Open tickets').nextElementSibling).toHaveTextContent('15');
    expect(screen.getByText('Average per day').nextElementSibling).toHaveTextContent('3.5');

    const byPriority = screen.getByRole('table', { name: 'By priority' });
    const rows = within(byPriority).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual(['Low10', 'Medium15', 'High12', 'Critical5']);
    // The longest bar is the largest count; lengths are SVG attributes (no inline styles under the CSP).
    expect(rows[1].querySelector('rect')).toHaveAttribute('width', '100');
    expect(rows[3].querySelector('rect')).toHaveAttribute('width', String((5 / 15) * 100));
    expect(screen.queryByText('Classifier agreement')).not.toBeInTheDocument();
  });

  it('asks for the figures again on its timer', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const calls = stubApi(() => ({ body: STATS }));
      renderApp('/dashboard');
      await screen.findByText('Total tickets');
      const asked = () => calls.filter((call) => call.path === '/api/tickets/stats/').length;
      const before = asked();
      await act(async () => {
        vi.advanceTimersByTime(STATS_REFRESH_MS);
      });
      await waitFor(() => expect(asked()).toBe(before + 1));
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows classifier agreement overall and by source once the API reports it', async () => {
    stubApi(() => ({
      body: {
        ...STATS,
        classification: {
          ...figures(50, 41, 35),
          by_source: { gemini: figures(40, 36, 30), fallback: figures(0, 0, 0) },
        },
      },
    }));
    renderApp('/dashboard');
    expect(await screen.findByRole('heading', { name: 'Classifier agreement' })).toBeInTheDocument();
    const overall = screen.getByRole('rowheader', { name: 'All suggestions' }).closest('tr')!;
    expect(overall).toHaveTextContent('5082% (41 of 50)70% (35 of 50)');
    const gemini = screen.getByRole('rowheader', { name: 'By Gemini' }).closest('tr')!;
    expect(gemini).toHaveTextContent('4090% (36 of 40)75% (30 of 40)');
    const offline = screen.getByRole('rowheader', { name: 'By offline rules' }).closest('tr')!;
    expect(offline).toHaveTextContent('0——');
  });

  it('shows how many tickets wait on the team', async () => {
    stubApi(() => ({ body: { ...STATS, waiting_on_us: 9 } }));
    renderApp('/dashboard');
    expect((await screen.findByText('Waiting on us')).nextElementSibling).toHaveTextContent('9');
  });

  it('shows how many open tickets nobody holds', async () => {
    stubApi(() => ({ body: { ...STATS, unassigned_open: 7 } }));
    renderApp('/dashboard');
    expect((await screen.findByText('Open and unassigned')).nextElementSibling).toHaveTextContent('7');
  });

  it('offers a retry when the figures cannot be loaded', async () => {
    stubApi(() => ({ status: 503, body: { message: 'Database unavailable.' } }));
    renderApp('/dashboard');
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load the figures: Database unavailable.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
