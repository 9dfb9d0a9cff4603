#!/usr/bin/env node
// End-to-end check of the SPA against a running ticketsvc (API + built SPA on one origin),
// in Debian's headless Chromium driven by playwright-core.
//
//   node e2e/run.mjs --base-url http://127.0.0.1:8000 --artifacts ../artifacts/e2e \
//     --email AGENT --password PASSWORD --token AGENT_API_TOKEN --admin-email ADMIN --admin-password PASSWORD
//
// It walks through what a support agent does (sign in, submit with a suggestion, override
// it, find the ticket by search and by filter, triage it, watch the dashboard, reload, hit
// an edit conflict) and files hostile text; then an admin creates an agent, who signs in
// and triages until the admin deactivates them. Last, a customer's ticket is worked: a
// visitor submits it and keeps the private link, the customer follows it in a browser of
// their own, the agent assigns it, adds a note and replies, the customer sees the reply (not
// the note) and answers, the history tells each step, and a reply to the resolved ticket
// reopens it. Any console error, page error, dialog or failed /api
// request fails the run. It exits 0 when every step passed, 1 otherwise, and leaves
// screenshots of the main screens in the artifacts folder.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: options } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    artifacts: { type: 'string', default: 'e2e-artifacts' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    headed: { type: 'boolean', default: false },
    email: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-password': { type: 'string' },
  },
});
const REQUIRED = ['base-url', 'email', 'password', 'token', 'admin-email', 'admin-password'];
if (REQUIRED.some((name) => !options[name])) {
  console.error(`usage: node e2e/run.mjs ${REQUIRED.map((name) => `--${name} …`).join(' ')} [--artifacts DIR]`);
  process.exit(2);
}
const BASE_URL = options['base-url'].replace(/\/$/, '');
const ARTIFACTS = resolve(options.artifacts);
const STEP_TIMEOUT_MS = 15_000;
// The policy the app must run under in production; added to every page we load, so a
// violation shows up here as a console error even if the server under test sends none.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Letters only, so the full-text search treats it as one word in any configuration. */
function uniqueWord() {
  const letters = 'bcdfghjklmnpqrstvwxz';
  return `zq${Array.from({ length: 10 }, () => letters[Math.floor(Math.random() * letters.length)]).join('')}`;
}

// ---------------------------------------------------------------------------------------
// Watching the page for anything that went wrong

// Whoever is not signed in gets a 401 from the app's "who am I" probe: that is its answer.
const ALWAYS_EXPECTED = [['GET', '/api/auth/me/', 401]];

class ProblemLog {
  problems = [];
  /** Responses a step expects to fail (e.g. the 412 of an edit conflict): [method, url part, status]. */
  expected = [...ALWAYS_EXPECTED];

