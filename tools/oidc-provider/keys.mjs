// The signing keys, kept in a file so that a restarted provider signs with the same key and the
// tokens it issued before stay verifiable. Rotating puts a new key first (the provider signs with
// the first key) and keeps each retired key in the JWKS until the last token it signed has expired.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

function newKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

function read(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8')).keys;
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw new Error(`${file}: not a key file (${error.message})`);
  }
}

function write(file, keys) {
  mkdirSync(dirname(file), { recursive: true });
  // Written aside and renamed, so a provider starting meanwhile never reads half a file.
  writeFileSync(`${file}.partial`, JSON.stringify({ keys }, null, 1), { mode: 0o600 });
  renameSync(`${file}.partial`, file);
}

// A key record: { jwk, retiredAt } where retiredAt (seconds) is when it stopped signing.
function stillNeeded(record, now, tokenLifetime) {
  return record.retiredAt == null || record.retiredAt + tokenLifetime > now;
}

export function loadKeys(file, tokenLifetime) {
  const now = Date.now() / 1000;
  let keys = read(file).filter((record) => stillNeeded(record, now, tokenLifetime));
  if (keys.length === 0) keys = [{ jwk: newKey(), retiredAt: null }];
  write(file, keys);
  return keys.map((record) => record.jwk);
}

export function rotateKeys(file, tokenLifetime) {
  const now = Date.now() / 1000;
  const kept = read(file)
    .map((record) => ({ ...record, retiredAt: record.retiredAt ?? now }))
    .filter((record) => stillNeeded(record, now, tokenLifetime));
  const keys = [{ jwk: newKey(), retiredAt: null }, ...kept];
  write(file, keys);
  return keys.map((record) => record.jwk);
}
