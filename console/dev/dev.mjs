// `npm run dev`: the mock keygate (seeded) plus Vite's dev server, which proxies the API to it.
// Open the printed address; sign in with sk-test (or sk-master, sk-broke, sk-nearly, sk-nomodels).
import { createServer } from 'vite';
import { startMock } from './browser.mjs';

const mockPort = Number(process.env.MOCK_PORT ?? 8787);
const mock = await startMock(mockPort, { MOCK_SEED: process.env.MOCK_SEED ?? '1' });
const server = await createServer({
  server: {
    port: Number(process.env.PORT ?? 5173),
    host: '127.0.0.1',
    proxy: {
      '/console': mock.url,
      '/v1': mock.url,
    },
  },
});
await server.listen();
server.printUrls();
console.log(`  mock keygate: ${mock.url} (sign in with sk-test)`);

const stop = async () => {
  mock.stop();
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
