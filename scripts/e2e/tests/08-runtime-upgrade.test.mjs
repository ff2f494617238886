// A forkless runtime upgrade on a running dev chain with real state on it. The upgrade WASM
// (`UPGRADE_WASM`, built by the node's build with TRIBUTARY_UPGRADE_WASM=1) is the same
// runtime with spec_version one higher and `system.blockHashCount` 4096 instead of 2400.
// First a same-version upgrade (the live code again) is refused; then sudo authorizes the
// upgrade's hash and Bob, who is not sudo, applies it for free. The chain then reports the new
// version and the new constant, keeps producing and finalizing blocks, keeps every byte of the
// Tributary pallets' state, and takes new economy calls. About 2 minutes, most of it the dev
// chain's 10-block dispute period (see "the state of the Tributary pallets" below).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { blake2AsHex } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { startDevNode, rpc, waitFinalized } from '../node.mjs';
import {
  connect, submit, findEvent, putEconomyOnChain, sudoOutcome, PERCENT, TRIB,
} from '../chain.mjs';
import { palletPrefix, snapshot, differences, storageItemNamer } from '../storage.mjs';

const UPGRADE_WASM = process.env.UPGRADE_WASM;
const skip = UPGRADE_WASM ? false
  : 'UPGRADE_WASM is unset: build the node with TRIBUTARY_UPGRADE_WASM=1 and set UPGRADE_WASM '
    + 'to its upgrade runtime (scripts/test.sh does both)';
const CODE_KEY = '0x3a636f6465'; // `:code`
const TRIBUTARY_PALLETS = ['Datanets', 'Models', 'Attribution', 'Revenue', 'Balances', 'ValidatorSet', 'Session'];
const NEW_BLOCK_HASH_COUNT = 4096;

let node, api, a, economy;
let oldVersion; // spec_version before the upgrade
let upgradeCode; // the upgrade WASM's bytes, as hex
let preUpgrade; // { hash, number, state } of the snapshot before the upgrade
let upgrade; // { block, hash } of the block that applied the upgrade
let freshApi; // a connection made after the upgrade, with the new metadata

before(async () => {
  if (skip) return;
  upgradeCode = u8aToHex(readFileSync(UPGRADE_WASM));
  node = await startDevNode();
  ({ api, accounts: a } = await connect(node.wsUrl));
});

after(async () => {
  await freshApi?.disconnect();
  await api?.disconnect();
  await node?.stop();
});

/** The hash of block `n`, once the node has it (within a minute). */
async function blockHashOf(n) {
  for (let i = 0; i < 60; i++) {
    const hash = await rpc(node.rpcPort, 'chain_getBlockHash', [n]);
    if (hash) return hash;
    await new Promise((res) => setTimeout(res, 1000));
  }
  throw new Error(`block #${n} not produced within a minute`);
}
const blockNumber = async (hash) => (await api.rpc.chain.getHeader(hash)).number.toNumber();
const specVersionAt = async (hash) => (await rpc(node.rpcPort, 'state_getRuntimeVersion', [hash])).specVersion;
/** The events of block `hash` decoded with the metadata of the runtime in block `runtimeAt`. */
async function eventsWrittenBy(runtimeAt, hash) {
  const decorated = await api.at(runtimeAt);
  const raw = await rpc(node.rpcPort, 'state_getStorage', [api.query.system.events.key(), hash]);
  const type = decorated.registry.createLookupType(decorated.query.system.events.creator.meta.type.asPlain);
  return decorated.registry.createType(type, raw).map((record) => record.event);
}

/** The raw System.AuthorizedUpgrade at block `hash` (null when there is none). */
const authorizationAt = (hash) => rpc(node.rpcPort, 'state_getStorage', [api.query.system.authorizedUpgrade.key(), hash]);

/**
 * Bob's account at block `hash` from its raw bytes: { nonce, rest } where `rest` is the hex of
 * everything after the nonce (reference counts and balances). Raw, because polkadot.js
 * decodes storage at the upgrade block with the wrong metadata (its types moved).
 */
