// Web runbooks: the page a runbook_url annotation names (or its markdown source, through a mapping) fetched over
// HTTP with the same proxy rules as the backends (HTTP(S)_PROXY/NO_PROXY; loopback never proxied), parsed like a
// local runbook, and kept in a disk cache revalidated with ETag/Last-Modified, so a runbook read once is still
// there when the wiki is down. The page is untrusted: its size is capped and its text sanitized before parsing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';
import type { AxiosResponse } from 'axios';
import { isLoopbackHost } from './http.js';
import type { WebRunbooksConfig } from './config/schema.js';
import { parseDuration } from '../domain/duration.js';
import { sanitizeLine, sanitizeText } from '../domain/sanitize.js';
import { parseRunbook } from '../domain/runbook/parse.js';
import { headersFor, isMarkdownUrl, markdownSourceOf } from '../domain/runbook/web-source.js';
import type { Runbook } from '../domain/runbook/types.js';
import { OncallError } from '../domain/errors.js';

export type WebFormat = 'markdown' | 'html';

export interface WebRunbook {
  /** The page the alert links to. */
  url: string;
  /** What was fetched: the page, or its markdown source. */
  source: string;
  format: WebFormat;
  /** Parsed like a local runbook; its id is the page URL, so saved progress never mixes with a local file's. */
  runbook: Runbook;
  /** When the text was last fetched or confirmed unchanged (ISO). */
  fetchedAt: string;
  /** How the text was had: fetched now, confirmed unchanged (304), or read from the cache alone. */
  via: 'fetched' | 'revalidated' | 'cache';
  /** Why the site could not give it now, when the cached copy is shown instead. */
  stale?: string;
}

/** The page could not be had from the site or the cache (which, and why, in the message). */
export class WebRunbookError extends OncallError {
  constructor(message: string) {
    super('backend', message);
    this.name = 'WebRunbookError';
  }
}

export interface WebLoadOptions {
  /** The alert's name: mappings such as the prometheus-operator one name the source file after it. */
  alertname?: string;
  /** Bypass the cache: no conditional request; the cache is still the fallback when the site fails. */
  refresh?: boolean;
  /** Never touch the network: the cached copy or an error. */
  offline?: boolean;
  /** Bytes received so far, while a page downloads. */
  onProgress?(bytes: number): void;
  now?: () => Date;
  cacheDir?: string;
}

export const DEFAULT_WEB_SETTINGS: WebRunbooksConfig = {
  fetch: true,
  sources: [],
  headers: [],
  max_bytes: 1024 * 1024,
  timeout: '10s',
};

/** $ONCALL_CACHE_DIR, else $XDG_CACHE_HOME/oncall, else the platform's cache folder; web runbooks go in runbooks/. */
export function webCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.ONCALL_CACHE_DIR ||
    (env.XDG_CACHE_HOME ? path.join(env.XDG_CACHE_HOME, 'oncall') : envPaths('oncall', { suffix: '' }).cache);
  return path.join(base, 'runbooks');
}

interface CacheEntry {
  version: 1;
  source: string;
  etag?: string;
  lastModified?: string;
  contentType?: string;
  format: WebFormat;
  fetchedAt: string;
  body: string;
}

function cacheFile(dir: string, source: string): string {
  return path.join(dir, `${crypto.createHash('sha256').update(source).digest('hex').slice(0, 32)}.json`);
}

function readCache(dir: string, source: string): CacheEntry | undefined {
  try {
    const e = JSON.parse(fs.readFileSync(cacheFile(dir, source), 'utf8')) as CacheEntry;
    return e && e.version === 1 && e.source === source && typeof e.body === 'string' && typeof e.fetchedAt === 'string'
      ? e
      : undefined;
  } catch {
    return undefined; // none yet, or unreadable: fetched anew
  }
}

