import { describe, expect, it } from 'vitest';
import { isSecretHeader, noteBackendSecrets, redactUrl, scrubSecrets } from '../src/domain/secrets.js';
import { formatBytes, parseByteSize } from '../src/domain/bytes.js';
import { contextSchema } from '../src/backends/config/schema.js';

describe('redactUrl', () => {
  it('drops user info, a token in the user part, and secret query values; leaves other URLs as written', () => {
    expect(redactUrl('https://user:password@am.example.com/')).toBe('https://am.example.com/');
    expect(redactUrl('https://glpat-abcdef@git.example.com/api')).toBe('https://git.example.com/api');
    expect(redactUrl('https://user:pw@am.example.com', true)).toBe('https://<redacted>@am.example.com/');
    expect(redactUrl('https://p.example.com/?access_token=abc&x=1&api_key=k')).toBe(
      'https://p.example.com/?access_token=<redacted>&x=1&api_key=<redacted>',
    );
    expect(redactUrl('http://localhost:9093')).toBe('http://localhost:9093');
    expect(redactUrl('not a url://u:p@h')).toBe('not a url://h');
  });
});

describe('secret headers', () => {
  it('takes every header as a credential except a short public list', () => {
    for (const h of ['X-Api-Key', 'Private-Token', 'X-Vault-Token', 'Authorization', 'X-Custom'])
      expect(isSecretHeader(h)).toBe(true);
    for (const h of ['X-Scope-OrgID', 'x-scope-orgid', 'Accept', 'User-Agent']) expect(isSecretHeader(h)).toBe(false);
  });
});

describe('scrubSecrets', () => {
  it('replaces every noted credential of a backend, and nothing else', () => {
    noteBackendSecrets({
      url: 'https://tok-in-user-0001@h.example.com/?token=qtok-0002',
      basic_auth: { password: 'pw-0003' },
      bearer_token: 'bt-0004',
      headers: { 'X-Vault-Token': 'hvs.0005', 'X-Scope-OrgID': 'tenant-a', Authorization: 'Bearer bt-0006' },
    });
    const text = 'a tok-in-user-0001 b qtok-0002 c pw-0003 d bt-0004 e hvs.0005 f tenant-a g bt-0006';
    expect(scrubSecrets(text)).toBe(
      'a <redacted> b <redacted> c <redacted> d <redacted> e <redacted> f tenant-a g <redacted>',
    );
  });
});

describe('byte sizes', () => {
  it('reads numbers and units, and shows them back', () => {
    expect(parseByteSize('400MiB')).toBe(400 * 1024 ** 2);
    expect(parseByteSize('64 MB')).toBe(64e6);
    expect(parseByteSize(65536)).toBe(65536);
    expect(parseByteSize('1.5GiB')).toBe(1.5 * 1024 ** 3);
    for (const bad of ['', 'lots', '-1', '10XB', 0, 1.5]) expect(parseByteSize(bad)).toBeUndefined();
    expect(formatBytes(400 * 1024 ** 2)).toBe('400 MiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(12)).toBe('12 bytes');
  });

  it('the config takes max_response_bytes up to what Node can hold, for the context or one backend', () => {
    expect(
      contextSchema.safeParse({
        max_response_bytes: '400MiB',
        prometheus: { url: 'http://p', max_response_bytes: 1e6 },
      }).success,
    ).toBe(true);
    const r = contextSchema.safeParse({ max_response_bytes: '1GiB' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/expected a size up to 511MiB/);
  });
});
