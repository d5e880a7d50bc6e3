// Figures as text, always with their window: "20.0× 1h", "93.1% left of 30d".
import { formatDuration } from '../duration.js';
import { windowName } from './windows.js';

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
