// A GET sent by one thread whose answer another thread reads as its own: the TUI's UI thread sends the first alert
// list request once its first frame is drawn, without waiting for the data worker's thread to start, and the
// worker's first refresh takes that answer instead of asking again (src/ui/data/ahead.ts). The body travels as it arrives,
// in transferred buffers, and is decoded on the receiving side, as directGet decodes its own.
import { StringDecoder } from 'node:string_decoder';
import type http from 'node:http';
import { directBody, expectAnswer, joined, type DirectAnswer, type DirectGetOptions } from './http-direct.js';

/** One piece of a handed-over answer, for structured cloning: the body's bytes, then its end or the failure. */
export type HandoverPart =
  | { url: string; part: 'data'; bytes: ArrayBuffer }
  | { url: string; part: 'end'; status: number; headers: http.IncomingHttpHeaders }
  | { url: string; part: 'error'; message: string; code?: string };

/** Sends GET `url` as directGet would; each part of the answer goes to `post` with the buffers to transfer. */
export function sendAhead(
  url: URL,
  o: DirectGetOptions,
  post: (part: HandoverPart, transfer: ArrayBuffer[]) => void,
): void {
  const href = url.href;
  directBody(url, o, (c) => {
    // A copy of its own: a socket's chunk may share its memory with other data, which must not move.
    const bytes = new Uint8Array(c).buffer;
    post({ url: href, part: 'data', bytes }, [bytes]);
  }).then(
    ({ status, headers }) => post({ url: href, part: 'end', status, headers }, []),
    (e: unknown) => {
      // The code is what the receiving client words its error from (http-failure.ts).
      const err = e as { message?: string; code?: unknown; cause?: { code?: unknown } };
      const code = err?.code ?? err?.cause?.code;
      post(
        { url: href, part: 'error', message: err?.message ?? String(e), ...(typeof code === 'string' ? { code } : {}) },
        [],
      );
    },
  );
}

/**
 * Readies this thread for the answer to `url` (its href) that another thread sent ahead: the next directGet of it
 * gets that answer. Returns what to feed each part to; it says true once the answer is complete.
 */
export function receiveAhead(url: string): (part: HandoverPart) => boolean {
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  let settle!: { resolve: (a: DirectAnswer) => void; reject: (e: Error) => void };
  expectAnswer(url, new Promise<DirectAnswer>((resolve, reject) => (settle = { resolve, reject })));
  return (p) => {
    if (p.part === 'data') {
      parts.push(decoder.write(Buffer.from(p.bytes)));
      return false;
    }
    if (p.part === 'error') {
      parts.length = 0;
      settle.reject(Object.assign(new Error(p.message), p.code === undefined ? {} : { code: p.code }));
      return true;
    }
    const tail = decoder.end();
    if (tail) parts.push(tail);
    try {
      settle.resolve({ status: p.status, headers: p.headers, data: joined(parts) });
    } catch (e) {
      settle.reject(e as Error);
    }
    return true;
  };
}
