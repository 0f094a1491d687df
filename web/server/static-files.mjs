// The built console (dist/): hashed assets cached for a year, everything else revalidated; text
// gzipped once and kept in memory (the whole build is a few hundred kilobytes) until the file
// changes, so a rebuild under a running server is served at once.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.webmanifest']);

export function staticFiles(dist) {
  const cache = new Map();

  async function load(path) {
    const file = join(dist, path);
    const { mtimeMs } = await stat(file);
    if (cache.get(path)?.mtimeMs !== mtimeMs) {
      const body = await readFile(file);
      const ext = extname(path);
      cache.set(path, {
        mtimeMs,
        body,
        gzipped: COMPRESSIBLE.has(ext) ? gzipSync(body, { level: 9 }) : null,
        type: TYPES[ext] || 'application/octet-stream',
        immutable: path.startsWith('/assets/'),
      });
    }
    return cache.get(path);
  }

  // Paths without a file are the console's own routes: they get index.html.
  return async function serve(request, response, headers) {
    const url = new URL(request.url, 'http://console');
    let path = normalize(decodeURIComponent(url.pathname));
    if (path.includes('\0') || path.includes('..')) path = '/index.html';
    let file;
    try {
      file = await load(path === '/' ? '/index.html' : path);
    } catch {
      if (extname(path)) {
        response.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
        return;
      }
      file = await load('/index.html');
    }
    const gzip = file.gzipped && /\bgzip\b/.test(request.headers['accept-encoding'] || '');
    const body = gzip ? file.gzipped : file.body;
    response.writeHead(200, {
      ...headers,
      'content-type': file.type,
      'content-length': body.length,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}
