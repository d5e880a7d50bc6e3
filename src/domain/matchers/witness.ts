// Values a regex matches, found by walking RE2's compiled program (the automaton Alertmanager's Go regexp also
// builds) rather than by reading the pattern's text: every construct RE2 accepts is covered, and a pattern
// that matches no non-empty value is recognised as such. Used by the match-everything guardrail to learn what
// a `!~` excludes. re2js does not document its program, so anything unexpected yields "unknown", never a guess.
import { compileProgram, cachedRegex } from './re2.js';

// re2js's instruction codes (Inst.js) and empty-width flags (Utils.js), the same numbering as Go's regexp/syntax.
const ALT = 1,
  ALT_MATCH = 2,
  CAPTURE = 3,
  EMPTY_WIDTH = 4,
  FAIL = 5,
  MATCH = 6,
  NOP = 7;
const RUNE = 8,
  RUNE1 = 9,
  RUNE_ANY = 10,
  RUNE_ANY_NOT_NL = 11;
const BEGIN_TEXT = 4,
  END_TEXT = 8;

interface Inst {
  op: number;
  out: number;
  arg: number;
  runes: ArrayLike<number>;
}

export type Witnesses =
  /** Non-empty values the pattern matches (checked with RE2); an empty list proves it matches none. */
  | { known: true; values: string[] }
  /** The pattern has assertions (word boundaries, line anchors) this walk cannot settle. */
  | { known: false; values: string[] };

// Members of a class to try, printable ones first: a witness should be a value an alert could carry.
const PREFERRED = [0x61, 0x5a, 0x30, 0x2d, 0x20, 0xe9, 0x65e5];

function runesOf(i: Inst): number[] {
  if (i.op === RUNE_ANY || i.op === RUNE_ANY_NOT_NL) return [0x61];
  const r = Array.from(i.runes);
  if (i.op === RUNE1 || r.length === 1) return [r[0]!];
  const picks: number[] = [];
  for (let k = 0; k + 1 < r.length; k += 2) {
    const [lo, hi] = [r[k]!, r[k + 1]!];
    const inside = [...PREFERRED, lo, 0x21, 0xa0, 0x2030, hi].filter((c) => c >= lo && c <= hi);
    picks.push(inside.find((c) => c >= 0x20 && !(c >= 0x7f && c <= 0x9f)) ?? lo);
    if (picks.length >= 4) break;
  }
  return [...new Set(picks)].filter((c) => c <= 0x10ffff && (c < 0xd800 || c > 0xdfff));
}

/** Up to `limit` non-empty values `pattern` matches, anchored as Alertmanager anchors it. */
export function witnesses(pattern: string, limit = 8): Witnesses {
  let prog: { inst?: Inst[]; start?: number } | undefined;
  try {
    prog = compileProgram(pattern) as typeof prog;
  } catch {
    return { known: false, values: [] };
  }
  const inst = prog?.inst;
  if (!Array.isArray(inst) || typeof prog?.start !== 'number') return { known: false, values: [] };
  const re = cachedRegex(pattern);
  const found = new Set<string>();
  let uncertain = false;
  // Breadth-first over (instruction, text so far, must be at the end), shortest texts first; bounded in steps
  // and length, and a walk cut short proves nothing.
  const seen = new Set<string>();
  const queue: [number, string, boolean][] = [[prog.start, '', false]];
  let steps = 0;
  while (queue.length && found.size < limit && steps++ < 20_000) {
    const [pc, text, ended] = queue.shift()!;
    const key = `${pc}:${ended ? 1 : 0}:${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const i = inst[pc];
    if (!i || typeof i.op !== 'number') return { known: false, values: [...found] };
    switch (i.op) {
      case ALT:
      case ALT_MATCH:
        queue.push([i.out, text, ended], [i.arg, text, ended]);
        break;
      case CAPTURE:
      case NOP:
        queue.push([i.out, text, ended]);
        break;
      case EMPTY_WIDTH:
        if (i.arg & ~(BEGIN_TEXT | END_TEXT)) uncertain = true;
        if (i.arg & BEGIN_TEXT && text) break; // `\A` after a character: this path matches nothing
        queue.push([i.out, text, ended || (i.arg & END_TEXT) !== 0]);
        break;
      case MATCH:
        if (text) {
          if (re.test(text)) found.add(text);
          else uncertain = true; // an assertion this walk took as satisfied was not
        }
        break;
      case FAIL:
        break;
      case RUNE:
      case RUNE1:
      case RUNE_ANY:
      case RUNE_ANY_NOT_NL:
        if (ended) break;
        if (text.length >= 1024) {
          uncertain = true;
          break;
        }
        for (const c of runesOf(i)) queue.push([i.out, text + String.fromCodePoint(c), ended]);
        break;
      default:
        return { known: false, values: [...found] };
    }
  }
  if (found.size) return { known: true, values: [...found] };
  return { known: !uncertain && queue.length === 0, values: [] };
}
