import { act } from '@testing-library/react';
import { vi } from 'vitest';

/**
 * jsdom has no EventSource. This one connects nowhere: a test plays the server (and the
 * browser's reconnecting) with `open`, `send`, `drop` and `refuse`.
 */
export class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;

  /** Every one the app made, in order. */
  static made: FakeEventSource[] = [];

  readonly url: string;
  readonly withCredentials = false;
  readyState: number = FakeEventSource.CONNECTING;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(url: string | URL) {
    super();
    this.url = String(url);
    FakeEventSource.made.push(this);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  /** The server answered with a stream (first, or after the browser reconnected). */
  async open(): Promise<void> {
    await this.#dispatch(FakeEventSource.OPEN, new Event('open'));
  }

  /** A named event; `data` goes as it is if a string, else as JSON. */
  async send(type: string, data: unknown): Promise<void> {
    await this.#dispatch(this.readyState, new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data) }));
  }

  /** The stream dropped: the browser will reconnect by itself. */
  async drop(): Promise<void> {
    await this.#dispatch(FakeEventSource.CONNECTING, new Event('error'));
  }

  /** The answer was not a stream (401, 403, 204, 404): the browser gives up. */
  async refuse(): Promise<void> {
    await this.#dispatch(FakeEventSource.CLOSED, new Event('error'));
  }

  async #dispatch(readyState: number, event: Event): Promise<void> {
    if (this.readyState === FakeEventSource.CLOSED && readyState !== FakeEventSource.CLOSED) throw new Error(`${this.url} was closed: nothing reaches it any more`);
    await act(async () => {
      this.readyState = readyState;
      this.dispatchEvent(event);
    });
  }
}

/** Puts FakeEventSource in the browser's place (until vi.unstubAllGlobals); returns the ones the app makes. */
export function stubEventSource(): FakeEventSource[] {
  FakeEventSource.made = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  return FakeEventSource.made;
}
