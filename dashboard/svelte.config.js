import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * A single-page app: the API serves `build/` and answers every unknown path with `index.html`,
 * so the client router takes over (wijk pages are never prerendered; they depend on live data).
 * Absolute asset paths, because the fallback page is served at nested URLs like `/wijk/WK…`.
 */
/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', precompress: false, strict: true }),
    paths: { relative: false },
    alias: { $contracts: '../contracts' },
    // SvelteKit starts the app with one inline script; its hash goes into a CSP <meta> tag so the page
    // runs under a strict `script-src 'self'` policy (the API adds the same hash to its CSP header).
    csp: { mode: 'hash', directives: { 'script-src': ['self'], 'object-src': ['none'], 'base-uri': ['self'] } },
  },
};

export default config;
