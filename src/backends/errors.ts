// Every backend failure becomes one of these: which backend, which URL, and what happened in words a person can
// act on. Nothing here may carry a credential: URLs are stripped of user info before they are stored.

import { OncallError } from '../domain/errors.js';

export type BackendKind = 'prometheus' | 'alertmanager';

export type FailureKind =
  | 'refused'
  | 'timeout'
  | 'dns'
  | 'tls'
  | 'network'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'http'
  | 'not-json'
  | 'invalid'
  | 'api';

export class BackendError extends OncallError {
  constructor(
    readonly backend: BackendKind,
    readonly backendName: string,
    readonly url: string,
    readonly failure: FailureKind,
    readonly detail: string,
    readonly status?: number,
  ) {
    super('backend', `${backend} ${backendName}: ${detail} (${url})`);
    this.name = 'BackendError';
  }

  /** Transient failures are retried for reads and shown as "unreachable" rather than "broken". */
  get transient(): boolean {
    return (
      this.failure === 'refused' ||
      this.failure === 'timeout' ||
      this.failure === 'network' ||
      (this.failure === 'http' && (this.status ?? 0) >= 500)
    );
  }
}

// One definition of what a shown URL hides (user info, secret query values), shared with the CLI and TUI.
export { redactUrl } from '../domain/secrets.js';
