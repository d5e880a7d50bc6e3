import type { CliGlobals } from '../context.js';

export async function runDemo(_g: CliGlobals, _o: { scenario?: string; tui?: boolean }): Promise<void> {
  throw new Error('the demo stack is not built yet');
}
