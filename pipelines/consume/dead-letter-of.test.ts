import { describe, expect, it } from 'vitest';
import { deadLetterOf } from './dead-letter-of.ts';

const message = {
  offset: '17',
  key: Buffer.from('WK990101'),
  value: Buffer.from('{"id":"x","partner":"demo-partner","clientNumber":"111222333"}'),
  headers: { 'content-type': 'application/json', note: '111222333' },
};
const origin = { topic: 'signals.v1.partner.demo-partner', partition: 2, partner: 'demo-partner' };

describe('the dead letter of a rejected message', () => {
  it('keeps a message rejected for personal data without value, key or headers: reason, field, origin and partner only', () => {
    const letter = deadLetterOf(message, { reason: 'personal_data', detail: '$.clientNumber: a BSN' }, origin);
    expect(letter).toEqual({
      key: null,
      value: null,
      headers: undefined,
      reason: 'personal_data',
      detail: '$.clientNumber: a BSN',
      topic: 'signals.v1.partner.demo-partner',
      partition: 2,
      offset: '17',
      partner: 'demo-partner',
    });
    expect(JSON.stringify(letter)).not.toContain('111222333');
  });

  it('keeps nothing of a message naming an unregistered partner, and names the partner of the topic instead', () => {
    const claimed = { ...message, value: Buffer.from('{"partner":"jan-de-vries-0612345678"}') };
    const letter = deadLetterOf(claimed, { reason: 'unknown_partner', detail: '$.partner: not registered' }, origin);
    expect(letter).toMatchObject({ key: null, value: null, headers: undefined, partner: 'demo-partner' });
    expect(JSON.stringify(letter)).not.toContain('jan-de-vries');
  });

  it('keeps any other rejection unchanged, for the partner to inspect', () => {
    const letter = deadLetterOf(message, { reason: 'schema_violation', detail: '$.theme: invalid' }, origin);
    expect(letter).toMatchObject({
      key: message.key,
      value: message.value,
      headers: message.headers,
      reason: 'schema_violation',
      partner: 'demo-partner',
    });
  });
});
