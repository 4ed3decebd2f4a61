// A counter reaches its hub over https; plain http only to this same machine (a reverse proxy or a test), so the
// terminal credential never crosses a network in clear.
import { describe, expect, it } from 'vitest';
import { checkHubUrl, retryAfter } from '../../app/sync/hub-client.ts';

describe('the hub address a counter accepts', () => {
  it('takes https anywhere and plain http only to loopback, as its origin', () => {
    expect(checkHubUrl('https://hub.example.com/some/path')).toBe('https://hub.example.com');
    expect(checkHubUrl('https://10.0.0.5:8443')).toBe('https://10.0.0.5:8443');
    for (const loopback of ['http://127.0.0.1:8443', 'http://127.1.2.3', 'http://localhost:1', 'http://[::1]:8443']) {
      expect(checkHubUrl(loopback)).toBe(new URL(loopback).origin);
    }
  });

  it('refuses plain http to any other host, also one whose name merely starts with 127.', () => {
    for (const remote of ['http://hub.example.com', 'http://10.0.0.5:8443', 'http://127.example.com', 'http://127.0.0.1.nip.io', 'ftp://127.0.0.1']) {
      expect(() => checkHubUrl(remote), remote).toThrow(/must be reached over https/);
    }
    expect(() => checkHubUrl('hub.example.com')).toThrow(/is not a hub address; give it like https:\/\/hub\.example\.com/);
  });
});

describe('how long the hub asked a counter to wait (Retry-After)', () => {
  const now = Date.UTC(2026, 11, 4, 4, 0, 0);
  it('reads seconds and HTTP dates, and a date gone by as now', () => {
    expect(retryAfter('2', now)).toBe(2_000);
    expect(retryAfter(' 120 ', now)).toBe(120_000);
    expect(retryAfter('Fri, 04 Dec 2026 04:00:45 GMT', now)).toBe(45_000);
    expect(retryAfter('Fri, 04 Dec 2026 03:59:00 GMT', now)).toBe(0);
  });

  it('takes nothing it cannot read as a wait: the usual back-off applies', () => {
    for (const unreadable of [null, '', 'soon', '-5', '1.5', '2 seconds']) expect(retryAfter(unreadable, now), String(unreadable)).toBeNull();
  });
});
