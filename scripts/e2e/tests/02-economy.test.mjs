// The whole economy through the real node: extrinsics signed by dev accounts with
// @polkadot/api, balances asserted to the planck, every attribution_ RPC method and the
// AttributionApi runtime API checked, then bad inputs, each refused with a clear error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startDevNode, rpc, rpcRaw } from '../node.mjs';
import { connect, submit, submitAll, free, findEvent, permissiveLicense, TRIB } from '../chain.mjs';

const PERCENT = 10_000_000; // Perbill parts per percent
const hex = (bytes) => `0x${Buffer.from(bytes).toString('hex')}`;

let node, api, provider, a;
const paid = {}; // fees paid per account, from TransactionFeePaid events
const start = {};
const hashes = [hex(randomBytes(32)), hex(randomBytes(32)), hex(randomBytes(32))];

async function send(tx, signer) {
  const r = await submit(api, tx, signer);
  paid[signer.address] = (paid[signer.address] ?? 0n) + r.fee;
  return r;
}
async function sendAll(pairs) {
  return Promise.all(pairs.map(([tx, s]) => send(tx, s)));
}
function ok(r) {
  assert.equal(r.error, null, `extrinsic failed: ${r.error}`);
  return r;
}

before(async () => {
  node = await startDevNode();
  ({ api, provider, accounts: a } = await connect(node.wsUrl));
  for (const k of Object.values(a)) start[k.address] = await free(api, k.address);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

test('runs the economy: datanet, contributions, model, inferences, claims', async () => {
  const license = permissiveLicense(hex(Buffer.alloc(32, 1)));
  let r = ok(await send(api.tx.datanets.createDatanet('clinical-notes', 'ipfs://datasheet',
    'CuratorReview', license, 'ipfs://license'), a.alice));
  assert.ok(findEvent(r.events, 'datanets', 'DatanetCreated'));

  const results = await sendAll([
    [api.tx.datanets.contribute(0, hashes[0], 8192, 'ipfs://bafy-bob', ''), a.bob],
    [api.tx.datanets.contribute(0, hashes[1], 8192, 'ipfs://bafy-charlie', ''), a.charlie],
    [api.tx.datanets.contribute(0, hashes[2], 8192, 'ipfs://bafy-dave', ''), a.dave],
  ]);
  results.forEach(ok);
  // Contribution ids follow inclusion order: map each hash to its id.
  const ids = [];
  for (const h of hashes) ids.push((await rpc(node.rpcPort, 'attribution_contributionByHash', [h])).id);
  const weights = [1, 3, 6];
  (await sendAll(ids.map((id, i) => [api.tx.datanets.acceptContribution(id, weights[i]), a.alice]))).forEach(ok);
  ok(await send(api.tx.datanets.publishVersion(0), a.alice));

  ok(await send(api.tx.models.registerModel('med-llm', 'ipfs://card', hex(Buffer.alloc(32, 2)), null,
    [[0, 1]], { fineTune: true, retrieval: false, commercial: true }, TRIB,
    { developer: 40 * PERCENT, operators: 15 * PERCENT, data: 40 * PERCENT, inferenceData: 50 * PERCENT }),
  a.eve));
  await sendAll([
    [api.tx.models.addOperator(0, a.ferdie.address), a.eve],
    [api.tx.attribution.recordTrainingAttribution(0, 1, [[0, 100 * PERCENT]],
      hex(Buffer.alloc(32, 3)), 'InfluenceFunctions'), a.eve],
  ]).then((rs) => rs.forEach(ok));

  // Ten inferences of 100 TRIB paid by Alice: mixed attributions.
  const pays = [];
  for (let i = 0; i < 10; i++) {
    const attributions = i % 3 === 0 ? [[ids[0], 100 * PERCENT]]
      : i % 3 === 1 ? [[ids[1], 50 * PERCENT], [ids[2], 50 * PERCENT]] : [];
    pays.push([api.tx.attribution.payInference(0, 1, a.ferdie.address, 100n * TRIB,
      hex(Buffer.alloc(32, i)), attributions), a.alice]);
  }
  const receipts = await sendAll(pays);
  receipts.forEach(ok);
  const split = findEvent(receipts[0].events, 'revenue', 'FeeSplit');
  assert.ok(split, 'FeeSplit receipt emitted');
  assert.equal(split.data.breakdown.treasury.toBigInt(), 5n * TRIB);
  assert.ok(findEvent(receipts[0].events, 'attribution', 'InferenceRecorded'));

  // Earnings before claiming, through RPC and the runtime API.
  const bob = await rpc(node.rpcPort, 'attribution_earnings', [a.bob.address]);
  assert.equal(bob.claimable, (106n * TRIB).toString());
  const viaApi = await api.call.attributionApi.earnings(a.dave.address);
  assert.equal(viaApi.claimable.toBigInt(), 186n * TRIB);

  (await sendAll(['bob', 'charlie', 'dave', 'eve', 'ferdie'].map((n) => [api.tx.revenue.claim(), a[n]])))
    .forEach(ok);

  // Balances to the planck: start - fees paid - deposits held + earnings (- fees for Alice).
  // Free and held are read in one query: Alice's record deposits come back (free rises as
  // held falls) when the chain archives her records after their dispute period.
  const expect = async (who, earned) => {
    const { data } = await api.query.system.account(who.address);
    const want = start[who.address] - (paid[who.address] ?? 0n) - data.reserved.toBigInt() + earned;
    assert.equal(data.free.toBigInt(), want, `balance of ${who.meta?.name ?? who.address}`);
  };
  await expect(a.bob, 106n * TRIB);
  await expect(a.charlie, 108n * TRIB);
  await expect(a.dave, 186n * TRIB);
  await expect(a.eve, 400n * TRIB);
  await expect(a.ferdie, 150n * TRIB);
  await expect(a.alice, -1000n * TRIB);
});

test('attribution_ RPC methods return readable JSON', async () => {
  const p = node.rpcPort;
  const c = await rpc(p, 'attribution_contributionByHash', [hashes[0]]);
  assert.equal(c.owner, a.bob.address);
  assert.equal(c.contentHash, hashes[0]);
  assert.equal(c.status, 'Accepted');
  assert.equal(c.earned, (106n * TRIB).toString());
  assert.ok(c.registeredAt >= 1 && c.registeredAtMs > 1_700_000_000_000);
  assert.deepEqual(await rpc(p, 'attribution_contribution', [c.id]), c);

  const d = await rpc(p, 'attribution_datanet', [0]);
  assert.equal(d.curator, a.alice.address);
  assert.equal(d.name, 'clinical-notes');
  assert.equal(d.policy, 'CuratorReview');
  const stats = await rpc(p, 'attribution_datanetStats', [0]);
  // The datanet's record (its counters among the rest) with its pool balance.
  const { datanet, submitted, accepted, acceptedWeight, latestVersion, poolBalance } = stats;
  assert.deepEqual({ datanet, submitted, accepted, acceptedWeight, latestVersion, poolBalance },
    { datanet: 0, submitted: 3, accepted: 3, acceptedWeight: '10', latestVersion: 1, poolBalance: '0' });
  const { datanet: _, poolBalance: __, ...statsRecord } = stats;
  const { id: ___, ...datanetRecord } = d;
  assert.deepEqual(statsRecord, datanetRecord, 'datanetStats holds the same record as datanet');
  const v = await rpc(p, 'attribution_datanetVersion', [0, 1]);
  assert.equal(v.contributionCount, 3);
  assert.equal(v.totalWeight, '10');
  assert.match(v.root, /^0x[0-9a-f]{64}$/);

  const m = await rpc(p, 'attribution_model', [0]);
  assert.equal(m.owner, a.eve.address);
  assert.equal(m.price, TRIB.toString());
  assert.equal(m.inferenceCount, 10);
  assert.deepEqual(m.operators, [a.ferdie.address]);
  assert.deepEqual(m.latest.trainingInfluence, [{ datanet: 0, weight: 1_000_000_000 }]);
  assert.deepEqual(await rpc(p, 'attribution_modelVersion', [0, 1]), m.latest);
  assert.deepEqual(await rpc(p, 'attribution_modelLineage', [0]),
    [{ model: 0, version: 1, trainingData: [{ datanet: 0, version: 1 }] }]);

  const inf = await rpc(p, 'attribution_inference', [0]);
  assert.equal(inf.payer, a.alice.address);
  assert.equal(inf.operator, a.ferdie.address);
  assert.equal(inf.fee, (100n * TRIB).toString());
  assert.equal(inf.disputed, false);
  // In state through its dispute period, then read from the node's history: the same record.
  assert.equal(typeof inf.archived, 'boolean');

  const usage = await rpc(p, 'attribution_contributionUsage', [c.id, { start: 0, limit: 2 }]);
  assert.equal(usage.total, 4);
  assert.equal(usage.inferences.length, 2);
  assert.equal(usage.unavailable, 0, 'this node executed every block: its history lacks nothing');
  const page = await rpc(p, 'attribution_modelInferences', [0, { start: 8 }]);
  assert.deepEqual(page, { inferences: [8, 9], total: 10, unavailable: 0 });
  const paidByAlice = await rpc(p, 'attribution_payerInferences', [a.alice.address, { start: 0 }]);
  assert.deepEqual(paidByAlice, { inferences: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], total: 10, unavailable: 0 });

  const e = await rpc(p, 'attribution_earnings', [a.dave.address]);
  assert.deepEqual(e, { claimable: '0', claimed: (186n * TRIB).toString(), asContributor: (186n * TRIB).toString(), asDeveloper: '0', asOperator: '0' });

  const preview = await rpc(p, 'attribution_previewSplit', [0, 1, (1000n * TRIB).toString(),
    [{ contribution: c.id, weight: 1_000_000_000 }]]);
  assert.equal(preview.treasury, (50n * TRIB).toString());
  assert.deepEqual(preview.contributions, [{ contribution: c.id, amount: (200n * TRIB).toString() }]);
  assert.deepEqual(preview.pools, [{ datanet: 0, version: 1, amount: (200n * TRIB).toString() }]);

  const genesis = await rpc(p, 'chain_getBlockHash', [0]);
  assert.equal(await rpc(p, 'attribution_datanet', [0, genesis]), null, 'no datanet at genesis');
});

test('storage answers the ownership proof in O(1) with no type definitions', async () => {
  const id = (await api.query.datanets.contributionByHash(hashes[2])).unwrap().toNumber();
  const record = (await api.query.datanets.contributions(id)).unwrap();
  assert.equal(record.owner.toString(), a.dave.address);
  assert.equal(record.contentHash.toHex(), hashes[2]);
  assert.equal(record.status.toString(), 'Accepted');
});

test('api.call.attributionApi works from metadata with no type definitions', async () => {
  const byHash = await api.call.attributionApi.contributionByHash(hashes[1]);
  assert.ok(byHash.isSome);
  // The dataset registry's record, as stored, inside the read.
  assert.equal(byHash.unwrap().contribution.owner.toString(), a.charlie.address);
  const model = await api.call.attributionApi.model(0);
  assert.equal(model.unwrap().inferenceCount.toNumber(), 10);
  assert.equal((await api.call.attributionApi.maxPageSize()).toNumber(), 100);
  assert.ok((await api.call.attributionApi.inference(999)).isNone);
});

test('bad inputs get clear errors and the node stays healthy', async () => {
  const p = node.rpcPort;
  // Duplicate content from another account.
  let r = await send(api.tx.datanets.contribute(0, hashes[0], 1, 'x', ''), a.eve);
  assert.equal(r.error, 'datanets.DuplicateContent');
  // Weights not summing to 100%.
  r = await send(api.tx.attribution.payInference(0, 1, a.ferdie.address, TRIB, hex(Buffer.alloc(32)),
    [[0, 40 * PERCENT]]), a.alice);
  assert.equal(r.error, 'attribution.WeightsDoNotSumToOne');
  // Unknown ids are null.
  for (const [method, params] of [['attribution_datanet', [42]], ['attribution_contribution', [4242]],
    ['attribution_model', [42]], ['attribution_inference', [4242]], ['attribution_modelLineage', [42]],
    ['attribution_contributionByHash', [hex(Buffer.alloc(32, 0xee))]], ['attribution_datanetVersion', [0, 9]]]) {
    assert.equal(await rpc(p, method, params), null, method);
  }
  // A page over the limit.
  let body = await rpcRaw(p, 'attribution_modelInferences', [0, { limit: 1000 }]);
  assert.equal(body.error.code, -32602);
  assert.match(body.error.message, /exceeds the maximum page size 100/);
  // Garbage params, an unknown block and a bad address.
  body = await rpcRaw(p, 'attribution_datanet', ['not-a-number']);
  assert.equal(body.error.code, -32602);
  body = await rpcRaw(p, 'attribution_contributionUsage', [0, { start: 0, bogus: 1 }]);
  assert.equal(body.error.code, -32602);
  body = await rpcRaw(p, 'attribution_datanet', [0, hex(Buffer.alloc(32, 0xab))]);
  assert.match(body.error.message, /unknown block/);
  body = await rpcRaw(p, 'attribution_earnings', ['5NotAnAddress']);
  assert.equal(body.error.code, -32602);
  body = await rpcRaw(p, 'attribution_previewSplit', [0, 1, '-5']);
  assert.equal(body.error.code, -32602);
  // Still healthy, still producing blocks.
  const health = await rpc(p, 'system_health');
  assert.equal(health.isSyncing, false);
  const before = (await api.rpc.chain.getHeader()).number.toNumber();
  await new Promise((res) => setTimeout(res, 13_000));
  assert.ok((await api.rpc.chain.getHeader()).number.toNumber() > before, 'blocks keep coming');
  assert.ok(node.alive());
});
