// Where warnings about damaged or unwritable state files go (src/backends/state-store.ts says them). Apart from
// the store, with no imports and no IO, so that a command can set the sink as it starts without loading the store
// before its first request, and `--help` without loading any backend module.
type WarningSink = (message: string) => void;
const pending: string[] = [];
let sink: WarningSink | undefined;

/** Where warnings about damaged or unwritable state go; until one is set they are kept and handed over on set. */
export function setStateWarningSink(fn: WarningSink | undefined): void {
  sink = fn;
  if (fn) for (const m of pending.splice(0)) fn(m);
}

/** The sink in effect, so a use case that sets its own can put it back. */
export function stateWarningSink(): WarningSink | undefined {
  return sink;
}

/** A warning about local state, to wherever setStateWarningSink sends them. */
export function stateWarning(message: string): void {
  if (sink) sink(message);
  else pending.push(message);
}
