import { useHistoryState } from 'wouter/use-browser-location';

/**
 * Where "Back to the queue" leads: the view (filters, page) the page was opened from, which
 * the queue's links put in the history entry; else the landing view.
 */
export function useQueueHref(): string {
  const state = useHistoryState<{ queue?: unknown } | null>();
  const queue = state?.queue;
  return typeof queue === 'string' && (queue === '/' || queue.startsWith('/?')) ? queue : '/';
}
