#!/usr/bin/env node
// Load harness: ONE run against ONE node, measuring in the same run
//   - extrinsics per second that the chain includes for balances.transferKeepAlive,
//     attribution.payInference with 1, 16 and 64 attributions, and revenue.claim, each as a
//     ratio to transfers. Every kind is pre-signed, submitted in bulk and sized to keep the
//     pool ahead of block production (its block capacity, computed from the runtime's own
//     weights, times --saturate-blocks + 3; claims: --claimers, since a claim is admitted at
//     its worst-case weight and refunded); the rate is taken over the SATURATED blocks only:
//     blocks authored after the last submission returned, except the last block that carried
//     the kind (it drained the backlog). A kind that never saturated says so;
//   - JSON-RPC latency p50/p99 of attribution_inference, attribution_earnings and
//     chain_getHeader with 1, 16 and 64 concurrent clients over HTTP (the three methods
//     interleaved, --rpc-samples requests each per level), and the p99 ratios;
//   - bytes of state per contribution, model and inference record;
//   - with --node-pid / --base-path: the node's resident memory idle (at start), at the end
//     and its peak (VmHWM), and the database size after the run;
//   - with --node-log: how long the node took to build each measured block.
// Every kind's effect is checked in state afterwards (all transfers arrived, one inference
// record per payment, every claimer paid), so a failed dispatch cannot pass as throughput.
//
// Start the node yourself (scripts/bench/load.sh does all of it), then from scripts/e2e:
//   node ../bench/load.mjs [ws-url] [--saturate-blocks 2] [--claimers 6000] [--rpc-samples 3000]
//                          [--max-per-kind 60000] [--node-pid PID --base-path DIR --node-log FILE]
// Prints a JSON report on stdout, progress on stderr.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, submitAll, Keyring } from '../e2e/chain.mjs';
import { rpc } from '../e2e/node.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const url = args.find((a) => a.startsWith('ws')) ?? 'ws://127.0.0.1:9944';
const saturateBlocks = Number(option('--saturate-blocks', 2));
const maxPerKind = Number(option('--max-per-kind', 60000));
const nodePid = option('--node-pid');
const basePath = option('--base-path');
const nodeLog = option('--node-log');
const rpcPort = new URL(url).port;
const TRIB = 1_000_000_000_000n;
const PERCENT = 10_000_000;
const { api, provider, accounts } = await connect(url);
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const hash = (s) => `0x${createHash('sha256').update(s).digest('hex')}`;
const log = (...a) => console.error(`[load ${new Date().toISOString().slice(11, 19)}]`, ...a);
const report = { node: null, startedAt: new Date().toISOString() };

/** How long the node took to build each block it authored, by number, from its log. */
function buildTimes() {
  const times = new Map();
  if (!nodeLog) return times;
  for (const m of readFileSync(nodeLog, 'utf8').matchAll(/Prepared block for proposing at (\d+) \((\d+) ms\)/g)) {
    times.set(Number(m[1]), Number(m[2]));
  }
  return times;
}

/** The node's memory from /proc: resident now and peak resident, in MiB. */
function memory() {
  if (!nodePid) return null;
  const status = readFileSync(`/proc/${nodePid}/status`, 'utf8');
  const kib = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { rssMiB: Number((kib('VmRSS') / 1024).toFixed(1)), peakRssMiB: Number((kib('VmHWM') / 1024).toFixed(1)) };
}

const rpcCall = (method, params) => rpc(rpcPort, method, params);
async function must(label, pairs) {
  const rs = await submitAll(api, pairs);
  for (const r of rs) if (r.error) throw new Error(`${label}: ${r.error}`);
  return rs;
}

// What a block may hold, from the runtime's constants: normal-class ref time and length.
const blockWeights = api.consts.system.blockWeights;
const normal = blockWeights.perClass.normal;
const maxNormalRefTime = normal.maxTotal.unwrap().refTime.toBigInt();
const baseExtrinsic = normal.baseExtrinsic.refTime.toBigInt();
const maxNormalLength = api.consts.system.blockLength.max.normal.toNumber();

