// What writing a silence reports, cluster by cluster: the copies written or found, the clusters that failed, how
// each replica confirmed the change; and the error for an ID that no Alertmanager of the context holds.
import { OncallError } from '../domain/errors.js';
import type { ClusterLayout } from './silence-clusters.js';

export interface Confirmation {
  name: string;
  url: string;
  state: 'confirmed' | 'missing' | 'unreachable';
  detail?: string;
}

/** One cluster's copy of a logical silence after a write. */
export interface ClusterWrite {
  cluster: string;
  id: string;
  /** An identical silence already existed there; nothing was posted. */
  existed: boolean;
  /** On update, the ID this copy had before (Alertmanager may assign a new one). */
  replacedId?: string;
  /** The Alertmanager the request went to. */
  postedTo?: string;
}

/** A cluster where the write did not happen (or may not have), and why. */
export interface ClusterFailure {
  cluster: string;
  error: Error;
  /** What the failure may mean, when oncall cannot tell. */
  hint?: string;
}

export interface WriteResult {
  /** The first cluster's ID (the only one with a single cluster). */
  id: string;
  /** Every cluster's copy, in configured order. */
  copies: ClusterWrite[];
  failed: ClusterFailure[];
  /** Identical silences already existed everywhere; nothing was posted. */
  existed: boolean;
  /** On update, the ID the named silence had before. */
  replacedId?: string;
  postedTo: string[];
  confirmations: Confirmation[];
}

export interface ExpireResult {
  copies: ClusterWrite[];
  failed: ClusterFailure[];
  confirmations: Confirmation[];
}

export interface SilenceWriterOptions {
  /** How long to wait for every replica to show a change (ms). */
  propagationTimeoutMs?: number;
  pollMs?: number;
  /** After a timed-out post, how long to keep looking for it before posting again (ms). */
  settleMs?: number;
  /** Times within this of each other count as the same request (ms). */
  identicalToleranceMs?: number;
  now?: () => number;
  layout?: ClusterLayout;
}

export class SilenceNotFoundError extends OncallError {
  constructor(readonly id: string) {
    super('not-found', `no silence ${id} on any Alertmanager of the context`, {
      hint: 'see: oncall silence ls --expired',
    });
    this.name = 'SilenceNotFoundError';
  }
}
