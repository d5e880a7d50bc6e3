// SLOs as the rest of the program sees them, whatever their source: the config file, Sloth or Pyrra rules.
import type { Matcher } from '../matchers.js';
import type { Condition } from './math.js';
import type { SloState } from './windows.js';

export type SloSource = 'config' | 'sloth' | 'pyrra';
export type SloKind = 'ratio' | 'latency' | 'quality';

/** A configured SLO, normalised from the config file. */
export interface ConfiguredSlo {
  name: string;
  kind: SloKind;
  objective: number;
  periodSeconds: number;
  description?: string;
  /** Label matchers in PromQL syntax without braces, e.g. `job="inference"`. */
  selector?: string;
  groupBy?: string;
  errors?: string;
  good?: string;
  total?: string;
  histogram?: string;
  threshold?: number;
  gauge?: string;
  goodWhen: 'below' | 'above';
  /** Alertmanager matchers that pick the alerts belonging to this SLO. */
  alertMatchers: Matcher[];
}

export interface WindowFigures {
  errorRatio: number | null;
  burnRate: number | null;
  /** Burn multiple this window is drawn against (its strictest Workbook tier). */
  threshold: number | null;
}

export interface SloResult {
  /** Unique within a report; stable across refreshes. */
  id: string;
  name: string;
  source: SloSource;
  kind: SloKind | null;
  description?: string;
  objective: number | null;
  periodSeconds: number;
  /** The grouping label and this instance's value, for SLOs split per model or service. */
  group: { label: string; value: string } | null;
  windows: Record<string, WindowFigures>;
  periodErrorRatio: number | null;
  budgetRemaining: number | null;
  exhaustionSeconds: number | null;
  state: SloState | null;
  conditions: Condition[];
  /** PromQL for the error ratio with `$window` (and `$step` for subqueries) to fill in; for the detail chart. */
  errorRatioQuery: string;
  /** How the figures are computed, when it is not plain counting. */
  method?: string;
  alertMatchers: Matcher[];
  warnings: string[];
}

export interface SloReport {
  generatedAt: string;
  slos: SloResult[];
  warnings: string[];
}
