// The credentials a backend's config asks for, read once when its client is made: basic auth (inline, from a file
// or the URL's user part), a bearer token (inline, file or environment), TLS files, and the configured headers.
// Every secret read is noted, so the output sinks can scrub it.
import fs from 'node:fs';
import type https from 'node:https';
import { createRequire } from 'node:module';
import type { AxiosRequestConfig } from 'axios';
import type { BackendConfig } from './config/schema.js';
import { BackendError, type BackendKind } from './errors.js';
import { noteSecret } from '../domain/secrets.js';

export interface Credentials {
  headers: Record<string, string>;
  auth: AxiosRequestConfig['auth'];
  httpsAgent: https.Agent | undefined;
}

function readSecretFile(file: string, what: string, backend: BackendKind, name: string, url: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new BackendError(
      backend,
      name,
      url,
      'invalid',
      `cannot read ${what} file ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

/** What `cfg` asks to send, for the backend named `name` at `baseUrl` (named in errors, without credentials). */
export function credentialsOf(cfg: BackendConfig, backend: BackendKind, name: string, baseUrl: string): Credentials {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'User-Agent': 'oncall-tui',
    ...(cfg.headers ?? {}),
  };
  const u = new URL(cfg.url);
  let auth: AxiosRequestConfig['auth'];
  if (u.username) auth = { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
  if (cfg.basic_auth) {
    const password = cfg.basic_auth.password_file
      ? readSecretFile(cfg.basic_auth.password_file, 'password', backend, name, baseUrl)
      : (cfg.basic_auth.password ?? '');
    auth = { username: cfg.basic_auth.username, password };
    noteSecret(password);
  }
  let token = cfg.bearer_token;
  if (cfg.bearer_token_file) token = readSecretFile(cfg.bearer_token_file, 'bearer token', backend, name, baseUrl);
  if (cfg.bearer_token_env) {
    token = process.env[cfg.bearer_token_env];
    if (!token)
      throw new BackendError(
        backend,
        name,
        baseUrl,
        'invalid',
        `environment variable ${cfg.bearer_token_env} (bearer_token_env) is empty`,
      );
  }
  noteSecret(token);
  if (token) headers.Authorization = `Bearer ${token}`;
  let httpsAgent: https.Agent | undefined;
  if (cfg.tls) {
    const read = (f: string | undefined, what: string) =>
      f ? readSecretFile(f, what, backend, name, baseUrl) : undefined;
    // TLS loads only for a backend that configures it (about 4 ms before the first request otherwise).
    const { Agent } = createRequire(import.meta.url)('node:https') as typeof https;
    httpsAgent = new Agent({
      ca: read(cfg.tls.ca_file, 'CA'),
      cert: read(cfg.tls.cert_file, 'client certificate'),
      key: read(cfg.tls.key_file, 'client key'),
      rejectUnauthorized: cfg.tls.insecure_skip_verify !== true,
    });
  }
  return { headers, auth, httpsAgent };
}
