// Alertmanager's UTF-8 matcher parser (matcher/parse, 0.27+), ported rule for rule: a lexer of braces, commas,
// operators, double-quoted strings (Go string literals: strconv.Unquote) and unquoted runs of anything but
// whitespace and {}!=~,\"'`. Label names may be quoted and hold any UTF-8 (`{"service.name"="x"}`).
import { isGoSpace, type MatchType, type RawMatcher, type ReadResult } from './read.js';

type Kind = '{' | '}' | ',' | 'op' | 'quoted' | 'unquoted';
interface Token {
  kind: Kind;
  text: string;
  at: number;
}

class LexError extends Error {
  constructor(
    readonly reason: string,
    readonly at: number,
  ) {
    super(reason);
  }
}

const RESERVED = new Set('{}!=~,\\"\'`');
const isReserved = (c: string): boolean => RESERVED.has(c) || isGoSpace(c.codePointAt(0)!);

class Lexer {
  pos = 0;
  constructor(readonly src: string) {}
  private char(at = this.pos): string {
    const c = this.src.codePointAt(at);
    return c === undefined ? '' : String.fromCodePoint(c);
  }
  /** The next token, or undefined at the end of input. */
  scan(): Token | undefined {
    for (let c = this.char(); c; c = this.char()) {
      const at = this.pos;
      if (c === '{' || c === '}' || c === ',') {
        this.pos++;
        return { kind: c, text: c, at };
      }
      if (c === '=' || c === '!') return this.operator();
      if (c === '"') return this.quoted();
      if (!isReserved(c)) {
        while (this.char() && !isReserved(this.char())) this.pos += this.char().length;
        return { kind: 'unquoted', text: this.src.slice(at, this.pos), at };
      }
      if (isGoSpace(c.codePointAt(0)!)) {
        this.pos += c.length;
        continue;
      }
      throw new LexError(`unexpected ${JSON.stringify(c)} (quote values and names that contain it)`, at);
    }
    return undefined;
  }
  peek(): Token | undefined {
    const p = this.pos;
    try {
      return this.scan();
    } finally {
      this.pos = p;
    }
  }
  private operator(): Token {
    const at = this.pos;
    const two = this.src.slice(at, at + 2);
    if (two === '!=' || two === '!~' || two === '=~') {
      this.pos += 2;
      return { kind: 'op', text: two, at };
    }
    if (this.src[at] === '=') {
      this.pos++;
      return { kind: 'op', text: '=', at };
    }
    throw new LexError(`expected "!=" or "!~", found ${JSON.stringify(two || '!')}`, at);
  }
  private quoted(): Token {
    const at = this.pos;
    this.pos++;
    let escaped = false;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') {
        this.pos++;
        return { kind: 'quoted', text: this.src.slice(at, this.pos), at };
      }
      this.pos++;
    }
    throw new LexError('unterminated quoted text (missing closing ")', at);
  }
}

const SIMPLE: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };

/** Go's strconv.Unquote for a double-quoted literal, plus its UTF-8 check; undefined when Go rejects it. */
export function unquoteGo(lit: string): string | undefined {
  const body = lit.slice(1, -1);
  if (body.includes('\n')) return undefined;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < body.length;) {
    const c = body[i]!;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      if (cp >= 0xd800 && cp <= 0xdfff) return undefined; // a lone surrogate is not UTF-8
      const ch = String.fromCodePoint(cp);
      bytes.push(...enc.encode(ch));
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return undefined;
    if (e in SIMPLE) {
      bytes.push(SIMPLE[e]!);
      i += 2;
      continue;
    }
    const hex = (n: number): number | undefined => {
      const h = body.slice(i + 2, i + 2 + n);
      return h.length === n && /^[0-9a-fA-F]+$/.test(h) ? parseInt(h, 16) : undefined;
    };
    if (e === 'x') {
      const v = hex(2);
      if (v === undefined) return undefined;
      bytes.push(v);
      i += 4;
      continue;
    }
    if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const v = hex(n);
      if (v === undefined || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined;
      bytes.push(...enc.encode(String.fromCodePoint(v)));
      i += 2 + n;
      continue;
    }
    if (e >= '0' && e <= '7') {
      const o = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(o) || parseInt(o, 8) > 255) return undefined;
      bytes.push(parseInt(o, 8));
      i += 4;
      continue;
    }
    return undefined; // \' and every other escape are invalid in a Go string literal
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

