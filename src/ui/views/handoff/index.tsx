import type { ViewDef } from '../registry.js';
import { onDemand } from '../on-demand.js';
import { listNavigation } from '../extensions.js';

export const handoffView: ViewDef = {
  id: 'handoff',
  component: onDemand(async () => (await import('./HandoffView.js')).HandoffView),
  extensions: [listNavigation],
  keys: [
    { id: 'handoff.nextSection', keys: [']'], footer: 'section', description: 'next section of the report' },
    { id: 'handoff.previousSection', keys: ['['], description: 'previous section of the report' },
    {
      id: 'handoff.copy',
      keys: ['c'],
      footer: 'copy',
      description: 'copy the report as Markdown to the clipboard through the terminal (OSC 52)',
    },
    {
      id: 'handoff.window',
      keys: ['w'],
      footer: 'window',
      description: 'the window the report covers: 12h, 24h, 4h, 8h',
    },
  ],
};