async function bobAt(hash) {
  const raw = await rpc(node.rpcPort, 'state_getStorage', [api.query.system.account.key(a.bob.address), hash]);
  const bytes = Buffer.from(raw.slice(2), 'hex');
  return { nonce: bytes.readUInt32LE(0), rest: bytes.subarray(4).toString('hex') };
}

/** The storage prefixes compared: the Tributary pallets' and the accounts map. */
function comparedPrefixes() {
  return [...TRIBUTARY_PALLETS.map((p) => palletPrefix(api, p)), api.query.system.account.keyPrefix()];
}

test('setup: the economy on chain, on the current runtime', { skip }, async () => {
  economy = await putEconomyOnChain(api, a, 'upgrade');
  oldVersion = api.runtimeVersion.specVersion.toNumber();
  assert.equal(await specVersionAt(economy.lastBlock.hash), oldVersion);
  assert.equal(api.consts.system.blockHashCount.toNumber(), 2400, 'the current runtime keeps 2400 hashes');
});

test('a same-version upgrade is refused with SpecVersionNeedsToIncrease, the version unchanged', { skip }, async () => {
  const liveCode = await rpc(node.rpcPort, 'state_getStorage', [CODE_KEY]);
  assert.match(liveCode, /^0x[0-9a-f]{1000,}$/);
  const lastUpgrade = (await api.query.system.lastRuntimeUpgrade()).toJSON();
  const r = await submit(api, api.tx.sudo.sudoUncheckedWeight(api.tx.system.setCode(liveCode),
    { refTime: 0, proofSize: 0 }), a.alice);
  assert.equal(r.error, null, 'the sudo call itself went through');
  assert.equal(sudoOutcome(api, r.events), 'system.SpecVersionNeedsToIncrease');
  assert.equal(findEvent(r.events, 'system', 'CodeUpdated'), undefined, 'no CodeUpdated');
  const nextHash = await blockHashOf(await blockNumber(r.blockHash) + 1);
  assert.equal(await specVersionAt(nextHash), oldVersion);
  assert.deepEqual((await (await api.at(nextHash)).query.system.lastRuntimeUpgrade()).toJSON(), lastUpgrade);
  assert.equal(await rpc(node.rpcPort, 'state_getStorage', [CODE_KEY, nextHash]), liveCode);
});

test('sudo authorizes the upgrade by its hash', { skip }, async () => {
  const codeHash = blake2AsHex(upgradeCode, 256);
  const r = await submit(api, api.tx.sudo.sudo(api.tx.system.authorizeUpgrade(codeHash)), a.alice);
  assert.equal(r.error, null);
  assert.equal(sudoOutcome(api, r.events), null);
  const authorized = findEvent(r.events, 'system', 'UpgradeAuthorized');
  assert.ok(authorized, 'System.UpgradeAuthorized');
  assert.equal(authorized.data.codeHash.toHex(), codeHash);
  assert.equal(authorized.data.checkVersion.isTrue, true);
  assert.notEqual(await authorizationAt(r.blockHash), null, 'System.AuthorizedUpgrade is set');
});

