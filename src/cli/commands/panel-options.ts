import { OncallError } from '../../domain/errors.js';
// Options shared by the slo, gpu and quality commands.

export interface PanelOptions {
  json?: boolean;
  width?: number;
  ascii?: boolean;
}

export function checkWidth(w: number | undefined, dflt: number): number {
  const v = w ?? dflt;
  if (!Number.isInteger(v) || v < 1 || v > 1000)
    throw new OncallError('usage', `--width must be a whole number of cells from 1 to 1000, got ${String(w)}`);
  return v;
}

/** ASCII charts on request, or on terminals known not to draw block characters. */
export function wantsAscii(o: PanelOptions, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(o.ascii) || env.TERM === 'dumb' || env.ONCALL_ASCII === '1';
}
