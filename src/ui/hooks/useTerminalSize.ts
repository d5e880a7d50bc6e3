// Terminal size from stdout, updated on every resize. Layout budgets come from here: every frame must stay at
// most `rows - 1` lines tall or Ink 6 clears the whole screen on each frame (flicker). Use `frameRows`.
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  rows: number;
  columns: number;
}

/** Fallbacks when stdout reports no size (pipes, test doubles). */
export const DEFAULT_SIZE: TerminalSize = { rows: 24, columns: 80 };

function read(out: NodeJS.WriteStream): TerminalSize {
  return { rows: out.rows || DEFAULT_SIZE.rows, columns: out.columns || DEFAULT_SIZE.columns };
}

export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    const onResize = () =>
      setSize((prev) => {
        const next = read(stdout);
        return next.rows === prev.rows && next.columns === prev.columns ? prev : next;
      });
    stdout.on('resize', onResize);
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

/** The tallest frame that will not flicker. */
export function frameRows(size: TerminalSize): number {
  return Math.max(1, size.rows - 1);
}
