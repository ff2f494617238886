// Helpers to drive a Tributary node with @polkadot/api: submit extrinsics, wait for their
// block, read events and the fees each signer paid.
import { createHash } from 'node:crypto';
import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';

export { Keyring };

/** One TRIB in plancks (the chain's 12 decimals: `tributary_primitives::TRIB`). */
export const TRIB = 1_000_000_000_000n;

/** Perbill parts per percent. */
export const PERCENT = 10_000_000;

/**
 * Licence terms allowing every use, forever (`LicenseTerms::permissive()`), with the hash of
 * the legal text and, where given, the terms that differ.
 */
export function permissiveLicense(legalTextHash, differing = {}) {
  return {
    train: true, fineTune: true, retrieval: true, commercial: true, derivatives: true,
    expiresAt: null, legalTextHash, ...differing,
  };
}

/** Connects to `wsUrl`; returns { api, provider, keyring accounts }. */
export async function connect(wsUrl) {
  const provider = new WsProvider(wsUrl);
  const api = await ApiPromise.create({ provider, noInitWarn: true });
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const names = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
  const accounts = Object.fromEntries(names.map((n) => [n.toLowerCase(), keyring.addFromUri(`//${n}`)]));
  return { api, provider, accounts };
}

// Next nonce per signer, so several transactions of one signer can be in the pool at once.
// Each entry is a promise of the next nonce, so concurrent callers queue up behind it.
const nonces = new Map();
function nextNonce(api, address) {
  const current = nonces.get(address)
    ?? api.rpc.system.accountNextIndex(address).then((n) => n.toNumber());
  nonces.set(address, current.then((n) => n + 1));
  return current;
}

/**
 * Signs and submits `tx` as `signer`, resolves once it is in a block with
 * { events, failed, error, fee }: `error` is `pallet.Error` when the dispatch failed,
 * `fee` the actual fee the signer paid.
 */
export async function submit(api, tx, signer) {
  const nonce = await nextNonce(api, signer.address);
  return new Promise((resolve, reject) => {
    let unsub;
    const fail = (error) => { nonces.delete(signer.address); reject(error); };
    tx.signAndSend(signer, { nonce }, (result) => {
      if (result.dispatchError && !result.status.isInBlock) return;
      if (result.isError) {
        fail(new Error(`extrinsic ${tx.method.section}.${tx.method.method} was not included: ${result.status.type}`));
        unsub?.();
        return;
      }
      if (!result.status.isInBlock) return;
      let error = null;
      if (result.dispatchError) {
        if (result.dispatchError.isModule) {
          const meta = api.registry.findMetaError(result.dispatchError.asModule);
          error = `${meta.section}.${meta.name}`;
        } else {
          error = result.dispatchError.toString();
        }
      }
      let fee = 0n;
      for (const { event } of result.events) {
        if (api.events.transactionPayment.TransactionFeePaid.is(event)) {
          fee += event.data.actualFee.toBigInt();
        }
      }
      resolve({ events: result.events.map((r) => r.event), failed: error !== null, error, fee,
        blockHash: result.status.asInBlock.toHex() });
      unsub?.();
    }).then((u) => { unsub = u; }).catch(fail);
  });
}

/** Submits all `[tx, signer]` pairs at once and waits for every one. */
export function submitAll(api, pairs) {
  return Promise.all(pairs.map(([tx, signer]) => submit(api, tx, signer)));
}

/** The free balance of `address` as a BigInt. */
export async function free(api, address) {
  const { data } = await api.query.system.account(address);
  return data.free.toBigInt();
}

/** Finds the first event `section.method` among `events`. */
export function findEvent(events, section, method) {
  return events.find((e) => e.section === section && e.method === method);
}

/**
 * The outcome of a `sudo.sudo*` call from its events: null when the inner call succeeded,
 * `pallet.Error` (or the error's text) when it failed. Throws when there is no `Sudid`.
 */
