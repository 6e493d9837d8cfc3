import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Served by the org.gatehouse.console bundle at /gatehouse/ (assets below /gatehouse/assets/).
export default defineConfig({
  base: '/gatehouse/',
  plugins: [vue()],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_DEVTOOLS__: false,
  },
  // `npm run dev` (vite) proxies the API to a running Gatehouse: GATEHOUSE_DEV=http://127.0.0.1:18181 npx vite
  server: { proxy: { '/gatehouse/api': { target: process.env.GATEHOUSE_DEV ?? 'http://127.0.0.1:8181', changeOrigin: false } } },
  build: { chunkSizeWarningLimit: 700, sourcemap: false, rolldownOptions: { checks: { pluginTimings: false } } },
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
})
