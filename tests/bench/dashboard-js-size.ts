import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageJs {
  /** The SvelteKit route, e.g. `/` or `/wijk/[code]`. */
  route: string;
  files: number;
  rawKb: number;
  gzipKb: number;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

const DASHBOARD = resolve(import.meta.dirname, '../../dashboard');

/**
 * The JavaScript a browser loads to show each dashboard page: SvelteKit's two entries (start, app), the
 * root layout's node and the page's node, each with every chunk it imports statically (from Vite's build
 * manifest; lazy `import()` is left out, it loads later). Sizes are of the files in `dashboard/build`,
 * gzip at level 9 each, as a compressing proxy would serve them. Null when the dashboard is not built.
 */
export function dashboardJsSize(dashboardDir = DASHBOARD): PageJs[] | null {
  const buildDir = join(dashboardDir, 'build');
  const manifestFile = join(dashboardDir, '.svelte-kit/output/client/.vite/manifest.json');
  const appFile = join(dashboardDir, '.svelte-kit/generated/client-optimized/app.js');
  if (!existsSync(manifestFile) || !existsSync(appFile) || !existsSync(buildDir)) return null;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  // The generated router: `"/wijk/[code]": [6]` (the page's node; the root layout is node 0).
  const dictionary = [...readFileSync(appFile, 'utf8').matchAll(/"([^"]+)":\s*\[~?(\d+)/g)].map((m) => ({
    route: m[1]!,
    node: Number(m[2]),
  }));
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry && /\/(app|entry)\.js$/.test(key));
  const nodeKey = (n: number) => Object.keys(manifest).find((key) => key.endsWith(`/client-optimized/nodes/${n}.js`));
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = (file: string) => {
    let size = sizes.get(file);
    if (!size) {
      const bytes = readFileSync(join(buildDir, file));
      size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      sizes.set(file, size);
    }
    return size;
  };
  return dictionary.map(({ route, node }) => {
    const files = new Set<string>();
    const visit = (key: string | undefined) => {
      const chunk = key ? manifest[key] : undefined;
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    for (const key of [...entries, nodeKey(0), nodeKey(node)]) visit(key);
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      const size = sizeOf(file);
      raw += size.raw;
      gzip += size.gzip;
    }
    return { route, files: files.size, rawKb: raw / 1024, gzipKb: gzip / 1024 };
  });
}