  watch(page) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (this.expected.some(([, , status]) => message.text().includes(`status of ${status}`))) return;
      this.problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    page.on('dialog', async (dialog) => {
      this.problems.push(`a ${dialog.type()} dialog fired: ${dialog.message()}`);
      await dialog.dismiss();
    });
    page.on('requestfailed', (request) => {
      // Superseded requests (a newer search, a classify for newer text) are aborted on purpose.
      const reason = request.failure()?.errorText ?? '';
      if (request.url().includes('/api/') && !reason.includes('ERR_ABORTED')) {
        this.problems.push(`request failed: ${request.method()} ${request.url()} (${reason})`);
      }
    });
    page.on('response', (response) => {
      const request = response.request();
      if (!response.url().includes('/api/') || response.status() < 400) return;
      const isExpected = this.expected.some(
        ([method, urlPart, status]) => request.method() === method && response.url().includes(urlPart) && response.status() === status,
      );
      if (!isExpected) this.problems.push(`API answered ${response.status()}: ${request.method()} ${response.url()}`);
    });
  }

  async expecting(failure, action) {
    this.expected.push(failure);
    try {
      await action();
    } finally {
      this.expected = this.expected.filter((entry) => entry !== failure);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Small helpers over the page

async function waitUntil(description, check, timeoutMs = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last === true) return;
    } catch (error) {
      last = error.message;
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new Error(`timed out waiting until ${description} (last seen: ${JSON.stringify(last)})`);
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function statValue(page, label) {
  const text = await page.locator('.stat-card', { hasText: label }).locator('dd').innerText();
  return Number(text.replace(/,/g, ''));
}

async function barCount(page, chart, label) {
  const row = page.getByRole('table', { name: chart }).getByRole('row', { name: label, exact: false });
  return Number((await row.locator('.bar-chart__count').innerText()).replace(/,/g, ''));
}

/** How many tickets carry a suggestion, from the agreement table (null when the API has no such figures). */
async function suggestedCount(page) {
  const row = page.getByRole('row', { name: /^All suggestions/ });
  if (!(await row.count())) return null;
  return Number((await row.getByRole('cell').first().innerText()).replace(/,/g, ''));
}

async function readDashboard(page) {
  await page.getByRole('table', { name: 'By status' }).waitFor();
  return {
    total: await statValue(page, 'Total tickets'),
    open: await statValue(page, 'Open tickets'),
    inProgress: await barCount(page, 'By status', 'In progress'),
    suggested: await suggestedCount(page),
  };
}

async function openDashboard(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  // Figures fetched after the last change, not a cached copy from before it.
  await page.waitForLoadState('networkidle');
  return readDashboard(page);
}

async function expectDashboard(page, description, expected) {
  await waitUntil(`the dashboard shows ${description}`, async () => {
    const shown = await readDashboard(page);
    return Object.entries(expected).every(([key, value]) => shown[key] === value) || shown;
  });
}

function rowOf(page, title) {
  return page.locator('li.ticket-row', { has: page.getByRole('link', { name: title, exact: true }) });
}

/** Submits the new-ticket form as filled in; returns the created ticket's id. */
async function submitForm(page) {
  await page.getByRole('button', { name: 'Submit ticket' }).click();
  const created = page.getByRole('status').filter({ hasText: /Ticket #\d+ created/ });
  await created.waitFor();
  return Number((await created.innerText()).match(/#(\d+)/)[1]);
}

async function submitTicket(page, title, description) {
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Description', { exact: true }).fill(description);
  return submitForm(page);
}

/** Signs in on the sign-in page the browser is on; waits until it has left it. */
async function signIn(page, email, password) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

async function noHorizontalScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The next response of the page to `method` on exactly this API path (query aside). */
function apiResponse(page, method, pathname, query = () => true) {
  return page.waitForResponse((response) => {
    const url = new URL(response.url());
    return response.request().method() === method && url.pathname === pathname && query(url.searchParams);
  });
}

/** The history timeline's sentences, oldest first, without their relative times. */
// Sends text from the ticket's reply box (its note switch already set), checks that it was
// stored as a note or a public reply as asked, and returns its item in the conversation.
async function sendComment(page, id, { internal, heading, button, text, listedAs }) {
  await page.getByRole('heading', { name: heading }).waitFor();
  await page.getByLabel('Message', { exact: true }).fill(text);
  const sent = apiResponse(page, 'POST', `/api/tickets/${id}/comments/`);
  await page.getByRole('button', { name: button, exact: true }).click();
  const answer = await sent;
  assert(answer.status() === 201, `"${button}" answered ${answer.status()}`);
  const kind = internal ? 'an internal note' : 'a public reply';
  assert((await answer.json()).internal === internal, `"${button}" was not stored as ${kind}`);
  const item = page.getByRole('listitem', { name: listedAs, exact: true });
  await item.getByText(text, { exact: true }).waitFor();
  return item;
}

async function timelineSentences(page) {
  return page
    .getByRole('region', { name: 'History' })
    .locator('li.timeline__entry')
    .evaluateAll((entries) =>
      entries.map((entry) => {
        const sentence = entry.cloneNode(true);
        sentence.querySelector('.timeline__time')?.remove();
        return sentence.textContent.trim();
      }));
}

async function expectTimeline(page, expected) {
  await waitUntil(`the history reads ${JSON.stringify(expected)}`, async () => {
    const shown = await timelineSentences(page);
    return JSON.stringify(shown) === JSON.stringify(expected) || shown;
  });
}

/** The conversation's messages as their accessible names ("Internal note from Dana"), oldest first. */
async function conversationAuthors(page) {
  return page
    .getByRole('region', { name: 'Conversation' })
    .locator('li.comment')
    .evaluateAll((comments) => comments.map((comment) => comment.getAttribute('aria-label')));
}

// ---------------------------------------------------------------------------------------
// The walk-through

const word = uniqueWord();
const title = `Charged twice for my subscription ${word}`;
const description =
  `My card was charged two times for the same monthly subscription invoice. Please refund the duplicate charge. Reference ${word}.`;
const hostileTitle = '<img src=x onerror=alert(1)>';
const hostileWord = uniqueWord();
const hostileDescription = `<script>alert("xss")</script> and <b>bold</b> ${hostileWord}`;

// A customer's ticket, worked by the agent: submitted without an account, followed through
// the private link. Its text has no word of the triage labels (Billing, High, …), so the
// customer's page can be searched for them.
const customerWord = uniqueWord();
const customer = {
  name: 'Casey Customer',
  email: `casey.${customerWord}@example.test`,
  title: `The export button does nothing ${customerWord}`,
  description:
    `When I press the export button on the reports page nothing happens: no file and no message. I tried two browsers. Reference ${customerWord}.`,
};
const noteWord = uniqueWord();
const note = `Reproduced: the export worker crashes on reports with an empty date range. No promises on a date yet. ${noteWord}`;
const agentReply = `Thank you for the report. We found the cause and are working on a fix. ${uniqueWord()}`;
const customerReply = `Thanks, I will wait for the fix. ${uniqueWord()}`;
const reopeningReply = `It happens again since this morning. ${uniqueWord()}`;
// What the customer must never see of the agents' work on their ticket.
const TRIAGE_WORDS = /\b(categor(y|ies)|priority|assign(ee|ed)?|unassigned|triage|suggest(ed|ion)|internal)\b/i;
const TRIAGE_LABELS = /\b(Billing|Technical|Account|General|Low|Medium|High|Critical)\b/;
const state = {};

const steps = [
  ['a visitor opening the dashboard signs in first, then lands on it with its figures', async (page) => {
    await page.goto(`${BASE_URL}/dashboard`, { waitUntil: 'networkidle' });
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/dashboard');
    await page.screenshot({ path: join(ARTIFACTS, '00-sign-in.png'), fullPage: true });
    await signIn(page, options.email, options.password);
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
    state.before = await readDashboard(page);
    await page.screenshot({ path: join(ARTIFACTS, '01-dashboard-before.png'), fullPage: true });
  }],

  ['a keyboard user lands on "Skip to content" first', async (page) => {
    await page.goto(`${BASE_URL}/`, { waitUntil: 'networkidle' });
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    assert(focused === 'Skip to content', `first Tab focused ${JSON.stringify(focused)}`);
  }],

  ['typing a ticket brings a suggestion, marked with who made it', async (page) => {
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Description', { exact: true }).pressSequentially(description.slice(0, 60));
    await page.getByLabel('Description', { exact: true }).fill(description);
    const note = page.locator('.suggestion-note--applied').first();
    await note.waitFor();
    const noteText = await note.innerText();
    assert(/Suggested by (Gemini|offline rules)/.test(noteText), `unexpected suggestion note: ${noteText}`);
    state.suggestedCategory = await page.getByLabel('Category', { exact: true }).inputValue();
    state.suggestedPriority = await page.getByLabel('Priority', { exact: true }).inputValue();
    assert(state.suggestedCategory && state.suggestedPriority, 'category and priority were not pre-filled');
    await page.screenshot({ path: join(ARTIFACTS, '02-new-ticket-suggestion.png'), fullPage: true });
  }],

  ['the user overrides the suggested category and submits; the ticket tops the list', async (page) => {
    state.category = state.suggestedCategory === 'technical' ? 'account' : 'technical';
    await page.getByLabel('Category', { exact: true }).selectOption(state.category);
    await page.getByText(/^Your choice \(suggested by/).waitFor();
    state.ticketId = await submitForm(page);
    assert((await page.getByLabel('Title', { exact: true }).inputValue()) === '', 'the form was not cleared after submitting');
    await waitUntil('the new ticket is the first row', async () =>
      (await page.locator('li.ticket-row').first().getByRole('link').innerText()) === title);
    const row = rowOf(page, title);
    assert((await row.getByLabel(/^Category/).inputValue()) === state.category, 'the overridden category was not kept');
    assert((await row.getByLabel(/^Priority/).inputValue()) === state.suggestedPriority, 'the suggested priority was not kept');
  }],

  ['the dashboard counts the new open ticket', async (page) => {
    await openDashboard(page);
    await expectDashboard(page, 'one more ticket, open, carrying a suggestion', {
      total: state.before.total + 1,
      open: state.before.open + 1,
      ...(state.before.suggested !== null && { suggested: state.before.suggested + 1 }),
    });
  }],

  ['search finds the ticket, and the search is in the URL', async (page) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
    await page.getByLabel('Search', { exact: true }).fill(word);
    await page.waitForURL((url) => url.searchParams.get('search') === word);
    await page.getByText('Showing 1–1 of 1 ticket').waitFor();
    await rowOf(page, title).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, '03-list-search.png'), fullPage: true });
  }],

  ['filters find it too, combine, and back/forward step through them', async (page) => {
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.waitForURL((url) => url.search === '');
    const categoryLabel = state.category === 'technical' ? 'Technical' : 'Account';
    await page.getByRole('group', { name: 'Category' }).getByLabel(categoryLabel).check();
    await page.waitForURL((url) => url.searchParams.get('category') === state.category);
    await page.getByRole('group', { name: 'Status' }).getByLabel('Open').check();
    await page.waitForURL((url) => url.searchParams.get('status') === 'open');
    await rowOf(page, title).waitFor();
    const categories = await page.locator('li.ticket-row select[id$="-category"]').evaluateAll((selects) => selects.map((s) => s.value));
    assert(categories.every((value) => value === state.category), `filtered rows of other categories: ${categories}`);
    await page.screenshot({ path: join(ARTIFACTS, '04-list-filtered.png'), fullPage: true });

    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('status') && url.searchParams.get('category') === state.category);
    await waitUntil('the Open chip is unchecked after going back', async () =>
      !(await page.getByRole('group', { name: 'Status' }).getByLabel('Open').isChecked()));
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get('status') === 'open');
    await rowOf(page, title).waitFor();
  }],

  ['changing the status from the list saves it', async (page) => {
    const status = rowOf(page, title).getByLabel(/^Status/);
    const saved = page.waitForResponse((response) =>
      response.request().method() === 'PATCH' && response.url().includes(`/api/tickets/${state.ticketId}/`));
    await status.selectOption('in_progress');
    const response = await saved;
    assert(response.status() === 200, `PATCH answered ${response.status()}`);
    const body = await response.json();
    assert(body.status === 'in_progress', `the server stored status ${body.status}`);
  }],

  ['the dashboard moves the ticket from open to in progress', async (page) => {
    await openDashboard(page);
    await expectDashboard(page, 'the ticket in progress', {
      total: state.before.total + 1,
      open: state.before.open,
      inProgress: state.before.inProgress + 1,
    });
    await page.screenshot({ path: join(ARTIFACTS, '05-dashboard-after.png'), fullPage: true });
  }],

  ['after a reload everything is still there', async (page) => {
    await page.goto(`${BASE_URL}/?search=${word}`, { waitUntil: 'networkidle' });
    await page.reload({ waitUntil: 'networkidle' });
    const row = rowOf(page, title);
    await row.waitFor();
    assert((await row.getByLabel(/^Status/).inputValue()) === 'in_progress', 'status not persisted');
    assert((await row.getByLabel(/^Category/).inputValue()) === state.category, 'category not persisted');
    assert((await page.getByLabel('Search', { exact: true }).inputValue()) === word, 'the search box lost the search from the URL');

    await page.goto(`${BASE_URL}/tickets/${state.ticketId}`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText(/^Suggested by (Gemini|offline rules):/).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, '06-ticket-detail.png'), fullPage: true });
  }],

  ['an edit based on an outdated copy is refused and shows the current values', async (page) => {
    // Someone else (a script with an API token) raises the priority behind this page's back.
    const bearer = { Authorization: `Bearer ${options.token}` };
    const current = await (await fetch(`${BASE_URL}/api/tickets/${state.ticketId}/`, { headers: bearer })).json();
    const theirs = await fetch(`${BASE_URL}/api/tickets/${state.ticketId}/`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', 'If-Match': `"${current.updated_at}"`, ...bearer },
      body: JSON.stringify({ priority: 'critical' }),
    });
    assert(theirs.status === 200, `the concurrent PATCH answered ${theirs.status}`);

    await problems.expecting(['PATCH', `/api/tickets/${state.ticketId}/`, 412], async () => {
      await page.getByLabel(/^Status/).selectOption('resolved');
      const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this ticket' });
      await alert.waitFor();
      const text = await alert.innerText();
      assert(text.includes('priority Critical') && text.includes('status In progress'), `conflict message lacks current values: ${text}`);
    });
    assert((await page.getByLabel(/^Status/).inputValue()) === 'in_progress', 'the refused status stayed on screen');
    await page.screenshot({ path: join(ARTIFACTS, '07-edit-conflict.png'), fullPage: true });
  }],

  ['hostile ticket text is shown literally and runs nothing', async (page) => {
    await page.goto(`${BASE_URL}/`, { waitUntil: 'networkidle' });
    const id = await submitTicket(page, hostileTitle, hostileDescription);
    await page.getByLabel('Search', { exact: true }).fill(hostileWord);
    await page.getByText('Showing 1–1 of 1 ticket').waitFor();
    const row = rowOf(page, hostileTitle);
    assert((await row.locator('.ticket-row__description').innerText()) === hostileDescription, 'description not shown literally');
    await page.goto(`${BASE_URL}/tickets/${id}`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: hostileTitle, exact: true }).waitFor();
    const injected = await page.evaluate(() => document.querySelectorAll('#root img, #root script, #root b').length);
    assert(injected === 0, `${injected} elements were created from ticket text`);
    await page.screenshot({ path: join(ARTIFACTS, '08-hostile-text.png'), fullPage: true });
  }],

  ['on a phone-width screen the list and dashboard fit without sideways scrolling', async (page) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${BASE_URL}/?search=${word}`, { waitUntil: 'networkidle' });
    await rowOf(page, title).waitFor();
    assert(await noHorizontalScroll(page), 'the list scrolls sideways at 390px');
    await page.screenshot({ path: join(ARTIFACTS, '09-phone-list.png'), fullPage: true });
    await page.goto(`${BASE_URL}/dashboard`, { waitUntil: 'networkidle' });
    await page.getByRole('table', { name: 'By status' }).waitFor();
    assert(await noHorizontalScroll(page), 'the dashboard scrolls sideways at 390px');
    await page.screenshot({ path: join(ARTIFACTS, '10-phone-dashboard.png'), fullPage: true });
  }],

  ['an admin creates an agent, who signs in and triages a ticket', async () => {
    state.admin = await openPage(state.browser);
    await state.admin.goto(`${BASE_URL}/accounts`, { waitUntil: 'networkidle' });
    await signIn(state.admin, options['admin-email'], options['admin-password']);
    await state.admin.getByRole('heading', { name: 'New account' }).waitFor();
    state.newAgent = { name: `Agent ${word}`, email: `${word}@example.test`, password: `a password for ${word}` };
    await state.admin.getByLabel('Email', { exact: true }).fill(state.newAgent.email);
    await state.admin.getByLabel('Name', { exact: true }).fill(state.newAgent.name);
    await state.admin.getByLabel('First password', { exact: true }).fill(state.newAgent.password);
    await state.admin.getByRole('button', { name: 'Create account' }).click();
    await state.admin.getByRole('row', { name: new RegExp(state.newAgent.name) }).waitFor();
    await state.admin.screenshot({ path: join(ARTIFACTS, '11-accounts.png'), fullPage: true });

    state.agent = await openPage(state.browser);
    await state.agent.goto(`${BASE_URL}/login`, { waitUntil: 'networkidle' });
    await signIn(state.agent, state.newAgent.email, state.newAgent.password);
    await state.agent.goto(`${BASE_URL}/?search=${word}`, { waitUntil: 'networkidle' });
    const saved = state.agent.waitForResponse((response) =>
      response.request().method() === 'PATCH' && response.url().includes(`/api/tickets/${state.ticketId}/`));
    await rowOf(state.agent, title).getByLabel(/^Status/).selectOption('resolved');
    assert((await saved).status() === 200, 'the new agent could not change the ticket');
  }],

  ['the admin deactivates the agent, whose next click lands on sign-in', async () => {
    const row = state.admin.getByRole('row', { name: new RegExp(state.newAgent.name) });
    await row.getByRole('button', { name: `Deactivate ${state.newAgent.name}` }).click();
    await row.getByRole('button', { name: 'Yes, deactivate' }).click();
    await row.getByRole('cell', { name: 'Deactivated', exact: true }).waitFor();

    // The session ended on the server: the agent's next request is refused and the app
    // sends them to sign in, to come back to where they were.
    await problems.expecting(['GET', '/api/tickets/stats/', 401], async () => {
      await state.agent.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
      await state.agent.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/dashboard');
      await state.agent.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    });
    await state.agent.screenshot({ path: join(ARTIFACTS, '12-deactivated-agent-signs-in-again.png'), fullPage: true });
  }],

  // Working a customer's ticket. The visitor and the customer each get a browser context of
  // their own (no cookie: the customer is nobody's session); `page` is the agent signed in
  // by the first step.

  ['a visitor submits a ticket without an account and gets a private link to keep', async () => {
    const visitor = await openPage(state.browser);
    await visitor.goto(`${BASE_URL}/`, { waitUntil: 'networkidle' });
    await visitor.getByRole('heading', { level: 1, name: 'Contact support' }).waitFor();
    await visitor.getByLabel('Title', { exact: true }).fill(customer.title);
    await visitor.getByLabel('Description', { exact: true }).fill(customer.description);
    await visitor.getByLabel('Your name (optional)', { exact: true }).fill(customer.name);
    await visitor.getByLabel('Your email (optional)', { exact: true }).fill(customer.email);
    const created = apiResponse(visitor, 'POST', '/api/tickets/');
    state.customerTicketId = await submitForm(visitor);
    const answer = await created;
    assert(answer.status() === 201, `creating the ticket answered ${answer.status()}`);
    const ticket = await answer.json();
    assert(ticket.id === state.customerTicketId, `the form announced #${state.customerTicketId}, the server created #${ticket.id}`);
    assert(ticket.requester_name === customer.name && ticket.requester_email === customer.email,
      `the requester was stored as ${ticket.requester_name} <${ticket.requester_email}>`);
    assert(!(await visitor.getByRole('link', { name: `#${ticket.id}` }).count()), 'an anonymous visitor was offered the agents\' ticket page');

    const link = await visitor.getByLabel('Private link', { exact: true }).inputValue();
    const match = link.match(new RegExp(`^${escapeRegExp(new URL(BASE_URL).origin)}/follow/(\\d+)#([A-Za-z0-9_-]+)$`));
    assert(match, `the private link is not <origin>/follow/<id>#<key>: ${link}`);
    assert(Number(match[1]) === ticket.id, `the private link is for ticket #${match[1]}, not #${ticket.id}`);
    assert(match[2].length >= 22, `the key in the private link is only ${match[2].length} characters long`);
    state.privateLink = link;
    state.accessKey = match[2];

    await visitor.getByRole('button', { name: 'Copy link', exact: true }).click();
    // Copied, or (where the browser refuses the clipboard) selected for Ctrl+C: either way it did something.
    await visitor.locator('.private-link').getByRole('status').filter({ hasText: /^(Copied\.|Selected: press Ctrl\+C)/ }).waitFor();
    await visitor.screenshot({ path: join(ARTIFACTS, '13-private-link.png'), fullPage: true });
    await visitor.context().close();
  }],

  ['the customer opens the private link in another browser: their ticket, nothing of triage, no agent menu', async () => {
    state.customer = await openPage(state.browser);
    const customerPage = state.customer;
    const loaded = apiResponse(customerPage, 'GET', `/api/tickets/${state.customerTicketId}/`);
    await customerPage.goto(state.privateLink, { waitUntil: 'networkidle' });
    const answer = await loaded;
    assert(answer.status() === 200, `the customer's ticket answered ${answer.status()}`);
    assert((await answer.request().allHeaders())['x-ticket-key'] === state.accessKey, 'the key did not go with the request');
    const fields = Object.keys(await answer.json()).sort().join(', ');
    assert(fields === 'created_at, description, id, status, title, updated_at', `the customer's view of the ticket carries ${fields}`);
    assert((await customerPage.context().cookies()).length === 0, 'the customer\'s browser holds a cookie');

    await customerPage.getByRole('heading', { level: 1, name: customer.title, exact: true }).waitFor();
    const main = customerPage.locator('main');
    await main.getByText(customer.description, { exact: true }).waitFor();
    await main.getByText('Status: Open', { exact: true }).waitFor();
    await main.getByText('No messages yet.', { exact: true }).waitFor();
    const text = await main.innerText();
    assert(!TRIAGE_WORDS.test(text), `the customer's page says "${text.match(TRIAGE_WORDS)?.[0]}"`);
    assert(!TRIAGE_LABELS.test(text), `the customer's page shows the label "${text.match(TRIAGE_LABELS)?.[0]}"`);
    assert((await customerPage.getByRole('navigation').count()) === 0, 'the customer\'s page has a navigation');
    for (const name of ['Sign in', 'Sign out', 'Tickets', 'Dashboard', 'Tokens', 'Accounts']) {
      assert((await customerPage.getByRole('link', { name, exact: true }).count()) === 0, `the customer's page offers "${name}"`);
      assert((await customerPage.getByRole('button', { name, exact: true }).count()) === 0, `the customer's page offers "${name}"`);
    }

    // A keyboard user skips the header: the page keeps the ticket, and the address keeps the key.
    await customerPage.keyboard.press('Tab');
    const focused = await customerPage.evaluate(() => document.activeElement?.textContent);
    assert(focused === 'Skip to content', `first Tab focused ${JSON.stringify(focused)}`);
    await customerPage.keyboard.press('Enter');
    await waitUntil('the main content has the focus', async () => customerPage.evaluate(() => document.activeElement?.id === 'main'));
    await customerPage.getByRole('heading', { level: 1, name: customer.title, exact: true }).waitFor();
    assert(customerPage.url() === state.privateLink, `skipping to the content changed the address to ${customerPage.url()}`);
  }],

  ['the agent assigns the ticket to themself, adds an internal note, then replies', async (page) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    state.agentName = (await page.locator('.user-menu__name').innerText()).trim();
    const id = state.customerTicketId;
    await page.goto(`${BASE_URL}/tickets/${id}`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: customer.title, exact: true }).waitFor();
    await page.getByText(`From ${customer.name} (${customer.email})`, { exact: true }).waitFor();

    const assignee = page.getByLabel('Assignee', { exact: true });
    assert((await assignee.inputValue()) === '', 'the new ticket already had an assignee');
    const assigned = apiResponse(page, 'PATCH', `/api/tickets/${id}/`);
    await assignee.selectOption({ label: state.agentName });
    const answer = await assigned;
    assert(answer.status() === 200, `assigning answered ${answer.status()}`);
    const saved = await answer.json();
    assert(saved.assignee?.name === state.agentName, `the server assigned the ticket to ${JSON.stringify(saved.assignee)}`);
    state.agentId = saved.assignee.id;
    await waitUntil('the picker shows the agent', async () => (await assignee.inputValue()) === String(state.agentId));

    const noteSwitch = page.getByLabel('Internal note (only agents see it)', { exact: true });
    await noteSwitch.check();
    await page.getByText('Only agents will see this note.').waitFor();
    const noteItem = await sendComment(page, id, {
      internal: true, heading: 'Add an internal note', button: 'Add internal note', text: note,
      listedAs: `Internal note from ${state.agentName}`,
    });
    const mark = noteItem.locator('.comment__label');
    assert((await mark.isVisible()) && (await mark.innerText()).endsWith('Internal note'), 'the note is not visibly marked "Internal note"');

    await noteSwitch.uncheck();
    const replyItem = await sendComment(page, id, {
      internal: false, heading: 'Reply to the customer', button: 'Send reply', text: agentReply,
      listedAs: `Message from ${state.agentName}`,
    });
    assert((await replyItem.locator('.comment__label').count()) === 0, 'the reply is marked as a note');
    // Without a reload: each change brought the history up to date.
    const agent = state.agentName;
    state.timeline = [
      'Created by customer',
      `${agent} changed assignee Unassigned → ${agent}`,
      `${agent} added an internal note`,
      `${agent} replied`,
    ];
    await expectTimeline(page, state.timeline);
  }],

  ['the "Mine" quick filter lists the ticket, "Unassigned" does not', async (page) => {
    const id = state.customerTicketId;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
    await page.getByLabel('Search', { exact: true }).fill(customerWord);
    await page.waitForURL((url) => url.searchParams.get('search') === customerWord);
    await page.getByText('Showing 1–1 of 1 ticket').waitFor();
    const chips = page.getByRole('group', { name: 'Assignee' });

    const mine = apiResponse(page, 'GET', '/api/tickets/', (query) => query.getAll('assignee').join() === 'me');
    await chips.getByLabel('Mine', { exact: true }).check();
    await page.waitForURL((url) => url.searchParams.getAll('assignee').join() === 'me' && url.searchParams.get('search') === customerWord);
    const mineAnswer = await mine;
    assert(mineAnswer.status() === 200, `the "Mine" list answered ${mineAnswer.status()}`);
    const minePage = await mineAnswer.json();
    assert(minePage.count === 1 && minePage.results[0]?.id === id, `"Mine" found ${JSON.stringify(minePage.results.map((t) => t.id))}`);
    await waitUntil('the list shows the "Mine" answer', async () => (await page.locator('.ticket-list__rows--stale').count()) === 0);
    await rowOf(page, customer.title).getByText(`Assigned to ${state.agentName}`, { exact: true }).waitFor();

    const unassigned = apiResponse(page, 'GET', '/api/tickets/', (query) => query.getAll('assignee').join() === 'none');
    await chips.getByLabel('Mine', { exact: true }).uncheck();
    await chips.getByLabel('Unassigned', { exact: true }).check();
    await page.waitForURL((url) => url.searchParams.getAll('assignee').join() === 'none');
    assert((await unassigned).status() === 200, 'the "Unassigned" list failed');
    await page.getByText('No tickets match these filters.').waitFor();
    assert((await rowOf(page, customer.title).count()) === 0, '"Unassigned" lists the assigned ticket');
  }],

  ['the customer\'s page, reloaded, shows the reply and nothing of the note', async () => {
    const customerPage = state.customer;
    const loaded = apiResponse(customerPage, 'GET', `/api/tickets/${state.customerTicketId}/comments/`);
    await customerPage.reload({ waitUntil: 'networkidle' });
    const answer = await loaded;
    assert(answer.status() === 200, `the customer's conversation answered ${answer.status()}`);
    const sent = JSON.stringify(await answer.json());
    assert(!sent.includes(noteWord) && !sent.includes('"internal":true'), 'the API sent the internal note to the customer');

    const reply = customerPage.getByRole('listitem', { name: `Message from ${state.agentName} (support)`, exact: true });
    await reply.getByText(agentReply, { exact: true }).waitFor();
    assert(!(await customerPage.content()).includes(noteWord), 'the note\'s text is on the customer\'s page');
    const text = await customerPage.locator('main').innerText();
    assert(!text.includes(note.slice(0, 30)), 'the note\'s text is on the customer\'s page');
    assert(!TRIAGE_WORDS.test(text), `the customer's page says "${text.match(TRIAGE_WORDS)?.[0]}"`);
    await customerPage.screenshot({ path: join(ARTIFACTS, '14-follow-page.png'), fullPage: true });
  }],

  ['the customer replies on their page', async () => {
    const customerPage = state.customer;
    await customerPage.getByLabel('Your reply', { exact: true }).fill(customerReply);
    const sent = apiResponse(customerPage, 'POST', `/api/tickets/${state.customerTicketId}/comments/`);
    await customerPage.getByRole('button', { name: 'Send reply', exact: true }).click();
    const answer = await sent;
    assert(answer.status() === 201, `the customer's reply answered ${answer.status()}`);
    const headers = await answer.request().allHeaders();
    assert(headers['x-ticket-key'] === state.accessKey && !headers.cookie && !headers['x-csrf-token'],
      'the customer\'s reply was not sent with the key alone');
    await customerPage.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    await customerPage.getByRole('listitem', { name: 'Message from You', exact: true }).getByText(customerReply, { exact: true }).waitFor();
    assert((await customerPage.getByLabel('Your reply', { exact: true }).inputValue()) === '', 'the reply box was not emptied');
  }],

  ['the agent sees the customer\'s reply, and the history tells every step in order', async (page) => {
    const agent = state.agentName;
    await page.goto(`${BASE_URL}/tickets/${state.customerTicketId}`, { waitUntil: 'networkidle' });
    await page.reload({ waitUntil: 'networkidle' });
    const fromCustomer = `Message from ${customer.name} (customer)`;
    await page.getByRole('listitem', { name: fromCustomer, exact: true }).getByText(customerReply, { exact: true }).waitFor();
    const authors = await conversationAuthors(page);
    const expectedAuthors = [`Internal note from ${agent}`, `Message from ${agent}`, fromCustomer];
    assert(JSON.stringify(authors) === JSON.stringify(expectedAuthors), `the conversation reads ${JSON.stringify(authors)}`);
    // The creation, the assignment, the note, the reply, then the customer's reply.
    state.timeline = [...state.timeline, 'Customer replied'];
    await expectTimeline(page, state.timeline);
    await page.screenshot({ path: join(ARTIFACTS, '15-ticket-worked.png'), fullPage: true });
  }],

  ['after the agent resolves the ticket, the customer\'s reply reopens it', async (page) => {
    const id = state.customerTicketId;
    const resolved = apiResponse(page, 'PATCH', `/api/tickets/${id}/`);
    await page.getByLabel(/^Status/).selectOption('resolved');
    const answer = await resolved;
    assert(answer.status() === 200, `resolving answered ${answer.status()}`);
    assert((await answer.json()).status === 'resolved', 'the server did not store the ticket as resolved');
    state.timeline = [...state.timeline, `${state.agentName} changed status Open → Resolved`];
    await expectTimeline(page, state.timeline);

    const customerPage = state.customer;
    await customerPage.reload({ waitUntil: 'networkidle' });
    await customerPage.getByText('Status: Resolved', { exact: true }).waitFor();
    await customerPage.getByText('We think this is solved. Replying reopens the ticket.').waitFor();
    await customerPage.getByLabel('Your reply', { exact: true }).fill(reopeningReply);
    const sent = apiResponse(customerPage, 'POST', `/api/tickets/${id}/comments/`);
    await customerPage.getByRole('button', { name: 'Send reply', exact: true }).click();
    assert((await sent).status() === 201, `the reopening reply answered ${(await sent).status()}`);
    await customerPage.getByRole('listitem', { name: 'Message from You', exact: true }).getByText(reopeningReply, { exact: true }).waitFor();
    await customerPage.getByText('Status: Open', { exact: true }).waitFor();
  }],

  ['the agent sees the ticket open again, the customer\'s change of status last in the history', async (page) => {
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('listitem', { name: `Message from ${customer.name} (customer)`, exact: true }).getByText(reopeningReply, { exact: true }).waitFor();
    await waitUntil('the status select shows Open', async () => (await page.getByLabel(/^Status/).inputValue()) === 'open');
    await expectTimeline(page, [...state.timeline, 'Customer replied', 'Customer changed status Resolved → Open']);
    await page.screenshot({ path: join(ARTIFACTS, '16-ticket-reopened.png'), fullPage: true });
  }],
];

