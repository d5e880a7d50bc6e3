// A failure as one line for the header and status bar (BackendError messages carry no credentials).
export function errorLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return (msg.split('\n')[0] ?? '').slice(0, 300);
}
