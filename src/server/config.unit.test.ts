import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });
  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });
});

describe('empty variables', () => {
  it('treats VAR= as not set', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).databaseUrl).toBeUndefined();
  });
});

describe('TRUST_PROXY', () => {
  it('is off by default and when set to false', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });
  it('takes a hop count or a list of addresses and CIDR ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 172.16.0.0/12,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.1',
      '172.16.0.0/12',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });
  it('refuses anything else, naming the variable and the bad entry', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY.*true/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.1,proxy.example' })).toThrow(/proxy\.example/);
    expect(() => loadConfig({ TRUST_PROXY: '99' })).toThrow(/TRUST_PROXY/);
  });
});

describe('GONGZHI_PUBLIC_URL', () => {
  it('is unset by default and kept without a trailing slash', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ GONGZHI_PUBLIC_URL: 'https://gongzhi.example.gov.cn/' }).publicUrl).toBe(
      'https://gongzhi.example.gov.cn',
    );
    expect(loadConfig({ GONGZHI_PUBLIC_URL: 'http://10.1.2.3:8080/gz/' }).publicUrl).toBe(
      'http://10.1.2.3:8080/gz',
    );
  });
  it('refuses what is not an http(s) address, naming the variable', () => {
    for (const bad of [
      'gongzhi.example',
      'ftp://x.example',
      'https://x.example/?a=1',
      'https://x.example/#top',
    ])
      expect(() => loadConfig({ GONGZHI_PUBLIC_URL: bad })).toThrow(/GONGZHI_PUBLIC_URL/);
  });
});
