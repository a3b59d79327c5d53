#!/usr/bin/env node
// Serves the built demo (dist/) on 127.0.0.1 with the headers that make the page cross-origin
// isolated, and prints its URL. Usage: node scripts/serve.mjs [--port N] (default 4178; 0 = any free port).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Headers every response of the demo carries: cross-origin isolation (so SharedArrayBuffer and wasm
 * threads are allowed) and a resource policy that keeps same-origin loads working under it.
 * @type {Readonly<Record<string, string>>}
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** @type {Readonly<Record<string, string>>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.dpco': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Starts a static file server for `root` on `host`:`port` (port 0 picks a free one). Only files under
 * `root` are served; `/` serves index.html. Resolves with the page's URL and a `close` function.
 * @param {{ root: string, port?: number, host?: string }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function startServer({ root, port = 4178, host = '127.0.0.1' }) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    if ((file !== base && !file.startsWith(base + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain', ...ISOLATION_HEADERS }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': 'no-cache',
      ...ISOLATION_HEADERS,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address !== null ? address.port : port;
      done({
        url: `http://${host}:${actual}/`,
        close: () => new Promise((closed) => server.close(() => closed(undefined))),
      });
    });
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--port');
  const port = at >= 0 ? Number(process.argv[at + 1]) : Number(process.env.PORT ?? 4178);
  const root = fileURLToPath(new URL('../dist/', import.meta.url));
  if (!existsSync(join(root, 'index.html'))) {
    console.error('dproj demo: dist/ is missing; build first (pnpm --filter @dproj/demo build)');
    process.exit(1);
  }
  startServer({ root, port }).then(
    ({ url }) => console.log(`dproj demo: serving ${url} (Ctrl+C stops)`),
    (error) => {
      console.error(`dproj demo: cannot listen on port ${port}: ${error instanceof Error ? error.message : String(error)} (try --port 0)`);
      process.exit(1);
    },
  );
}
