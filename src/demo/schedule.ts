// When each scenario plays. By default all of them, staggered so that several incidents overlap as in a real
// alert storm, repeating forever; with one scenario named, that one alone, repeating after a quiet pause.
import { SCENARIOS, type Scenario, type Target } from './scenarios.js';
import type { Effect } from './state.js';

export interface Play {
  scenario: Scenario;
  target: Target;
  /** Scenario time, seconds since this play started. */
  t: number;
  /** Which repetition this is (0 for the first). */
  round: number;
}

export interface Schedule {
  /** Seconds between two starts of the same scenario. */
  cycleSec: number;
  entries: { scenario: Scenario; offsetSec: number }[];
}

export const STAGGER_SEC = 120;
export const QUIET_SEC = 90;

export function loopSchedule(scenarios: Scenario[] = SCENARIOS): Schedule {
  const entries = scenarios.map((scenario, i) => ({ scenario, offsetSec: i * STAGGER_SEC }));
  const cycleSec = Math.max(scenarios.length * STAGGER_SEC, ...scenarios.map((s) => s.durationSec + QUIET_SEC));
  return { cycleSec, entries };
}

export function singleSchedule(scenario: Scenario): Schedule {
  return { cycleSec: scenario.durationSec + QUIET_SEC, entries: [{ scenario, offsetSec: 0 }] };
}

/** Every scenario at once, from the start: the largest storm, for tests and benchmarks. */
export function stormSchedule(scenarios: Scenario[] = SCENARIOS): Schedule {
  return {
    cycleSec: Math.max(...scenarios.map((s) => s.durationSec + QUIET_SEC)),
    entries: scenarios.map((scenario) => ({ scenario, offsetSec: 0 })),
  };
}

export function playsAt(schedule: Schedule, tSim: number): Play[] {
  const out: Play[] = [];
  for (const { scenario, offsetSec } of schedule.entries) {
    const since = tSim - offsetSec;
    if (since < 0) continue;
    const round = Math.floor(since / schedule.cycleSec);
    const t = since - round * schedule.cycleSec;
    if (t >= scenario.durationSec) continue;
    out.push({ scenario, target: scenario.targets[round % scenario.targets.length]!, t, round });
  }
  return out;
}

export function effectsAt(schedule: Schedule, tSim: number): Effect[] {
  return playsAt(schedule, tSim).flatMap((p) => p.scenario.effects(p.t, p.target));
}

/** Story lines whose time falls in (from, to], for the console (start with from < 0 to include time 0). */
export function storyBetween(schedule: Schedule, from: number, to: number): { scenario: string; text: string }[] {
  const out: { scenario: string; text: string }[] = [];
  for (const { scenario, offsetSec } of schedule.entries) {
    for (let round = Math.max(0, Math.floor((from - offsetSec) / schedule.cycleSec)); ; round++) {
      const start = offsetSec + round * schedule.cycleSec;
      if (start > to) break;
      const target = scenario.targets[round % scenario.targets.length]!;
      for (const line of scenario.story(target)) {
        const at = start + line.at;
        if (at > from && at <= to) out.push({ scenario: scenario.name, text: line.text });
      }
    }
  }
  return out;
}
