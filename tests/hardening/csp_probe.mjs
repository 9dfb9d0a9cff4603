#!/usr/bin/env node
// Opens a page in headless Chromium and prints, as JSON, which of its scripts ran and which
// directives the Content-Security-Policy reported as violated.
//
//   node csp_probe.mjs URL CHROMIUM_PATH
//
// The page is expected to load /assets/csp-probe.js (which records violations) and to try
// inline script and inline event handlers, each setting a window.<name>Ran flag.
import { createRequire } from 'node:module';

// playwright-core is the SPA's dev dependency: resolve it from frontend/.
const require = createRequire(new URL('../../frontend/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [url, executablePath] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  // Violation events are dispatched asynchronously; give them a moment to arrive.
  await page.waitForTimeout(300);
  const outcome = await page.evaluate(() => ({
    externalScriptRan: window.externalRan === true,
    inlineScriptRan: window.inlineRan === true,
    inlineHandlerRan: window.handlerRan === true,
    violatedDirectives: window.cspViolations ?? [],
  }));
  console.log(JSON.stringify(outcome));
} finally {
  await browser.close();
}
