// A GET straight over node:http(s), for reads that need no proxy: on the wire before axios could be loaded, the
// body decoded as it arrives (one copy of it), the size cap counted on the wire and again decompressed, and the
// whole answer bounded by the timeout. Redirects are handed back to the caller, which decides whether to follow.
// An answer that another thread asked for on this one's behalf (http-handover.ts) stands in for the request.
import http from 'node:http';
import type https from 'node:https';
import type zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import { TOO_LARGE } from './http-failure.js';

// TLS and the decompressors load when an https URL or a compressed answer needs them (about 5 ms before the
// request otherwise; Alertmanager on a port-forward needs neither).
const builtin = createRequire(import.meta.url);
const httpsModule = () => builtin('node:https') as typeof https;
const zlibModule = () => builtin('node:zlib') as typeof zlib;

export interface DirectGetOptions {
  headers: Record<string, string>;
  httpsAgent?: https.Agent;
  maxBytes: number;
  timeoutMs: number;
  /** Abandons the request (the caller no longer needs the answer), so that nothing waits on it. */
  signal?: AbortSignal;
}

export interface DirectAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  data: string;
}

/** Answers another thread asked for on this one's behalf (http-handover.ts), by URL, each taken once. */
const handedOver = new Map<string, Promise<DirectAnswer>>();

/** The next directGet of `url` (its href) gets `answer` instead of sending a request of its own. */
export function expectAnswer(url: string, answer: Promise<DirectAnswer>): void {
  answer.catch(() => undefined); // rejected before it is taken: the taker sees it
  handedOver.set(url, answer);
}

export function directGet(url: URL, o: DirectGetOptions): Promise<DirectAnswer> {
  const handed = handedOver.get(url.href);
  if (handed) {
    handedOver.delete(url.href);
    return o.signal ? abandonable(handed, o.signal) : handed;
  }
  const body = new BodyText();
  return directBody(url, o, (c) => body.write(c)).then(({ status, headers }) => ({
    status,
    headers,
    data: body.text(),
  }));
}

/**
 * A body's text, decoded as it arrives (a character split across packets is kept for the next one), so that each
 * packet's buffer is freed early and the whole body never exists twice as bytes: 20 MB less at the peak of a storm.
 */
export class BodyText {
  private readonly decoder = new StringDecoder('utf8');
  private readonly parts: string[] = [];

  write(chunk: Buffer): void {
    this.parts.push(this.decoder.write(chunk));
  }

  /** The whole text (once); a body too long for one string fails as one over the size cap. */
  text(): string {
    const tail = this.decoder.end();
    if (tail) this.parts.push(tail);
    try {
      return this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    } catch {
      // Longer than Node can hold as one string (only with a cap raised past what the schema allows).
      throw Object.assign(new Error('the answer is longer than one string can hold'), { code: TOO_LARGE });
    } finally {
      this.parts.length = 0;
    }
  }
}

const abandoned = () => Object.assign(new Error('the request was abandoned'), { code: 'ABORT_ERR' });

function abandonable<T>(answer: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abandoned());
  return new Promise<T>((resolve, reject) => {
    const abandon = () => reject(abandoned());
    signal.addEventListener('abort', abandon, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', abandon));
  });
}

/**
 * The GET itself: the body's bytes (decompressed) go to `onData` as they arrive; resolves with the status and
 * headers once the body has ended. A redirect resolves at once, without its body.
 */
export function directBody(
  url: URL,
  o: DirectGetOptions,
  onData: (chunk: Buffer) => void,
): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  const tls = url.protocol === 'https:';
  const limit = o.maxBytes;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      o.signal?.removeEventListener('abort', abandon);
      req.destroy();
      reject(e);
    };
    const abandon = () => fail(abandoned());
    // The whole answer, not only the wait between packets, as for axios requests.
    const deadline = setTimeout(
      () => fail(Object.assign(new Error(`timeout of ${o.timeoutMs}ms exceeded`), { code: 'ECONNABORTED' })),
      o.timeoutMs,
    );
    const client: Pick<typeof http, 'get'> = tls ? httpsModule() : http;
    const req = client.get(url, { headers: o.headers, agent: tls ? o.httpsAgent : undefined }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        settled = true;
        clearTimeout(deadline);
        o.signal?.removeEventListener('abort', abandon);
        resolve({ status, headers: res.headers });
        return;
      }
      const enc = String(res.headers['content-encoding'] ?? '')
        .trim()
        .toLowerCase();
      const body =
        enc === 'gzip' || enc === 'x-gzip'
          ? res.pipe(zlibModule().createGunzip())
          : enc === 'deflate'
            ? res.pipe(zlibModule().createInflate())
            : enc === 'br'
              ? res.pipe(zlibModule().createBrotliDecompress())
              : res;
      // Past the cap, reading stops: the socket and the decompressor are destroyed, so memory stays bounded
      // by the cap whatever the server sends.
      const tooLarge = () => {
        fail(Object.assign(new Error(`the answer is larger than ${limit} bytes`), { code: TOO_LARGE }));
        if (body !== res) body.destroy();
      };
      if (Number(res.headers['content-length']) > limit) return tooLarge();
      let wire = 0;
      if (body !== res)
        res.on('data', (c: Buffer) => {
          if ((wire += c.length) > limit) tooLarge();
        });
      let size = 0;
      body.on('data', (c: Buffer) => {
        if (settled) return;
        if ((size += c.length) > limit) tooLarge();
        else onData(c);
      });
      body.on('error', (e) =>
        fail(Object.assign(new Error(`undecodable ${enc} body (${e.message})`), { code: 'ERR_BAD_RESPONSE' })),
      );
      res.on('aborted', () =>
        fail(Object.assign(new Error('the server closed the connection mid-answer'), { code: 'ECONNRESET' })),
      );
      body.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        o.signal?.removeEventListener('abort', abandon);
        resolve({ status, headers: res.headers });
      });
    });
    req.on('error', fail);
    if (o.signal?.aborted) abandon();
    else o.signal?.addEventListener('abort', abandon, { once: true });
  });
}
