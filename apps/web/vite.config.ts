// Builds the console into dist/web, which the Nest app serves at `/` (apps/api/console/console-static.ts).
// Everything is bundled (no CDN): the page works with no internet.
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        // Libraries change less often than pages: separate chunks stay cached across releases.
        manualChunks: (id) => (id.includes('node_modules/echarts') || id.includes('node_modules/zrender') ? 'echarts' : id.includes('node_modules/') ? 'vendor' : undefined),
      },
    },
  },
  server: { port: 4310, proxy: { '/v1': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