/** How many extrinsics like `tx` (signed) fit in one block by the runtime's weights. */
async function capacityOf(tx, signer) {
  // The weight queryInfo reports is the call's plus the transaction extensions'.
  const info = await tx.paymentInfo(signer);
  await tx.signAsync(signer, { era: 0 });
  const perExtrinsic = info.weight.refTime.toBigInt() + baseExtrinsic;
  const byWeight = Number(maxNormalRefTime / perExtrinsic);
  const byLength = Math.floor(maxNormalLength / tx.encodedLength);
  return { capacity: Math.min(byWeight, byLength), weightMicros: Number(perExtrinsic) / 1e6, bytes: tx.encodedLength };
}

/** Submits hex extrinsics over the WebSocket, `window` in flight at a time. */
async function submitHex(hexes, window = 256) {
  let next = 0;
  const errors = [];
  await Promise.all(Array.from({ length: window }, async () => {
    while (next < hexes.length) {
      const hex = hexes[next++];
      try { await provider.send('author_submitExtrinsic', [hex]); } catch (e) { errors.push(e.message); }
    }
  }));
  if (errors.length) throw new Error(`${errors.length} submissions refused, first: ${errors[0]}`);
}

/**
 * Pre-signs `count` extrinsics `make(i)` round-robin over `signers`, submits them, follows
 * blocks until all are included and returns the inclusion rate over the saturated blocks.
 */
