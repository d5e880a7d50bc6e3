// Pure parts of web runbooks and browserless links: source mappings (the built-in prometheus-operator one
// included), headers per prefix, the origin line, OSC 8/52 sequences, and when no browser can open.
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_SOURCES,
  headersFor,
  type HeaderRule,
  isMarkdownUrl,
  markdownSourceOf,
  originText,
} from '../src/domain/runbook/web-source.js';
import { clipboardCaveat, osc52, osc8 } from '../src/domain/terminal-links.js';
import { browserUnavailable } from '../src/backends/browser.js';
import { formatAge } from '../src/domain/duration.js';
import { htmlToMarkdown } from '../src/domain/runbook/html.js';
import { parseRunbook } from '../src/domain/runbook/parse.js';

describe('runbook source mappings', () => {
  it("maps a runbooks.prometheus-operator.dev page to its markdown in prometheus-operator/runbooks, named in the alert's case", () => {
    expect(BUILTIN_SOURCES).toHaveLength(1);
    expect(
      markdownSourceOf(
        'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
        [],
        'KubePodCrashLooping',
      ),
    ).toBe(
      'https://raw.githubusercontent.com/prometheus-operator/runbooks/main/content/runbooks/kubernetes/KubePodCrashLooping.md',
    );
    expect(
      markdownSourceOf(
        'https://runbooks.prometheus-operator.dev/runbooks/node/nodefilesystemspacefillingup/',
        [],
        'NodeFilesystemSpaceFillingUp',
      ),
    ).toBe(
      'https://raw.githubusercontent.com/prometheus-operator/runbooks/main/content/runbooks/node/NodeFilesystemSpaceFillingUp.md',
    );
    // Without the alert's name (or another one) the URL's own case is kept.
    expect(markdownSourceOf('https://runbooks.prometheus-operator.dev/runbooks/general/watchdog', [], 'Other')).toBe(
      'https://raw.githubusercontent.com/prometheus-operator/runbooks/main/content/runbooks/general/watchdog.md',
    );
  });

  it('configured mappings come first; without placeholders the rest of the URL is appended', () => {
    const gh = {
      prefix: 'https://github.com/acme/runbooks/blob/',
      markdown: 'https://raw.githubusercontent.com/acme/runbooks/',
    };
    expect(markdownSourceOf('https://github.com/acme/runbooks/blob/main/gpu/GPUMemoryOOM.md', [gh])).toBe(
      'https://raw.githubusercontent.com/acme/runbooks/main/gpu/GPUMemoryOOM.md',
    );
    const mine = {
      prefix: 'https://runbooks.prometheus-operator.dev/runbooks/',
      markdown: 'http://127.0.0.1:1/mirror/{path}.md',
    };
    expect(
      markdownSourceOf('https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubeapidown/?x=1#y', [mine]),
    ).toBe('http://127.0.0.1:1/mirror/kubernetes/kubeapidown.md');
    expect(markdownSourceOf('https://wiki.example.com/GPU', [gh])).toBeUndefined();
    expect(isMarkdownUrl('https://h/a/B.md?raw=1')).toBe(true);
    expect(isMarkdownUrl('https://h/a/B')).toBe(false);
  });

  it('headers per prefix: every matching rule, the longer prefix winning', () => {
    const rules: HeaderRule[] = [
      { prefix: 'https://wiki.example.com/', headers: { Authorization: 'Bearer a', 'X-A': '1' } },
      { prefix: 'https://wiki.example.com/private/', headers: { Authorization: 'Bearer b' } },
    ];
    expect(headersFor('https://wiki.example.com/private/x', rules)).toEqual({ Authorization: 'Bearer b', 'X-A': '1' });
    expect(headersFor('https://other.example.com/', rules)).toEqual({});
  });

  it('the origin line names the page, the source and the age, and says when the site failed', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const o = { url: 'https://p/x', source: 'https://s/x.md', fetchedAt: '2026-12-01T10:00:00Z' };
    expect(originText({ ...o, via: 'fetched' }, now, formatAge)).toBe(
      'web runbook from https://p/x (source https://s/x.md) · fetched 2h ago',
    );
    expect(originText({ ...o, via: 'cache', stale: 'connection refused' }, now, formatAge)).toBe(
      'web runbook from https://p/x (source https://s/x.md) · cached copy 2h old: the site failed (connection refused)',
    );
  });
});

describe('HTML runbooks', () => {
  it('resolves relative links, numbers each target once, and keeps no link that is not http(s)', () => {
    const md = htmlToMarkdown(
      '<p><a href="/a">one</a> <a href="javascript:alert(1)">two</a> <a href="/a">three</a> <a href="mailto:x@y">mail</a></p>',
      'https://wiki/x/y',
    );
    const rb = parseRunbook('p', md);
    const text = rb.doc
      .map((d) => (d.type === 'paragraph' || d.type === 'item' ? d.inline.map((p) => p.text).join('') : ''))
      .join('\n');
    expect(text).toContain('one [1] two three [1] mail');
    expect(text).toContain('[1] https://wiki/a');
    expect(text).not.toContain('javascript');
  });
});

describe('links without a browser', () => {
  it('knows when no browser can open', () => {
    expect(browserUnavailable({ DISPLAY: ':0' }, 'linux')).toBeUndefined();
    expect(browserUnavailable({}, 'linux')).toMatch(/no display/);
    expect(browserUnavailable({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBeUndefined();
    expect(browserUnavailable({ DISPLAY: ':0', SSH_CONNECTION: '1 2 3 4' }, 'linux')).toMatch(/SSH session/);
    expect(browserUnavailable({ SSH_TTY: '/dev/pts/1' }, 'darwin')).toMatch(/SSH session/);
    expect(browserUnavailable({}, 'darwin')).toBeUndefined();
    expect(browserUnavailable({ ONCALL_BROWSER: 'none', DISPLAY: ':0' }, 'linux')).toMatch(/ONCALL_BROWSER=none/);
  });

  it('OSC 8 and OSC 52 carry only a sanitized http(s) URL', () => {
    expect(osc8('https://h/x')).toBe('\u001b]8;;https://h/x\u001b\\https://h/x\u001b]8;;\u001b\\');
    expect(osc8('https://h/x\u001b]0;t\u0007y', 'go')).toBe('\u001b]8;;https://h/xy\u001b\\go\u001b]8;;\u001b\\');
    expect(osc8('javascript:alert(1)', 'x')).toBe('x');
    expect(osc52('https://h/x')).toBe(`\u001b]52;c;${Buffer.from('https://h/x').toString('base64')}\u0007`);
    expect(clipboardCaveat({ TMUX: '/tmp/tmux-0/default,1,0' })).toMatch(/set-clipboard on/);
    expect(clipboardCaveat({ STY: '1.pts' })).toMatch(/screen/);
    expect(clipboardCaveat({})).toMatch(/some terminals block it/);
  });
});
