import { defineConfig } from 'vitest/config';

// The build layout (index.html + assets/<name>.<hash>.<ext>) is a contract with the C++ side,
// which embeds console/dist/ into the binary; see docs/console.md before changing it.
export default defineConfig({
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  resolve: {
    alias: {
      react: 'preact/compat',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    modulePreload: { polyfill: false },
    cssCodeSplit: true,
    reportCompressedSize: false,
    // Every asset is a file under assets/, never a data: URL inlined into another file.
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name].[hash].js',
        chunkFileNames: 'assets/[name].[hash].js',
        assetFileNames: 'assets/[name].[hash][extname]',
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
