// Reads a runbook file: frontmatter, then the markdown body with `marked`'s lexer into sections, checklist
// steps and their code blocks, keeping file line numbers for lint messages and for views.
import { Lexer, type Token, type Tokens } from 'marked';
import { parseFrontmatter } from './frontmatter.js';
import { parseExpectation, parseFenceInfo } from './expect.js';
import type { CodeBlock, DocBlock, Inline, Problem, Runbook, Section, Step } from './types.js';

const SHELL_LANGS = new Set([
  'sh',
  'shell',
  'bash',
  'zsh',
  'console',
  'shell-session',
  'fish',
  'powershell',
  'ps1',
  'cmd',
]);

function decodeEntities(s: string): string {
  return s.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!,
  );
}

/** Inline markdown → pieces. Images become their alt text; raw HTML is shown as text, never interpreted. */
export function inlinePieces(tokens: Token[] | undefined, style?: Inline['style']): Inline[] {
  const out: Inline[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
      case 'em':
        out.push(...inlinePieces((t as Tokens.Strong).tokens, t.type));
        break;
      case 'codespan':
        out.push({ text: decodeEntities((t as Tokens.Codespan).text), style: 'code' });
        break;
      case 'link': {
        const l = t as Tokens.Link;
        out.push({
          text:
            inlinePieces(l.tokens)
              .map((p) => p.text)
              .join('') || l.href,
          style: 'link',
          href: l.href,
        });
        break;
      }
      case 'image':
        out.push({ text: (t as Tokens.Image).text, style });
        break;
      case 'br':
        out.push({ text: ' ', style });
        break;
      case 'del':
        out.push(...inlinePieces((t as Tokens.Del).tokens, style));
        break;
      case 'text': {
        const tt = t as Tokens.Text;
        if (tt.tokens?.length) out.push(...inlinePieces(tt.tokens, style));
        else out.push({ text: decodeEntities(tt.text), style });
        break;
      }
      default:
        out.push({ text: decodeEntities((t as { text?: string }).text ?? t.raw), style });
    }
  }
  // Soft line breaks inside a paragraph read as spaces.
  return out.map((p) => ({ ...p, text: p.text.replace(/\s*\n\s*/g, ' ') }));
}

export function inlineText(pieces: Inline[]): string {
  return pieces
    .map((p) => p.text)
    .join('')
    .trim();
}

function lexInline(md: string): Inline[] {
  return inlinePieces(new Lexer().inlineTokens(md));
}

function piecesOf(t: Token): Inline[] {
  const toks = (t as Tokens.Text).tokens;
  return toks ? inlinePieces(toks) : lexInline(t.raw);
}

interface Ctx {
  src: string;
  bodyLine: number;
  problems: Problem[];
  sections: Section[];
  steps: Step[];
  loose: CodeBlock[];
  doc: DocBlock[];
  title?: string;
  section: string;
  /** The step that code blocks at the top level attach to, until the next heading. */
  openStep?: Step;
  stepKeys: Map<string, number>;
}

function lineAt(ctx: Ctx, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset && i < ctx.src.length; i++) if (ctx.src.charCodeAt(i) === 10) n++;
  return ctx.bodyLine + n;
}

/** Finds the next fence opening line at or after `from`; returns its offset and indentation. */
function findFence(ctx: Ctx, from: number, to: number): { offset: number; indent: number } | null {
  const re = /^([ \t>]*)(`{3,}|~{3,})/gm;
  re.lastIndex = from;
  const m = re.exec(ctx.src);
  if (!m || m.index >= to) return null;
  return { offset: m.index, indent: m[1]!.length };
}

function codeBlock(ctx: Ctx, tok: Tokens.Code, from: number, to: number): { block: CodeBlock; end: number } {
  const fence = findFence(ctx, from, to);
  const offset = fence?.offset ?? from;
  const line = lineAt(ctx, offset);
  const info = parseFenceInfo(tok.lang ?? '');
  const lang = info.lang;
  const kind: CodeBlock['kind'] = lang === 'promql' ? 'promql' : SHELL_LANGS.has(lang) ? 'shell' : 'other';
  const block: CodeBlock = { kind, lang, code: tok.text, line, indent: fence?.indent ?? 0 };
  if (info.error) ctx.problems.push({ line, severity: 'error', message: info.error });
  const exp = info.attrs.expect;
  if (exp !== undefined) {
    if (kind !== 'promql')
      ctx.problems.push({
        line,
        severity: 'warning',
        message: `expect= only applies to promql blocks; this is a ${lang || 'plain'} block`,
      });
    try {
      block.expect = parseExpectation(exp);
    } catch (e) {
      block.expectError = (e as Error).message;
      ctx.problems.push({ line, severity: 'error', message: block.expectError });
    }
  }
  // Move past this fence so the next search finds the following one.
  const close = ctx.src.indexOf('\n', offset);
  return { block, end: close < 0 ? to : close + 1 };
}

function stepKey(ctx: Ctx, text: string): string {
  const base =
    text
      .toLowerCase()
      .replace(/[^a-z0-9$]+/g, ' ')
      .trim()
      .slice(0, 80) || 'step';
  const n = (ctx.stepKeys.get(base) ?? 0) + 1;
  ctx.stepKeys.set(base, n);
  return n === 1 ? base : `${base} #${n}`;
}

function walkList(ctx: Ctx, list: Tokens.List, start: number, depth: number): void {
  let cursor = start;
  let n = Number(list.start || 1);
  for (const item of list.items) {
    const at = ctx.src.indexOf(item.raw, cursor);
    const itemStart = at >= 0 ? at : cursor;
    const itemEnd = itemStart + item.raw.length;
    cursor = itemEnd;
    const line = lineAt(ctx, itemStart);
    const head: Token[] = [];
    let i = 0;
    const toks = item.tokens.filter((t) => t.type !== 'checkbox');
    while (i < toks.length && (toks[i]!.type === 'text' || toks[i]!.type === 'paragraph')) head.push(toks[i++]!);
    const inline = head.flatMap((t, k) => [...(k ? [{ text: ' ' }] : []), ...piecesOf(t)]);
    // In a loose list (a blank line inside the item) marked leaves the box in the item's text as well.
    if (item.task && inline[0]) inline[0] = { ...inline[0], text: inline[0].text.replace(/^\s*\[[ xX]\]\s+/, '') };
    let step: Step | undefined;
    if (item.task) {
      const text = inlineText(inline);
      step = {
        index: ctx.steps.length,
        key: stepKey(ctx, text),
        text,
        inline,
        line,
        section: ctx.section,
        blocks: [],
        checkedInFile: !!item.checked,
      };
      ctx.steps.push(step);
      ctx.doc.push({ type: 'step', step: step.index, depth, line });
      ctx.openStep = step;
    } else {
      ctx.doc.push({ type: 'item', inline, depth, bullet: list.ordered ? `${n}.` : '•', line });
    }
    n++;
    let inner = itemStart;
    for (; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.type === 'code') {
        const { block, end } = codeBlock(ctx, t as Tokens.Code, inner, itemEnd);
        inner = end;
        if (step) step.blocks.push(block);
        else ctx.loose.push(block);
        ctx.doc.push({ type: 'code', block, step: step?.index });
      } else if (t.type === 'list') {
        const at2 = ctx.src.indexOf(t.raw.split('\n')[0]!, inner);
        walkList(ctx, t as Tokens.List, at2 >= 0 ? at2 : inner, depth + 1);
        inner = at2 >= 0 ? at2 + 1 : inner;
      } else if (t.type === 'text' || t.type === 'paragraph') {
        ctx.doc.push({ type: 'paragraph', inline: piecesOf(t), line: lineAt(ctx, inner) });
      }
    }
  }
}

