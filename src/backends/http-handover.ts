// A GET sent by one thread whose answer another thread reads as its own: the TUI's UI thread sends the first alert
// list request once its first frame is drawn, without waiting for the data worker's thread to start, and the
// worker's first refresh takes that answer instead of asking again (src/ui/data/ahead.ts). The body travels as it arrives,
// in transferred buffers, and is decoded on the receiving side, as directGet decodes its own.
import type http from 'node:http';
import { BodyText, directBody, expectAnswer, type DirectAnswer, type DirectGetOptions } from './http-direct.js';

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

/** Answers sent ahead to this thread and still arriving: what each of their parts is given to, by URL. */
const arriving = new Map<string, (part: HandoverPart) => void>();

/**
 * Readies this thread for the answer to `url` (its href) that another thread sends ahead: its parts go to
 * takePart, and the next directGet of the URL gets the answer.
 */
export function receiveAhead(url: string): void {
  const body = new BodyText();
  let settle!: { resolve: (a: DirectAnswer) => void; reject: (e: Error) => void };
  expectAnswer(url, new Promise<DirectAnswer>((resolve, reject) => (settle = { resolve, reject })));
  arriving.set(url, (p) => {
    if (p.part === 'data') return body.write(Buffer.from(p.bytes));
    arriving.delete(url);
    if (p.part === 'error')
      settle.reject(Object.assign(new Error(p.message), p.code === undefined ? {} : { code: p.code }));
    else {
      try {
        settle.resolve({ status: p.status, headers: p.headers, data: body.text() });
      } catch (e) {
        settle.reject(e as Error);
      }
    }
  });
}

/** Takes a part of an answer readied by receiveAhead (others are ignored); true when it was the answer's last. */
export function takePart(part: HandoverPart): boolean {
  const feed = arriving.get(part.url);
  if (!feed) return false;
  feed(part);
  return part.part !== 'data';
}
