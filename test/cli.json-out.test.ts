import { describe, expect, it } from 'vitest';
import { jsonChunks, jsonSlices, LONG_LIST, MappedList } from '../src/cli/json-out.js';
import { escapeJsonText } from '../src/domain/sanitize.js';

const text = (v: unknown) => [...jsonSlices(v)].join('');
const alert = (i: number) => ({
  fingerprint: i.toString(16).padStart(16, '0'),
  labels: { alertname: 'GPUMemoryOOM', note: 'a "quoted"\nline' },
  silencedBy: [],
  gone: undefined,
});

describe('JSON output', () => {
  it('indents a small document exactly as JSON.stringify does', () => {
    const doc = { generatedAt: '2025-01-15T03:00:00.000Z', alerts: [alert(1), alert(2)], warnings: [] };
    expect(text(doc)).toBe(JSON.stringify(doc, null, 2) + '\n');
  });

  it('writes a long list one compact element per line, and the whole is the same JSON value', () => {
    const doc = {
      generatedAt: 'now',
      alerts: Array.from({ length: LONG_LIST + 5 }, (_, i) => alert(i)),
      warnings: ['w'],
      skipped: undefined,
    };
    const out = text(doc);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(doc)));
    const lines = out.split('\n');
    expect(lines[0]).toBe('{');
    expect(lines[1]).toBe('  "generatedAt": "now",');
    expect(lines[2]).toBe('  "alerts": [');
    expect(lines[3]).toBe(`    ${JSON.stringify(alert(0))},`);
    expect(lines.filter((l) => l.includes('"fingerprint"'))).toHaveLength(LONG_LIST + 5);
    expect(out).not.toContain('skipped');
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('handles a long list at the top level, with holes as null', () => {
    const list: unknown[] = Array.from({ length: LONG_LIST + 1 }, (_, i) => i);
    list[3] = undefined;
    expect(JSON.parse(text(list))).toEqual(JSON.parse(JSON.stringify(list)));
  });

  it('yields slices of bounded size for a large document', () => {
    const doc = { alerts: Array.from({ length: 20_000 }, (_, i) => alert(i)) };
    const slices = [...jsonSlices(doc)];
    expect(slices.length).toBeGreaterThan(1);
    for (const s of slices) expect(s.length).toBeLessThan(2 * (1 << 20));
    expect(JSON.parse(slices.join('')).alerts).toHaveLength(20_000);
  });

  it('writes a mapped list as the array it maps to, making each element only as it is written', () => {
    for (const length of [3, LONG_LIST + 5]) {
      const source = Array.from({ length }, (_, i) => i);
      let made = 0;
      const doc = {
        generatedAt: 'now',
        alerts: new MappedList(source, (i) => (made++, alert(i))),
      };
      const slices = jsonSlices(doc);
      const expected = { generatedAt: 'now', alerts: source.map(alert) };
      if (length > LONG_LIST) {
        // Lazily: the first slice is not asked for yet, so nothing is made.
        expect(made).toBe(0);
        const out = [...slices].join('');
        expect(out).toBe(text(expected));
        expect(made).toBe(length);
      } else {
        expect([...slices].join('')).toBe(JSON.stringify(expected, null, 2) + '\n');
      }
    }
  });

  it('gives the same text as UTF-8 chunks, cleaning exactly the pieces that are not plain ASCII', () => {
    const odd = (i: number) => ({ ...alert(i), labels: { alertname: 'Café', note: `zero\u200bwidth ${i}` } });
    const plain = (piece: string, bytes: number) => bytes === piece.length && !piece.includes('\x7f');
    for (const doc of [
      { alerts: [odd(1), alert(2)] },
      { generatedAt: 'now', alerts: Array.from({ length: 20_000 }, (_, i) => (i % 3 ? alert(i) : odd(i))) },
    ]) {
      const cleaned: string[] = [];
      const clean = (piece: string) => (cleaned.push(piece), escapeJsonText(piece));
      const chunks = [...jsonChunks(doc, clean, plain)];
      const out = Buffer.concat(chunks).toString('utf8');
      expect(out).toBe(escapeJsonText(text(doc)));
      expect(out).toContain('Café'); // not escaped: a letter, not a control
      expect(out).toContain('zero\\u200bwidth');
      expect(cleaned.every((p) => !plain(p, Buffer.byteLength(p)))).toBe(true);
      for (const c of chunks) expect(c.length).toBeLessThanOrEqual(1 << 20);
      if (doc.alerts.length > LONG_LIST) expect(chunks.length).toBeGreaterThan(1);
    }
  });
  it('fills a chunk again once the consumer says it is done with it, and only then', () => {
    const odd = (i: number) => ({ ...alert(i), labels: { alertname: 'Café', bell: '\u0007' } });
    const doc = { alerts: Array.from({ length: 20_000 }, (_, i) => (i % 5 ? alert(i) : odd(i))) };
    const plain = (piece: string, bytes: number) => bytes === piece.length && !piece.includes('\x7f');
    const expected = escapeJsonText(text(doc));
    // Consumed at once (as a file or a Linux pipe is written): each chunk is copied before the next is asked for.
    const copies: Buffer[] = [];
    const memory = new Set<ArrayBufferLike>();
    for (const c of jsonChunks(doc, escapeJsonText, plain, () => true)) {
      copies.push(Buffer.from(c));
      memory.add(c.buffer);
    }
    expect(Buffer.concat(copies).toString('utf8')).toBe(expected);
    expect(copies.length).toBeGreaterThan(2);
    expect(memory.size).toBeLessThan(copies.length);
    // Still queued (the consumer keeps them): every chunk is memory of its own, and all of them stay right.
    const kept = [...jsonChunks(doc, escapeJsonText, plain, () => false)];
    expect(new Set(kept.map((c) => c.buffer)).size).toBe(kept.length);
    expect(Buffer.concat(kept).toString('utf8')).toBe(expected);
  });

  it('writes a long list at the top level as chunks too, its elements one a line', () => {
    const odd = (i: number) => ({ ...alert(i), labels: { alertname: `Caf\u00e9 ${i}`, bell: '\u0007' } });
    const doc = Array.from({ length: LONG_LIST + 50 }, (_, i) => (i % 7 ? alert(i) : odd(i)));
    const plain = (piece: string, bytes: number) => bytes === piece.length && !piece.includes('\x7f');
    const out = Buffer.concat([...jsonChunks(doc, escapeJsonText, plain)]).toString('utf8');
    expect(out).toBe(escapeJsonText(text(doc)));
    expect(out.split('\n')[2]).toBe('  ' + JSON.stringify(alert(1)) + ',');
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
