// Two tabs of one agent edit a ticket's text. Tab B opened the edit form first; tab A renames
// the ticket; B's page shows the new title within seconds (it looks for others' changes),
// and B saves its draft. B must get the conflict, see the new title, keep its draft, and not
// overwrite A by saving again; only a deliberate "Overwrite" replaces A's title.
import { expect, staff, test } from './support/fixtures';
import { apiResponse, createTicketViaApi, openSignedIn, screenshot, ticketViaApi, uniqueWord } from './support/steps';

// The contract's promise for someone else's change on an open ticket.
const WITHIN_5_S = { timeout: 5_000 };

test('an edit started before a colleague renamed the ticket gets the conflict, never overwrites it silently', async ({ context, page, request, problems, step }) => {
  const agent = staff.agent;
  const word = uniqueWord();
  const original = { title: `Invoice shows the wrong VAT rate ${word}`, description: `The invoice for November shows 19% VAT instead of 7%. Reference ${word}.` };
  const renamedByA = `VAT rate wrong on November invoice ${word}`;
  const draftOfB = `Wrong VAT on invoice (customer on reduced rate) ${word}`;
  const { id } = await createTicketViaApi(request, agent.token, original);
  const tabB = page;
  const tabA = await context.newPage();
  const titleField = tabB.getByRole('form', { name: 'Edit text' }).getByLabel('Title', { exact: true });

  await step('tab B opens the ticket and starts editing its title', async () => {
    await openSignedIn(tabB, `/tickets/${id}`, agent);
    await expect(titleField).toHaveValue(original.title);
    await titleField.fill(draftOfB);
  });

  await step('tab A renames the ticket', async () => {
    await tabA.goto(`/tickets/${id}`, { waitUntil: 'networkidle' });
    const form = tabA.getByRole('form', { name: 'Edit text' });
    await form.getByLabel('Title', { exact: true }).fill(renamedByA);
    const saved = apiResponse(tabA, 'PATCH', `/api/tickets/${id}/`);
    await form.getByRole('button', { name: 'Save changes' }).click();
    expect((await saved).status(), "A's save").toBe(200);
    await expect(tabA.getByRole('heading', { level: 1 })).toHaveText(renamedByA);
  });

  await step("tab B shows A's title within 5 s without a reload; B's draft stays", async () => {
    await expect(tabB.getByRole('heading', { level: 1 })).toHaveText(renamedByA, WITHIN_5_S);
    await expect(titleField, "B's draft, untouched by the refresh").toHaveValue(draftOfB);
  });

  await problems.expecting(['PATCH', `/api/tickets/${id}/`, 412], async () => {
    await step("B's save is refused: the conflict shows the title A gave, and B's draft stays", async () => {
      const refused = apiResponse(tabB, 'PATCH', `/api/tickets/${id}/`);
      await tabB.getByRole('button', { name: 'Save changes' }).click();
      expect((await refused).status(), "B's save").toBe(412);
      const conflict = tabB.getByRole('alert').filter({ hasText: 'Someone else changed this ticket' });
      await expect(conflict).toContainText(`Title: “${original.title}” → “${renamedByA}”`);
      await expect(titleField, "B's draft").toHaveValue(draftOfB);
      await expect(tabB.getByText('Saved.', { exact: true })).toHaveCount(0);
      await screenshot(tabB, '09-text-edit-conflict');
    });

    await step("saving again is refused again: A's title stays on the server", async () => {
      const refused = apiResponse(tabB, 'PATCH', `/api/tickets/${id}/`);
      await tabB.getByRole('button', { name: 'Save changes' }).click();
      expect((await refused).status(), "B's second save").toBe(412);
      await expect(tabB.getByRole('alert').filter({ hasText: 'Someone else changed this ticket' })).toBeVisible();
      expect((await ticketViaApi(request, agent.token, id)).title, 'the title on the server').toBe(renamedByA);
    });
  });

  await step('after reviewing, B overwrites deliberately', async () => {
    const saved = apiResponse(tabB, 'PATCH', `/api/tickets/${id}/`);
    await tabB.getByRole('button', { name: 'Overwrite with my version' }).click();
    expect((await saved).status(), 'the deliberate overwrite').toBe(200);
    await expect(tabB.getByRole('heading', { level: 1 })).toHaveText(draftOfB);
    await expect(tabB.getByText('Saved.', { exact: true })).toBeVisible();
    expect((await ticketViaApi(request, agent.token, id)).title, 'the title on the server').toBe(draftOfB);
  });
});
