// Helpers to drive a Tributary node with @polkadot/api: submit extrinsics, wait for their
// block, read events and the fees each signer paid.
import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';

export { Keyring };

/** One TRIB in plancks (the chain's 12 decimals: `tributary_primitives::TRIB`). */
export const TRIB = 1_000_000_000_000n;

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
