// A wave of tickets closed at once: the agent filters the queue down to them, picks the
// page, then every ticket matching the filter (more than a page), and resolves them. The
// server's worker changes them in a job whose progress the bar follows; when it ends the list,
// the queue's counts and the dashboard have moved, and each ticket's history names the agent.
import { expect, staff, test } from './support/fixtures';
import {
  apiResponse,
  createTicketViaApi,
  openDashboard,
  openSignedIn,
  queueViews,
  screenshot,
  toggleFilters,
  uniqueWord,
  type DashboardFigures,
} from './support/steps';

// More than a page (20): "all matching" then differs from "this page".
const WAVE = 25;

test('an agent resolves every ticket matching a filter, and the list, counts and dashboard follow', async ({ page, request, step }) => {
  const word = uniqueWord();
  const ids: number[] = [];
  let before: DashboardFigures = { total: 0, open: 0, inProgress: 0, suggested: null };
  let waitingBefore = 0;
  const waitingCount = async () => Number((await queueViews(page).getByRole('link', { name: /^Waiting on us/ }).getAttribute('aria-label'))!.match(/([\d,]+) tickets/)![1].replace(/,/g, ''));

  await step(`${WAVE} tickets of one wave arrive; the agent notes the dashboard`, async () => {
    for (let index = 1; index <= WAVE; index += 1) {
      const { id } = await createTicketViaApi(request, staff.agent.token, {
        title: `Spam wave message ${index} ${word}`,
        description: `Buy cheap followers now, limited offer number ${index}. Reference ${word}.`,
      });
      ids.push(id);
    }
    await openSignedIn(page, '/dashboard', staff.agent);
    before = await openDashboard(page);
  });

  await step('the agent filters the queue to the open tickets of the wave', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
    await queueViews(page).getByRole('link', { name: /^All/ }).click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'all');
    waitingBefore = await waitingCount();
    await page.getByLabel('Search', { exact: true }).fill(word);
    await page.getByLabel('Search', { exact: true }).press('Enter');
    await page.waitForURL((url) => url.searchParams.get('search') === word);
    await toggleFilters(page);
    await page.getByRole('group', { name: 'Status' }).getByLabel('Open').check();
    await page.waitForURL((url) => url.searchParams.get('status') === 'open');
    await expect(page.getByText(`Showing 1–20 of ${WAVE} tickets`)).toBeVisible();
    await expect(page.getByRole('link', { name: /^Export CSV/ })).toHaveAttribute('href', `/api/tickets/export.csv?status=open&search=${word}`);
  });

  await step('the agent picks the page, then every ticket matching the filter', async () => {
    await page.getByRole('checkbox', { name: 'Select all tickets on this page' }).check();
    const bar = page.getByRole('form', { name: 'Change the selected tickets' });
    await expect(bar).toContainText('20 tickets selected.');
    await expect(page.locator('li.ticket-row input[type="checkbox"]:checked')).toHaveCount(20);
    await bar.getByRole('button', { name: `Select all ${WAVE} tickets matching this filter` }).click();
    await expect(bar).toContainText(`All ${WAVE} tickets matching this filter are selected.`);
    await bar.getByLabel('Status', { exact: true }).selectOption({ label: 'Resolved' });
    await screenshot(page, '50-bulk-selected');
  });

  await step('Apply starts a job over the filter; its progress shows until it is done', async () => {
    const bar = page.getByRole('form', { name: 'Change the selected tickets' });
    const accepted = apiResponse(page, 'POST', '/api/tickets/bulk/');
    const jobEnded = page.waitForResponse(async (response) => {
      if (!/\/api\/tickets\/bulk\/\d+\/$/.test(new URL(response.url()).pathname)) return false;
      return (await response.json()).state !== 'running';
    });
    await bar.getByRole('button', { name: `Apply to ${WAVE} tickets` }).click();
    const answer = await accepted;
    expect(answer.status(), 'a change over a filter is a job').toBe(202);
    expect(await answer.json()).toMatchObject({ matched: WAVE });
    expect(answer.request().postDataJSON(), 'the list\'s filter, nothing of order or page').toEqual({
      filter: `status=open&search=${word}`,
      set: { status: 'resolved' },
    });
    expect((await (await jobEnded).json()).state, 'how the job ended').toBe('done');
    await expect(page.getByRole('status').filter({ hasText: /^Done:/ })).toHaveText(`Done: changed ${WAVE} of ${WAVE} tickets.`);
  });

  await step('the list, the queue counts and the dashboard have moved', async () => {
    await expect(page.getByText('No tickets match these filters.')).toBeVisible();
    await screenshot(page, '51-bulk-done');
    await expect.poll(waitingCount, { message: 'the Waiting on us count' }).toBe(waitingBefore - WAVE);
    const after = await openDashboard(page);
    expect(after, 'the dashboard after the wave was resolved').toMatchObject({ total: before.total, open: before.open - WAVE });
  });

  await step("each ticket was changed as the agent's own PATCH would: resolved, in its history by the agent", async () => {
    const headers = { Authorization: `Bearer ${staff.agent.token}` };
    for (const id of [ids[0], ids[WAVE - 1]]) {
      const ticket = await (await request.get(`/api/tickets/${id}/`, { headers })).json();
      expect(ticket.status, `ticket #${id}`).toBe('resolved');
      const history = await (await request.get(`/api/tickets/${id}/history/`, { headers })).json();
      expect(history.results.at(-1), `the last history entry of #${id}`).toMatchObject({
        action: 'changed',
        actor: { kind: 'agent' },
        changes: { status: ['open', 'resolved'] },
      });
    }
  });
});
