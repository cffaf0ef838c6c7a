import { describe, expect, it } from 'vitest';
import { DLQ_HEADERS, HTTPS_DLQ_ORIGIN } from '@wijksignaal/contracts/topics';
import { httpsRejectionWrite } from './https-rejections.ts';

const at = new Date('2025-03-03T10:00:00Z');
const httpsLetter = (offset: string, partner: string, reason: string) => ({
  offset,
  key: null,
  value: null,
  headers: { [DLQ_HEADERS.topic]: HTTPS_DLQ_ORIGIN, [DLQ_HEADERS.partner]: partner, [DLQ_HEADERS.reason]: reason },
});

describe('httpsRejectionWrite', () => {
  it('counts HTTPS-door rejections per partner and reason and moves the DLQ offset past the batch', () => {
    const write = httpsRejectionWrite(
      {
        topic: 'signals.v1.dlq',
        partition: 2,
        messages: [
          httpsLetter('10', 'school-demo', 'personal_data'),
          httpsLetter('11', 'school-demo', 'personal_data'),
          httpsLetter('12', 'demo-partner', 'schema_violation'),
          // the pipeline's own dead letter: counted when it was made, not again
          {
            offset: '13',
            key: null,
            value: Buffer.from('{}'),
            headers: { [DLQ_HEADERS.topic]: 'signals.v1', [DLQ_HEADERS.reason]: 'malformed_json' },
          },
          // a reason outside the contract is not counted
          httpsLetter('14', 'demo-partner', 'made_up'),
        ],
      },
      undefined,
      at,
    );
    expect(write?.nextOffset).toBe('15');
    expect(write?.topic).toBe('signals.v1.dlq');
    expect(write?.offsetsTable).toBe('dlq_offsets');
    expect(write?.fresh).toEqual([]);
    expect([...(write?.outcomes.values() ?? [])]).toEqual([
      { partner: 'school-demo', outcome: 'personal_data', n: 2 },
      { partner: 'demo-partner', outcome: 'schema_violation', n: 1 },
    ]);
  });

  it('skips what is below the stored offset, so a replay after a crash counts nothing twice', () => {
    const batch = {
      topic: 'd',
      partition: 0,
      messages: [httpsLetter('4', 'a-b', 'too_large'), httpsLetter('5', 'a-b', 'too_large')],
    };
    expect([...(httpsRejectionWrite(batch, 5n, at)?.outcomes.values() ?? [])]).toEqual([
      { partner: 'a-b', outcome: 'too_large', n: 1 },
    ]);
    expect(httpsRejectionWrite(batch, 6n, at)).toBeNull();
  });
});