// ---------------------------------------------------------------------------------------

const problems = new ProblemLog();

/** A page of a browser context of its own (its own cookies), under the CSP, watched for problems. */
async function openPage(browser, log = problems) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  await context.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  const page = await context.newPage();
  log.watch(page);
  return page;
}

async function main() {
  await mkdir(ARTIFACTS, { recursive: true });
  // A failure screenshot left by an earlier run must not be mistaken for this run's.
  for (const file of await readdir(ARTIFACTS)) {
    if (/^failure-\d+\.png$/.test(file)) await rm(join(ARTIFACTS, file));
  }
  const browser = await chromium.launch({
    executablePath: options.chromium,
    headless: !options.headed,
    args: options.headed ? CHROMIUM_ARGS : ['--headless', ...CHROMIUM_ARGS],
  });
  let failures = 0;
  let passed = 0;
  try {
    state.browser = browser;
    const page = await openPage(browser);

    for (const [name, run] of steps) {
      if (failures) {
        // Later steps build on earlier ones; running them would only repeat the failure.
        console.log(`skip ${name}`);
        continue;
      }
      const started = Date.now();
      const problemsBefore = problems.problems.length;
      try {
        await run(page);
        const newProblems = problems.problems.slice(problemsBefore);
        if (newProblems.length) throw new Error(newProblems.join('\n      '));
        passed += 1;
        console.log(`ok   ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        failures += 1;
        // What the page reported often explains a time-out better than the time-out does.
        const reasons = [error.message.split('\n')[0], ...problems.problems.slice(problemsBefore)];
        console.log(`FAIL ${name}\n      ${[...new Set(reasons)].join('\n      ')}`);
        const screenshot = join(ARTIFACTS, `failure-${failures}.png`);
        await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
        console.log(`      screenshot: ${screenshot}`);
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`\ne2e ${failures ? 'FAILED' : 'passed'}: ${passed} of ${steps.length} steps passed; screenshots in ${ARTIFACTS}`);
  return failures === 0;
}

main().then(
  (allPassed) => process.exit(allPassed ? 0 : 1),
  (error) => {
    console.error(`e2e could not run: ${error.stack ?? error}`);
    process.exit(1);
  },
);
