import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiOrigin = 'http://localhost:3000';

// The build is started from the workspace root (`vite build -c apps/web/vite.config.mts`),
// so the root is pinned to this folder rather than the working directory.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    // The pure libs are bundled from source, as tsconfig's paths point at them.
    alias: {
      '@tideway/graph': fileURLToPath(new URL('../../libs/graph/src/index.ts', import.meta.url)),
      '@tideway/templates': fileURLToPath(new URL('../../libs/templates/src/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: '../../dist/apps/web',
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: apiOrigin, changeOrigin: false },
      '/hooks': { target: apiOrigin, changeOrigin: false },
      '/admin/queues': { target: apiOrigin, changeOrigin: false },
    },
  },
});
