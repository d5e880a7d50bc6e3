// Does a matcher narrow anything? A regex such as `.*`, `.+|`, `(.*)` or a `!~` whose regex can never match
// accepts every value: it narrows nothing and is almost always a mistake. Regexes cannot be compared
// symbolically in general; instead each is tried on a broad set of values plus values derived from its own
// pattern (so that `!~"gpu-[12]"` is seen to exclude "gpu-1").
import { matchValue, type Matcher } from '../matchers.js';

/** Non-empty values of very different shapes; a regex accepting all of them accepts "everything". */
const PROBES = [
  'a', 'Z', '0', '9', '_', '-', '.', ' ', 'x y', 'prod', 'gpu-1', 'GPUMemoryOOM', 'critical', '127.0.0.1:9090',
  'é', '日本', '🔥', 'a'.repeat(300), "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~",
  Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join(''),
];

/** A few strings the regex was written to match: it is read as a tree and each alternative is tried. */
export function samplesOf(pattern: string): string[] {
  const out = new Set<string>([pattern]);
  let tree: Node;
  try {
    tree = new PatternReader(pattern).read();
  } catch {
    return [...out];
  }
  for (let variant = 0; variant < 4; variant++) for (const once of [false, true]) out.add(render(tree, variant, once));
  return [...out];
}

type Node =
  | { k: 'alt'; of: Node[] }
  | { k: 'seq'; of: Node[] }
  | { k: 'rep'; node: Node; min: number }
  | { k: 'text'; s: string }
  | { k: 'class'; body: string };

const ESCAPE_CLASS: Record<string, string> = { d: '0', w: 'a', s: ' ', D: 'a', W: '-', S: 'a', n: '\n', t: '\t', b: '', B: '', A: '', z: '' };

class PatternReader {
  pos = 0;
  constructor(readonly p: string) {}
  read(): Node {
    const n = this.alt();
    if (this.pos < this.p.length) throw new Error('unbalanced');
    return n;
  }
  private alt(): Node {
    const of = [this.seq()];
    while (this.p[this.pos] === '|') { this.pos++; of.push(this.seq()); }
    return of.length === 1 ? of[0]! : { k: 'alt', of };
  }
  private seq(): Node {
    const of: Node[] = [];
    while (this.pos < this.p.length && this.p[this.pos] !== '|' && this.p[this.pos] !== ')') of.push(this.quantified(this.atom()));
    return { k: 'seq', of };
  }
  private atom(): Node {
    const c = this.p[this.pos++]!;
    if (c === '(') {
      if (this.p[this.pos] === '?') {
        const m = /^\?(?::|<[^>]*>|P<[^>]*>|[=!]|<[=!])/.exec(this.p.slice(this.pos));
        this.pos += m ? m[0].length : 1;
      }
      const inner = this.alt();
      if (this.p[this.pos] !== ')') throw new Error('unclosed group');
      this.pos++;
      return inner;
    }
    if (c === '[') {
      let i = this.pos;
      if (this.p[i] === '^') i++;
      if (this.p[i] === ']') i++;
      while (i < this.p.length && this.p[i] !== ']') i += this.p[i] === '\\' ? 2 : 1;
      const body = this.p.slice(this.pos, i);
      this.pos = i + 1;
      return { k: 'class', body };
    }
    if (c === '\\') {
      const e = this.p[this.pos++] ?? '';
      return { k: 'text', s: ESCAPE_CLASS[e] ?? e };
    }
    if (c === '.') return { k: 'text', s: 'a' };
    if (c === '^' || c === '$') return { k: 'text', s: '' };
    return { k: 'text', s: c };
  }
  private quantified(node: Node): Node {
    const rest = this.p.slice(this.pos);
    const m = /^(?:[*+?]|\{(\d+)(?:,\d*)?\})\??/.exec(rest);
    if (!m) return node;
    this.pos += m[0].length;
    const q = m[0][0];
    const min = q === '+' ? 1 : q === '{' ? Number(m[1]) : 0;
    return { k: 'rep', node, min };
  }
}

function render(n: Node, variant: number, once: boolean): string {
  switch (n.k) {
    case 'alt': return render(n.of[variant % n.of.length]!, variant, once);
    case 'seq': return n.of.map((x) => render(x, variant, once)).join('');
    case 'rep': return render(n.node, variant, once).repeat(Math.max(n.min, once ? 1 : 0));
    case 'text': return n.s;
    case 'class': return n.body.startsWith('^') ? pickOutside(n.body.slice(1)) : pickInside(n.body);
  }
}

function pickInside(body: string): string {
  if (body.startsWith('\\')) return ESCAPE_CLASS[body[1] ?? ''] || body[1] || 'a';
  return body[0] ?? 'a';
}

function pickOutside(classBody: string): string {
  for (const c of ['a', 'z', '0', '-', 'Q', ' ', '~']) {
    try {
      if (!new RegExp(`[${classBody}]`).test(c)) return c;
    } catch {
      return c;
    }
  }
  return 'é';
}

/** True when the matcher accepts every non-empty value (it may or may not accept the empty one). */
export function matchesEveryValue(m: Matcher): boolean {
  if (m.type === '=') return false;
  if (m.type === '!=') return false; // excludes exactly one value: narrow, if only a little
  const probes = m.type === '!~' ? [...PROBES, ...samplesOf(m.value)] : PROBES;
  return probes.every((v) => v === '' || matchValue(m, v));
}
