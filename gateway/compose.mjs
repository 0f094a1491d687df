#!/usr/bin/env node
// Composes the federation supergraph from the SDL each subgraph exports.
//
//   node gateway/compose.mjs            write the supergraph (SUPERGRAPH_OUT)
//   node gateway/compose.mjs --check    compose and report, write nothing
//
// Exit status: 0 composed, 1 composition or input error, 2 bad usage.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

import { graphqlEndpoint, SUBGRAPHS } from './subgraphs.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = 'usage: node gateway/compose.mjs [--check]';

function fail(lines) {
  for (const line of [].concat(lines)) console.error(line);
  process.exit(1);
}

async function loadSubgraph({ name, urlVariable, defaultUrl }, sdlDir) {
  const path = join(sdlDir, `${name}.graphql`);
  let sdl;
  try {
    sdl = await readFile(path, 'utf8');
  } catch (error) {
    fail(`cannot read the ${name} subgraph's SDL at ${path} (${error.code ?? error.message}); export the subgraph SDL first`);
  }
  let typeDefs;
  try {
    typeDefs = parse(sdl);
  } catch (error) {
    fail(`${path}: ${error.message}`);
  }
  return { name, typeDefs, url: graphqlEndpoint(process.env[urlVariable] || defaultUrl) };
}

function describe(error) {
  const code = error.extensions?.code;
  return code ? `  [${code}] ${error.message}` : `  ${error.message}`;
}

async function main(argv) {
  const unknown = argv.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    console.error(`unknown argument(s): ${unknown.join(' ')}\n${USAGE}`);
    process.exit(2);
  }
  const checkOnly = argv.includes('--check');

  const sdlDir = resolve(process.env.SUBGRAPH_SDL_DIR || join(repoRoot, 'schemas/exported/sdl'));
  const services = [];
  for (const subgraph of SUBGRAPHS) services.push(await loadSubgraph(subgraph, sdlDir));

  const result = composeServices(services);
  if (result.errors) {
    fail([`supergraph composition failed with ${result.errors.length} error(s):`, ...result.errors.map(describe)]);
  }

  const summary = services.map((s) => `${s.name}=${s.url}`).join(', ');
  if (checkOnly) {
    console.log(`supergraph composes (${summary})`);
    return;
  }

  const out = resolve(process.env.SUPERGRAPH_OUT || join(repoRoot, 'schemas/exported/supergraph.graphql'));
  const text = result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`;
  const current = await readFile(out, 'utf8').catch(() => null);
  if (current === text) {
    console.log(`${out} is up to date (${summary})`);
    return;
  }
  await mkdir(dirname(out), { recursive: true });
  // Renamed into place: Hive Gateway watches this file and crashes if it reads a half-written
  // one, whereas a replaced file only ends the watch and the gateway keeps its current supergraph.
  const partial = `${out}.${process.pid}.tmp`;
  await writeFile(partial, text, 'utf8');
  await rename(partial, out);
  console.log(`wrote ${out} (${summary})`);
}

await main(process.argv.slice(2));
