// README.md's "A five-minute tour", step by step, with polkadot.js and no custom types, as
// a user would click it in polkadot.js Apps: Alice creates a datanet, Bob contributes, the
// chain state shows Bob owns the hash, then registerModel, payInference and claim complete
// the loop. The calls the README leaves to the pallet READMEs are the fewest the loop
// needs: publishVersion (a model trains on a published version) and addOperator (a paid
// inference names an operator of the model). Every result and balance is asserted to the
// planck.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startDevNode, rpc, waitFinalized } from '../node.mjs';
import { connect, submit, free, findEvent } from '../chain.mjs';

const TRIB = 1_000_000_000_000n;
const PERCENT = 10_000_000; // Perbill parts per percent
const FEE = 100n * TRIB;
const hash = `0x${createHash('sha256').update('readme tour: my-notes.jsonl').digest('hex')}`;

let node, api, a;
let contribution; // Bob's contribution id
const model = 0;

before(async () => {
  node = await startDevNode();
  ({ api, accounts: a } = await connect(node.wsUrl));
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

function event(r, section, method) {
  const e = findEvent(r.events, section, method);
  assert.ok(e, `no ${section}.${method} event`);
  return e.data;
}

test('step 1: the dev node imports and finalizes #1', async () => {
  assert.ok(await waitFinalized(node.rpcPort, 1, 120_000) >= 1);
});

test('step 2: polkadot.js needs no custom types: every tour call is in the metadata', () => {
  for (const [section, method] of [['datanets', 'createDatanet'], ['datanets', 'contribute'],
    ['models', 'registerModel'], ['models', 'addOperator'], ['attribution', 'payInference'],
    ['revenue', 'claim']]) {
    assert.equal(typeof api.tx[section]?.[method], 'function', `${section}.${method}`);
  }
  assert.equal(typeof api.query.datanets.contributionByHash, 'function');
  assert.equal(api.tx.datanets.contribute.meta.args.length, 5);
});

test('step 3: Alice creates a datanet, Bob contributes 4096 bytes to it', async () => {
  const license = {
    train: true, fineTune: true, retrieval: true, commercial: true, derivatives: true,
    expiresAt: null, legalTextHash: `0x${'11'.repeat(32)}`,
  };
  let r = await ok(api.tx.datanets.createDatanet('my-notes', 'ipfs://datasheet', 'Open', license,
    'ipfs://license'), a.alice);
  const created = event(r, 'datanets', 'DatanetCreated');
  assert.equal(created.datanet.toNumber(), 0);
  assert.equal(created.curator.toString(), a.alice.address);

  const heldBefore = (await api.query.system.account(a.bob.address)).data.reserved.toBigInt();
  r = await ok(api.tx.datanets.contribute(0, hash, 4096, 'ipfs://bafy-my-notes', ''), a.bob);
  const submitted = event(r, 'datanets', 'ContributionSubmitted');
  assert.equal(submitted.owner.toString(), a.bob.address);
  assert.equal(submitted.contentHash.toHex(), hash);
  contribution = submitted.contribution.toNumber();
  // An open datanet accepts at once, with the default weight: one unit per KiB.
  const accepted = event(r, 'datanets', 'ContributionAccepted');
  assert.equal(accepted.contribution.toNumber(), contribution);
  assert.equal(accepted.weight.toNumber(), 4);
  // Bob, and only Bob, holds the deposit for it.
  const heldAfter = (await api.query.system.account(a.bob.address)).data.reserved.toBigInt();
  assert.equal(heldAfter - heldBefore, accepted.deposit.toBigInt());
  assert.ok(accepted.deposit.toBigInt() > 0n);
});

test('step 4: chain state datanets.contributionByHash shows Bob registered the hash', async () => {
  const id = await api.query.datanets.contributionByHash(hash);
  assert.ok(id.isSome, 'the hash is registered');
  assert.equal(id.unwrap().toNumber(), contribution);
  const record = (await api.query.datanets.contributions(contribution)).unwrap();
  assert.equal(record.owner.toString(), a.bob.address);
  assert.equal(record.contentHash.toHex(), hash);
  // The same proof over JSON-RPC, with the block and time it was registered.
  const proof = await rpc(node.rpcPort, 'attribution_contributionByHash', [hash]);
  assert.equal(proof.owner, a.bob.address);
  assert.equal(proof.id, contribution);
  assert.equal(proof.status, 'Accepted');
  assert.ok(proof.registeredAt >= 1 && proof.registeredAtMs > 1_700_000_000_000);
});

test('step 5: registerModel, payInference and claim complete the loop, to the planck', async () => {
  // The curator publishes version 1, which the model trains on.
  let r = await ok(api.tx.datanets.publishVersion(0), a.alice);
  const published = event(r, 'datanets', 'VersionPublished');
  assert.equal(published.version.toNumber(), 1);
  assert.equal(published.contributionCount.toNumber(), 1);

  // Eve registers a model trained on it and names Ferdie its operator (both in one block:
  // her two transactions go in nonce order).
  const [registration, naming] = await Promise.all([
    ok(api.tx.models.registerModel('my-model', 'ipfs://card', `0x${'22'.repeat(32)}`, null,
      [[0, 1]], { fineTune: true, retrieval: false, commercial: true }, TRIB,
      { developer: 40 * PERCENT, operators: 15 * PERCENT, data: 40 * PERCENT, inferenceData: 50 * PERCENT }),
    a.eve),
    ok(api.tx.models.addOperator(model, a.ferdie.address), a.eve),
  ]);
  const registered = event(registration, 'models', 'ModelRegistered');
  assert.equal(registered.model.toNumber(), model);
  assert.equal(registered.owner.toString(), a.eve.address);
  assert.equal(event(naming, 'models', 'OperatorAdded').operator.toString(), a.ferdie.address);

  // Dave pays 100 TRIB for an inference attributed wholly to Bob's contribution.
  const { data: daveBefore } = await api.query.system.account(a.dave.address);
  r = await ok(api.tx.attribution.payInference(model, 1, a.ferdie.address, FEE, `0x${'33'.repeat(32)}`,
    [[contribution, 100 * PERCENT]]), a.dave);
  const recorded = event(r, 'attribution', 'InferenceRecorded');
  assert.equal(recorded.payer.toString(), a.dave.address);
  assert.equal(recorded.fee.toBigInt(), FEE);
  const { breakdown } = event(r, 'revenue', 'FeeSplit');
  assert.equal(breakdown.treasury.toBigInt(), 5n * TRIB);
  assert.equal(breakdown.developer.toBigInt(), 40n * TRIB);
  assert.equal(breakdown.operator.toBigInt(), 15n * TRIB);
  assert.deepEqual(breakdown.contributions.map(([c, x]) => [c.toNumber(), x.toBigInt()]),
    [[contribution, 20n * TRIB]]);
  assert.deepEqual(breakdown.pools.map(([d, v, x]) => [d.toNumber(), v.toNumber(), x.toBigInt()]),
    [[0, 1, 20n * TRIB]]);
  // Through the record's dispute period Dave holds its deposit (read at the payment's block:
  // the chain returns it when it archives the record, a dispute period later).
  const { data: daveAfter } = await (await api.at(r.blockHash)).query.system.account(a.dave.address);
  const daveHeld = daveAfter.reserved.toBigInt() - daveBefore.reserved.toBigInt();
  assert.equal(daveHeld, api.consts.attribution.recordDeposit.toBigInt());
  assert.equal(daveAfter.free.toBigInt(), daveBefore.free.toBigInt() - FEE - r.fee - daveHeld);

  // Everyone paid claims exactly what the earnings RPC said: Bob his direct share and the
  // whole pool of the version (his is its only contribution), Eve and Ferdie theirs.
  const earners = [[a.bob, 40n * TRIB], [a.eve, 40n * TRIB], [a.ferdie, 15n * TRIB]];
  const balances = [];
  for (const [who, amount] of earners) {
    const before = await rpc(node.rpcPort, 'attribution_earnings', [who.address]);
    assert.equal(before.claimable, amount.toString(), `claimable of ${who.address}`);
    balances.push(await free(api, who.address));
  }
  const claims = await Promise.all(earners.map(([who]) => ok(api.tx.revenue.claim(), who)));
  for (const [i, [who, amount]] of earners.entries()) {
    const claimed = event(claims[i], 'revenue', 'Claimed');
    assert.equal(claimed.who.toString(), who.address);
    assert.equal(claimed.amount.toBigInt(), amount);
    assert.equal(await free(api, who.address), balances[i] + amount - claims[i].fee);
    const afterwards = await rpc(node.rpcPort, 'attribution_earnings', [who.address]);
    assert.equal(afterwards.claimable, '0');
    assert.equal(afterwards.claimed, amount.toString());
  }
});
