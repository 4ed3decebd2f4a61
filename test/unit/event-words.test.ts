// Each reason Kaunter writes into an award's trail is read back as its code and parameters, whether written now (from
// its template) or stored by an earlier version in the same words; a reason a person typed stays theirs; actors by kind.
import { describe, expect, it } from 'vitest';
import { actorWords, reasonWords } from '../../app/awards/event-words.ts';
import { MESSAGES, rmMessageKey, say } from '../../app/messages.ts';

const EVENT_KEYS = Object.keys(MESSAGES).filter((key) => key.startsWith('event.'));

describe('event reasons', () => {
  it.each(EVENT_KEYS)('%s, as Kaunter writes it, reads back as its code and parameters', (key) => {
    const names = [...(MESSAGES[key] ?? '').matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '');
    const params = Object.fromEntries(names.map((name, index) => [name, name === 'rm' ? say('rm.NETWORK_UNREACHABLE') : String(12 + index)]));
    const errorCode = 'rm' in params ? 'NETWORK_UNREACHABLE' : null;
    const read = reasonWords(say(key, params), errorCode);
    expect(read).toEqual({ key, params: 'rm' in params ? { ...params, rm: 'NETWORK_UNREACHABLE' } : params });
  });

  it('reads the words older versions stored', () => {
    expect(reasonWords('submitted', null)).toEqual({ key: 'event.submitted', params: {} });
    expect(reasonWords('attempt 3', null)).toEqual({ key: 'event.attempt', params: { number: '3' } });
    expect(reasonWords('points from RM: 12 (before: 10 estimated)', null)).toEqual({ key: 'event.pointsFromRm', params: { points: '12', before: '10' } });
    expect(reasonWords('points from RM: 12 (before: none)', null)).toEqual({ key: 'event.pointsFromRmFirst', params: { points: '12' } });
    expect(reasonWords('RM: the customer claimed the points', null)).toEqual({ key: 'event.claimed', params: {} });
    expect(reasonWords(say('rm.RESPONSE_TIMEOUT'), 'RESPONSE_TIMEOUT')).toEqual({ key: 'rm.RESPONSE_TIMEOUT', params: {} });
    expect(reasonWords(say(rmMessageKey('SOMETHING_NEW')), 'SOMETHING_NEW')).toEqual({ key: 'rm.UNKNOWN', params: {} });
  });

  it("leaves a person's words, and an RM reason without its code, as written", () => {
    expect(reasonWords('Customer changed their mind', null)).toBeNull();
    expect(reasonWords('not applied: something', null)).toBeNull();
    expect(reasonWords(null, null)).toBeNull();
  });
});

describe('event actors', () => {
  it.each([
    ['relay', { kind: 'relay', name: '' }],
    ['system', { kind: 'system', name: '' }],
    ['cashier:Aina', { kind: 'cashier', name: 'Aina' }],
    ['manager:Siti', { kind: 'manager', name: 'Siti' }],
    ['manager:Siti (head office)', { kind: 'headOffice', name: 'Siti' }],
    ['test', { kind: 'other', name: 'test' }],
  ] as const)('%s', (actor, expected) => {
    expect(actorWords(actor)).toEqual(expected);
  });
});
