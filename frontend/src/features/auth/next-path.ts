import { withQuery } from '../../lib/urls';

/**
 * Where to go after signing in: only a path of this site (one leading slash, not `//host`
 * or `/\host`, which browsers treat as another host); anything else goes to the home page.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // Control characters (a tab or newline inside "/\t/evil.example") are dropped by URL parsers.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(next)) return '/';
  const url = new URL(next, window.location.origin);
  if (url.origin !== window.location.origin || url.pathname === '/sign-in' || url.pathname === '/login') return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page, asked to come back to `path` afterwards. */
export function signInHref(path: string): string {
  return path === '/' || path.startsWith('/sign-in') ? '/sign-in' : withQuery('/sign-in', new URLSearchParams({ next: path }));
}
