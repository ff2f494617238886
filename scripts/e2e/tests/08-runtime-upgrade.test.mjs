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
let before_; // { hash, number, state } of the snapshot before the upgrade
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

const blockNumber = async (hash) => (await api.rpc.chain.getHeader(hash)).number.toNumber();
const specVersionAt = async (hash) => (await rpc(node.rpcPort, 'state_getRuntimeVersion', [hash])).specVersion;
/** The events of block `hash` (polkadot.js decodes them with that block's metadata). */
const eventsAt = async (hash) => (await (await api.at(hash)).query.system.events()).map((r) => r.event);

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
  const next = await blockNumber(r.blockHash) + 1;
  await waitFinalized(node.rpcPort, next);
  const nextHash = (await api.rpc.chain.getBlockHash(next)).toHex();
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
});

// The state of the Tributary pallets: every key and value under the storage prefixes of
// Datanets, Models, Attribution, Revenue, Balances, ValidatorSet and Session, and every account
// (System.Account). It is taken once the chain itself has nothing left to do to the economy's
// state: the payment's treasury cut is swept in the payment's own block, and its inference
// record leaves state (archived, its deposit back with Dave) after the 10-block dispute
// period; until then on_idle rewrites Attribution, Balances and Dave's account. After that only
// two things change by themselves between two blocks: Session.CurrentIndex, at each session's
// end (dev: every 10 blocks), and the account of whoever transacts. Between the snapshot and
// the check below only Bob transacts (the upgrade), so his nonce is the one other change.
test('the chain archives the economy\'s inference record; the state is snapshotted after it', { skip }, async () => {
  const deadline = Date.now() + 25 * 6000;
  for (;;) {
    const head = await api.rpc.chain.getHeader();
    const at = await api.at(head.hash);
    if ((await at.query.attribution.pruneHead()).toNumber() > economy.inference) {
      assert.ok((await at.query.attribution.inferences(economy.inference)).isNone);
      before_ = { hash: head.hash.toHex(), number: head.number.toNumber() };
      break;
    }
    assert.ok(Date.now() < deadline, `inference ${economy.inference} (paid in #${economy.paidAt}) not archived`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  before_.state = await snapshot(node.rpcPort, comparedPrefixes(), before_.hash);
  const names = storageItemNamer(api);
  const items = new Set([...before_.state.keys()].map(names));
  for (const item of ['Datanets.Datanets', 'Datanets.Contributions', 'Models.Models', 'Attribution.TrainingRecords',
    'Revenue.Earnings', 'Balances.TotalIssuance', 'System.Account', 'Session.Validators']) {
    assert.ok(items.has(item), `the snapshot holds ${item}: ${[...items].join(' ')}`);
  }
});

test('Bob, not sudo, applies the authorized upgrade for free: CodeUpdated, then spec_version + 1', { skip }, async () => {
  assert.ok(before_, 'the snapshot was taken');
  const r = await submit(api, api.tx.system.applyAuthorizedUpgrade(upgradeCode), a.bob);
  assert.equal(r.error, null);
  assert.ok(findEvent(r.events, 'system', 'CodeUpdated'), 'System.CodeUpdated');
  assert.equal(r.fee, 0n, 'applyAuthorizedUpgrade is Pays::No');
  upgrade = { hash: r.blockHash, block: await blockNumber(r.blockHash) };
  const parent = (await api.rpc.chain.getHeader(r.blockHash)).parentHash;
  const bobBefore = (await (await api.at(parent)).query.system.account(a.bob.address)).data.toJSON();
  const bobAfter = (await (await api.at(r.blockHash)).query.system.account(a.bob.address)).data.toJSON();
  assert.deepEqual(bobAfter, bobBefore, 'Bob\'s balances are untouched: no fee');
  assert.equal(await specVersionAt(r.blockHash), oldVersion, 'the upgrade block itself ran the old runtime');

  // The next block runs the new runtime, and its on_runtime_upgrade.
  const first = upgrade.block + 1;
  await waitFinalized(node.rpcPort, first);
  const firstHash = (await api.rpc.chain.getBlockHash(first)).toHex();
  assert.equal(await specVersionAt(firstHash), oldVersion + 1);
  assert.equal((await rpc(node.rpcPort, 'state_getRuntimeVersion', [])).specVersion, oldVersion + 1);
  const { specVersion } = (await (await api.at(firstHash)).query.system.lastRuntimeUpgrade()).unwrap();
  assert.equal(specVersion.toNumber(), oldVersion + 1, 'System.LastRuntimeUpgrade names the new version');
  assert.equal(await rpc(node.rpcPort, 'state_getStorage', [CODE_KEY, firstHash]), upgradeCode);

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
  for (let n = upgrade.block + 1; n <= target; n++) {
    const hash = (await api.rpc.chain.getBlockHash(n)).toHex();
    assert.equal(await specVersionAt(hash), oldVersion + 1, `block #${n} ran the new runtime`);
  }
  assert.ok(node.alive());
});

test('the state of the Tributary pallets is intact after the upgrade', { skip }, async () => {
  assert.ok(upgrade && before_, 'the upgrade was applied');
  const afterHash = (await api.rpc.chain.getBlockHash(upgrade.block + 3)).toHex();
  const afterState = await snapshot(node.rpcPort, comparedPrefixes(), afterHash);
  const names = storageItemNamer(freshApi);
  const changed = differences(before_.state, afterState);
  const bobKey = api.query.system.account.key(a.bob.address);
  const indexKey = api.query.session.currentIndex.key();
  const unexpected = changed.filter(({ key }) => key !== bobKey && key !== indexKey);
  assert.deepEqual(unexpected.map((d) => ({ item: names(d.key), ...d })), [],
    'nothing but Bob\'s account and the session index changed');

  // Bob's account: one more nonce (the upgrade), everything else the same.
  const bob = async (hash) => (await (await api.at(hash)).query.system.account(a.bob.address)).toJSON();
  const [bobThen, bobNow] = [await bob(before_.hash), await bob(afterHash)];
  assert.deepEqual(bobNow, { ...bobThen, nonce: bobThen.nonce + 1 });
  // The session index: one more per session that ended in between (Session.NewSession).
  let sessionsEnded = 0;
  for (let n = before_.number + 1; n <= upgrade.block + 3; n++) {
    const hash = (await api.rpc.chain.getBlockHash(n)).toHex();
    const events = await eventsAt(hash);
    sessionsEnded += events.filter((e) => e.section === 'session' && e.method === 'NewSession').length;
  }
  const index = async (hash) => (await (await api.at(hash)).query.session.currentIndex()).toNumber();
  assert.equal(await index(afterHash), await index(before_.hash) + sessionsEnded);
});

test('the economy takes new calls after the upgrade: a contribution and a paid inference', { skip }, async () => {
  assert.ok(freshApi, 'the upgrade was applied');
  const fresh = freshApi;
  const hash = `0x${'5a'.repeat(32)}`;
  const [contributed, paid] = await Promise.all([
    submit(fresh, fresh.tx.datanets.contribute(economy.datanet, hash, 4096, 'ipfs://after-upgrade', ''), a.charlie),
    submit(fresh, fresh.tx.attribution.payInference(economy.model, 1, a.ferdie.address, 10n * TRIB,
      `0x${'6b'.repeat(32)}`, [[economy.contributions[1], 100 * PERCENT]]), a.dave),
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
  assert.equal(await specVersionAt(paid.blockHash), oldVersion + 1);
});
