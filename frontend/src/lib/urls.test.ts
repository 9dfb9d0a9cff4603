import { describe, expect, it } from 'vitest';
import { mailtoHref, path, withQuery } from './urls';

describe('mailtoHref', () => {
  it('keeps an address with ?, & and % to one recipient: no cc, no body, nothing decoded twice', () => {
    const href = mailtoHref('x?cc=boss&body=pay%20now@example.com');
    expect(href).toBe('mailto:x%3Fcc%3Dboss%26body%3Dpay%2520now@example.com');
    const url = new URL(href);
    expect(url.search).toBe('');
    expect(decodeURIComponent(url.pathname)).toBe('x?cc=boss&body=pay%20now@example.com');
  });

  it('leaves a plain address as people read it', () => {
    expect(mailtoHref('ann@example.com')).toBe('mailto:ann@example.com');
  });
});

describe('path', () => {
  it('encodes every interpolated part, so an id or key cannot add segments, a query or a fragment', () => {
    expect(path`/tickets/${'7/../../users'}/comments/`).toBe('/tickets/7%2F..%2F..%2Fusers/comments/');
    expect(path`/follow/${12}`).toBe('/follow/12');
    expect(path`/users/${'1?role=admin#x'}/`).toBe('/users/1%3Frole%3Dadmin%23x/');
  });
});

describe('withQuery', () => {
  it('adds the query only when it has something', () => {
    expect(withQuery('/accounts', new URLSearchParams({ page: '2' }))).toBe('/accounts?page=2');
    expect(withQuery('/accounts', new URLSearchParams())).toBe('/accounts');
    expect(withQuery('/', new URLSearchParams({ search: 'a&b=c' }))).toBe('/?search=a%26b%3Dc');
  });
});
