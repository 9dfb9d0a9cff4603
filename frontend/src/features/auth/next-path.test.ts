import { describe, expect, it } from 'vitest';
import { signInHref, safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it.each([
    ['/dashboard', '/dashboard'],
    ['/?status=open&page=2', '/?status=open&page=2'],
    ['/tickets/9', '/tickets/9'],
  ])('keeps a path of this site: %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    [null],
    [''],
    ['dashboard'],
    ['//evil.example/phish'],
    ['/\\evil.example'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
    ['/\t/evil.example'],
    ['/sign-in?next=/dashboard'],
  ])('sends anything else home: %s', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });
});

describe('signInHref', () => {
  it('asks to come back to the page and its query', () => {
    expect(signInHref('/?status=open')).toBe('/sign-in?next=%2F%3Fstatus%3Dopen');
    expect(signInHref('/')).toBe('/sign-in');
  });
});
