#!/usr/bin/env node
// The console's server: the built pages, POST /graphql passed on to the gateway (one origin, so
// no CORS), the client's settings, and in development only a token endpoint for the sign-in page.
import { access } from 'node:fs/promises';
import { createServer } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';

import { mintToken } from './dev-token.mjs';
import { securityHeaders } from './security-headers.mjs';
import { loadSettings } from './settings.mjs';
import { staticFiles } from './static-files.mjs';

const settings = loadSettings();
const headers = securityHeaders(settings);
const serveFile = staticFiles(settings.dist);
const gateway = new URL(settings.gatewayUrl);
const MAX_TOKEN_REQUEST = 4096;
// Imports carry whole .xlsx files as base64; the gateway and the subgraphs set the real limits.
const PASSED_HEADERS = ['authorization', 'content-type', 'accept', 'x-correlation-id'];

function json(response, status, body) {
  response.writeHead(status, { ...headers, 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function proxyGraphql(request, response) {
  const outgoing = {};
  for (const name of PASSED_HEADERS) if (request.headers[name]) outgoing[name] = request.headers[name];
  const send = gateway.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(gateway, { method: 'POST', headers: outgoing }, (answer) => {
    const passed = { ...headers, 'cache-control': 'no-store' };
    for (const name of ['content-type', 'content-length', 'x-correlation-id']) {
      if (answer.headers[name]) passed[name] = answer.headers[name];
    }
    response.writeHead(answer.statusCode || 502, passed);
    answer.pipe(response);
  });
  upstream.on('error', (error) => {
    if (!response.headersSent) json(response, 502, { errors: [{ message: `gateway unreachable: ${error.code || error.message}` }] });
    else response.destroy();
  });
  request.pipe(upstream);
}

function readSmallBody(request) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const parts = [];
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_TOKEN_REQUEST) reject(new RangeError('request too large'));
      else parts.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}

async function devToken(request, response) {
  try {
    const asked = JSON.parse(await readSmallBody(request));
    json(response, 200, mintToken(settings, asked));
  } catch (error) {
    json(response, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}

function clientConfig() {
  return {
    appEnv: settings.appEnv,
    devSignIn: settings.appEnv === 'development',
    oidc: settings.oidc.issuer ? settings.oidc : null,
  };
}

const server = createServer((request, response) => {
  const path = new URL(request.url, 'http://console').pathname;
  if (path === '/graphql') {
    if (request.method !== 'POST') return json(response, 405, { errors: [{ message: 'POST only' }] });
    return proxyGraphql(request, response);
  }
  if (path === '/healthz') return json(response, 200, { status: 'ok' });
  // Ready once the built pages can be read: a pod without them would answer every page with 500.
  if (path === '/readyz') {
    return access(join(settings.dist, 'index.html')).then(
      () => json(response, 200, { status: 'ready' }),
      () => json(response, 503, { status: 'the built console (dist/index.html) is missing' }),
    );
  }
  if (path === '/config.json') return json(response, 200, clientConfig());
  if (path === '/dev/token' && settings.appEnv === 'development') {
    if (request.method !== 'POST') return json(response, 405, { error: 'POST only' });
    return devToken(request, response);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return json(response, 405, { error: 'GET only' });
  serveFile(request, response, headers).catch((error) => {
    console.error(JSON.stringify({ level: 'error', msg: 'static file failed', error: String(error) }));
    if (!response.headersSent) json(response, 500, { error: 'internal error' });
  });
});

server.listen(settings.port, settings.host, () => {
  console.log(JSON.stringify({ level: 'info', msg: 'web console listening', url: `http://${settings.host}:${settings.port}/`, gateway: settings.gatewayUrl, appEnv: settings.appEnv }));
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
