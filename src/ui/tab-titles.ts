// The view tabs' titles for a width: pure and import-free, so the pre-Ink first frame (./first-frame.ts) draws the
// same tab line as the Ink tab bar (./components/TabBar.tsx) without loading Ink or React.

export interface TabSlot {
  id: string;
  key: string;
  title: string;
}

/**
 * Each tab's key, title and the gap after it. Too wide for the terminal (ten tabs need about 100 columns): the
 * other tabs' titles are cut to four letters and the gaps to one space, so every number key still shows beside a
 * hint of its view. `overlay`: the open overlay's title, shown on the right.
 */
export function tabTitles(
  views: readonly TabSlot[],
  current: string,
  width: number,
  overlay?: string,
): { key: string; title: string; gap: string }[] {
  const full = views.reduce((n, v) => n + v.key.length + v.title.length + 3, 0) + (overlay ? overlay.length + 2 : 0);
  const compact = full > width;
  return views.map((v) => ({
    key: v.key,
    title: compact && v.id !== current ? v.title.slice(0, 4) : v.title,
    gap: compact ? ' ' : '  ',
  }));
}
