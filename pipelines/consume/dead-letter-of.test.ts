import { describe, expect, it } from 'vitest';
import { deadLetterOf } from './dead-letter-of.ts';

const message = {
  offset: '17',
  key: Buffer.from('WK990101'),
  value: Buffer.from('{"id":"x","partner":"demo-partner","clientNumber":"111222333"}'),
  headers: { 'content-type': 'application/json', note: '111222333' },
};
const origin = { topic: 'signals.v1', partition: 2 };
const partners = new Set(['demo-partner']);

describe('the dead letter of a rejected message', () => {
  it('keeps a message rejected for personal data without value, key or headers: reason, field, origin and partner only', () => {
    const letter = deadLetterOf(
      message,
      { reason: 'personal_data', detail: '$.clientNumber: a BSN', partner: 'demo-partner' },
      origin,
      partners,
    );
    expect(letter).toEqual({
      key: null,
      value: null,
      headers: undefined,
      reason: 'personal_data',
      detail: '$.clientNumber: a BSN',
      topic: 'signals.v1',
      partition: 2,
      offset: '17',
      partner: 'demo-partner',
    });
    expect(JSON.stringify(letter)).not.toContain('111222333');
  });

  it('names no partner that is not registered', () => {
    const letter = deadLetterOf(
      message,
      { reason: 'personal_data', detail: '$.partner: an e-mail address', partner: 'jan@example.nl' },
      origin,
      partners,
    );
    expect(letter.partner).toBeUndefined();
    expect(JSON.stringify(letter)).not.toContain('jan@example.nl');
  });

  it('keeps any other rejection unchanged, for the partner to inspect', () => {
    const letter = deadLetterOf(
      message,
      { reason: 'schema_violation', detail: '$.theme: invalid', partner: 'demo-partner' },
      origin,
      partners,
    );
    expect(letter).toMatchObject({
      key: message.key,
      value: message.value,
      headers: message.headers,
      reason: 'schema_violation',
    });
    expect(letter.partner).toBeUndefined();
  });
});
