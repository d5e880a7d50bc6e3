// An alert's fingerprint as Alertmanager computes it (Prometheus model.LabelSet.Fingerprint): FNV-1a 64 over the
// label names in order, each name and value followed by the 0xff separator, as 16 hex digits. Lets an ALERTS
// series from Prometheus be recognised as the alert Alertmanager lists.
const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const encoder = new TextEncoder();

export function labelsFingerprint(labels: Record<string, string>): string {
  let h = OFFSET;
  const add = (b: number) => {
    h = ((h ^ BigInt(b)) * PRIME) & MASK;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const b of encoder.encode(name)) add(b);
    add(0xff);
    for (const b of encoder.encode(labels[name]!)) add(b);
    add(0xff);
  }
  return h.toString(16).padStart(16, '0');
}