function fail(reason: string, at: number): ReadResult {
  return { ok: false, error: { reason, at, kind: 'syntax' } };
}

function describe(t: Token | undefined): string {
  return t ? JSON.stringify(t.text) : 'end of input';
}

/** Reads `input` as Alertmanager 0.27+'s UTF-8 parser does. */
export function parseUtf8(input: string): ReadResult {
  const lx = new Lexer(input);
  const out: RawMatcher[] = [];
  try {
    let t = lx.peek();
    const braced = t?.kind === '{';
    if (braced) lx.scan();
    for (;;) {
      t = lx.peek();
      if (!t || t.kind === '}') break;
      // name
      const name = lx.scan()!;
      if (name.kind !== 'quoted' && name.kind !== 'unquoted')
        return fail(`expected a label name, found ${describe(name)}`, name.at);
      const n = name.kind === 'quoted' ? unquoteGo(name.text) : name.text;
      if (n === undefined)
        return fail(`invalid quoted label name ${name.text} (escapes are Go's: \\" \\\\ \\n \\t \\u…)`, name.at);
      const op = lx.scan();
      if (op?.kind !== 'op') {
        // `severity:crit`: a ":" may be part of a name, but with no operator after the whole word it is almost
        // certainly the mistake, so that is where the error points.
        const colon = name.kind === 'unquoted' ? n.indexOf(':') : -1;
        if (colon > 0)
          return fail(
            `expected an operator (=, !=, =~, !~) after label name ${JSON.stringify(n.slice(0, colon))}, found ":"`,
            name.at + colon,
          );
        return fail(
          `expected an operator (=, !=, =~, !~) after label name ${JSON.stringify(n)}, found ${describe(op)}`,
          op?.at ?? input.length,
        );
      }
      const value = lx.scan();
      if (value?.kind !== 'quoted' && value?.kind !== 'unquoted') {
        return fail(
          `expected a value after ${op.text}, found ${describe(value)} (write "" for an empty value)`,
          value?.at ?? input.length,
        );
      }
      const v = value.kind === 'quoted' ? unquoteGo(value.text) : value.text;
      if (v === undefined) {
        return fail(
          `invalid quoted value ${value.text} (escapes are Go's: \\" \\\\ \\n \\t \\u…; a regex's \\d is written \\\\d)`,
          value.at,
        );
      }
      const quoted = value.kind === 'quoted';
      out.push({
        name: n,
        type: op.text as MatchType,
        value: v,
        nameAt: name.at,
        valueAt: value.at + (quoted ? 1 : 0),
        verbatim: !quoted || v === value.text.slice(1, -1),
      });
      const sep = lx.peek();
      if (!sep || sep.kind === '}') break;
      if (sep.kind !== ',')
        return fail(`expected "," between matchers${braced ? ' or "}"' : ''}, found ${describe(sep)}`, sep.at);
      lx.scan();
    }
    const close = lx.scan();
    if (braced && close?.kind !== '}') return fail('missing closing "}"', close?.at ?? input.length);
    if (!braced && close)
      return fail(
        close.kind === '}' ? 'unexpected "}" without an opening "{"' : `unexpected ${describe(close)}`,
        close.at,
      );
    const rest = lx.scan();
    if (rest) return fail(`unexpected ${describe(rest)} after "}"`, rest.at);
  } catch (e) {
    if (e instanceof LexError) return fail(e.reason, e.at);
    throw e;
  }
  return { ok: true, matchers: out };
}
