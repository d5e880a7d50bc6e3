import { describe, expect, it } from 'vitest';
import { clip, escapeJsonText, isSafeWebUrl, MAX_LINE, sanitizeLine, sanitizeText } from '../src/domain/sanitize.js';
import { findControl, HOSTILE, HOSTILE_LONG, HOSTILE_PARTS } from './helpers/hostile.js';

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;

describe('sanitizeText', () => {
  it('removes CSI sequences (colours, cursor moves, screen clears)', () => {
    expect(sanitizeText(`${ESC}[31mred${ESC}[0m`)).toBe('red');
    expect(sanitizeText(`a${ESC}[2J${ESC}[H${ESC}[10;20Hb`)).toBe('ab');
    expect(sanitizeText(`x${ESC}[?1049hy`)).toBe('xy');
  });

  it('removes OSC 52 clipboard writes and OSC window titles, with BEL or ST', () => {
    expect(sanitizeText(`before${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=${BEL}after`)).toBe('beforeafter');
    expect(sanitizeText(`before${ESC}]0;pwned title${ST}after`)).toBe('beforeafter');
    expect(sanitizeText(`link ${ESC}]8;;http://evil${ST}text${ESC}]8;;${ST}`)).toBe('link text');
  });

  it('removes an unterminated OSC to the end rather than letting it through', () => {
    expect(sanitizeText(`ok${ESC}]52;c;AAAA`)).toBe('ok');
  });

  it('removes DCS, SOS, PM and APC strings', () => {
    expect(sanitizeText(`a${ESC}P1$r0m${ST}b`)).toBe('ab');
    expect(sanitizeText(`a${ESC}Xsos${ST}b${ESC}^pm${ST}c${ESC}_apc${ST}d`)).toBe('abcd');
  });

  it('removes 8-bit C1 sequences and C1 controls', () => {
    expect(sanitizeText('a\u009b31mb')).toBe('ab');
    expect(sanitizeText('a\u009d0;title\u009cb')).toBe('ab');
    expect(sanitizeText('a\u009d52;c;AAAA\u0007b')).toBe('ab');
    expect(sanitizeText(`a\u009d0;title${ST}b`)).toBe('ab');
    expect(sanitizeText('a\u0090dcs\u009cb')).toBe('ab');
    expect(sanitizeText('a\u0085b\u008db')).toBe('abb');
  });

  it('removes two-byte escapes and other control characters, keeps newlines, expands tabs', () => {
    expect(sanitizeText(`a${ESC}cb${ESC}7c`)).toBe('abc');
    expect(sanitizeText('a\rb\bc\u0000d\u007fe')).toBe('abcde');
    expect(sanitizeText('line 1\nline 2\r\nline 3')).toBe('line 1\nline 2\nline 3');
    expect(sanitizeText('a\tb')).toBe('a  b');
  });

  it('removes bidi overrides, isolates and marks that reorder text', () => {
    expect(sanitizeText('safe\u202eexe.txt')).toBe('safeexe.txt');
    expect(sanitizeText('\u2066a\u2069\u2067b\u2069\u2068c\u2069')).toBe('abc');
    expect(sanitizeText('\u202aa\u202bb\u202cc\u202dd')).toBe('abcd');
    expect(sanitizeText('x\u200ey\u200fz\u061c')).toBe('xyz');
  });

  it('removes zero-width characters, the soft hyphen, the BOM, tag characters; separators become spaces', () => {
    expect(sanitizeText('a\u200bb\u200cc\u200dd\u2060e\ufefff\u00adg')).toBe('abcdefg');
    expect(sanitizeText('a\u2028b\u2029c')).toBe('a b c');
    expect(sanitizeText('a\u{e0041}\u{e0042}b')).toBe('ab');
  });

  it('replaces lone surrogates, keeps pairs', () => {
    expect(sanitizeText('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
    expect(sanitizeText('a\ud83d\ude00b')).toBe('a\ud83d\ude00b');
  });

  it('leaves nothing of the hostile corpus that a terminal acts on', () => {
    for (const [name, part] of Object.entries(HOSTILE_PARTS))
      expect(findControl(sanitizeText(`a${part}b`)), name).toBeUndefined();
    expect(findControl(sanitizeText(HOSTILE))).toBeUndefined();
    expect(sanitizeText(HOSTILE)).toContain('h13');
  });

  it('keeps ordinary Unicode text, including emoji joined with ZWJ', () => {
    const s = 'Modèle résumé — 模型 👩‍💻 ✓';
    expect(sanitizeText(s)).toBe(s);
    expect(sanitizeText('')).toBe('');
  });
});

describe('sanitizeLine', () => {
  it('puts everything on one line', () => {
    expect(sanitizeLine(`first\nsecond\r\nthird${ESC}[1m!`)).toBe('first second third!');
  });

  it('cuts absurd lengths with an ellipsis, never inside a surrogate pair', () => {
    const cut = sanitizeLine(HOSTILE_LONG);
    expect(cut.length).toBe(MAX_LINE);
    expect(cut.endsWith('…')).toBe(true);
    expect(findControl(cut)).toBeUndefined();
    expect(clip('x'.repeat(8) + '😀'.repeat(4), 10)).toBe('x'.repeat(8) + '…');
  });
});

describe('escapeJsonText', () => {
  it('writes invisible and C1 characters as escapes and keeps the data exact', () => {
    const json = escapeJsonText(JSON.stringify({ v: HOSTILE }));
    expect(findControl(json)).toBeUndefined();
    expect(JSON.parse(json)).toEqual({ v: HOSTILE });
    expect(escapeJsonText(JSON.stringify('a\u202eb'))).toBe('"a\\u202eb"');
  });
});

describe('isSafeWebUrl', () => {
  it('accepts http and https URLs', () => {
    expect(isSafeWebUrl('https://runbooks.example.com/gpu-oom')).toBe(true);
    expect(isSafeWebUrl('http://grafana:3000/d/abc?var=1')).toBe(true);
    expect(isSafeWebUrl('  https://example.com  ')).toBe(true);
  });

  it('rejects file:, javascript:, data: and other schemes, and non-URLs', () => {
    expect(isSafeWebUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeWebUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeWebUrl('JavaScript:alert(1)')).toBe(false);
    expect(isSafeWebUrl('data:text/html;base64,PHNjcmlwdD4=')).toBe(false);
    expect(isSafeWebUrl('ssh://host')).toBe(false);
    expect(isSafeWebUrl('vbscript:msgbox')).toBe(false);
    expect(isSafeWebUrl('/relative/path')).toBe(false);
    expect(isSafeWebUrl('not a url')).toBe(false);
    expect(isSafeWebUrl('')).toBe(false);
  });
});

describe('the product own sequences', () => {
  it('pass the sinks exactly as built, while every other sequence around them is stripped', async () => {
    const { osc8 } = await import('../src/domain/terminal-links.js');
    const { sanitizeKeepingOwn } = await import('../src/domain/sanitize.js');
    const link = osc8('https://runbooks.example.com/a', 'a');
    const hostile = `${ESC}]8;;https://evil.example/${ESC}\\x${ESC}]8;;${ESC}\\`;
    expect(sanitizeKeepingOwn(`see ${link} and ${hostile}${ESC}]52;c;AAAA${BEL}`)).toBe(`see ${link} and x`);
    expect(sanitizeKeepingOwn(`${ESC}[2Jplain`)).toBe('plain');
  });
});
