import { vi } from 'vitest';
import type { Ticket, TicketPage } from '../features/tickets/types';
import type { Page } from '../lib/page';

export interface ApiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Headers;
  credentials: RequestCredentials | undefined;
  signal: AbortSignal | null | undefined;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ApiHandler = (call: ApiCall) => Reply | Promise<Reply>;

/** Replaces fetch with `handler`; returns the calls made, in order, for assertions. */
export function stubApi(handler: ApiHandler): ApiCall[] {
  const calls: ApiCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const url = new URL(input, 'http://localhost');
      const call: ApiCall = {
        method: init.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body: init.body ? JSON.parse(String(init.body)) : undefined,
        headers: new Headers(init.headers),
        credentials: init.credentials,
        signal: init.signal,
      };
      calls.push(call);
      const reply = await handler(call);
      return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
        status: reply.status ?? 200,
        headers: { 'Content-Type': 'application/json', ...reply.headers },
      });
    }),
  );
  return calls;
}

/** The look for changes the app makes every few seconds (its first one asks only for the newest activity). */
export function isChangesPoll(call: ApiCall): boolean {
  return call.path === '/api/tickets/' && (call.query.has('updated_since') || (call.query.get('ordering') === '-last_activity_at' && call.query.get('page_size') === '1'));
}

/** The requests for a page of the ticket list, the looks for changes aside. */
export function ticketListCalls(calls: ApiCall[]): ApiCall[] {
  return calls.filter((call) => call.method === 'GET' && call.path === '/api/tickets/' && !isChangesPoll(call));
}

/** A promise settled from outside: lets a test decide when (and in which order) replies arrive. */
export function deferred<Value>() {
  let resolve!: (value: Value) => void;
  const promise = new Promise<Value>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

let nextId = 1;

/** A ticket as the agents' API shows it; by default untouched since a customer opened it (waiting on us while open). */
export function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  const id = overrides.id ?? nextId++;
  const createdAt = overrides.created_at ?? '2026-11-25T09:14:03.120431Z';
  const status = overrides.status ?? 'open';
  return {
    id,
    title: `Ticket ${id}`,
    description: `Description of ticket ${id}`,
    category: 'general',
    priority: 'low',
    status: 'open',
    created_at: '2026-11-25T09:14:03.120431Z',
    updated_at: '2026-11-25T09:14:03.120431Z',
    suggested_category: null,
    suggested_priority: null,
    classification_source: null,
    assignee: null,
    requester_name: null,
    requester_email: null,
    last_activity_at: createdAt,
    last_customer_message_at: createdAt,
    waiting_on: status === 'open' || status === 'in_progress' ? 'us' : null,
    ...overrides,
  };
}

export function makePage(results: Ticket[], overrides: Partial<TicketPage> = {}): TicketPage {
  return { count: results.length, count_exact: true, next: null, previous: null, results, ...overrides };
}

/** A single page holding `results`, for comments, history and users. */
export function makeListPage<Item>(results: Item[], overrides: Partial<Page<Item>> = {}): Page<Item> {
  return { count: results.length, next: null, previous: null, results, ...overrides };
}
