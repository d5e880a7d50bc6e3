import type { CliGlobals } from '../cli/context.js';

export async function startApp(_g: CliGlobals): Promise<void> {
  throw new Error('the interactive UI is not built yet');
}