// The state of the Tributary pallets: every key and value under the storage prefixes of
// Datanets, Models, Attribution, Revenue, Balances, ValidatorSet and Session, and every account
// (System.Account). It is taken once the chain itself has nothing left to do to the economy's
// state: the payment's treasury cut is swept in the payment's own block, and its inference
// record leaves state (archived, its deposit back with Dave) after the 10-block dispute
// period; until then on_idle rewrites Attribution, Balances and Dave's account. After that a
// block changes that state by itself only at a session's end (Session, ValidatorSet's session
// start, historical roots), and dev sessions last 100 blocks: the test checks that its window
// lies inside one session. So between the snapshot and the check, three blocks after the
// upgrade, the only change is the account of the one who transacts: Bob, the upgrade's
// submitter, whose nonce grows by one and whose balance must not move.
test('the chain archives the economy\'s inference record; the state is snapshotted after it', { skip }, async () => {
  const deadline = Date.now() + 25 * 6000;
  for (;;) {
    const head = await api.rpc.chain.getHeader();
    const at = await api.at(head.hash);
    if ((await at.query.attribution.pruneHead()).toNumber() > economy.inference) {
      assert.ok((await at.query.attribution.inferences(economy.inference)).isNone);
      preUpgrade = { hash: head.hash.toHex(), number: head.number.toNumber() };
      break;
    }
    assert.ok(Date.now() < deadline, `inference ${economy.inference} (paid in #${economy.paidAt}) not archived`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  preUpgrade.state = await snapshot(node.rpcPort, comparedPrefixes(), preUpgrade.hash);
  const at = await api.at(preUpgrade.hash);
  preUpgrade.sessionEnds = (await at.query.validatorSet.sessionStart()).toNumber()
    + (await at.query.validatorSet.sessionLength()).toNumber();
  const names = storageItemNamer(api);
  const items = new Set([...preUpgrade.state.keys()].map(names));
  for (const item of ['Datanets.Datanets', 'Datanets.Contributions', 'Models.Models', 'Attribution.TrainingRecords',
    'Revenue.Earnings', 'Balances.TotalIssuance', 'System.Account', 'Session.Validators']) {
    assert.ok(items.has(item), `the snapshot holds ${item}: ${[...items].join(' ')}`);
  }
});

test('Bob, not sudo, applies the authorized upgrade for free: CodeUpdated, then spec_version + 1', { skip }, async () => {
  assert.ok(preUpgrade, 'the snapshot was taken');
  const r = await submit(api, api.tx.system.applyAuthorizedUpgrade(upgradeCode), a.bob);
  upgrade = { hash: r.blockHash, block: await blockNumber(r.blockHash) };
  const parent = (await api.rpc.chain.getHeader(r.blockHash)).parentHash;
  // The upgrade block's events, decoded with the metadata of the runtime that wrote them (the
  // old one). polkadot.js decodes them with the new one, whose type ids differ, and fails: it
  // logs "Unable to decode storage system.events" and leaves r.events empty.
  const events = await eventsWrittenBy(parent.toHex(), r.blockHash);
  assert.ok(findEvent(events, 'system', 'ExtrinsicSuccess') && !findEvent(events, 'system', 'ExtrinsicFailed'),
    `applyAuthorizedUpgrade succeeded: ${events.map((e) => `${e.section}.${e.method}`).join(' ')}`);
  assert.ok(findEvent(events, 'system', 'CodeUpdated'), 'System.CodeUpdated');
  const feePaid = events.find((e) => e.section === 'transactionPayment' && e.method === 'TransactionFeePaid'
    && e.data.who.toString() === a.bob.address);
  assert.equal(feePaid?.data.actualFee.toBigInt(), 0n, 'applyAuthorizedUpgrade is Pays::No: Bob paid 0');
  const [bobBefore, bobAfter] = [await bobAt(parent.toHex()), await bobAt(r.blockHash)];
  assert.deepEqual(bobAfter, { ...bobBefore, nonce: bobBefore.nonce + 1 },
    'Bob\'s balances are untouched: no fee');
  // A block's runtime version is that of the code in its state, which executes the next
  // block: the upgrade's parent holds the old code, the upgrade block the new one.
  assert.equal(await specVersionAt(parent.toHex()), oldVersion);
  assert.equal(await specVersionAt(r.blockHash), oldVersion + 1);
  assert.equal(await rpc(node.rpcPort, 'state_getStorage', [CODE_KEY, r.blockHash]), upgradeCode);
  assert.equal(await authorizationAt(r.blockHash), null, 'the upgrade consumed its authorization');

  // The next block is the first the new runtime executes, with its on_runtime_upgrade.
  const firstHash = await blockHashOf(upgrade.block + 1);
  assert.equal((await rpc(node.rpcPort, 'state_getRuntimeVersion', [])).specVersion, oldVersion + 1);
  // Executive runs the migrations (on_runtime_upgrade) when System.LastRuntimeUpgrade differs
  // from the running version, and records the new one.
  const lastUpgrade = async (hash) => api.createType('(Compact<u32>, Text)',
    await rpc(node.rpcPort, 'state_getStorage', [api.query.system.lastRuntimeUpgrade.key(), hash]))[0].toNumber();
  assert.equal(await lastUpgrade(r.blockHash), oldVersion);
  assert.equal(await lastUpgrade(firstHash), oldVersion + 1, 'the first new block ran on_runtime_upgrade');

  // polkadot.js follows the upgrade on a live connection, and a new one reads the new metadata.
  for (let i = 0; api.runtimeVersion.specVersion.toNumber() !== oldVersion + 1; i++) {
    assert.ok(i < 30, `api.runtimeVersion still ${api.runtimeVersion.specVersion} after 30 s`);
    await new Promise((res) => setTimeout(res, 1000));
  }
  ({ api: freshApi } = await connect(node.wsUrl));
  assert.equal(freshApi.runtimeVersion.specVersion.toNumber(), oldVersion + 1);
  assert.equal(freshApi.consts.system.blockHashCount.toNumber(), NEW_BLOCK_HASH_COUNT);
});

test('the chain keeps producing and finalizing blocks on the new runtime', { skip }, async () => {
  assert.ok(upgrade, 'the upgrade was applied');
  const target = upgrade.block + 3;
  await waitFinalized(node.rpcPort, target, 60_000);
  // Block n runs the code in the state of block n - 1.
  for (let n = upgrade.block + 1; n <= target; n++) {
    const parent = (await api.rpc.chain.getBlockHash(n - 1)).toHex();
    assert.equal(await specVersionAt(parent), oldVersion + 1, `block #${n} ran the new runtime`);
  }
  assert.ok(node.alive());
});

test('the state of the Tributary pallets is intact after the upgrade', { skip }, async () => {
  assert.ok(upgrade && preUpgrade, 'the upgrade was applied');
  const afterHash = (await api.rpc.chain.getBlockHash(upgrade.block + 3)).toHex();
  assert.ok(upgrade.block + 3 < preUpgrade.sessionEnds, `the test ran past the session's end at #${preUpgrade.sessionEnds}`);
  const afterState = await snapshot(node.rpcPort, comparedPrefixes(), afterHash);
  const names = storageItemNamer(freshApi);
  const changed = differences(preUpgrade.state, afterState);
  const bobKey = api.query.system.account.key(a.bob.address);
  const unexpected = changed.filter(({ key }) => key !== bobKey);
  assert.deepEqual(unexpected.map((d) => ({ item: names(d.key), ...d })), [],
    'nothing but Bob\'s account changed');
  // Bob's account: one more nonce (the upgrade), everything else the same.
  const [bobThen, bobNow] = [await bobAt(preUpgrade.hash), await bobAt(afterHash)];
  assert.deepEqual(bobNow, { ...bobThen, nonce: bobThen.nonce + 1 });
});

test('the economy takes new calls after the upgrade: a contribution and a paid inference', { skip }, async () => {
  assert.ok(freshApi, 'the upgrade was applied');
  const fresh = freshApi;
  const hash = `0x${'5a'.repeat(32)}`;
  const [contributed, paid] = await Promise.all([
    submit(fresh, fresh.tx.datanets.contribute(economy.datanet, hash, 4096, 'ipfs://after-upgrade', ''), a.charlie),
    submit(fresh, fresh.tx.attribution.payInference(economy.model, 1, a.ferdie.address, 10n * TRIB,
      `0x${'6b'.repeat(32)}`, [[economy.contributions[0], 100 * PERCENT]]), a.dave),
  ]);
  assert.equal(contributed.error, null);
  assert.equal(paid.error, null);
  const accepted = findEvent(contributed.events, 'datanets', 'ContributionAccepted');
  assert.ok(accepted, 'ContributionAccepted');
  assert.equal((await fresh.query.datanets.contributionByHash(hash)).unwrap().toNumber(),
    accepted.data.contribution.toNumber());
  const recorded = findEvent(paid.events, 'attribution', 'InferenceRecorded');
  assert.equal(recorded.data.inference.toNumber(), economy.inference + 1);
  assert.equal(findEvent(paid.events, 'revenue', 'FeeSplit').data.breakdown.treasury.toBigInt(), TRIB / 2n);
  const { parentHash } = await fresh.rpc.chain.getHeader(paid.blockHash);
  assert.equal(await specVersionAt(parentHash.toHex()), oldVersion + 1, 'the new runtime ran them');
});
