// Raw storage snapshots over JSON-RPC: every key and value under a prefix at one block, the
// storage item each key belongs to (from the metadata), and the differences between two
// snapshots. For checks that a runtime upgrade left state as it was, byte for byte.
import { xxhashAsHex } from '@polkadot/util-crypto';
import { rpc } from './node.mjs';

const PAGE = 1000; // state_getKeysPaged's largest page

/** The key prefix of the storage of pallet `name` (its name in the runtime, e.g. `Datanets`). */
export function palletPrefix(api, name) {
  const pallet = api.runtimeMetadata.asLatest.pallets.find((p) => p.name.toString() === name);
  if (!pallet) throw new Error(`the runtime has no pallet ${name}`);
  if (pallet.storage.isNone) throw new Error(`pallet ${name} has no storage`);
  return xxhashAsHex(pallet.storage.unwrap().prefix.toString(), 128);
}

/** Every key under `prefix` at block `at` and its value (hex), as a Map in key order. */
export async function storageUnder(port, prefix, at) {
  const keys = [];
  for (let start = null; ;) {
    const page = await rpc(port, 'state_getKeysPaged', [prefix, PAGE, start, at]);
    keys.push(...page);
    if (page.length < PAGE) break;
    start = page[page.length - 1];
  }
  const values = new Map();
  for (let i = 0; i < keys.length; i += PAGE) {
    const [{ changes }] = await rpc(port, 'state_queryStorageAt', [keys.slice(i, i + PAGE), at]);
    for (const [key, value] of changes) values.set(key, value);
  }
  return new Map(keys.map((k) => [k, values.get(k) ?? null]));
}

/** The storage under each of `prefixes` at block `at` of the node at `port`, in one Map. */
export async function snapshot(port, prefixes, at) {
  const merged = new Map();
  for (const prefix of prefixes) {
    for (const [k, v] of await storageUnder(port, prefix, at)) merged.set(k, v);
  }
  return merged;
}

/**
 * A function naming the storage item of a raw key, `Pallet.Item` (e.g. `System.Account`),
 * from the metadata of `api`; `?` for a key of no declared item.
 */
export function storageItemNamer(api) {
  const items = [];
  for (const pallet of api.runtimeMetadata.asLatest.pallets) {
    if (pallet.storage.isNone) continue;
    const storage = pallet.storage.unwrap();
    const base = xxhashAsHex(storage.prefix.toString(), 128);
    for (const item of storage.items) {
      items.push([`${base}${xxhashAsHex(item.name.toString(), 128).slice(2)}`,
        `${pallet.name}.${item.name}`]);
    }
    items.push([`${base}${xxhashAsHex(':__STORAGE_VERSION__:', 128).slice(2)}`,
      `${pallet.name}.:__STORAGE_VERSION__:`]);
  }
  return (key) => items.find(([prefix]) => key.startsWith(prefix))?.[1] ?? '?';
}

/** The keys whose value differs between snapshots `a` and `b` (null where absent). */
export function differences(a, b) {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.filter((k) => (a.get(k) ?? null) !== (b.get(k) ?? null))
    .map((key) => ({ key, before: a.get(key) ?? null, after: b.get(key) ?? null }));
}
