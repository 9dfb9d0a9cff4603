// Steps more than one journey takes, over the page as a person sees it.
import { join } from 'node:path';
import type { APIRequestContext, Locator, Page, Response } from '@playwright/test';
import { ARTIFACTS } from './artifacts';
import { expect, test, type StaffMember } from './fixtures';

/** Letters only, so the full-text search treats it as one word in any configuration. */
export function uniqueWord(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  return `zq${Array.from({ length: 10 }, () => letters[Math.floor(Math.random() * letters.length)]).join('')}`;
}

/** A picture of a main screen, kept under artifacts/e2e/screens/ and in the report. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const path = join(ARTIFACTS, 'screens', `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

/** Signs in on the sign-in page the browser is on; done when the app shows the way out. */
export async function signIn(page: Page, { email, password }: StaffMember): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
}

/** Signs in on the sign-in page, asked to go on to `path`; done once there. */
export async function openSignedIn(page: Page, path: string, member: StaffMember): Promise<void> {
  await page.goto(`/sign-in?${new URLSearchParams({ next: path })}`, { waitUntil: 'networkidle' });
  await signIn(page, member);
  await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
}

/** Submits the new-ticket form as filled in; returns the created ticket's id. */
export async function submitForm(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Submit ticket' }).click();
  const created = page.getByRole('status').filter({ hasText: /Ticket #\d+ created/ });
  await created.waitFor();
  return Number((await created.innerText()).match(/#(\d+)/)![1]);
}

export async function submitTicket(page: Page, title: string, description: string): Promise<number> {
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Description', { exact: true }).fill(description);
  return submitForm(page);
}

export interface NewTicket {
  title: string;
  description: string;
}

/** Files a ticket through the API as the agent (for journeys that start from one); returns it. */
export async function createTicketViaApi(request: APIRequestContext, token: string, ticket: NewTicket): Promise<{ id: number; updated_at: string }> {
  const response = await request.post('/api/tickets/', {
    headers: { Authorization: `Bearer ${token}` },
    data: { ...ticket, category: 'technical', priority: 'medium' },
  });
  expect(response.status(), 'creating a ticket through the API').toBe(201);
  return response.json();
}

export interface NewAccount extends StaffMember {
  name: string;
}

/** An agent account of the journey's own, made by the admin through the API (signed in, with the CSRF token). */
export async function createAgentViaApi(request: APIRequestContext, admin: StaffMember, agent: NewAccount): Promise<void> {
  const signedIn = await request.post('/api/auth/login/', { data: { email: admin.email, password: admin.password } });
  expect(signedIn.status(), 'the admin signing in through the API').toBe(200);
  const { csrf_token: csrfToken } = await signedIn.json();
  const created = await request.post('/api/users/', { headers: { 'X-CSRF-Token': csrfToken }, data: { ...agent, role: 'agent' } });
  expect(created.status(), 'creating the agent').toBe(201);
}

/** The ticket as the server holds it now, read with the agent's token. */
export async function ticketViaApi(request: APIRequestContext, token: string, id: number): Promise<Record<string, unknown>> {
  const response = await request.get(`/api/tickets/${id}/`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  return response.json();
}

/** The list row of the ticket with this title. */
export function rowOf(page: Page, title: string): Locator {
  return page.locator('li.ticket-row', { has: page.getByRole('link', { name: title, exact: true }) });
}

/** The next response of the page to `method` on exactly this API path (query aside). */
export function apiResponse(page: Page, method: string, pathname: string, query: (params: URLSearchParams) => boolean = () => true): Promise<Response> {
  return page.waitForResponse((response) => {
    const url = new URL(response.url());
    return response.request().method() === method && url.pathname === pathname && query(url.searchParams);
  });
}

/**
 * Until the returned function runs, the page's looks for others' changes find none: a step can
 * act on what the page showed before someone else's change, as a person does within the few
 * seconds before it would show. Where the server streams changes (through nginx), the page is
 * loaded again with its stream refused, so that it looks instead, and finds nothing.
 */
export async function holdBackOthersChanges(page: Page): Promise<() => Promise<void>> {
  const isLook = (url: URL) => url.pathname === '/api/tickets/' && url.searchParams.has('updated_since');
  const isStream = (url: URL) => url.pathname === '/api/events/';
  await page.route(isLook, (route) => route.fulfill({ json: { count: 0, count_exact: true, next: null, previous: null, results: [] } }));
  // A server without the events service answers the same: no stream.
  await page.route(isStream, (route) => route.fulfill({ status: 204 }));
  await page.reload({ waitUntil: 'networkidle' });
  return async () => {
    await page.unroute(isLook);
    await page.unroute(isStream);
  };
}

/** Opens the agents' new-ticket form from the queue. */
export async function openNewTicketForm(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'New ticket', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'New ticket' }).waitFor();
}

export function queueViews(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Queue views' });
}

/** Opens (or closes) the queue's filter panel. */
export async function toggleFilters(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Filters/ }).click();
}

export function mainNavigation(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' });
}

/** How far the page reaches sideways, in CSS pixels (the viewport's width when nothing sticks out). */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

// ---- the dashboard

export interface DashboardFigures {
  total: number;
  open: number;
  inProgress: number;
  suggested: number | null;
}

const asNumber = (text: string) => Number(text.replace(/,/g, ''));

export async function readDashboard(page: Page): Promise<DashboardFigures> {
  await page.getByRole('table', { name: 'By status' }).waitFor();
  const stat = async (label: string) => asNumber(await page.locator('.stat-card', { hasText: label }).locator('dd').innerText());
  const inProgressRow = page.getByRole('table', { name: 'By status' }).getByRole('row', { name: 'In progress', exact: false });
  // How many tickets carry a suggestion, from the agreement table (null when the API has no such figures).
  const suggestions = page.getByRole('row', { name: /^All suggestions/ });
  return {
    total: await stat('Total tickets'),
    open: await stat('Open tickets'),
    inProgress: asNumber(await inProgressRow.locator('.bar-chart__count').innerText()),
    suggested: (await suggestions.count()) ? asNumber(await suggestions.getByRole('cell').first().innerText()) : null,
  };
}

export async function openDashboard(page: Page): Promise<DashboardFigures> {
  await mainNavigation(page).getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  // Figures fetched after the last change, not a cached copy from before it.
  await page.waitForLoadState('networkidle');
  return readDashboard(page);
}

export async function expectDashboard(page: Page, description: string, expected: Partial<DashboardFigures>): Promise<void> {
  await expect.poll(async () => readDashboard(page), { message: `the dashboard shows ${description}` }).toMatchObject(expected);
}

// ---- a ticket's page

/** The history timeline's sentences, oldest first, without their relative times. */
export function timelineSentences(page: Page): Promise<string[]> {
  return page
    .getByRole('region', { name: 'History' })
    .locator('li.timeline__entry')
    .evaluateAll((entries) =>
      entries.map((entry) => {
        const sentence = entry.cloneNode(true) as Element;
        sentence.querySelector('.timeline__time')?.remove();
        return sentence.textContent!.trim();
      }),
    );
}

export async function expectTimeline(page: Page, expected: string[]): Promise<void> {
  await expect.poll(() => timelineSentences(page), { message: 'the history, oldest first' }).toEqual(expected);
}

/** The conversation's messages as their accessible names ("Internal note from Dana"), oldest first. */
export function conversationAuthors(page: Page): Promise<(string | null)[]> {
  return page
    .getByRole('region', { name: 'Conversation' })
    .locator('li.comment')
    .evaluateAll((comments) => comments.map((comment) => comment.getAttribute('aria-label')));
}

interface CommentToSend {
  internal: boolean;
  heading: string;
  button: string;
  text: string;
  listedAs: string;
}

// Sends text from the ticket's reply box (its note switch already set), checks that it was
// stored as a note or a public reply as asked, and returns its item in the conversation.
export async function sendComment(page: Page, id: number, { internal, heading, button, text, listedAs }: CommentToSend): Promise<Locator> {
  await page.getByRole('heading', { name: heading }).waitFor();
  await page.getByLabel('Message', { exact: true }).fill(text);
  const sent = apiResponse(page, 'POST', `/api/tickets/${id}/comments/`);
  await page.getByRole('button', { name: button, exact: true }).click();
  const answer = await sent;
  expect(answer.status(), `"${button}"`).toBe(201);
  expect((await answer.json()).internal, `"${button}" stored as ${internal ? 'an internal note' : 'a public reply'}`).toBe(internal);
  const item = page.getByRole('listitem', { name: listedAs, exact: true });
  await item.getByText(text, { exact: true }).waitFor();
  return item;
}

// ---- customers

export interface Customer extends NewTicket {
  name: string;
  email: string;
}

/** A customer whose ticket text has no word of the triage labels (Billing, High, …), so their page can be searched for them. */
export function newCustomer(): Customer {
  const word = uniqueWord();
  return {
    name: 'Casey Customer',
    email: `casey.${word}@example.test`,
    title: `The export button does nothing ${word}`,
    description: `When I press the export button on the reports page nothing happens: no file and no message. I tried two browsers. Reference ${word}.`,
  };
}

// What the customer must never see of the agents' work on their ticket.
const TRIAGE_WORDS = /\b(categor(y|ies)|priority|assign(ee|ed)?|unassigned|triage|suggest(ed|ion)|internal)\b/i;
const TRIAGE_LABELS = /\b(Billing|Technical|Account|General|Low|Medium|High|Critical)\b/;

/** The customer's page says nothing of triage: no such words, no labels of categories or priorities. */
export async function expectNothingOfTriage(customerPage: Page): Promise<void> {
  const text = await customerPage.locator('main').innerText();
  expect(text, "words of triage on the customer's page").not.toMatch(TRIAGE_WORDS);
  expect(text, "triage labels on the customer's page").not.toMatch(TRIAGE_LABELS);
}

export interface PrivateLink {
  id: number;
  link: string;
  accessKey: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A visitor (no account, no cookie) submits the customer's ticket from `/`; returns the private link it shows. */
export async function submitAsVisitor(visitor: Page, customer: Customer): Promise<PrivateLink> {
  await visitor.goto('/', { waitUntil: 'networkidle' });
  await visitor.getByRole('heading', { level: 1, name: 'Contact support' }).waitFor();
  await visitor.getByLabel('Title', { exact: true }).fill(customer.title);
  await visitor.getByLabel('Description', { exact: true }).fill(customer.description);
  await visitor.getByLabel('Your name (optional)', { exact: true }).fill(customer.name);
  await visitor.getByLabel('Your email (optional)', { exact: true }).fill(customer.email);
  const created = apiResponse(visitor, 'POST', '/api/tickets/');
  const announced = await submitForm(visitor);
  const answer = await created;
  expect(answer.status(), 'creating the ticket').toBe(201);
  const ticket = await answer.json();
  expect(ticket.id, 'the id the form announced').toBe(announced);
  expect([ticket.requester_name, ticket.requester_email], 'the requester stored').toEqual([customer.name, customer.email]);

  const link = await visitor.getByLabel('Private link', { exact: true }).inputValue();
  const origin = new URL(visitor.url()).origin;
  const match = link.match(new RegExp(`^${escapeRegExp(origin)}/follow/(\\d+)#([A-Za-z0-9_-]+)$`));
  expect(match, `the private link ${link} is <origin>/follow/<id>#<key>`).not.toBeNull();
  expect(Number(match![1]), 'the ticket of the private link').toBe(ticket.id);
  expect(match![2].length, 'the length of the key in the private link').toBeGreaterThanOrEqual(22);
  return { id: ticket.id, link, accessKey: match![2] };
}

/** The customer sends a reply from their page; it is sent with the key alone (no cookie, no CSRF token). */
export async function replyAsCustomer(customerPage: Page, { id, accessKey }: PrivateLink, text: string): Promise<void> {
  await customerPage.getByLabel('Your reply', { exact: true }).fill(text);
  const sent = apiResponse(customerPage, 'POST', `/api/tickets/${id}/comments/`);
  await customerPage.getByRole('button', { name: 'Send reply', exact: true }).click();
  const answer = await sent;
  expect(answer.status(), "the customer's reply").toBe(201);
  const headers = await answer.request().allHeaders();
  expect([headers['x-ticket-key'], headers.cookie, headers['x-csrf-token']], 'the key, no cookie, no CSRF token').toEqual([accessKey, undefined, undefined]);
  await customerPage.getByRole('listitem', { name: 'Message from You', exact: true }).getByText(text, { exact: true }).waitFor();
}