export function sudoOutcome(api, events) {
  const sudid = events.find((e) => api.events.sudo.Sudid.is(e));
  if (!sudid) throw new Error('no sudo.Sudid event: the sudo call itself failed');
  const result = sudid.data.sudoResult;
  if (result.isOk) return null;
  const error = result.asErr;
  if (!error.isModule) return error.toString();
  const meta = api.registry.findMetaError(error.asModule);
  return `${meta.section}.${meta.name}`;
}

/**
 * Puts one of everything the economy keeps in state on chain, in three blocks: Alice
 * curates an open datanet, contributes to it, publishes version 1 and registers a model
 * trained on it (operator Ferdie, a training attribution); Dave pays an inference of 100 TRIB
 * influenced wholly by Alice's contribution while Bob contributes too; Alice and Ferdie claim
 * what they earned. `label` makes the content hashes unique per call. Throws when any call
 * fails. Resolves to { datanet, contributions: [Alice's, Bob's], model, inference, paidAt (the
 * payment's block number), lastBlock: { hash, number } of the last of those calls }.
 */
export async function putEconomyOnChain(api, accounts, label = 'economy') {
  const sha = (s) => `0x${createHash('sha256').update(`${label}: ${s}`).digest('hex')}`;
  const { alice, bob, dave, ferdie } = accounts;
  const ok = async (tx, signer) => {
    const r = await submit(api, tx, signer);
    if (r.error) throw new Error(`${tx.method.section}.${tx.method.method} failed: ${r.error}`);
    return r;
  };
  const datanet = (await api.query.datanets.nextDatanetId()).toNumber();
  const contribution = (await api.query.datanets.nextContributionId()).toNumber();
  const model = (await api.query.models.nextModelId()).toNumber();
  const inference = (await api.query.attribution.nextInferenceId()).toNumber();
  // Alice's calls in nonce order need no block between them.
  await Promise.all([
    ok(api.tx.datanets.createDatanet(`${label}-notes`, 'ipfs://datasheet', 'Open',
      permissiveLicense(sha('license')), 'ipfs://license'), alice),
    ok(api.tx.datanets.contribute(datanet, sha('alice.jsonl'), 4096, 'ipfs://bafy-alice', ''), alice),
    ok(api.tx.datanets.publishVersion(datanet), alice),
    ok(api.tx.models.registerModel(`${label}-model`, 'ipfs://card', sha('weights'), null,
      [[datanet, 1]], { fineTune: true, retrieval: false, commercial: true }, TRIB,
      { developer: 40 * PERCENT, operators: 15 * PERCENT, data: 40 * PERCENT, inferenceData: 50 * PERCENT }),
    alice),
    ok(api.tx.models.addOperator(model, ferdie.address), alice),
    ok(api.tx.attribution.recordTrainingAttribution(model, 1, [[datanet, 100 * PERCENT]],
      sha('training evidence'), 'InfluenceFunctions'), alice),
  ]);
  const [paid, contributed] = await Promise.all([
    ok(api.tx.attribution.payInference(model, 1, ferdie.address, 100n * TRIB, sha('io'),
      [[contribution, 100 * PERCENT]]), dave),
    ok(api.tx.datanets.contribute(datanet, sha('bob.jsonl'), 8192, 'ipfs://bafy-bob', ''), bob),
  ]);
  const claims = await Promise.all([ok(api.tx.revenue.claim(), alice), ok(api.tx.revenue.claim(), ferdie)]);
  const blockNumber = async (hash) => (await api.rpc.chain.getHeader(hash)).number.toNumber();
  const last = await Promise.all(claims.map(async ({ blockHash: hash }) => ({ hash, number: await blockNumber(hash) })));
  return {
    datanet, model, inference,
    contributions: [contribution, findEvent(contributed.events, 'datanets', 'ContributionAccepted')
      .data.contribution.toNumber()],
    paidAt: await blockNumber(paid.blockHash),
    lastBlock: last.reduce((a, b) => (b.number > a.number ? b : a)),
  };
}
