// How long answers that only add to the alerts (topology, Prometheus' health) are waited for once the alerts are
// in: a Prometheus that hangs must not hold back the incidents for its whole timeout.
export const PROMETHEUS_GRACE_MS = 2000;

/** `p`, or `fallback()` when it has not settled `ms` after now. */
export async function within<T>(p: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((r) => (timer = setTimeout(() => r(fallback()), ms)));
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}
