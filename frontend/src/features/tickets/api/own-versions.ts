import type { QueryClient } from '@tanstack/react-query';

// Which version of a ticket each of this tab's own saves produced, from the version it was
// sent against. An edit started from version A, sent after our own save moved the ticket
// A → B, goes with B's ETag (the person saw that change happen); a version someone else made,
// which reached us only through a refetch, is never taken for ours.
const producedBy = new WeakMap<QueryClient, Map<string, string>>();

const keyOf = (ticketId: number, version: string) => `${ticketId} ${version}`;

function savesOf(queryClient: QueryClient): Map<string, string> {
  let saves = producedBy.get(queryClient);
  if (!saves) {
    saves = new Map();
    producedBy.set(queryClient, saves);
  }
  return saves;
}

export function recordOwnSave(queryClient: QueryClient, ticketId: number, sentAgainst: string, produced: string): void {
  savesOf(queryClient).set(keyOf(ticketId, sentAgainst), produced);
}

/** The version `seen` became through this tab's own saves alone (`seen` itself if none followed it). */
export function ownLatestVersion(queryClient: QueryClient, ticketId: number, seen: string): string {
  const saves = savesOf(queryClient);
  let version = seen;
  let next = saves.get(keyOf(ticketId, version));
  while (next !== undefined && next !== version) {
    version = next;
    next = saves.get(keyOf(ticketId, version));
  }
  return version;
}
