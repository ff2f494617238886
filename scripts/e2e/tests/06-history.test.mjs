// An inference record's whole life on the dev chain (dispute period: 10 blocks of 6 s): paid,
// in state and listed through its dispute period; then archived by the chain itself (on_idle)
// into the node's history, its record deposit back with the payer to the planck, gone from
// state, and still served over JSON-RPC, the same record with `archived: true`, in its
// contribution's, model's and payer's lists. Also the treasury's cut of the fee, sent to the
// treasury at the end of the payment's block. About 80 s, most of it the dispute period.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startDevNode, rpc } from '../node.mjs';
import { connect, submit, findEvent, permissiveLicense, TRIB } from '../chain.mjs';

const PERCENT = 10_000_000; // Perbill parts per percent
const FEE = 100n * TRIB;
const ARCHIVE_WITHIN_BLOCKS = 20; // the dispute period is 10; the record leaves at the 11th
const sha = (s) => `0x${createHash('sha256').update(s).digest('hex')}`;
const IO_HASH = sha('history: prompt and answer');

let node, api, a;
let datanet, contribution, model;
let deposit; // api.consts.attribution.recordDeposit
// What the payment left: its id, block, the payer's balance before it, the record as served
// during its dispute period.
let paid;

before(async () => {
  node = await startDevNode();
  ({ api, accounts: a } = await connect(node.wsUrl));
  deposit = api.consts.attribution.recordDeposit.toBigInt();
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

/** Submits and asserts the extrinsic succeeded; returns the submit result. */
async function ok(tx, signer) {
  const r = await submit(api, tx, signer);
  assert.equal(r.error, null, `${tx.method.section}.${tx.method.method} failed: ${r.error}`);
  return r;
}

function event(events, section, method) {
  const e = findEvent(events, section, method);
  assert.ok(e, `no ${section}.${method} event`);
  return e.data;
}

/** The events of the block `hash` (extrinsics' and hooks' alike). */
async function blockEvents(hash) {
  return (await (await api.at(hash)).query.system.events()).map((r) => r.event);
}

/** The hash of block `n`, waiting for it until `deadline` (ms since the epoch). */
async function blockHash(n, deadline) {
  for (;;) {
    const hash = await api.rpc.chain.getBlockHash(n);
    if (!hash.isEmpty) return hash.toHex();
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 500));
  }
}

test('setup: a datanet with a contribution, a model on it and an operator, in one block', async () => {
  // All Alice's, in nonce order, so they need no block between them.
  datanet = (await api.query.datanets.nextDatanetId()).toNumber();
  contribution = (await api.query.datanets.nextContributionId()).toNumber();
  model = (await api.query.models.nextModelId()).toNumber();
  const license = permissiveLicense(sha('history: license'));
  const [, contributed, published, registered] = await Promise.all([
    ok(api.tx.datanets.createDatanet('history', 'ipfs://datasheet', 'Open', license, 'ipfs://license'), a.alice),
    ok(api.tx.datanets.contribute(datanet, sha('history: notes.jsonl'), 4096, 'ipfs://bafy-notes', ''), a.alice),
    ok(api.tx.datanets.publishVersion(datanet), a.alice),
    ok(api.tx.models.registerModel('history-model', 'ipfs://card', sha('history: weights'), null,
      [[datanet, 1]], { fineTune: true, retrieval: false, commercial: true }, TRIB,
      { developer: 40 * PERCENT, operators: 15 * PERCENT, data: 40 * PERCENT, inferenceData: 50 * PERCENT }),
    a.alice),
    ok(api.tx.models.addOperator(model, a.ferdie.address), a.alice),
  ]);
  assert.equal(event(contributed.events, 'datanets', 'ContributionAccepted').contribution.toNumber(), contribution);
  assert.equal(event(published.events, 'datanets', 'VersionPublished').version.toNumber(), 1);
  assert.equal(event(registered.events, 'models', 'ModelRegistered').model.toNumber(), model);
});

test('a paid inference is in state and listed through its dispute period', async () => {
  const { data: before } = await api.query.system.account(a.dave.address);
  const r = await ok(api.tx.attribution.payInference(model, 1, a.ferdie.address, FEE, IO_HASH,
    [[contribution, 100 * PERCENT]]), a.dave);
  const id = event(r.events, 'attribution', 'InferenceRecorded').inference.toNumber();
  const { breakdown } = event(r.events, 'revenue', 'FeeSplit');
  const header = await api.rpc.chain.getHeader(r.blockHash);
  paid = { id, blockHash: r.blockHash, block: header.number.toNumber(), fee: r.fee, before };

  // Everything below is read at the payment's block or within its dispute period.
  const at = await api.at(r.blockHash);
  assert.ok((await at.query.attribution.inferences(id)).isSome, 'the record is in state');
  // The payer holds the record deposit, and paid the fee, the transaction fee and the deposit.
  const { data: during } = await at.query.system.account(a.dave.address);
  assert.equal(during.reserved.toBigInt(), before.reserved.toBigInt() + deposit);
  assert.equal(during.free.toBigInt(), before.free.toBigInt() - FEE - r.fee - deposit);
  // The treasury's cut accrues with the payment and reaches the treasury at the end of the
  // same block (on_idle): nothing left due, the treasury richer by exactly the cut.
  const swept = event(await blockEvents(r.blockHash), 'revenue', 'TreasurySwept').amount.toBigInt();
  assert.equal(swept, breakdown.treasury.toBigInt());
  assert.equal(swept, 5n * TRIB);
  assert.equal((await at.query.revenue.flow()).treasuryDue.toBigInt(), 0n);
  const treasury = api.consts.revenue.treasuryAccount.toString();
  const parent = await api.at(header.parentHash);
  const treasuryBefore = (await parent.query.system.account(treasury)).data.free.toBigInt();
  const treasuryAfter = (await at.query.system.account(treasury)).data.free.toBigInt();
  assert.equal(treasuryAfter - treasuryBefore, swept);

  // Over JSON-RPC: the live record, and its place in each list already.
  const record = await rpc(node.rpcPort, 'attribution_inference', [id]);
  assert.equal(record.archived, false);
  assert.equal(record.payer, a.dave.address);
  assert.equal(record.operator, a.ferdie.address);
  assert.equal(record.model, model);
  assert.equal(record.fee, FEE.toString());
  assert.equal(record.ioHash, IO_HASH);
  assert.deepEqual(record.attributions, [{ contribution, weight: 1_000_000_000 }]);
  assert.equal(record.recordedAt, paid.block);
  paid.record = record;
  const usage = await rpc(node.rpcPort, 'attribution_contributionUsage', [contribution, { start: 0, limit: 10 }]);
  assert.deepEqual([usage.inferences, usage.total, usage.unavailable], [[id], 1, 0]);
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  assert.ok(best <= paid.block + 10, `the checks took past the dispute period (#${paid.block} -> #${best})`);
});

