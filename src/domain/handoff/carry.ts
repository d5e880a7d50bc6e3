// The TUI keeps a report up to date while a backend comes and goes: when a backend does not answer, its sections
// keep their last good content, and the report says how old that is (the `down` entry's dataAgeSeconds), as the
// other views show last good data with its age. Pure.
import type { Handoff } from './types.js';

type AmSections = Pick<Handoff, 'openIncidents' | 'resolvedIncidents' | 'silences' | 'models'>;
type PromSections = Pick<Handoff, 'slos' | 'gpus'>;

export interface LastGood {
  alertmanager?: { at: number; sections: AmSections };
  prometheus?: { at: number; sections: PromSections };
}

/** `next` with the sections of a backend that is down filled from `last`, and the new last good data. */
export function carryLastGood(next: Handoff, last: LastGood): { report: Handoff; last: LastGood } {
  const now = Date.parse(next.generatedAt);
  const out: LastGood = { ...last };
  let report = next;
  const age = (at: number) => Math.max(0, Math.round((now - at) / 1000));
  // Incidents from incident memory (every Alertmanager down) are older and poorer than this process's last read.
  const live = next.openIncidents !== null && !next.down.some((d) => d.remembered);
  if (live)
    out.alertmanager = {
      at: now,
      sections: {
        openIncidents: next.openIncidents,
        resolvedIncidents: next.resolvedIncidents,
        silences: next.silences,
        models: next.models,
      },
    };
  else if (last.alertmanager) {
    const { at, sections } = last.alertmanager;
    report = {
      ...report,
      ...sections,
      down: report.down.map((d) =>
        d.backend === 'alertmanager'
          ? {
              ...d,
              dataAgeSeconds: age(at),
              missing: [...(d.remembered?.sections ?? []), ...d.missing],
              remembered: null,
            }
          : d,
      ),
    };
  }
  if (next.slos !== null || next.gpus !== null)
    out.prometheus = { at: now, sections: { slos: next.slos, gpus: next.gpus } };
  else if (last.prometheus) {
    const { at, sections } = last.prometheus;
    report = {
      ...report,
      ...sections,
      down: report.down.map((d) => (d.backend === 'prometheus' ? { ...d, dataAgeSeconds: age(at) } : d)),
    };
  }
  return { report, last: out };
}
