// Layout of untrusted runbook text: a word longer than the line (a long URL, a page of "xxxx…") is cut over
// several rows and never stalls the view; the URL pane cuts a URL into lines of its width.
import { describe, expect, it } from 'vitest';
import { wrapSegs } from '../src/ui/views/runbook/rows.js';
import { render } from 'ink-testing-library';
import { Text } from 'ink';
import { urlChunks } from '../src/ui/overlays/url-pane.js';
import { osc8 } from '../src/domain/terminal-links.js';

describe('runbook rows', () => {
  it('cuts a word longer than the line after a prefix, keeping every character', () => {
    const word = 'x'.repeat(100);
    const lines = wrapSegs(
      [{ text: `Slow step 1: ${word}`, style: 'text' }],
      60,
      [
        { text: '[ ]', style: 'text' },
        { text: ' 1. ', style: 'muted' },
      ],
      7,
    );
    const texts = lines.map((l) => l.map((s) => s.text).join(''));
    expect(texts[0]).toBe('[ ] 1. Slow step 1:');
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(60);
    expect(
      texts
        .slice(1)
        .map((t) => t.trim())
        .join(''),
    ).toBe(word);
  });

  it('urlChunks covers the whole URL', () => {
    const url = `https://wiki.example.com/${'a'.repeat(95)}`;
    const chunks = urlChunks(url, 40);
    expect(chunks.join('')).toBe(url);
    expect(Math.max(...chunks.map((c) => c.length))).toBe(40);
  });

  it('Ink passes the OSC 8 hyperlink of the URL pane through to the terminal', () => {
    const r = render(<Text wrap="truncate">{osc8('https://wiki.example.com/rb', 'https://wiki.example.com/rb')}</Text>);
    expect(r.lastFrame()).toBe(
      '\u001b]8;;https://wiki.example.com/rb\u001b\\https://wiki.example.com/rb\u001b]8;;\u001b\\',
    );
    r.unmount();
  });
});
