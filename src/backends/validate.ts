// Validation of response bodies into typed values. A mismatch names the field, so "invalid response at
// [3].status.state" tells the user (and us) exactly what the server sent that we did not expect.
import type * as z from 'zod/mini';
import { BackendError } from './errors.js';
import type { HttpClient } from './http.js';

/** `prefix` names where `body` sits in the response, e.g. "data" for the inside of Prometheus' envelope. */
export function validate<T>(client: HttpClient, path: string, schema: z.ZodMiniType<T>, body: unknown, prefix = ''): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const keys = [...(prefix ? [prefix] : []), ...issue.path];
  const at =
    keys
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || '(top level)';
  throw new BackendError(
    client.backend,
    client.name,
    client.baseUrl + path,
    'invalid',
    `invalid response at ${at}: ${issue.message}`,
  );
}
