#!/usr/bin/env node
// Populates a running dev chain with a small, realistic AI data economy and prints a
// readable summary. Run it after `scripts/run-dev.sh` (from scripts/e2e, where the
// dependencies are installed):
//
//   cd scripts/e2e && npm ci && node ../demo.mjs [ws://127.0.0.1:9944]
//
// Two datanets (clinical notes under review, open radiology captions), five contributions,
// a base model and a LoRA adapter on it, training attribution, twelve paid inferences,
// and claims. Every step prints what it did; the end prints earnings and example RPC calls.
import { createHash } from 'node:crypto';
import { connect, permissiveLicense, submit, TRIB } from './e2e/chain.mjs';

const url = process.argv[2] ?? process.env.WS_URL ?? 'ws://127.0.0.1:9944';
const rpcUrl = url.replace(/^ws/, 'http');
const PERCENT = 10_000_000;
// Every hash the demo submits is sha256 of a label, so a fresh chain always ends in the same
// state (docs/rpc.md shows it, and scripts/e2e/tests/03-docs.test.mjs checks it).
const sha256 = (label) => `0x${createHash('sha256').update(label).digest('hex')}`;
const trib = (planck) => `${(BigInt(planck) / TRIB).toString()}.${(BigInt(planck) % TRIB).toString().padStart(12, '0').slice(0, 4)} TRIB`;

async function rpc(method, params = []) {
  const res = await fetch(rpcUrl, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

const { api, accounts: a } = await connect(url);
async function run(label, pairs) {
  const results = await Promise.all(pairs.map(([tx, who]) => submit(api, tx, who)));
  for (const r of results) if (r.error) throw new Error(`${label}: ${r.error}`);
  console.log(`✓ ${label}`);
  return results;
}
const nextId = async (q) => (await q()).toNumber();

const license = (commercial) =>
  permissiveLicense(sha256(`demo:license:${commercial}`), { commercial });
const notes = await nextId(api.query.datanets.nextDatanetId);
await run('Alice creates "clinical-notes" (curator review) and "radiology-captions" (open)', [
  [api.tx.datanets.createDatanet('clinical-notes', 'ipfs://bafy-notes-datasheet', 'CuratorReview', license(true), 'ipfs://cc-by-4.0'), a.alice],
  [api.tx.datanets.createDatanet('radiology-captions', 'ipfs://bafy-radiology-datasheet', 'Open', license(true), 'ipfs://cc-by-4.0'), a.alice],
]);
const captions = notes + 1;

const data = [
  ['bob', notes, 51_200], ['charlie', notes, 81_920], ['dave', notes, 20_480],
  ['eve', captions, 10_240], ['ferdie', captions, 30_720],
];
// Content hashes are sha256 of `demo:<datanet>:<n>`: fixed on a fresh chain (docs/rpc.md uses them).
const hashes = data.map((_, i) => sha256(`demo:${notes}:${i}`));
// One after another, so the contribution ids follow this order (in one block the pool would
// order them by fee).
for (const [i, [who, d, size]] of data.entries()) {
  await run(`${who[0].toUpperCase()}${who.slice(1)} registers data (content hash + IPFS URI)`,
    [[api.tx.datanets.contribute(d, hashes[i], size, `ipfs://bafy-${who}-${i}`, ''), a[who]]]);
}
const ids = [];
for (const h of hashes) ids.push((await rpc('attribution_contributionByHash', [h])).id);
await run('Alice reviews clinical notes: quality weights 50, 80, 20 (at most what each declared)', [
  [api.tx.datanets.acceptContribution(ids[0], 50), a.alice],
  [api.tx.datanets.acceptContribution(ids[1], 80), a.alice],
  [api.tx.datanets.acceptContribution(ids[2], 20), a.alice],
]);
await run('Alice publishes version 1 of both datanets (Merkle roots on chain)', [
  [api.tx.datanets.publishVersion(notes), a.alice],
  [api.tx.datanets.publishVersion(captions), a.alice],
]);

const base = await nextId(api.query.models.nextModelId);
const split = { developer: 40 * PERCENT, operators: 15 * PERCENT, data: 40 * PERCENT, inferenceData: 50 * PERCENT };
await run('Eve registers "med-base-7b" trained on both datanets (commercial, fine-tune)', [
  [api.tx.models.registerModel('med-base-7b', 'ipfs://bafy-card-base', sha256('demo:artifact:med-base-7b'), null,
    [[notes, 1], [captions, 1]], { fineTune: true, retrieval: false, commercial: true }, 2n * TRIB, split), a.eve],
]);
await run('Charlie registers "radiology-lora", an adapter on med-base-7b; operators added', [
  [api.tx.models.registerModel('radiology-lora', 'ipfs://bafy-card-lora', sha256('demo:artifact:radiology-lora'), base,
    [[captions, 1]], { fineTune: true, retrieval: true, commercial: true }, 5n * TRIB, split), a.charlie],
  [api.tx.models.addOperator(base, a.ferdie.address), a.eve],
]);
await run('Ferdie operates the adapter; Eve records training attribution (70% notes / 30% captions)', [
  [api.tx.models.addOperator(base + 1, a.ferdie.address), a.charlie],
  [api.tx.attribution.recordTrainingAttribution(base, 1, [[notes, 70 * PERCENT], [captions, 30 * PERCENT]],
    sha256('demo:evidence:med-base-7b'), 'InfluenceFunctions'), a.eve],
]);

const pays = [];
for (let i = 0; i < 12; i++) {
  const model = i % 4 === 3 ? base + 1 : base;
  const attributions = model === base
    ? (i % 2 === 0 ? [[ids[0], 60 * PERCENT], [ids[1], 40 * PERCENT]] : [[ids[2], 100 * PERCENT]])
    : [[ids[3], 50 * PERCENT], [ids[4], 50 * PERCENT]];
  pays.push([api.tx.attribution.payInference(model, 1, a.ferdie.address, 10n * TRIB, sha256(`demo:io:${i}`), attributions), a.alice]);
}
await run('Alice pays for 12 inferences of 10 TRIB (each records which data influenced it)', pays);
await run('Everyone claims their earnings', ['bob', 'charlie', 'dave', 'eve', 'ferdie'].map((n) => [api.tx.revenue.claim(), a[n]]));

console.log('\nEarnings (attribution_earnings):');
for (const n of ['bob', 'charlie', 'dave', 'eve', 'ferdie']) {
  const e = await rpc('attribution_earnings', [a[n].address]);
  console.log(`  ${n.padEnd(8)} claimed ${trib(e.claimed).padStart(16)}  (contributor ${trib(e.asContributor)}, developer ${trib(e.asDeveloper)}, operator ${trib(e.asOperator)})`);
}
const usage = await rpc('attribution_contributionUsage', [ids[0], { start: 0, limit: 5 }]);
console.log(`\nBob's contribution #${ids[0]} was used by ${usage.total} inferences and earned ${trib(usage.earned)}.`);
console.log(`Lineage of the adapter: ${JSON.stringify(await rpc('attribution_modelLineage', [base + 1]))}`);
console.log(`\nTry: curl -s -H 'Content-Type: application/json' -d '{"id":1,"jsonrpc":"2.0","method":"attribution_contributionByHash","params":["${hashes[0]}"]}' ${rpcUrl}`);
console.log(`IDS ${JSON.stringify({ notes, captions, base, adapter: base + 1, contributions: ids, hashes })}`);
await api.disconnect();
