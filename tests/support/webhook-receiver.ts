import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DELIVERY_ID_HEADER, SIGNATURE_HEADER } from '@wijksignaal/alarm-delivery/webhook-signature';

/** One POST as a subscriber's receiver saw it, and what it answered. */
export interface ReceivedPost {
  deliveryId: string;
  signature: string | undefined;
  body: string;
  status: number;
}

export interface WebhookReceiver {
  server: Server;
  url: string;
  received: ReceivedPost[];
  close(): Promise<void>;
}

export interface ReceiverOptions {
  /** Answer 503 to this many attempts of each delivery id before 204 (Infinity: always). */
  failFirst?: number;
  /** Answer after this long, so deliveries are in flight for a while. */
  answerAfterMs?: number;
}

/** A subscriber's webhook receiver: real HTTP on loopback, recording every request. */
export function webhookReceiver(options: ReceiverOptions = {}): Promise<WebhookReceiver> {
  const received: ReceivedPost[] = [];
  const attemptsOf = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const deliveryId = String(req.headers[DELIVERY_ID_HEADER.toLowerCase()]);
      const attempt = (attemptsOf.get(deliveryId) ?? 0) + 1;
      attemptsOf.set(deliveryId, attempt);
      const status = attempt <= (options.failFirst ?? 0) ? 503 : 204;
      const signature = req.headers[SIGNATURE_HEADER.toLowerCase()];
      const answer = () => {
        received.push({
          deliveryId,
          signature: typeof signature === 'string' ? signature : undefined,
          body: Buffer.concat(chunks).toString('utf8'),
          status,
        });
        res.writeHead(status).end();
      };
      if (options.answerAfterMs) setTimeout(answer, options.answerAfterMs);
      else answer();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
        received,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}
