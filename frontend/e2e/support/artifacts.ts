import { resolve } from 'node:path';

/** Where the run leaves its report, traces, failure screenshots and the main screens' pictures. */
export const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS ?? '../artifacts/e2e');
