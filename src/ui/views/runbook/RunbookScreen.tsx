// The runbook view (slot 7): the selected incident's runbooks, step by step. It draws RunbookView with what the app
// supplies (./incident-runbooks.ts); a new incident starts a fresh view.
import type { ViewProps } from '../registry.js';
import { RunbookView } from './RunbookView.js';
import { useIncidentRunbooks } from './incident-runbooks.js';

export function RunbookScreen({ width, height }: ViewProps) {
  const { props, incidentId } = useIncidentRunbooks();
  return <RunbookView {...props} width={width} height={height} key={incidentId ?? 'none'} />;
}
