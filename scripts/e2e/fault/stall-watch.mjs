#!/usr/bin/env node
// Fault test (b): watches one node until the file --stop-file exists and reports the longest
// time the best block and the finalized block went without advancing. Exit 0 when both stayed
// within --max-best-gap and --max-finality-gap seconds, 1 otherwise (or after --timeout s).
//
//   stall-watch.mjs --port RPC_PORT --stop-file F [--max-best-gap 20] [--max-finality-gap 60] [--timeout 600]
import { existsSync } from 'node:fs';
import { fail, parseArgs } from '../validator/cli.mjs';
import { rpc } from '../node.mjs';

const { flags } = parseArgs(process.argv.slice(2),
  { port: 5, 'stop-file': 4096, 'max-best-gap': 4, 'max-finality-gap': 4, timeout: 5 }, 0);
const num = (name, fallback) => {
  const v = Number(flags[name] ?? fallback);
  if (!Number.isFinite(v) || v <= 0) fail(`--${name} must be a positive number`);
  return v;
};
const port = num('port');
const stopFile = flags['stop-file'] ?? fail('--stop-file is required');
const maxBest = num('max-best-gap', 20);
const maxFinal = num('max-finality-gap', 60);
const deadline = Date.now() + num('timeout', 600) * 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function heads() {
  const best = parseInt((await rpc(port, 'chain_getHeader')).number, 16);
  const hash = await rpc(port, 'chain_getFinalizedHead');
  const finalized = parseInt((await rpc(port, 'chain_getHeader', [hash])).number, 16);
  return { best, finalized };
}

const started = Date.now();
let last = await heads();
const first = last;
let bestAt = started; let finalAt = started;
let worstBest = { gap: 0, at: last.best }; let worstFinal = { gap: 0, at: last.finalized };
while (!existsSync(stopFile) && Date.now() < deadline) {
  await sleep(1000);
  let now;
  try { now = await heads(); } catch { continue; }
  const t = Date.now();
  if (now.best > last.best) bestAt = t;
  if (now.finalized > last.finalized) finalAt = t;
  if ((t - bestAt) / 1000 > worstBest.gap) worstBest = { gap: (t - bestAt) / 1000, at: now.best };
  if ((t - finalAt) / 1000 > worstFinal.gap) worstFinal = { gap: (t - finalAt) / 1000, at: now.finalized };
  last = now;
}
const timedOut = !existsSync(stopFile);
console.log(`stall watch over ${Math.round((Date.now() - started) / 1000)} s: best #${first.best} -> #${last.best}, `
  + `finalized #${first.finalized} -> #${last.finalized}; longest without a new best block ${worstBest.gap.toFixed(0)} s `
  + `(at #${worstBest.at}, limit ${maxBest}), without a new finalized block ${worstFinal.gap.toFixed(0)} s `
  + `(at #${worstFinal.at}, limit ${maxFinal})${timedOut ? '; TIMED OUT before the stop file' : ''}`);
if (timedOut || worstBest.gap > maxBest || worstFinal.gap > maxFinal) process.exitCode = 1;
