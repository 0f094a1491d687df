#!/usr/bin/env node
// Starts the Hive Gateway CLI with this directory's gateway.config.ts, from any working directory:
//
//   node gateway/serve.mjs supergraph [path-or-url]
//
// Hive Gateway's logger accepts only lower-case level names and throws on anything else before
// the config file is even read, while the platform's LOG_LEVEL uses Python's names (INFO,
// WARNING, ...). The environment is therefore normalised here, before the CLI loads.
import { fileURLToPath } from 'node:url';

const LEVELS = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  notset: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  critical: 'error',
  fatal: 'error',
  false: 'false',
};

const requested = process.env.LOG_LEVEL;
if (requested) {
  const level = LEVELS[requested.trim().toLowerCase()];
  if (!level) {
    console.error(`LOG_LEVEL must be one of ${Object.keys(LEVELS).join(', ')} (any case), got "${requested}"`);
    process.exit(2);
  }
  process.env.LOG_LEVEL = level;
}
// JSON lines like the services write, so one log pipeline reads all of them.
process.env.LOG_JSON ??= '1';
process.env.CONFIG_PATH ??= fileURLToPath(new URL('./gateway.config.ts', import.meta.url));

await import(new URL('./bin.js', import.meta.resolve('@graphql-hive/gateway')).href);
