import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { setCsrfToken } from '../lib/api-client';

// findBy… waits up to 1 s by default, too little on a busy shared machine.
configure({ asyncUtilTimeout: 4_000 });

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
  setCsrfToken(null);
});
