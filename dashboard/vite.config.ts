import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    // `npm run dev --workspace dashboard` talks to a locally running API (`npm run api`).
    proxy: { '/api': process.env.WIJKSIGNAAL_API ?? 'http://localhost:3000' },
  },
  build: {
    // ECharts is one deliberate, large chunk; warn only if something else grows past it.
    chunkSizeWarningLimit: 700,
  },
});
