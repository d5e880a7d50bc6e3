// What a failed request means, in words a person can act on: a transport error (refused, timed out, TLS, a body
// over the size cap, …) as the kind of failure and the sentence that goes into the BackendError.
import type { AxiosError } from 'axios';
import type { BackendError } from './errors.js';
import { formatDuration } from '../domain/duration.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { formatBytes } from '../domain/bytes.js';

/** The code a body read past the size cap fails with. */
export const TOO_LARGE = 'ERR_ONCALL_TOO_LARGE';

export interface Failure {
  kind: ConstructorParameters<typeof BackendError>[3];
  detail: string;
}

const failure = (kind: Failure['kind'], detail: string): Failure => ({ kind, detail });

/** Error codes Node's TLS layer gives for a certificate it does not trust. */
const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The failure a transport error stands for; `maxBytes` and `timeoutMs` are the client's, named in the text. */
export function transportFailure(e: unknown, maxBytes: number, timeoutMs: number): Failure {
  const err = e as AxiosError & { code?: string };
  const code = err.code ?? (err.cause as NodeJS.ErrnoException | undefined)?.code;
  if (code && CERT_CODES.has(code)) {
    return failure(
      'tls',
      `TLS certificate not trusted (${code}); set tls.ca_file, or tls.insecure_skip_verify to opt out`,
    );
  }
  if (code?.startsWith('ERR_SSL_')) {
    const wantsCert = /CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|HANDSHAKE_FAILURE/.test(code);
    return failure(
      'tls',
      `TLS handshake failed (${code})${wantsCert ? '; the server may want a client certificate (tls.cert_file and tls.key_file)' : ''}`,
    );
  }
  if (code === TOO_LARGE || (code === 'ERR_BAD_RESPONSE' && /^maxContentLength size/.test(err.message ?? ''))) {
    return failure(
      'invalid',
      `the answer is larger than max_response_bytes (${formatBytes(maxBytes)}); stopped reading it: narrow the request, or raise max_response_bytes in the context's config`,
    );
  }
  if (code?.startsWith('HPE_'))
    return failure('network', `the server did not answer in HTTP (${code}); is the scheme (http/https) right?`);
  switch (code) {
    case 'ECONNREFUSED':
      return failure('refused', 'connection refused: is it running, and is the URL right?');
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
    case 'ERR_CANCELED':
      return failure(
        'timeout',
        `no answer within ${formatDuration(timeoutMs)} (timed out; raise it with --timeout or the timeout key)`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return failure('dns', `host name not found (${code})`);
    case 'ECONNRESET':
    case 'EPIPE':
      return failure('network', `the server closed the connection (${code}); is the scheme (http/https) right?`);
    case 'EHOSTUNREACH':
      return failure('network', `host unreachable (${code})`);
    case 'ENETUNREACH':
      return failure('network', `network unreachable (${code})`);
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return failure('tls', `TLS handshake failed (${code}); is the scheme (http/https) right?`);
    case 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED':
    case 'ERR_BAD_RESPONSE':
      return failure('invalid', `bad response: ${err.message}`);
    default:
      return failure('network', `request failed: ${sanitizeLine(code ?? err.message ?? String(e))}`);
  }
}