test('after its dispute period the chain archives the record and returns the deposit, to the planck', async () => {
  assert.ok(paid, 'the payment test ran');
  const { id } = paid;
  // Follow the blocks after the payment until one archives the record.
  const deadline = Date.now() + (ARCHIVE_WITHIN_BLOCKS * 6 + 30) * 1000;
  let archived;
  for (let n = paid.block + 1; n <= paid.block + ARCHIVE_WITHIN_BLOCKS && !archived; n++) {
    const hash = await blockHash(n, deadline);
    assert.ok(hash, `block #${n} not produced in time, waiting for inference ${id} to be archived`);
    const e = (await blockEvents(hash)).find((ev) => api.events.attribution.InferenceArchived.is(ev)
      && ev.data.inference.toNumber() === id);
    if (e) archived = { n, hash, data: e.data };
  }
  assert.ok(archived, `inference ${id} (paid in #${paid.block}) not archived within ` +
    `${ARCHIVE_WITHIN_BLOCKS} blocks: no attribution.InferenceArchived for it`);
  const period = (await api.query.attribution.disputePeriod()).toNumber();
  assert.ok(archived.n > paid.block + period, `archived in #${archived.n}, inside its period`);
  paid.archivedAt = archived;

  assert.equal(archived.data.payer.toString(), a.dave.address);
  assert.equal(archived.data.depositReturned.toBigInt(), deposit);
  const at = await api.at(archived.hash);
  const header = await api.rpc.chain.getHeader(archived.hash);
  assert.ok((await at.query.attribution.inferences(id)).isNone, 'the record left state');
  assert.ok((await (await api.at(header.parentHash)).query.attribution.inferences(id)).isSome,
    'the record was in state until that block');
  assert.ok((await at.query.attribution.pruneHead()).toNumber() > id, 'pruneHead moved past it');
  // Dave's held balance is back to what it was before the payment, and his free balance is
  // what it was less the fee and the transaction fee: the deposit came back whole.
  const { data } = await at.query.system.account(a.dave.address);
  assert.equal(data.reserved.toBigInt(), paid.before.reserved.toBigInt());
  assert.equal(data.free.toBigInt(), paid.before.free.toBigInt() - FEE - paid.fee);
  // The counters stay in state.
  assert.equal((await at.query.attribution.modelInferenceCount(model)).toNumber(), 1);
  assert.equal((await at.query.attribution.payerInferenceCount(a.dave.address)).toNumber(), 1);
  assert.equal((await at.query.revenue.contributionAccounts(contribution)).attributed.toNumber(), 1);
});

test('the archived record and its lists are still served over JSON-RPC', async () => {
  assert.ok(paid?.archivedAt, 'the archive test ran');
  const p = node.rpcPort;
  const { id } = paid;
  const record = await rpc(p, 'attribution_inference', [id]);
  // The same record, its deposit returned (the live one still holds it).
  assert.equal(paid.record.deposit, deposit.toString());
  assert.deepEqual(record, { ...paid.record, deposit: '0', archived: true });
  assert.equal(record.fee, FEE.toString());
  assert.equal(record.ioHash, IO_HASH);
  assert.equal(record.payer, a.dave.address);
  assert.deepEqual(record.attributions, [{ contribution, weight: 1_000_000_000 }]);
  // At a block of its dispute period the same record is the live one.
  const parent = (await api.rpc.chain.getHeader(paid.archivedAt.hash)).parentHash.toHex();
  assert.deepEqual(await rpc(p, 'attribution_inference', [id, parent]), paid.record);

  const usage = await rpc(p, 'attribution_contributionUsage', [contribution, { start: 0, limit: 10 }]);
  assert.deepEqual(usage.inferences, [id]);
  assert.equal(usage.total, 1);
  assert.equal(usage.unavailable, 0);
  assert.deepEqual(await rpc(p, 'attribution_modelInferences', [model, { start: 0, limit: 10 }]),
    { inferences: [id], total: 1, unavailable: 0 });
  assert.deepEqual(await rpc(p, 'attribution_payerInferences', [a.dave.address, { start: 0, limit: 10 }]),
    { inferences: [id], total: 1, unavailable: 0 });
  assert.ok(node.alive());
});
