// Semantic colour tokens. Components never name a colour: they spread a token onto <Text>, e.g.
//   const theme = useTheme();  <Text {...theme.critical}>crit</Text>  <Text {...theme.layer.quality}>…</Text>
// The no-colour variant (NO_COLOR set and non-empty, or --no-color) drops every colour but keeps emphasis, so
// severity and selection still stand out: bold for critical, inverse for the selected row.
// To add a token: add it to Theme, then to BOTH `colorTheme` and `noColorTheme`.
// The tokens without React (the context that hands them to components is in theme.ts): the TUI's start
// (start.ts) picks the theme before React is loaded.
import type { Layer, Severity } from '../domain/types.js';

/** The subset of Ink <Text> props a token may set. */
export interface Style {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
  underline?: boolean;
  italic?: boolean;
}

export interface Theme {
  name: 'color' | 'no-color';
  critical: Style;
  warning: Style;
  info: Style;
  ok: Style;
  error: Style;
  muted: Style;
  accent: Style;
  title: Style;
  /** The selected row. */
  selection: Style;
  /** The active tab in the view bar. */
  activeTab: Style;
  /** Key names in hints and help. */
  key: Style;
  /** Silenced or inhibited alerts. */
  suppressed: Style;
  /** Remembered alerts that resolved (a resolved cause kept above its symptoms), whole rows. */
  resolved: Style;
  layer: Record<Layer, Style>;
}

export const colorTheme: Theme = {
  name: 'color',
  critical: { color: 'red', bold: true },
  warning: { color: 'yellow' },
  info: { color: 'blue' },
  ok: { color: 'green' },
  error: { color: 'red' },
  muted: { color: 'gray' },
  accent: { color: 'cyan' },
  title: { bold: true },
  selection: { inverse: true },
  activeTab: { color: 'cyan', bold: true, underline: true },
  key: { color: 'cyan' },
  suppressed: { color: 'gray', italic: true },
  resolved: { color: 'gray', dimColor: true, bold: false, italic: false },
  layer: {
    infrastructure: { color: 'magenta' },
    service: { color: 'cyan' },
    quality: { color: 'yellow' },
    unknown: { color: 'gray' },
  },
};

export const noColorTheme: Theme = {
  name: 'no-color',
  critical: { bold: true },
  warning: {},
  info: {},
  ok: {},
  error: { bold: true },
  muted: {},
  accent: {},
  title: { bold: true },
  selection: { inverse: true },
  activeTab: { bold: true, underline: true },
  key: { bold: true },
  suppressed: {},
  resolved: { dimColor: true, bold: false },
  layer: { infrastructure: {}, service: {}, quality: {}, unknown: {} },
};

/** NO_COLOR (any non-empty value, per no-color.org) or --no-color (commander: `color === false`). */
export function wantsNoColor(env: NodeJS.ProcessEnv, colorFlag: boolean | undefined): boolean {
  return colorFlag === false || Boolean(env.NO_COLOR);
}

export function themeFor(noColor: boolean): Theme {
  return noColor ? noColorTheme : colorTheme;
}

export function severityStyle(t: Theme, s: Severity): Style {
  return s === 'critical' ? t.critical : s === 'warning' ? t.warning : t.info;
}
