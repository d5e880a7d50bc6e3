// The Workbook's multiwindow, multi-burn-rate alert tiers (SRE Workbook, "Alerting on SLOs", table 5-8).
// A tier is defined by the share of the period's budget it lets burn in its long window; the burn multiple
// follows from the period: multiple = share × period / long window (14.4, 6, 3, 1 for 30 days).

/**
 * The burn-rate windows, shortest first, one per line: adding a window is adding its line (every query, table,
 * JSON document and chart takes them from here). The tiers below name the ones they use.
 */
export const SLO_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export type WorkbookWindow = (typeof SLO_WINDOWS)[number];

/** A recorded window stands for a Workbook window when their lengths differ by less than this factor (Pyrra's 4d for 3d). */
const SAME_WINDOW_FACTOR = 1.5;

/**
 * Which of `available` (e.g. Pyrra's 5m … 1d, 4d, scaled to its period) plays the part of each Workbook window:
 * the closest pairs in length first (on a log scale), each window used once, and only when close enough. Not by
 * position, so a missing or extra window does not shift the others.
 */
export function matchWindows(available: readonly string[]): Partial<Record<WorkbookWindow, string>> {
  const pairs: { w: WorkbookWindow; a: string; dist: number }[] = [];
  for (const w of SLO_WINDOWS) {
    for (const a of available) {
      const dist = Math.abs(Math.log(windowSeconds(a)) - Math.log(windowSeconds(w)));
      if (dist < Math.log(SAME_WINDOW_FACTOR)) pairs.push({ w, a, dist });
    }
  }
  const out: Partial<Record<WorkbookWindow, string>> = {};
  const used = new Set<string>();
  for (const p of pairs.sort((x, y) => x.dist - y.dist)) {
    if (out[p.w] !== undefined || used.has(p.a)) continue;
    out[p.w] = p.a;
    used.add(p.a);
  }
  return out;
}

export type SloState = 'ok' | 'ticket' | 'page';

export interface BurnTier {
  severity: 'page' | 'ticket';
  long: WorkbookWindow;
  short: WorkbookWindow;
  /** Share of the period's error budget consumed in the long window when the tier fires. */
  budgetShare: number;
}

export const WORKBOOK_TIERS: readonly BurnTier[] = [
  { severity: 'page', long: '1h', short: '5m', budgetShare: 0.02 },
  { severity: 'page', long: '6h', short: '30m', budgetShare: 0.05 },
  { severity: 'ticket', long: '1d', short: '2h', budgetShare: 0.1 },
  { severity: 'ticket', long: '3d', short: '6h', budgetShare: 0.1 },
];

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** Seconds in a window name such as 5m, 1h, 4d or 1h4m; NaN if it is not one. */
export function windowSeconds(w: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(w))) {
    total += m[2] === 'ms' ? Number(m[1]) / 1000 : Number(m[1]) * UNIT[m[2]!]!;
    matched += m[0].length;
  }
  return matched === w.length && matched > 0 ? total : NaN;
}

/** A compact window name for a number of seconds: 300 → 5m, 86400 → 1d, 5400 → 1h30m. */
export function windowName(seconds: number): string {
  let left = Math.round(seconds);
  if (left <= 0) return '0s';
  const parts: string[] = [];
  for (const [u, n] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const k = Math.floor(left / n);
    if (k) parts.push(`${k}${u}`);
    left -= k * n;
  }
  return parts.join('');
}

/** Burn multiple at which a tier fires, for a period of `periodSeconds`, with its actual long window. */
export function tierThreshold(tier: Pick<BurnTier, 'budgetShare'>, periodSeconds: number, longSeconds: number): number {
  return (tier.budgetShare * periodSeconds) / longSeconds;
}
