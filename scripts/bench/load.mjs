#!/usr/bin/env node
// Load harness: ONE run against ONE node (start it yourself, ideally the release build with
// raised pool limits, e.g.
//   tributary-node --dev --tmp --pool-limit 100000 --pool-kbytes 512000 --rpc-max-connections 2000
// ) measuring, in the same run:
//   - extrinsics per second for balances.transferKeepAlive, attribution.payInference with 1,
//     16 and 64 attributions, and revenue.claim: pre-signed, submitted at once, rate taken
//     between the first and last block that included them (block timestamps);
//   - JSON-RPC latency p50/p99 of attribution_inference, attribution_earnings and
//     chain_getHeader with 1, 16 and 64 concurrent clients;
//   - bytes of state per contribution, model and inference record.
// Prints a JSON report. Run from scripts/e2e (dependencies):  node ../bench/load.mjs [ws-url] [N]
import { createHash } from 'node:crypto';
import { connect, submit, Keyring } from '../e2e/chain.mjs';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const N = Number(process.argv[3] ?? 600); // extrinsics per measured kind
const httpUrl = url.replace(/^ws/, 'http');
const TRIB = 1_000_000_000_000n;
const PERCENT = 10_000_000;
const { api, accounts } = await connect(url);
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const hash = (s) => `0x${createHash('sha256').update(s).digest('hex')}`;
const log = (...a) => console.error('[load]', ...a);

async function rpcCall(method, params = []) {
  const res = await fetch(httpUrl, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }) });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}
async function must(label, pairs) {
  const rs = await Promise.all(pairs.map(([tx, who]) => submit(api, tx, who)));
  for (const r of rs) if (r.error) throw new Error(`${label}: ${r.error}`);
  return rs;
}

// Senders: 64 fresh accounts funded by Alice (no nonce contention between senders).
const senders = Array.from({ length: 64 }, (_, i) => keyring.addFromUri(`//LoadSender${i}`));
log('funding senders');
for (let i = 0; i < senders.length; i += 16) {
  await must('fund', senders.slice(i, i + 16).map((s) => [api.tx.balances.transferKeepAlive(s.address, 10_000n * TRIB), accounts.alice]));
}

// The economy under load: one datanet with 64 accepted contributions, one model.
const datanet = (await api.query.datanets.nextDatanetId()).toNumber();
const license = { train: true, fineTune: true, retrieval: true, commercial: true, derivatives: true, expiresAt: null, legalTextHash: hash('l') };
await must('datanet', [[api.tx.datanets.createDatanet('load', 'ipfs://load', 'Open', license, 'ipfs://l'), accounts.alice]]);
const firstContribution = (await api.query.datanets.nextContributionId()).toNumber();
for (let i = 0; i < 64; i += 16) {
  await must('contribute', Array.from({ length: 16 }, (_, k) => [
    api.tx.datanets.contribute(datanet, hash(`load:${datanet}:${i + k}`), 4096, 'ipfs://x', ''), senders[i + k]]));
}
await must('publish', [[api.tx.datanets.publishVersion(datanet), accounts.alice]]);
const model = (await api.query.models.nextModelId()).toNumber();
await must('model', [[api.tx.models.registerModel('load-model', 'ipfs://m', hash('m'), null, [[datanet, 1]],
  { fineTune: true, retrieval: true, commercial: true }, 1n,
  { developer: 40 * PERCENT, operators: 15 * PERCENT, data: 40 * PERCENT, inferenceData: 50 * PERCENT }), accounts.alice]]);
await must('operator', [[api.tx.models.addOperator(model, accounts.ferdie.address), accounts.alice]]);
const contributions = Array.from({ length: 64 }, (_, i) => firstContribution + i);
const attributions = (n) => contributions.slice(0, n).map((c, i) =>
  [c, i === n - 1 ? 1_000_000_000 - Math.floor(1_000_000_000 / n) * (n - 1) : Math.floor(1_000_000_000 / n)]);

/** Pre-signs `N` extrinsics made by `make(i)` round-robin over senders, submits them all,
 * and returns extrinsics per second between the first and last including block. */
