import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '../../../lib/api-client';
import { stubApi } from '../../../test/fake-api';
import { renderApp } from '../../../test/render';
import type { ApiToken } from '../types';

const OLDER: ApiToken = { id: 1, name: 'nightly export', created_at: '2026-11-20T09:00:00Z', last_used_at: null };

function stubTokens() {
  let tokens: ApiToken[] = [OLDER];
  return stubApi((call) => {
    if (call.method === 'POST' && call.path === '/api/auth/tokens/') {
      const created = { id: 2, name: (call.body as { name: string }).name, created_at: '2026-11-25T09:00:00Z', last_used_at: null };
      tokens = [created, ...tokens];
      return { status: 201, body: { ...created, token: 'tsk_live_s3cr3t' } };
    }
    if (call.method === 'DELETE') {
      tokens = tokens.filter((token) => `/api/auth/tokens/${token.id}/` !== call.path);
      return { status: 204 };
    }
    if (call.path === '/api/auth/tokens/') return { body: tokens };
    return { status: 404, body: { message: 'Not found.' } };
  });
}

describe('API tokens', () => {
  it('shows a new token once, with Copy and a warning, and never again after Done', async () => {
    const calls = stubTokens();
    setCsrfToken('csrf-abc');
    const user = userEvent.setup();
    renderApp('/tokens');
    expect(await screen.findByRole('rowheader', { name: 'nightly export' })).toBeInTheDocument();

    await user.type(screen.getByLabelText('Token name'), 'CI deploys');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    const notice = await screen.findByRole('region', { name: 'Your new token' });
    expect(notice).toHaveTextContent('Copy this token now: it will not be shown again.');
    expect(within(notice).getByLabelText('Token "CI deploys"')).toHaveValue('tsk_live_s3cr3t');
    await user.click(within(notice).getByRole('button', { name: 'Copy token' }));
    await expect(navigator.clipboard.readText()).resolves.toBe('tsk_live_s3cr3t');

    const post = calls.find((call) => call.method === 'POST')!;
    expect(post.body).toEqual({ name: 'CI deploys' });
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-abc');
    expect(await screen.findByRole('rowheader', { name: 'CI deploys' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Done, I have copied it' }));
    expect(screen.queryByRole('region', { name: 'Your new token' })).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue('tsk_live_s3cr3t')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('tsk_live_s3cr3t');
  });

  it('revokes a token only after confirming, with DELETE and the CSRF token', async () => {
    const calls = stubTokens();
    setCsrfToken('csrf-abc');
    const user = userEvent.setup();
    renderApp('/tokens');
    await user.click(await screen.findByRole('button', { name: 'Revoke nightly export' }));
    expect(calls.filter((call) => call.method === 'DELETE')).toHaveLength(0);
    expect(screen.getByRole('group', { name: /Revoke "nightly export"\?/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Yes, revoke' }));

    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'nightly export' })).not.toBeInTheDocument());
    const deletion = calls.find((call) => call.method === 'DELETE')!;
    expect(deletion.path).toBe('/api/auth/tokens/1/');
    expect(deletion.headers.get('X-CSRF-Token')).toBe('csrf-abc');
    expect(screen.getByText('You have no API tokens.')).toBeInTheDocument();
  });

  it('asks for a name before creating', async () => {
    const calls = stubTokens();
    const user = userEvent.setup();
    renderApp('/tokens');
    await user.click(await screen.findByRole('button', { name: 'Create token' }));
    expect(screen.getByLabelText('Token name')).toHaveAccessibleDescription(expect.stringContaining('Name the token'));
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });
});
