import { describe, expect, it } from 'vitest';
import { fingerprintOf } from './idempotency.ts';

describe('fingerprintOf', () => {
  const form = (boundary: string, text: string) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\n${text}\r\n--${boundary}--\r\n`,
    );

  it('is the same for the same form sent twice with different multipart boundaries', () => {
    const a = fingerprintOf('POST', '/x', 'multipart/form-data; boundary=AAAA1111', form('AAAA1111', '门口'));
    const b = fingerprintOf(
      'POST',
      '/x',
      'multipart/form-data; boundary="BBBB2222"',
      form('BBBB2222', '门口'),
    );
    expect(a).toBe(b);
    expect(fingerprintOf('POST', '/x', 'multipart/form-data; boundary=C3', form('C3', '楼道'))).not.toBe(a);
  });

  it('tells apart the URL, the method, the type and the body', () => {
    const body = Buffer.from('{"summary":"x"}');
    const base = fingerprintOf('POST', '/api/households/1/visits', 'application/json', body);
    expect(fingerprintOf('POST', '/api/households/2/visits', 'application/json', body)).not.toBe(base);
    expect(fingerprintOf('PUT', '/api/households/1/visits', 'application/json', body)).not.toBe(base);
    expect(fingerprintOf('POST', '/api/households/1/visits', 'text/plain', body)).not.toBe(base);
    expect(
      fingerprintOf('POST', '/api/households/1/visits', 'application/json', Buffer.from('{"summary":"y"}')),
    ).not.toBe(base);
  });
});
