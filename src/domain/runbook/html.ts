// An HTML runbook page (a wiki, a docs site) as markdown, so it is read by the same parser as a local runbook:
// headings become sections, lists and task lists (checkboxes) steps, `<pre><code class="language-promql">`
// a PromQL check, and links footnotes ("text [1]", listed under "Links" at the end). Turndown does the
// conversion on its own DOM; nothing of the page is run, and scripts, styles and site chrome are dropped.
import TurndownService from 'turndown';
import { isSafeWebUrl } from '../sanitize.js';

/** Elements that are never runbook text: code, styling and the site's navigation around the page. */
const DROPPED: readonly string[] = [
  'title',
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'nav',
  'header',
  'footer',
  'aside',
  'iframe',
  'object',
  'embed',
  'form',
  'button',
  'select',
  'textarea',
  'svg',
  'canvas',
];

/** Inside an element that is dropped (a link in the navigation): nothing is kept, not even a footnote. */
function dropped(node: Node): boolean {
  for (let n: Node | null = node.parentNode; n; n = n.parentNode)
    if (DROPPED.includes(n.nodeName.toLowerCase())) return true;
  return false;
}

function resolveHref(href: string, base: string): string | undefined {
  try {
    return new URL(href, base).toString();
  } catch {
    return undefined;
  }
}

/** Converts a page to markdown; `pageUrl` resolves relative links. */
export function htmlToMarkdown(html: string, pageUrl: string): string {
  const links: string[] = [];
  const td = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '*',
    hr: '---',
  });
  td.remove((node) => DROPPED.includes(node.nodeName.toLowerCase()));
  td.addRule('taskCheckbox', {
    filter: (node) =>
      node.nodeName === 'INPUT' && (node as HTMLInputElement).getAttribute('type')?.toLowerCase() === 'checkbox',
    replacement: (_c, node) => ((node as HTMLInputElement).hasAttribute('checked') ? '[x] ' : '[ ] '),
  });
  // Items as a person writes them ("- [ ] text", nested blocks indented to the text), not turndown's "-   ".
  td.addRule('listItem', {
    filter: 'li',
    replacement: (content, node) => {
      const parent = node.parentNode as HTMLElement | null;
      let prefix = '- ';
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? 1) || 1;
        prefix = `${start + Array.prototype.indexOf.call(parent.children, node)}. `;
      }
      const body = content
        .replace(/^\s+/, '')
        .replace(/^(\[[ x]\]) +/, '$1 ')
        .replace(/\n+$/, '\n')
        .replace(/[ \t]+$/gm, '');
      const indented = body.replace(/\n(?=.)/g, `\n${' '.repeat(prefix.length)}`);
      return prefix + indented + (node.nextSibling && !/\n$/.test(indented) ? '\n' : '');
    },
  });
  td.addRule('footnoteLink', {
    filter: (node) => node.nodeName === 'A' && !!(node as HTMLAnchorElement).getAttribute('href'),
    replacement: (content, node) => {
      if (dropped(node)) return '';
      const raw = (node as HTMLAnchorElement).getAttribute('href')!.trim();
      const text = content.trim();
      // In-page anchors (a heading's "#" permalink) and anything not http(s) stay text only.
      if (raw.startsWith('#')) return text === '#' || text === '¶' ? '' : text;
      const href = resolveHref(raw, pageUrl);
      if (!href || !isSafeWebUrl(href)) return text;
      let n = links.indexOf(href) + 1;
      if (!n) n = links.push(href);
      return `${text || href} \\[${n}\\]`;
    },
  });
  let md = td.turndown(html);
  if (links.length) md += `\n\n## Links\n\n${links.map((l, i) => `- \\[${i + 1}\\] <${l}>`).join('\n')}\n`;
  return md;
}

/** The page's <title>, when it has one, for a page without a heading of its own. */
export function htmlTitle(html: string): string | undefined {
  const m = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(html);
  return m?.[1]?.trim() || undefined;
}
