// What every journey runs with: pages under the production CSP, each watched for console
// errors, page errors, dialogs and failed /api requests, and the test staff from the
// environment. A journey's `step` fails as soon as its page reported a problem, naming it.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

// The policy the app must run under in production; added to every page loaded, so a
// violation shows up as a console error even if the server under test sends none.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: tests/e2e/test_browser.py sets it (see frontend/README.md)`);
  return value;
}

export interface StaffMember {
  email: string;
  password: string;
}

/** The agent and the admin the server under test already has (tests/staff.py), and an API token of the agent's. */
export const staff = {
  get agent(): StaffMember & { token: string } {
    return { email: required('E2E_AGENT_EMAIL'), password: required('E2E_AGENT_PASSWORD'), token: required('E2E_AGENT_TOKEN') };
  },
  get admin(): StaffMember {
    return { email: required('E2E_ADMIN_EMAIL'), password: required('E2E_ADMIN_PASSWORD') };
  },
};

/** A response a step expects to fail (e.g. the 412 of an edit conflict). */
export type ExpectedFailure = readonly [method: string, urlPart: string, status: number];

// Whoever is not signed in gets a 401 from the app's "who am I" probe: that is its answer.
// A stream of changes reopened after the session ended (deactivated, signed out elsewhere)
// is refused the same way; the page then finds out at its next look or click.
const ALWAYS_EXPECTED: ExpectedFailure[] = [
  ['GET', '/api/auth/me/', 401],
  ['GET', '/api/events/', 401],
];

export class ProblemLog {
  readonly problems: string[] = [];
  private expected: ExpectedFailure[] = [...ALWAYS_EXPECTED];

  watch(page: Page): void {
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

  /** Runs `action` with `failure` counted as an answer rather than a problem. */
  async expecting(failure: ExpectedFailure, action: () => Promise<void>): Promise<void> {
    this.expected.push(failure);
    try {
      await action();
    } finally {
      this.expected = this.expected.filter((entry) => entry !== failure);
    }
  }
}

async function underCsp(context: BrowserContext): Promise<void> {
  await context.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
}

interface JourneyFixtures {
  problems: ProblemLog;
  /** A test step that also fails when its pages reported a problem meanwhile. */
  step: (title: string, body: () => Promise<void>) => Promise<void>;
  /** A page in a browser context of its own (its own cookies: another person, or another tab's session). */
  openPage: () => Promise<Page>;
}

export const test = base.extend<JourneyFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  problems: async ({}, use) => {
    const log = new ProblemLog();
    await use(log);
    expect(log.problems, 'console errors, page errors, dialogs or failed API requests').toEqual([]);
  },

  context: async ({ context, problems }, use) => {
    await underCsp(context);
    context.on('page', (page) => problems.watch(page));
    await use(context);
  },

  step: async ({ problems }, use) => {
    await use((title, body) =>
      test.step(title, async () => {
        const before = problems.problems.length;
        await body();
        expect(problems.problems.slice(before), `problems during "${title}"`).toEqual([]);
      }),
    );
  },

  openPage: async ({ browser, baseURL, viewport, problems }, use) => {
    const opened: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext({ baseURL, viewport });
      opened.push(context);
      await underCsp(context);
      const page = await context.newPage();
      problems.watch(page);
      return page;
    });
    await Promise.all(opened.map((context) => context.close()));
  },
});

export { expect };
