// Figures as text, always with their window: "20.0× 1h", "93.1% left of 30d".
import { formatDuration } from '../duration.js';
import { SLO_WINDOWS, windowName, WORKBOOK_TIERS, type WorkbookWindow } from './windows.js';

export function formatBurn(b: number | null): string {
  if (b === null) return '—';
  if (b >= 100) return `${Math.round(b)}×`;
  if (b >= 10) return `${b.toFixed(1)}×`;
  return `${b.toFixed(2)}×`;
}

export function formatPercent(r: number | null, digits = 1): string {
  return r === null ? '—' : `${(r * 100).toFixed(digits)}%`;
}

/** 0.999 → "99.9%", 0.99 → "99%". */
export function formatObjective(o: number | null): string {
  if (o === null) return '—';
  return `${Number((o * 100).toFixed(4))}%`;
}

export function formatPeriod(seconds: number): string {
  return windowName(seconds);
}

export function formatExhaustion(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds <= 0) return 'exhausted';
  return `in ${formatDuration(seconds * 1000)}`;
}

/** Which measured window plays each Workbook window's part (Pyrra's 4d plays 3d), read from the conditions. */
export function windowRoles(conds: readonly { long: string; short: string }[]): Record<WorkbookWindow, string> {
  const out = Object.fromEntries(SLO_WINDOWS.map((w) => [w, w])) as Record<WorkbookWindow, string>;
  WORKBOOK_TIERS.forEach((t, i) => {
    const c = conds[i];
    if (!c) return;
    out[t.long] = c.long;
    out[t.short] = c.short;
  });
  return out;
}

/** A burn figure with its window, e.g. "20.0× 5m"; the measured window is named when it differs. */
export function burnCell(
  slo: { windows: Record<string, { burnRate: number | null }>; conditions: readonly { long: string; short: string }[] },
  w: WorkbookWindow,
): string {
  const real = windowRoles(slo.conditions)[w];
  const b = formatBurn(slo.windows[real]?.burnRate ?? null);
  return real === w ? b : `${b} (${real})`;
}
