import { describe, expect, it } from 'vitest';
import { configSchema, contextSchema } from '../src/backends/config/schema.js';
import { emptyConfig, emptyContextSettings } from '../src/backends/config/defaults.js';

// With no config file the schema is not loaded: its defaults are written out in defaults.ts, and must stay equal.
describe('config defaults without the schema', () => {
  it('an empty file', () => {
    expect(emptyConfig()).toEqual(configSchema.parse({}));
  });

  it('an empty context', () => {
    expect(emptyContextSettings()).toEqual(contextSchema.parse({}));
  });

  it('each call gives a fresh value, so a caller that changes it changes no one else', () => {
    const a = emptyContextSettings();
    a.layer_labels.push('tier');
    expect(emptyContextSettings().layer_labels).toEqual(['layer', 'alert_type']);
  });
});