/** Written whole to a temporary file and renamed, so a crash never leaves half an entry; 0600, as pages may be private. */
function writeCache(dir: string, e: CacheEntry): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = cacheFile(dir, e.source);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(e), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function formatOf(source: string, mapped: boolean, contentType: string, body: string): WebFormat | undefined {
  const ct = contentType.split(';')[0]!.trim().toLowerCase();
  if (mapped || isMarkdownUrl(source) || ct === 'text/markdown' || ct === 'text/x-markdown') return 'markdown';
  if (ct === 'text/html' || ct === 'application/xhtml+xml' || (!ct && /^\s*</.test(body))) return 'html';
  if (ct === 'text/plain' || !ct) return 'markdown';
  return undefined;
}

/**
 * The cached text as a runbook: sanitized first (the cache holds what the site sent), then parsed. The HTML
 * converter (turndown and its DOM) loads only for an HTML page, so opening the TUI does not pay for it.
 */
async function toRunbook(url: string, e: CacheEntry): Promise<Runbook> {
  const text = sanitizeText(e.body);
  let md = text;
  let title: string | undefined;
  if (e.format === 'html') {
    const { htmlToMarkdown, htmlTitle } = await import('../domain/runbook/html.js');
    md = sanitizeText(htmlToMarkdown(text, e.source));
    title = htmlTitle(text);
  }
  const r = parseRunbook(url, md);
  return { ...r, id: url, title: sanitizeLine(r.title === r.id && title ? title : r.title) };
}

