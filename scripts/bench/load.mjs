#!/usr/bin/env node
// Load harness: ONE run against ONE node, measuring in the same run
//   - extrinsics per second that the chain includes for balances.transferKeepAlive,
//     attribution.payInference with 1, 16 and 64 attributions, revenue.claim and an empty
//     system.remark (the lightest signed extrinsic: the block author's own cost per
//     extrinsic), each as a ratio to transfers. Every kind is pre-signed, submitted in bulk and sized to keep the
//     pool ahead of block production (its block capacity, computed from the runtime's own
//     weights, times --saturate-blocks + 3: transfers by queryInfo, payments by the refunded
//     weight one probe payment was charged; claims: --claimers, since a claim is admitted at
//     its worst-case weight and refunded); the rate is taken over the SATURATED blocks only:
//     blocks authored after the last submission returned, except the last block that carried
//     the kind (it drained the backlog). A kind that never saturated says so;
//   - JSON-RPC latency p50/p99 of attribution_inference, attribution_earnings and
//     chain_getHeader with 1, 16 and 64 concurrent clients over HTTP (the three methods
//     interleaved, --rpc-samples requests each per level), and the p99 ratios;
//   - bytes of state per contribution, model and inference record (the record measured
//     right after its payment: it leaves state after its dispute period);
//   - state growth: --growth-payments (10,000) payments attributed to the same 16
//     contributions grow state by at most 64 KiB once their dispute period is over (every
//     key's length plus its value's, summed over the whole state before and after, with a
//     breakdown by storage item), the blocks the phase spanned and the most records the chain
//     archived in one block;
//   - with --node-pid / --base-path: the node's resident memory idle (at start), at the end
//     and its peak (VmHWM), and the database size after the run;
//   - with --node-log: how long the node took to build each measured block, its share of
//     the normal-class budget, and the weight the block was charged (System::BlockWeight,
//     normal class) over that build time: the kind's over-charge; when the node logs
//     basic-authorship at debug (load.sh runs it so), the build time's parts (the wait for
//     the pool, the time to fill the block, the tail of refused tries; see buildTimes) and
//     the time to fill the block against the budget and the charged weight.
// Every kind's effect is checked in state afterwards (all transfers arrived, one inference
// recorded per payment by the on-chain counters and the last one served over RPC, every
// claimer paid), so a failed dispatch cannot pass as throughput.
//
// Start the node yourself (scripts/bench/load.sh does all of it), then from scripts/e2e:
//   node ../bench/load.mjs [ws-url] [--saturate-blocks 2] [--claimers 18000] [--rpc-samples 3000]
//                          [--max-per-kind 60000] [--growth-payments 10000]
//                          [--node-pid PID --base-path DIR --node-log FILE]
// Prints a JSON report on stdout, progress on stderr.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, submitAll, Keyring, permissiveLicense, TRIB } from '../e2e/chain.mjs';
import { rpc } from '../e2e/node.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const url = args.find((a) => a.startsWith('ws')) ?? 'ws://127.0.0.1:9944';
const saturateBlocks = Number(option('--saturate-blocks', 2));
const maxPerKind = Number(option('--max-per-kind', 60000));
const growthPayments = Number(option('--growth-payments', 10000));
const nodePid = option('--node-pid');
const basePath = option('--base-path');
const nodeLog = option('--node-log');
const rpcPort = new URL(url).port;
const PERCENT = 10_000_000;
const { api, provider, accounts } = await connect(url);
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const hash = (s) => `0x${createHash('sha256').update(s).digest('hex')}`;
const log = (...a) => console.error(`[load ${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const report = { node: null, startedAt: new Date().toISOString() };

/** How long the node took to build each block it authored, by number, from its log. */
/**
 * Each authored block's build time from the node's log: the printed total (`Prepared block for
 * proposing at N (X ms)`) and, when the node logs basic-authorship at debug (load.sh runs it
 * so, which also gives every line milliseconds), its parts:
 *   - poolWait: from the inherents applied (`apply_inherents: Runtime provided ...`, after the
 *     runtime's `initialize_block`) to the author starting to push (`Attempting to push
 *     transactions from the pool at <parent>`): the wait for the pool to be ready at the parent
 *     (`ready_at_with_timeout`);
 *   - filled: from the inherents applied to the first extrinsic that no longer fit (`Block seems
 *     full` / `would overflow the block size limit`), or to the end when none was refused: the
 *     time it took to fill the block, pool wait included;
 *   - tail: from that refusal to the end. A full block is not sealed at once: the author goes on
 *     trying the pool's other extrinsics until its soft deadline (half the proposal time left),
 *     each a full `apply_extrinsic` refused by `CheckWeight`; with thousands of independent
 *     signers (one claim each) that is hundreds of milliseconds of refusals, not building.
 * A proposal's lines are paired by its parent hash (the session start and the push print it in
 * full, the end shortened to `0xabcd…wxyz`), so a late proposal that overran its slot cannot
 * lend its times to the next.
 */
function buildTimes() {
  const times = new Map();
  if (!nodeLog) return times;
  const stamp = (line) => {
    const m = line.match(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/);
    return m ? Date.parse(`${m[1]}T${m[2]}Z`) : null;
  };
  const short = (hash) => `${hash.slice(0, 6)}…${hash.slice(-4)}`;
  const proposals = new Map(); // short parent hash -> marks of the proposal on it
  let session = null; // the proposal whose session started last (inherents carry no hash)
  let pushing = null; // the proposal pushing extrinsics last (refusals carry no hash)
  for (const line of readFileSync(nodeLog, 'utf8').split('\n')) {
    let m;
    if ((m = line.match(/Starting consensus session on top of parent (0x[0-9a-f]{64})/))) {
      session = { inherents: null, push: null, full: null };
      proposals.set(short(m[1]), session);
    } else if (line.includes('apply_inherents: Runtime provided')) {
      if (session) session.inherents = stamp(line);
    } else if ((m = line.match(/Attempting to push transactions from the pool at (0x[0-9a-f]{64})/))) {
      pushing = proposals.get(short(m[1])) ?? null;
      if (pushing) pushing.push = stamp(line);
    } else if (line.includes('Block seems full') || line.includes('would overflow the block size limit')) {
      if (pushing && pushing.full === null) pushing.full = stamp(line);
    } else if ((m = line.match(/Prepared block for proposing at (\d+) \((\d+) ms\).*parent_hash: (0x[0-9a-f]{4}…[0-9a-f]{4})/))) {
      const marks = proposals.get(m[3]);
      proposals.delete(m[3]);
      const end = stamp(line);
      const ok = marks && marks.inherents !== null && marks.push !== null && end !== null;
      times.set(Number(m[1]), {
        millis: Number(m[2]),
        poolWait: ok ? marks.push - marks.inherents : null,
        filled: ok ? (marks.full ?? end) - marks.inherents : null,
        tail: ok ? (marks.full === null ? 0 : end - marks.full) : null,
      });
    }
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

/**
 * How many extrinsics like `tx` fit in one block by the weight they are charged after
 * dispatch (refunds applied): one is submitted and its `ExtrinsicSuccess` weight read, which
 * includes the transaction extensions' and the base weight. Payments declare the worst case
 * (longest lineage, most training datanets) and are refunded to what they read, so queryInfo
 * alone would size their load far below what a block holds.
 */
async function chargedCapacityOf(label, tx, signer) {
  const declared = await capacityOf(tx, signer);
  const [r] = await must(`${label}: probe`, [[tx, signer]]);
  const success = r.events.find((e) => api.events.system.ExtrinsicSuccess.is(e));
  if (!success) throw new Error(`${label}: probe has no ExtrinsicSuccess`);
  const charged = success.data.dispatchInfo.weight.refTime.toBigInt();
  const byWeight = Number(maxNormalRefTime / charged);
  const byLength = Math.floor(maxNormalLength / declared.bytes);
  return {
    capacity: Math.min(byWeight, byLength),
    declaredWeightMicros: declared.weightMicros,
    weightMicros: Number(charged) / 1e6,
    bytes: declared.bytes,
  };
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
    blocks.push({ n, hash: blockHash, ours, moment, interval: moment - previousMoment });
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
    result.buildMillis = over.map((b) => times.get(b.n)?.millis ?? null);
    // Its parts (null unless the node logs basic-authorship at debug): see buildTimes.
    result.poolWaitMillis = over.map((b) => times.get(b.n)?.poolWait ?? null);
    result.filledMillis = over.map((b) => times.get(b.n)?.filled ?? null);
    result.tailMillis = over.map((b) => times.get(b.n)?.tail ?? null);
  }
  // The normal-class weight each measured block was charged (every refund applied), and how
  // far that is from its build time: the over-charge of the kind.
  const weights = await Promise.all(over.map((b) => api.query.system.blockWeight.at(b.hash)));
  result.chargedMillis = weights.map((w) => Number((Number(w.normal.refTime.toBigInt()) / 1e9).toFixed(1)));
  if (result.buildMillis) {
    result.overCharge = result.chargedMillis.map((c, i) =>
      (result.buildMillis[i] ? Number((c / result.buildMillis[i]).toFixed(2)) : null));
    result.budgetShare = result.buildMillis.map((m) => (m === null ? null : Number((m / (Number(maxNormalRefTime) / 1e9)).toFixed(3))));
    // The time to fill the block against its budget, and the over-charge against that time.
    result.budgetShareFilled = result.filledMillis.map((m) => (m === null ? null : Number((m / (Number(maxNormalRefTime) / 1e9)).toFixed(3))));
    result.overChargeFilled = result.chargedMillis.map((c, i) =>
      (result.filledMillis[i] ? Number((c / result.filledMillis[i]).toFixed(2)) : null));
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
const license = permissiveLicense(hash('l'));
await must('datanet', [[api.tx.datanets.createDatanet('load', 'ipfs://load', 'Open', license, 'ipfs://l'), accounts.alice]]);
// `claim` is admitted at its worst-case weight (MaxClaimBatch contributions) and refunded to
// what it settled, so its capacity cannot be read from queryInfo: the claimer count is a
// parameter, large enough to fill several blocks at the benchmarked one-contribution weight.
const claimCapacity = await capacityOf(api.tx.revenue.claim(), senders[0]);
const claimers = Array.from({ length: Number(option('--claimers', 18000)) }, (_, i) => keyring.addFromUri(`//LoadClaimer${i}`));
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

// Remarks: an empty system.remark is the lightest signed extrinsic there is, so its blocks'
// build time over their import time (`tributary-node benchmark block` on a kept archive
// database) is the block author's own cost per extrinsic, which no weight benchmark
// measures. Each sender's nonce must have moved by exactly its share of the remarks.
const remark = () => api.tx.system.remark('0x');
const remarkCapacity = await capacityOf(remark(), senders[0]);
const remarks = sizeFor(remarkCapacity.capacity);
const noncesBefore = await Promise.all(senders.map(async (s) => (await api.rpc.system.accountNextIndex(s.address)).toNumber()));
report.remark = { ...remarkCapacity, ...await bulk('remark', remark, remarks, senders) };
const noncesAfter = await Promise.all(senders.map(async (s) => (await api.rpc.system.accountNextIndex(s.address)).toNumber()));
senders.forEach((s, k) => {
  const expected = Math.floor(remarks / senders.length) + (k < remarks % senders.length ? 1 : 0);
  if (noncesAfter[k] - noncesBefore[k] !== expected) throw new Error(`remarks: sender ${k} sent ${noncesAfter[k] - noncesBefore[k]}, expected ${expected}`);
});

// Bytes of state per item: key + value of the records one item creates.
const size = async (key) => (await api.rpc.state.getStorageSize(key)).toNumber();
const keyLen = (key) => (key.length - 2) / 2;

/** What the inference counters say: records ever, the model's, the senders' (summed). */
async function inferenceCounters() {
  const [next, ofModel, ofPayers] = await Promise.all([
    api.query.attribution.nextInferenceId(),
    api.query.attribution.modelInferenceCount(model),
    api.query.attribution.payerInferenceCount.multi(senders.map((s) => s.address)),
  ]);
  return { next: next.toNumber(), ofModel: ofModel.toNumber(), ofPayers: ofPayers.reduce((t, c) => t + c.toNumber(), 0) };
}

/** Checks `count` payments of `a` attributions were each recorded once, by the counters. */
async function checkRecorded(label, before, count, a) {
  const after = await inferenceCounters();
  for (const counter of ['next', 'ofModel', 'ofPayers']) {
    const recorded = after[counter] - before[counter];
    if (recorded !== count) throw new Error(`${label}: ${recorded} of ${count} recorded (${counter})`);
  }
  // The last one over RPC, in state or already archived alike.
  const last = await rpcCall('attribution_inference', [after.next - 1]);
  if (last?.model !== model || last.attributions.length !== a) {
    throw new Error(`${label}: inference ${after.next - 1} over RPC: ${JSON.stringify(last)?.slice(0, 300)}`);
  }
}

// Payments: one inference recorded per payment. Records leave state after their dispute
// period (10 blocks on --dev), so the check reads the counters, not the records.
const inferenceOf = {};
let inferenceRecordBytes;
for (const a of [1, 16, 64]) {
  const pay = (i) => api.tx.attribution.payInference(model, 1, accounts.ferdie.address, TRIB, hash(`io:${a}:${i}`), attributions(a));
  // The probe is Alice's: the senders' nonces are the pre-signed batches' own.
  const capacity = await chargedCapacityOf(`payInference(${a})`, pay(-1), accounts.alice);
  const count = sizeFor(capacity.capacity);
  const before = await inferenceCounters();
  inferenceOf[a] = before.next;
  report[`payInference${a}`] = { ...capacity, ...await bulk(`payInference(${a})`, pay, count, senders) };
  if (a === 1) {
    // The newest record is a block or two old: still in state.
    const iKey = api.query.attribution.inferences.key(before.next + count - 1);
    const bytes = await size(iKey);
    if (bytes === 0) throw new Error(`payInference(1): record ${before.next + count - 1} not in state to measure`);
    inferenceRecordBytes = bytes + keyLen(iKey);
  }
  await checkRecorded(`payInference(${a})`, before, count, a);
}

// Claims: every contributor claims once, settling its one contribution's pool share.
report.claim = { worstCaseCapacity: claimCapacity.capacity, weightMicrosWorstCase: claimCapacity.weightMicros, bytes: claimCapacity.bytes, ...await bulk('claim', () => api.tx.revenue.claim(), claimers.length, claimers) };
const stats = await api.query.revenue.earnings.multi(claimers.map((c) => c.address));
const paid = stats.filter((s) => s.claimed.toBigInt() > 0n).length;
if (paid !== claimers.length) throw new Error(`claim: ${paid} of ${claimers.length} claimers paid`);

for (const kind of ['remark', 'payInference1', 'payInference16', 'payInference64', 'claim']) {
  report[kind].ratioToTransfer = Number((report[kind].perSecond / report.transferKeepAlive.perSecond).toFixed(4));
}
report.memoryAfterExtrinsics = memory();

// State growth: `growthPayments` payments attributed to the same 16 contributions must grow
// state by at most 64 KiB once their dispute period is over and the chain has archived them.
// State size is every key's length plus its value's, summed over the whole state at one
// block: keys paged 1000 at a time (state_getKeysPaged), their values fetched in the same
// batches (state_queryStorageAt), each batch's values while the next keys page is read.
const itemOf = new Map(); // storage item prefix (pallet + item, 32 bytes) -> "pallet.item"
for (const [section, entries] of Object.entries(api.query)) {
  for (const [name, entry] of Object.entries(entries)) {
    try { itemOf.set(entry.keyPrefix(), `${section}.${name}`); } catch { /* not a storage entry */ }
  }
}
const itemOfKey = (key) => itemOf.get(key.slice(0, 66)) ?? itemOf.get(key) ?? (key.startsWith('0x3a') ? 'wellKnown' : 'other');

/** Keys and bytes (key + value) of the whole state at block `at`, overall and per item. */
async function stateSize(at) {
  const started = performance.now();
  const total = { keys: 0, bytes: 0 };
  const byItem = {};
  const values = async (page) => {
    const sets = await provider.send('state_queryStorageAt', [page, at]);
    const found = new Map(sets.flatMap((set) => set.changes));
    for (const key of page) {
      const value = found.get(key);
      if (value === undefined || value === null) throw new Error(`state size: no value for listed key ${key} at ${at}`);
      const bytes = keyLen(key) + keyLen(value);
      const item = (byItem[itemOfKey(key)] ??= { keys: 0, bytes: 0 });
      item.keys++;
      item.bytes += bytes;
      total.keys++;
      total.bytes += bytes;
    }
  };
  let pending = Promise.resolve();
  let startKey = null;
  for (;;) {
    const page = await provider.send('state_getKeysPaged', ['0x', 1000, startKey, at]);
    await pending;
    if (page.length === 0) break;
    pending = values(page);
    pending.catch(() => {}); // awaited on the next round; only marks it handled meanwhile
    if (page.length < 1000) break;
    startKey = page[page.length - 1];
  }
  await pending;
  return { ...total, byItem, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
}

/** The number and hash of the best block. */
async function best() {
  const header = await api.rpc.chain.getHeader();
  return { n: header.number.toNumber(), hash: header.hash.toHex() };
}

/** Waits for block `n` to exist; returns its hash. */
async function blockHashOf(n) {
  for (;;) {
    const blockHash = await api.rpc.chain.getBlockHash(n);
    if (!blockHash.isEmpty) return blockHash.toHex();
    await sleep(300);
  }
}

/**
 * Waits until the chain has gone past every inference record (pruneHead >= nextInferenceId),
 * logging progress; fails when pruneHead stands still for `maxStall` blocks (a record's
 * period is 10 blocks) or after `maxBlocks`. Returns the block number it saw that at.
 */
async function untilArchived(label, maxStall = 30, maxBlocks = 400) {
  const first = (await best()).n;
  let lastHead = -1;
  let movedAt = first;
  let loggedAt = 0;
  for (;;) {
    const { n, hash: at } = await best();
    const [head, next] = (await Promise.all([api.query.attribution.pruneHead.at(at), api.query.attribution.nextInferenceId.at(at)]))
      .map((v) => v.toNumber());
    if (head >= next) return n;
    if (head !== lastHead) {
      lastHead = head;
      movedAt = n;
    }
    if (n - movedAt > maxStall) throw new Error(`${label}: pruneHead stuck at ${head} of ${next} for ${n - movedAt} blocks (#${n})`);
    if (n - first > maxBlocks) throw new Error(`${label}: ${next - head} records not archived after ${maxBlocks} blocks (#${n})`);
    if (Date.now() - loggedAt > 15_000) {
      log(`${label}: archived up to ${head} of ${next} at #${n}`);
      loggedAt = Date.now();
    }
    await sleep(1000);
  }
}

/**
 * Follows blocks from `from` on, counting in each the InferenceRecorded and InferenceArchived
 * events of inferences from `firstId` on, while the chain runs; `stop(last)` resolves to the
 * counts once block `last` is counted.
 */
function watchInferences(from, firstId) {
  const blocks = new Map(); // number -> { recorded, archived }
  let last = Infinity;
  const done = (async () => {
    for (let n = from; n <= last; n++) {
      const events = await api.query.system.events.at(await blockHashOf(n));
      const counts = { recorded: 0, archived: 0 };
      for (const { event } of events) {
        if (api.events.attribution.InferenceRecorded.is(event) && event.data.inference.toNumber() >= firstId) counts.recorded++;
        if (api.events.attribution.InferenceArchived.is(event) && event.data.inference.toNumber() >= firstId) counts.archived++;
      }
      blocks.set(n, counts);
    }
    return blocks;
  })();
  done.catch(() => {}); // surfaced by stop()
  return { stop(at) { last = at; return done; } };
}

{
  // 16 accepted contributions of the load's datanet, already attributed by the kinds above.
  const picked = contributions.slice(0, 16);
  for (const [i, record] of (await api.query.datanets.contributions.multi(picked)).entries()) {
    const c = record.unwrap();
    if (c.datanet.toNumber() !== datanet || c.status.toString() !== 'Accepted') {
      throw new Error(`state growth: contribution ${picked[i]} is not an accepted contribution of datanet ${datanet}`);
    }
  }
  const attributed = async () => (await api.query.revenue.contributionAccounts.multi(picked)).map((a) => a.attributed.toNumber());
  const weights = attributions(16);
  if (weights.reduce((t, [, w]) => t + w, 0) !== 1_000_000_000) throw new Error('state growth: weights do not sum to 100%');

  // Before: the earlier kinds' records archived, then one more block (its events hold no
  // archive events).
  const settled = await untilArchived('state growth: earlier records');
  const atBefore = await blockHashOf(settled + 1);
  const before = await stateSize(atBefore);
  log(`state growth: before #${settled + 1}: ${before.keys} keys, ${before.bytes} bytes, measured in ${before.seconds} s`);
  const countersBefore = await inferenceCounters();
  const attributedBefore = await attributed();

  const pay = (i) => api.tx.attribution.payInference(model, 1, accounts.ferdie.address, TRIB, hash(`growth:${i}`), weights);
  const watcher = watchInferences((await best()).n + 1, countersBefore.next);
  const inclusion = await bulk(`state growth: payInference(16) x ${growthPayments}`, pay, growthPayments, senders);
  const done = await untilArchived('state growth', 30, 400 + Math.ceil(growthPayments / 25));
  const atAfter = await blockHashOf(done + 1);
  const blocks = await watcher.stop(done + 1);
  const after = await stateSize(atAfter);
  log(`state growth: after #${done + 1}: ${after.keys} keys, ${after.bytes} bytes, measured in ${after.seconds} s`);

  // Every payment recorded once, attributed to the 16, and archived by the chain.
  await checkRecorded('state growth', countersBefore, growthPayments, 16);
  const attributedAfter = await attributed();
  picked.forEach((c, i) => {
    if (attributedAfter[i] - attributedBefore[i] !== growthPayments) {
      throw new Error(`state growth: contribution ${c} attributed ${attributedAfter[i] - attributedBefore[i]} times, not ${growthPayments}`);
    }
  });
  const carrying = [...blocks].filter(([, c]) => c.recorded > 0 || c.archived > 0).map(([n]) => n);
  const sum = (field) => [...blocks.values()].reduce((t, c) => t + c[field], 0);
  if (sum('recorded') !== growthPayments || sum('archived') !== growthPayments) {
    throw new Error(`state growth: ${sum('recorded')} recorded and ${sum('archived')} archived events for ${growthPayments} payments`);
  }

  const byItem = {};
  for (const item of new Set([...Object.keys(before.byItem), ...Object.keys(after.byItem)])) {
    const b = before.byItem[item] ?? { keys: 0, bytes: 0 };
    const a = after.byItem[item] ?? { keys: 0, bytes: 0 };
    if (a.bytes !== b.bytes || a.keys !== b.keys) byItem[item] = { keys: a.keys - b.keys, bytes: a.bytes - b.bytes };
  }
  const growth = after.bytes - before.bytes;
  report.stateGrowth = {
    inferences: growthPayments,
    contributions: picked,
    bytesBefore: before.bytes,
    bytesAfter: after.bytes,
    growth,
    withinTarget: growth <= 65536,
    keysBefore: before.keys,
    keysAfter: after.keys,
    growthByItem: Object.fromEntries(Object.entries(byItem).sort(([, x], [, y]) => Math.abs(y.bytes) - Math.abs(x.bytes))),
    measuredAt: { before: settled + 1, after: done + 1 },
    measureSeconds: { before: before.seconds, after: after.seconds },
    blocksSpanned: carrying.length ? carrying[carrying.length - 1] - carrying[0] + 1 : 0,
    maxArchivedInOneBlock: Math.max(0, ...[...blocks.values()].map((c) => c.archived)),
    inclusion: { blocksCarrying: inclusion.blocksCarrying, maxPerBlock: inclusion.maxPerBlock, perSecond: inclusion.perSecond, submitSeconds: inclusion.submitSeconds },
  };
  log(`state growth: ${JSON.stringify(report.stateGrowth)}`);
}

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
// The heaviest records: an inference with 64 attributions (by now past its dispute period:
// read from the node's history), a contributor with earnings.
report.rpc = {
  inference: inferenceOf[64],
  inferenceArchived: (await api.query.attribution.inferences(inferenceOf[64])).isNone,
  earningsOf: claimers[0].address,
};
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

// Bytes of state per item: key + value of the records one item creates (the inference
// record's measured right after its payment, above).
const cKey = api.query.datanets.contributions.key(contributions[0]);
const hKey = api.query.datanets.contributionByHash.key(hash(`load:${datanet}:0`));
const oKey = api.query.datanets.contributionsByOwner.key(claimers[0].address, contributions[0]);
report.stateBytes = {
  contribution: (await size(cKey)) + keyLen(cKey) + (await size(hKey)) + keyLen(hKey) + keyLen(oKey),
};
const mKey = api.query.models.models.key(model);
const vKey = api.query.models.modelVersions.key(model, 1);
report.stateBytes.model = (await size(mKey)) + keyLen(mKey) + (await size(vKey)) + keyLen(vKey);
report.stateBytes.inferenceRecord = inferenceRecordBytes;

report.memoryEnd = memory();
if (basePath) {
  report.databaseBytes = Number(execFileSync('du', ['-sb', basePath], { encoding: 'utf8' }).split('\t')[0]);
}
report.finishedAt = new Date().toISOString();
console.log(JSON.stringify(report, null, 2));
await api.disconnect();
