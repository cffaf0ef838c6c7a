import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseBenchConfig } from './bench-config.ts';
import { formatFigure, formatNumber, writeLatestJson, type Figure } from './bench-report.ts';

export interface PageJs {
  /** The SvelteKit route, e.g. `/` or `/wijk/[code]`. */
  route: string;
  files: number;
  rawKb: number;
  gzipKb: number;
}

const BUILD = resolve(import.meta.dirname, '../../dashboard/build');
const IMMUTABLE = '_app/immutable';
/** Static `import … from "x.js"`, `import "x.js"` and `export … from "x.js"`; never `import("x.js")`, which loads later. */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.js)["']/g;

/**
 * The JavaScript a browser loads to show each dashboard page, read from the build itself
 * (`dashboard/build`): SvelteKit's two entries (start, app), the root layout's node and the page's node,
 * each with every module it imports statically, as the page's modulepreload links list them; lazy
 * `import()` is left out. Each file is gzipped at level 9, as a compressing proxy would serve it.
 * Null when the dashboard is not built.
 */
export function dashboardJsSize(buildDir = BUILD): PageJs[] | null {
  const entryDir = join(buildDir, IMMUTABLE, 'entry');
  if (!existsSync(entryDir)) return null;
  const entries = readdirSync(entryDir)
    .filter((f) => /^(start|app)\..*\.js$/.test(f))
    .map((f) => join(entryDir, f));
  const app = entries.find((f) => /\/app\.[^/]*\.js$/.test(f));
  if (!app) throw new Error(`no SvelteKit app entry in ${entryDir}`);
  const nodesDir = join(buildDir, IMMUTABLE, 'nodes');
  const nodeFile = (n: number) => {
    const name = readdirSync(nodesDir).find((f) => f.startsWith(`${n}.`) && f.endsWith('.js'));
    if (!name) throw new Error(`no node ${n} in ${nodesDir}`);
    return join(nodesDir, name);
  };
  // The client router in the app entry: `"/wijk/[code]":[6]` (the page's node; the root layout is node 0).
  const routes = [...readFileSync(app, 'utf8').matchAll(/"(\/[^"]*)":\[~?(\d+)/g)].map((m) => ({
    route: m[1]!,
    node: Number(m[2]),
  }));
  if (routes.length === 0) throw new Error(`no routes found in ${app}`);

  const sizes = new Map<string, { raw: number; gzip: number; imports: string[] }>();
  const read = (file: string) => {
    let entry = sizes.get(file);
    if (!entry) {
      const bytes = readFileSync(file);
      const imports = [...bytes.toString('utf8').matchAll(STATIC_IMPORT)]
        .map((m) => m[1]!)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => resolve(dirname(file), spec));
      entry = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, imports };
      sizes.set(file, entry);
    }
    return entry;
  };
  return routes.map(({ route, node }) => {
    const files = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      for (const imported of read(file).imports) visit(imported);
    };
    for (const file of [...entries, nodeFile(0), nodeFile(node)]) visit(file);
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      raw += read(file).raw;
      gzip += read(file).gzip;
    }
    return { route, files: files.size, rawKb: raw / 1024, gzipKb: gzip / 1024 };
  });
}

/** The overview page's figure (key `overviewJsGzipKb`, target ≤ 350 KB). */
export function overviewJsFigure(pages: PageJs[] | null, failure: string): Figure {
  const overview = pages?.find((p) => p.route === '/') ?? null;
  return {
    key: 'overviewJsGzipKb',
    label: 'overview page JavaScript, gzip',
    value: overview?.gzipKb ?? null,
    unit: 'KB',
    note: overview ? undefined : failure,
    target: { op: '<=', value: 350 },
  };
}

// `npx tsx tests/bench/dashboard-js-size.ts`: only this figure, merged into bench/latest.json.
if (import.meta.url === `file://${process.argv[1]}`) {
  const pages = dashboardJsSize();
  for (const page of pages ?? [])
    console.log(
      `${page.route.padEnd(16)} ${formatNumber(page.gzipKb)} KB gzip (${formatNumber(page.rawKb)} KB raw, ${page.files} files)`,
    );
  const figure = overviewJsFigure(pages, 'the dashboard is not built (npm run build)');
  console.log(formatFigure(figure));
  const file = writeLatestJson(parseBenchConfig(process.env).reportDir, [figure], {
    dashboardJs: pages,
    dashboardJsMeasuredAt: new Date().toISOString(),
  });
  console.log(`written to ${file}`);
}
