import type { CannedReply } from '../features/replies/types';

/** An agent other than the one signed in (renderApp's AGENT is Dana, 3; ADMIN is Ada, 1). */
export const LEE: CannedReply['owner'] = { id: 4, name: 'Lee' };

let nextId = 1;

/** A saved reply as the API shows it; by default the signed-in agent's (Dana's), personal and never used. */
export function makeCannedReply(overrides: Partial<CannedReply> = {}): CannedReply {
  const id = overrides.id ?? nextId++;
  return {
    id,
    title: `Reply ${id}`,
    body: `Body of reply ${id}`,
    shared: false,
    owner: { id: 3, name: 'Dana' },
    uses: 0,
    updated_at: '2026-11-21T09:00:00Z',
    ...overrides,
  };
}