async function bulk(label, make, count, signers) {
  const nonces = await Promise.all(signers.map(async (s) => (await api.rpc.system.accountNextIndex(s.address)).toNumber()));
  const hexes = [];
  const signStart = performance.now();
  for (let i = 0; i < count; i++) {
    const k = i % signers.length;
    const tx = make(i);
    await tx.signAsync(signers[k], { nonce: nonces[k]++, era: 0 });
    hexes.push(tx.toHex());
  }
  log(`${label}: signed ${count} in ${((performance.now() - signStart) / 1000).toFixed(1)} s`);
  const startBlock = (await api.rpc.chain.getHeader()).number.toNumber();
  const submitStart = Date.now();
  await submitHex(hexes);
  const submitEnd = Date.now();
  log(`${label}: submitted in ${((submitEnd - submitStart) / 1000).toFixed(1)} s`);
  // Only this harness submits, so every signed extrinsic in these blocks is ours
  // (the first extrinsic of a block is the timestamp inherent).
  const blocks = [];
  let seen = 0;
  let previousMoment = (await api.query.timestamp.now.at(await api.rpc.chain.getBlockHash(startBlock))).toNumber();
  for (let n = startBlock + 1; seen < count; n++) {
    let blockHash;
    for (;;) {
      blockHash = await api.rpc.chain.getBlockHash(n);
      if (!blockHash.isEmpty) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    const raw = await provider.send('chain_getBlock', [blockHash.toHex()]);
    const ours = raw.block.extrinsics.length - 1;
    const moment = (await api.query.timestamp.now.at(blockHash)).toNumber();
    blocks.push({ n, ours, moment, interval: moment - previousMoment });
    previousMoment = moment;
    seen += ours;
    if (n - startBlock > 400) throw new Error(`${label}: ${count - seen} not included after 400 blocks`);
  }
  const carrying = blocks.filter((b) => b.ours > 0);
  const last = carrying[carrying.length - 1];
  // A block's timestamp is its slot start: authored after submission ended means its
  // author saw the whole remaining backlog in the pool.
  const saturated = carrying.filter((b) => b !== last && b.moment >= submitEnd);
  const over = saturated.length > 0 ? saturated : carrying;
  const included = over.reduce((s, b) => s + b.ours, 0);
  const seconds = over.reduce((s, b) => s + b.interval, 0) / 1000;
  const result = {
    extrinsics: count,
    blocksCarrying: carrying.length,
    saturatedBlocks: saturated.length,
    perBlock: over.map((b) => b.ours),
    maxPerBlock: Math.max(...carrying.map((b) => b.ours)),
    submitSeconds: Number(((submitEnd - submitStart) / 1000).toFixed(1)),
    perSecond: Number((included / seconds).toFixed(2)),
  };
  if (nodeLog) {
    // Wall time the author spent building each measured block, against the block's weight
    // budget: how far real execution is from what the weights charge.
    const times = buildTimes();
    result.buildMillis = over.map((b) => times.get(b.n) ?? null);
  }
  if (saturated.length === 0) result.note = 'never saturated: rate over every block that carried it';
  log(`${label}: ${JSON.stringify(result)}`);
  return result;
}

const sizeFor = (capacity) => Math.min(maxPerKind, Math.ceil(capacity * (saturateBlocks + 3)));

report.node = await rpcCall('system_version');
report.memoryIdle = memory();
report.blockLimits = { normalRefTimeMicros: Number(maxNormalRefTime) / 1e6, baseExtrinsicMicros: Number(baseExtrinsic) / 1e6, normalLengthBytes: maxNormalLength };

// Senders: 64 fresh accounts funded by Alice (no nonce contention between senders).
const senders = Array.from({ length: 64 }, (_, i) => keyring.addFromUri(`//LoadSender${i}`));
log('funding senders');
for (let i = 0; i < senders.length; i += 16) {
  await must('fund', senders.slice(i, i + 16).map((s) => [api.tx.balances.transferKeepAlive(s.address, 10_000n * TRIB), accounts.alice]));
}

// The economy under load: one open datanet whose contributions each have their own owner
// (the claimers), published as version 1, and one model trained on it.
const datanet = (await api.query.datanets.nextDatanetId()).toNumber();
const license = { train: true, fineTune: true, retrieval: true, commercial: true, derivatives: true, expiresAt: null, legalTextHash: hash('l') };
await must('datanet', [[api.tx.datanets.createDatanet('load', 'ipfs://load', 'Open', license, 'ipfs://l'), accounts.alice]]);
// `claim` is admitted at its worst-case weight (MaxClaimBatch contributions) and refunded to
// what it settled, so its capacity cannot be read from queryInfo: the claimer count is a
// parameter, large enough to fill several blocks at the benchmarked one-contribution weight.
const claimCapacity = await capacityOf(api.tx.revenue.claim(), senders[0]);
const claimers = Array.from({ length: Number(option('--claimers', 6000)) }, (_, i) => keyring.addFromUri(`//LoadClaimer${i}`));
// Payments attribute to the first 64 contributions, one per claimer.
if (claimers.length < 64) throw new Error('--claimers must be at least 64 (payments attribute to up to 64 contributions)');
log(`setting up ${claimers.length} contributors`);
await bulk('setup: fund contributors', (i) => api.tx.balances.transferKeepAlive(claimers[i].address, 10n * TRIB), claimers.length, senders);
const firstContribution = (await api.query.datanets.nextContributionId()).toNumber();
await bulk('setup: contribute', (i) => api.tx.datanets.contribute(datanet, hash(`load:${datanet}:${i}`), 4096, 'ipfs://x', ''),
  claimers.length, claimers);
const contributed = (await api.query.datanets.nextContributionId()).toNumber() - firstContribution;
if (contributed !== claimers.length) throw new Error(`setup: ${contributed} of ${claimers.length} contributions recorded`);
await must('publish', [[api.tx.datanets.publishVersion(datanet), accounts.alice]]);
const model = (await api.query.models.nextModelId()).toNumber();
await must('model', [[api.tx.models.registerModel('load-model', 'ipfs://m', hash('m'), null, [[datanet, 1]],
  { fineTune: true, retrieval: true, commercial: true }, 1n,
  { developer: 40 * PERCENT, operators: 15 * PERCENT, data: 40 * PERCENT, inferenceData: 50 * PERCENT }), accounts.alice]]);
await must('operator', [[api.tx.models.addOperator(model, accounts.ferdie.address), accounts.alice]]);
const contributions = Array.from({ length: 64 }, (_, i) => firstContribution + i);
const attributions = (n) => contributions.slice(0, n).map((c, i) =>
  [c, i === n - 1 ? 1_000_000_000 - Math.floor(1_000_000_000 / n) * (n - 1) : Math.floor(1_000_000_000 / n)]);

// Transfers: Bob's balance must grow by exactly what was sent.
const transfer = (i) => api.tx.balances.transferKeepAlive(accounts.bob.address, TRIB + BigInt(i));
const transferCapacity = await capacityOf(transfer(0), senders[0]);
const transfers = sizeFor(transferCapacity.capacity);
const bobBefore = (await api.query.system.account(accounts.bob.address)).data.free.toBigInt();
report.transferKeepAlive = { ...transferCapacity, ...await bulk('transferKeepAlive', transfer, transfers, senders) };
const bobAfter = (await api.query.system.account(accounts.bob.address)).data.free.toBigInt();
const sent = BigInt(transfers) * TRIB + BigInt(transfers) * BigInt(transfers - 1) / 2n;
if (bobAfter - bobBefore !== sent) throw new Error(`transfers: Bob received ${bobAfter - bobBefore}, expected ${sent}`);

// Payments: one inference record per payment.
const inferenceOf = {};
for (const a of [1, 16, 64]) {
  const pay = (i) => api.tx.attribution.payInference(model, 1, accounts.ferdie.address, TRIB, hash(`io:${a}:${i}`), attributions(a));
  const capacity = await capacityOf(pay(0), senders[0]);
  const count = sizeFor(capacity.capacity);
  const before = (await api.query.attribution.nextInferenceId()).toNumber();
  inferenceOf[a] = before;
  report[`payInference${a}`] = { ...capacity, ...await bulk(`payInference(${a})`, pay, count, senders) };
  const recorded = (await api.query.attribution.nextInferenceId()).toNumber() - before;
  if (recorded !== count) throw new Error(`payInference(${a}): ${recorded} of ${count} recorded`);
}

// Claims: every contributor claims once, settling its one contribution's pool share.
report.claim = { worstCaseCapacity: claimCapacity.capacity, weightMicrosWorstCase: claimCapacity.weightMicros, bytes: claimCapacity.bytes, ...await bulk('claim', () => api.tx.revenue.claim(), claimers.length, claimers) };
const stats = await api.query.revenue.earnings.multi(claimers.map((c) => c.address));
const paid = stats.filter((s) => s.claimed.toBigInt() > 0n).length;
if (paid !== claimers.length) throw new Error(`claim: ${paid} of ${claimers.length} claimers paid`);

for (const kind of ['payInference1', 'payInference16', 'payInference64', 'claim']) {
  report[kind].ratioToTransfer = Number((report[kind].perSecond / report.transferKeepAlive.perSecond).toFixed(4));
}
report.memoryAfterExtrinsics = memory();

// RPC latency under concurrency: `clients` clients each send requests back to back, cycling
// through the three methods so that every method sees the same conditions; at least
// SAMPLES requests per method at each level, so p99 is not one unlucky request.
const samplesPerMethod = Number(option('--rpc-samples', 3000));
async function latencies(calls, clients) {
  const samples = calls.map(() => []);
  const rounds = Math.ceil(samplesPerMethod / clients);
  await Promise.all(Array.from({ length: clients }, async (_, client) => {
    for (let i = 0; i < rounds; i++) {
      for (let k = 0; k < calls.length; k++) {
        const at = (k + client) % calls.length;
        const t0 = performance.now();
        await rpcCall(...calls[at]);
        samples[at].push(performance.now() - t0);
      }
    }
  }));
  return samples.map((list) => {
    list.sort((x, y) => x - y);
    const q = (p) => list[Math.min(list.length - 1, Math.floor(p * list.length))];
    return { requests: list.length, p50: Number(q(0.5).toFixed(2)), p99: Number(q(0.99).toFixed(2)) };
  });
}
// The heaviest records: an inference with 64 attributions, a contributor with earnings.
report.rpc = { inference: inferenceOf[64], earningsOf: claimers[0].address };
for (const clients of [1, 16, 64]) {
  const [header, inference, earnings] = await latencies([
    ['chain_getHeader', []],
    ['attribution_inference', [inferenceOf[64]]],
    ['attribution_earnings', [claimers[0].address]],
  ], clients);
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
const oKey = api.query.datanets.contributionsByOwner.key(claimers[0].address, contributions[0]);
report.stateBytes = {
  contribution: (await size(cKey)) + keyLen(cKey) + (await size(hKey)) + keyLen(hKey) + keyLen(oKey),
};
const mKey = api.query.models.models.key(model);
const vKey = api.query.models.modelVersions.key(model, 1);
report.stateBytes.model = (await size(mKey)) + keyLen(mKey) + (await size(vKey)) + keyLen(vKey);
const iKey = api.query.attribution.inferences.key(inferenceOf[1]);
report.stateBytes.inferenceRecord = (await size(iKey)) + keyLen(iKey);

report.memoryEnd = memory();
if (basePath) {
  report.databaseBytes = Number(execFileSync('du', ['-sb', basePath], { encoding: 'utf8' }).split('\t')[0]);
}
report.finishedAt = new Date().toISOString();
console.log(JSON.stringify(report, null, 2));
await api.disconnect();
