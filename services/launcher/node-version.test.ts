import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the Node.js the product runs on', () => {
  it('is at least the major version package.json requires (Node 24 LTS), so the suite never passes on an unsupported Node', () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      engines: { node: string };
    };
    const required = Number(/>=\s*(\d+)/.exec(pkg.engines.node)?.[1]);
    expect(required).toBeGreaterThanOrEqual(24);
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(required);
  });
});
