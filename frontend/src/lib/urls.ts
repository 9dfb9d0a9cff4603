// Every URL the SPA builds goes through here, so a value from people or the server (an
// email, an id from the address bar, a key) can never add a path segment, a query, a header
// of a mailto: link or a fragment. ESLint refuses a template literal as an API path or href.

/** A path whose interpolated parts are each percent-encoded: path`/tickets/${id}/comments/`. */
export function path(strings: TemplateStringsArray, ...parts: (string | number)[]): string {
  return strings.reduce((built, text, index) => built + text + (index < parts.length ? encodeURIComponent(String(parts[index])) : ''), '');
}

/** `pathname`, with `?query` when the query holds anything. */
export function withQuery(pathname: string, query: URLSearchParams): string {
  const search = query.toString();
  return search ? `${pathname}?${search}` : pathname;
}

/**
 * A mailto: link to exactly this address. Its local part and domain are encoded apart, so
 * `x?cc=boss&body=…@example.com` stays one recipient instead of adding a cc and a body.
 */
export function mailtoHref(address: string): string {
  const at = address.lastIndexOf('@');
  if (at === -1) return `mailto:${encodeURIComponent(address)}`;
  return `mailto:${encodeURIComponent(address.slice(0, at))}@${encodeURIComponent(address.slice(at + 1))}`;
}