function describeFailure(e: unknown, source: string, maxBytes: number, timeoutMs: number): string {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host ${new URL(source).hostname} not found`;
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
    case 'ERR_CANCELED':
      return `no answer within ${timeoutMs / 1000}s`;
    case 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED':
    case 'ERR_BAD_RESPONSE':
      return /maxContentLength|exceeded/i.test(err.message ?? '')
        ? `the page is larger than ${maxBytes} bytes (runbooks.max_bytes)`
        : `bad response: ${sanitizeLine(err.message ?? '')}`;
    default:
      return sanitizeLine(code ? `${code}: ${err.message ?? ''}` : (err.message ?? String(e))).slice(0, 200);
  }
}

const inflight = new Map<string, Promise<WebRunbook>>();

/**
 * The web runbook of a page URL, from the site or the cache. Throws WebRunbookError (saying what failed and
 * where) only when neither can give it. Concurrent calls for the same page share one request.
 */
export function loadWebRunbook(
  url: string,
  settings: WebRunbooksConfig = DEFAULT_WEB_SETTINGS,
  opts: WebLoadOptions = {},
): Promise<WebRunbook> {
  const key = `${url}\u0000${opts.refresh ? 'r' : ''}${opts.offline ? 'o' : ''}`;
  let p = inflight.get(key);
  if (!p) {
    p = load(url, settings, opts).finally(() => inflight.delete(key));
    inflight.set(key, p);
  }
  return p;
}

async function load(url: string, settings: WebRunbooksConfig, opts: WebLoadOptions): Promise<WebRunbook> {
  const now = opts.now ?? (() => new Date());
  const dir = opts.cacheDir ?? webCacheDir();
  const mapped = markdownSourceOf(url, settings.sources, opts.alertname);
  const source = mapped ?? url;
  const cached = readCache(dir, source);
  const fromCache = async (stale: string | undefined): Promise<WebRunbook> => ({
    url,
    source,
    format: cached!.format,
    runbook: await toRunbook(url, cached!),
    fetchedAt: cached!.fetchedAt,
    via: 'cache',
    stale,
  });
  if (opts.offline) {
    if (cached) return fromCache(undefined);
    throw new WebRunbookError(`${sanitizeLine(url)}: not fetched, and no copy in the cache (${dir})`);
  }
  const timeoutMs = parseDuration(settings.timeout);
  const maxBytes = settings.max_bytes;
  let res: AxiosResponse<string>;
  try {
    const { default: axios } = await import('axios');
    const headers: Record<string, string> = {
      'User-Agent': 'oncall-tui',
      Accept: 'text/markdown, text/plain;q=0.9, text/html;q=0.8, */*;q=0.1',
      ...headersFor(source, settings.headers),
    };
    if (cached && !opts.refresh) {
      if (cached.etag) headers['If-None-Match'] = cached.etag;
      if (cached.lastModified) headers['If-Modified-Since'] = cached.lastModified;
    }
    res = await axios.get<string>(source, {
      headers,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      timeout: timeoutMs,
      // The whole answer, not only the wait between packets: a site that trickles bytes still ends.
      signal: AbortSignal.timeout(timeoutMs),
      maxContentLength: maxBytes,
      maxRedirects: 5,
      ...(isLoopbackHost(new URL(source).hostname) ? { proxy: false as const } : {}),
      onDownloadProgress: opts.onProgress ? (e) => opts.onProgress!(e.loaded) : undefined,
    });
  } catch (e) {
    const why = describeFailure(e, source, maxBytes, timeoutMs);
    if (cached) return fromCache(why);
    throw new WebRunbookError(`${sanitizeLine(source)}: ${why}`);
  }
  if (res.status === 304 && cached) {
    const entry = { ...cached, fetchedAt: now().toISOString() };
    try {
      writeCache(dir, entry);
    } catch {
      /* the copy in memory is still current */
    }
    return {
      url,
      source,
      format: entry.format,
      runbook: await toRunbook(url, entry),
      fetchedAt: entry.fetchedAt,
      via: 'revalidated',
    };
  }
  const body = typeof res.data === 'string' ? res.data : '';
  if (res.status < 200 || res.status >= 300) {
    const why = `HTTP ${res.status}${res.status === 401 || res.status === 403 ? ' (does this site need a token? see runbooks.headers)' : ''}`;
    if (cached) return fromCache(why);
    throw new WebRunbookError(`${sanitizeLine(source)}: ${why}`);
  }
  const contentType = String(res.headers['content-type'] ?? '');
  const format = formatOf(source, mapped !== undefined, contentType, body);
  if (!format) {
    const why = `not a runbook page (content type ${sanitizeLine(contentType)})`;
    if (cached) return fromCache(why);
    throw new WebRunbookError(`${sanitizeLine(source)}: ${why}`);
  }
  const header = (h: string) => (typeof res.headers[h] === 'string' ? (res.headers[h] as string) : undefined);
  const entry: CacheEntry = {
    version: 1,
    source,
    etag: header('etag'),
    lastModified: header('last-modified'),
    contentType,
    format,
    fetchedAt: now().toISOString(),
    body,
  };
  try {
    writeCache(dir, entry);
  } catch {
    // An unwritable cache folder only means no offline copy; the page is still shown.
  }
  return { url, source, format, runbook: await toRunbook(url, entry), fetchedAt: entry.fetchedAt, via: 'fetched' };
}

/** Whether a runbook URL answers (for `runbook lint --check-urls`): undefined when it does, else why not. */
export async function checkRunbookUrl(
  url: string,
  settings: WebRunbooksConfig = DEFAULT_WEB_SETTINGS,
  alertname?: string,
): Promise<string | undefined> {
  const source = markdownSourceOf(url, settings.sources, alertname) ?? url;
  const timeoutMs = parseDuration(settings.timeout);
  try {
    const { default: axios } = await import('axios');
    const res = await axios.get(source, {
      headers: { 'User-Agent': 'oncall-tui', ...headersFor(source, settings.headers) },
      responseType: 'stream',
      validateStatus: () => true,
      timeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
      maxRedirects: 5,
      ...(isLoopbackHost(new URL(source).hostname) ? { proxy: false as const } : {}),
    });
    (res.data as NodeJS.ReadableStream & { destroy?(): void }).destroy?.(); // only the status is wanted
    if (res.status >= 200 && res.status < 300) return undefined;
    return `HTTP ${res.status}${source !== url ? ` from its source ${sanitizeLine(source)}` : ''}`;
  } catch (e) {
    return `${describeFailure(e, source, settings.max_bytes, timeoutMs)}${source !== url ? ` (source ${sanitizeLine(source)})` : ''}`;
  }
}
