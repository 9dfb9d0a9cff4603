import { useEffect, useState } from 'react';
import { useSuggestionQuery, type TicketText } from './api/classify-ticket';
import type { Suggestion } from './types';

/** Below this much description there is too little to classify. */
export const MIN_DESCRIPTION_FOR_SUGGESTION = 20;
/** How long typing must pause before asking for a suggestion. */
export const SUGGESTION_DELAY_MS = 700;

function normalise(text: TicketText): TicketText {
  return { title: text.title.trim(), description: text.description.trim() };
}

function isClassifiable(text: TicketText): boolean {
  return text.description.length >= MIN_DESCRIPTION_FOR_SUGGESTION;
}

function sameText(a: TicketText | null, b: TicketText): boolean {
  return a !== null && a.title === b.title && a.description === b.description;
}

/**
 * Asks the classifier about the draft once typing pauses (or at once via `suggestNow`,
 * when the user leaves a field). `suggestion` is the last answer that matched the text as
 * it was when the answer arrived; answers for text that has changed since are ignored.
 */
export function useTicketSuggestion(draft: TicketText) {
  const text = normalise(draft);
  const [requestedText, setRequestedText] = useState<TicketText | null>(null);
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const query = useSuggestionQuery(requestedText);

  useEffect(() => {
    const current = { title: text.title, description: text.description };
    if (!isClassifiable(current)) return;
    const timer = setTimeout(() => setRequestedText(current), SUGGESTION_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text.title, text.description]);

  const freshAnswer = query.data && sameText(requestedText, text) ? query.data : null;
  if (freshAnswer && freshAnswer !== suggestion) setSuggestion(freshAnswer);

  return {
    suggestion,
    isSuggesting: query.isFetching,
    suggestionFailed: query.isError && sameText(requestedText, text),
    suggestNow: () => {
      if (isClassifiable(text) && !sameText(requestedText, text)) setRequestedText(text);
    },
    reset: () => {
      setRequestedText(null);
      setSuggestion(null);
    },
  };
}
