// Secrets never reach the output. Two layers: URLs are shown without their user info or secret-looking query
// values (redactUrl), and every credential the program holds (tokens, passwords, secret header values) is
// noted here when the configuration is read, so that the output sinks (src/cli/output.ts, src/ui/text.tsx)
// replace it wherever it would appear: in a server's error text, an echoed URL or a log line.

/**
 * Configured headers whose values are shown (`config show`) and not treated as secrets: they name a tenant or
 * describe the request. Every other configured header (X-Api-Key, Private-Token, X-Vault-Token, a custom
 * Authorization…) is taken as a credential, since a header is how most gateways take one.
 */
export const PUBLIC_HEADERS = new Set(['x-scope-orgid', 'accept', 'accept-language', 'content-type', 'user-agent']);

export function isSecretHeader(name: string): boolean {
  return !PUBLIC_HEADERS.has(name.toLowerCase());
}

/** Query parameters whose values are credentials (`?token=…`, `?api_key=…`, signed URLs). */
const SECRET_PARAM = /token|key|secret|passw|pwd|auth|signature|sig$|credential|session/i;

export const REDACTED = '<redacted>';

/**
 * The URL without user info (`https://user:password@host` → `https://host`, or `https://<redacted>@host` with
 * `mark`) and with secret-looking query values replaced; unchanged when there is nothing to hide.
 */
export function redactUrl(raw: string, mark = false): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return raw.replace(/\/\/[^@/?#]*@/, mark ? `//${REDACTED}@` : '//');
  }
  let changed = false;
  if (u.username || u.password) {
    u.username = mark ? 'REDACTED' : '';
    u.password = '';
    changed = true;
  }
  for (const k of [...u.searchParams.keys()]) {
    if (SECRET_PARAM.test(k)) {
      u.searchParams.set(k, 'REDACTED');
      changed = true;
    }
  }
  if (!changed) return raw;
  return u
    .toString()
    .replace('//REDACTED@', `//${REDACTED}@`)
    .replace(/=REDACTED(?=&|#|$)/g, `=${REDACTED}`);
}

const held = new Set<string>();

/** Shorter values are not scrubbed from output: they would blank ordinary words. */
const MIN_SECRET = 4;

/** Notes a credential so that no output sink writes it. */
export function noteSecret(value: string | undefined): void {
  const v = value?.trim();
  if (v && v.length >= MIN_SECRET) held.add(v);
}

/** Notes the credentials of a backend's configuration: URL user info, password, token, secret headers. */
export function noteBackendSecrets(b: {
  url?: string;
  basic_auth?: { password?: string };
  bearer_token?: string;
  headers?: Record<string, string>;
}): void {
  try {
    const u = new URL(b.url ?? '');
    noteSecret(decodeURIComponent(u.password));
    // A user part without a password is usually a token (https://TOKEN@host).
    if (!u.password) noteSecret(decodeURIComponent(u.username));
    for (const [k, v] of u.searchParams) if (SECRET_PARAM.test(k)) noteSecret(v);
  } catch {
    /* not a URL: reported elsewhere */
  }
  noteSecret(b.basic_auth?.password);
  noteSecret(b.bearer_token);
  for (const [k, v] of Object.entries(b.headers ?? {}))
    if (isSecretHeader(k)) noteSecret(v.replace(/^(Bearer|Basic|token)\s+/i, ''));
}

/** Whether any credential was noted (scrubSecrets changes nothing until one is). */
export function holdsSecrets(): boolean {
  return held.size > 0;
}

/** `text` with every noted credential replaced by <redacted>. */
export function scrubSecrets(text: string): string {
  if (held.size === 0 || !text) return text;
  for (const v of held) if (text.includes(v)) text = text.split(v).join(REDACTED);
  return text;
}
