#!/usr/bin/env node
// Opens the interactive API reference in headless Chromium and prints, as JSON, how many
// operations it shows and what the Content-Security-Policy reported as violated.
//
//   node docs_probe.mjs URL CHROMIUM_PATH
import { createRequire } from 'node:module';

// playwright-core is the SPA's dev dependency: resolve it from frontend/.
const require = createRequire(new URL('../../frontend/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [url, executablePath] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  const violations = [];
  const failedRequests = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  page.on('requestfailed', (request) => failedRequests.push(request.url()));
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('.opblock').first().waitFor({ timeout: 15000 });
  console.log(JSON.stringify({
    operations: await page.locator('.opblock').count(),
    title: await page.locator('.info .title').innerText(),
    violations,
    failedRequests,
  }));
} finally {
  await browser.close();
}
