// The time the screen shows ages for: the last clock tick (or data arrival), provided by the app's chrome.
// Rows read it from context, so the 1 s tick reaches the rows on screen without re-rendering the list views.
import { createContext, useContext } from 'react';

export const ClockContext = createContext<number | undefined>(undefined);

/** The screen's clock; `fallback` (the services clock) outside the app's chrome, e.g. a view tested alone. */
export function useClock(fallback: () => number): number {
  return useContext(ClockContext) ?? fallback();
}