async function measure(label, make, count = N) {
  const nonces = await Promise.all(senders.map(async (s) => (await api.rpc.system.accountNextIndex(s.address)).toNumber()));
  const signed = [];
  for (let i = 0; i < count; i++) {
    const k = i % senders.length;
    const tx = make(i);
    await tx.signAsync(senders[k], { nonce: nonces[k]++, era: 0 });
    signed.push(tx);
  }
  const startBlock = (await api.rpc.chain.getHeader()).number.toNumber();
  const hashes = new Set();
  await Promise.all(signed.map(async (tx) => { hashes.add(tx.hash.toHex()); await api.rpc.author.submitExtrinsic(tx); }));
  // Follow blocks until every extrinsic is included.
  const blocks = [];
  let seen = 0;
  for (let n = startBlock + 1; seen < count; n++) {
    let blockHash;
    for (;;) {
      blockHash = await api.rpc.chain.getBlockHash(n);
      if (!blockHash.isEmpty && (await api.rpc.chain.getHeader()).number.toNumber() >= n) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const block = await api.rpc.chain.getBlock(blockHash);
    const ours = block.block.extrinsics.filter((x) => hashes.has(x.hash.toHex())).length;
    const moment = (await api.query.timestamp.now.at(blockHash)).toNumber();
    blocks.push({ n, ours, moment });
    seen += ours;
    if (n - startBlock > 200) throw new Error(`${label}: not all included after 200 blocks`);
  }
  const used = blocks.filter((b) => b.ours > 0);
  const first = used[0], last = used[used.length - 1];
  // Rate over the blocks that carried them: count / (time from the block before the first to the last).
  const seconds = (last.moment - first.moment) / 1000 + 6;
  const perSecond = count / seconds;
  log(`${label}: ${count} in ${used.length} blocks, ${perSecond.toFixed(1)}/s (max ${Math.max(...used.map((b) => b.ours))} per block)`);
  return { extrinsics: count, blocks: used.length, maxPerBlock: Math.max(...used.map((b) => b.ours)), perSecond: Number(perSecond.toFixed(2)) };
}

const report = { node: (await rpcCall('system_version')), N };
report.transferKeepAlive = await measure('transferKeepAlive', (i) => api.tx.balances.transferKeepAlive(accounts.bob.address, TRIB + BigInt(i)));
for (const a of [1, 16, 64]) {
  report[`payInference${a}`] = await measure(`payInference(${a})`, (i) =>
    api.tx.attribution.payInference(model, 1, accounts.ferdie.address, TRIB, hash(`io:${a}:${i}`), attributions(a)));
}
// Claims: every sender owns one contribution with pool earnings; one claim each, repeated.
// One claim per sender: each owns a contribution whose pool share accrued above.
report.claim = await measure('claim', () => api.tx.revenue.claim(), senders.length);
for (const kind of ['payInference1', 'payInference16', 'payInference64', 'claim']) {
  report[kind].ratioToTransfer = Number((report[kind].perSecond / report.transferKeepAlive.perSecond).toFixed(3));
}

// RPC latency under concurrency.
async function latency(method, params, clients, perClient = 50) {
  const samples = [];
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let i = 0; i < perClient; i++) {
      const t0 = performance.now();
      await rpcCall(method, params);
      samples.push(performance.now() - t0);
    }
  }));
  samples.sort((x, y) => x - y);
  const q = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
  return { p50: Number(q(0.5).toFixed(2)), p99: Number(q(0.99).toFixed(2)) };
}
report.rpc = {};
for (const clients of [1, 16, 64]) {
  const header = await latency('chain_getHeader', [], clients);
  const inference = await latency('attribution_inference', [0], clients);
  const earnings = await latency('attribution_earnings', [senders[0].address], clients);
  report.rpc[clients] = {
    chain_getHeader: header, attribution_inference: inference, attribution_earnings: earnings,
    p99RatioInference: Number((inference.p99 / header.p99).toFixed(2)),
    p99RatioEarnings: Number((earnings.p99 / header.p99).toFixed(2)),
  };
  log(`rpc ${clients} clients`, JSON.stringify(report.rpc[clients]));
}

// Bytes of state per item: key + value of the records one item creates.
const size = async (key) => (await api.rpc.state.getStorageSize(key)).toNumber();
const keyLen = (key) => (key.length - 2) / 2;
const cKey = api.query.datanets.contributions.key(contributions[0]);
const hKey = api.query.datanets.contributionByHash.key(hash(`load:${datanet}:0`));
const oKey = api.query.datanets.contributionsByOwner.key(senders[0].address, contributions[0]);
report.stateBytes = {
  contribution: (await size(cKey)) + keyLen(cKey) + (await size(hKey)) + keyLen(hKey) + keyLen(oKey),
};
const mKey = api.query.models.models.key(model);
const vKey = api.query.models.modelVersions.key(model, 1);
report.stateBytes.model = (await size(mKey)) + keyLen(mKey) + (await size(vKey)) + keyLen(vKey);
const iKey = api.query.attribution.inferences.key(0);
report.stateBytes.inferenceRecord = (await size(iKey)) + keyLen(iKey);
console.log(JSON.stringify(report, null, 2));
await api.disconnect();
