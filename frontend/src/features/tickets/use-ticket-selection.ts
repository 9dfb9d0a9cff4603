import { useState } from 'react';

interface SelectionState {
  /** The list the selection was made in: another page, filter or order starts afresh. */
  listKey: string;
  ids: ReadonlySet<number>;
  /** Every ticket the list's filter matches, not just the rows on screen. */
  allMatching: boolean;
}

const nothingIn = (listKey: string): SelectionState => ({ listKey, ids: new Set(), allMatching: false });

/**
 * The tickets of a list picked for a bulk change: some of the rows on screen, or, once the
 * whole page is picked, every ticket matching the list's filter. A selection belongs to one
 * list (`listKey`: its address); opening another page or filter drops it, so nothing off
 * screen is ever changed by surprise.
 */
export function useTicketSelection(listKey: string, rowIds: readonly number[]) {
  const [stored, setStored] = useState<SelectionState>(() => nothingIn(listKey));
  const state = stored.listKey === listKey ? stored : nothingIn(listKey);
  // Only rows still on screen count: one that left the list (a refetch) cannot be seen to be picked.
  const selectedIds = rowIds.filter((id) => state.allMatching || state.ids.has(id));
  const wholePage = rowIds.length > 0 && selectedIds.length === rowIds.length;

  return {
    selectedIds,
    allMatching: state.allMatching,
    wholePage,
    isSelected: (id: number) => state.allMatching || state.ids.has(id),
    toggle(id: number, selected: boolean) {
      const ids = new Set(selectedIds);
      if (selected) ids.add(id);
      else ids.delete(id);
      setStored({ listKey, ids, allMatching: false });
    },
    togglePage(selected: boolean) {
      setStored({ listKey, ids: new Set(selected ? rowIds : []), allMatching: false });
    },
    selectAllMatching() {
      setStored({ listKey, ids: new Set(rowIds), allMatching: true });
    },
    clear() {
      setStored(nothingIn(listKey));
    },
  };
}

export type TicketSelection = ReturnType<typeof useTicketSelection>;