function walk(ctx: Ctx, tokens: Token[]): void {
  let offset = 0;
  for (const t of tokens) {
    const at = ctx.src.indexOf(t.raw, offset);
    const start = at >= 0 ? at : offset;
    const end = start + t.raw.length;
    const line = lineAt(ctx, start);
    switch (t.type) {
      case 'heading': {
        const h = t as Tokens.Heading;
        const inline = inlinePieces(h.tokens);
        const text = inlineText(inline);
        if (h.depth === 1 && ctx.title === undefined) ctx.title = text;
        else {
          ctx.sections.push({ title: text, level: h.depth, line });
          ctx.section = text;
        }
        ctx.openStep = undefined;
        ctx.doc.push({ type: 'heading', depth: h.depth, inline, line });
        break;
      }
      case 'list':
        walkList(ctx, t as Tokens.List, start, 0);
        break;
      case 'code': {
        const { block } = codeBlock(ctx, t as Tokens.Code, start, end);
        const step = ctx.openStep;
        if (step) step.blocks.push(block);
        else ctx.loose.push(block);
        ctx.doc.push({ type: 'code', block, step: step?.index });
        break;
      }
      case 'paragraph':
        ctx.doc.push({ type: 'paragraph', inline: inlinePieces((t as Tokens.Paragraph).tokens), line });
        break;
      case 'blockquote':
        ctx.doc.push({ type: 'paragraph', inline: lexInline((t as Tokens.Blockquote).text), line, quote: true });
        break;
      case 'hr':
        ctx.doc.push({ type: 'rule', line });
        break;
      case 'table': {
        // Tables are shown row by row as plain text; runbooks rarely need more.
        const tb = t as Tokens.Table;
        const row = (cells: Tokens.TableCell[]) => cells.map((c) => inlineText(inlinePieces(c.tokens))).join(' │ ');
        ctx.doc.push({ type: 'paragraph', inline: [{ text: row(tb.header), style: 'strong' }], line });
        tb.rows.forEach((r, k) => ctx.doc.push({ type: 'paragraph', inline: [{ text: row(r) }], line: line + 2 + k }));
        break;
      }
      case 'html':
        ctx.doc.push({ type: 'paragraph', inline: [{ text: t.raw.trim() }], line });
        break;
      default:
        break;
    }
    offset = end;
  }
}

function idOf(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.md$/i, '');
}

/** Parses a runbook file. Never throws: problems are collected with their lines. */
export function parseRunbook(path: string, text: string): Runbook {
  const normalized = text.replace(/\r\n?/g, '\n');
  const fm = parseFrontmatter(normalized);
  const ctx: Ctx = {
    src: fm.body,
    bodyLine: fm.bodyLine,
    problems: [...fm.problems],
    sections: [],
    steps: [],
    loose: [],
    doc: [],
    section: '',
    stepKeys: new Map(),
  };
  walk(ctx, new Lexer({ gfm: true }).lex(fm.body));
  const id = idOf(path);
  return {
    id,
    path,
    text: normalized,
    body: fm.body,
    bodyLine: fm.bodyLine,
    meta: fm.meta,
    matchers: fm.matchers,
    alertLines: fm.alertLines,
    title: fm.meta.title ?? ctx.title ?? id,
    sections: ctx.sections,
    steps: ctx.steps,
    looseBlocks: ctx.loose,
    doc: ctx.doc,
    problems: ctx.problems,
  };
}
