import { defineConfig } from 'vite';

// Charts are split into their own chunk so the sign-in page and forms load without them.
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: false,
    // ECharts alone is 550 kB before gzip (180 kB after); it loads with the first chart.
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { '/graphql': process.env.GATEWAY_URL || 'http://127.0.0.1:4000', '/dev': 'http://127.0.0.1:4005', '/config.json': 'http://127.0.0.1:4005' } },
});
