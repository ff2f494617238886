// What the operator scripts of this directory share: bounded command-line flags, the
// connection, signing from a secret URI, and dispatch errors read from a block's events.
import { readFileSync, statSync } from 'node:fs';
import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** Exits with `code` after printing `message` on stderr (1 = usage or input, 2 = refused on chain). */
export function fail(message, code = 1) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(code);
}

/**
 * Parses `--flag value` pairs and positional words: `spec` maps each allowed flag to its longest
 * accepted value. Unknown flags, missing values and over-long values are refused.
 */
export function parseArgs(argv, spec, maxPositional = 2) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i];
    if (word === '--help' || word === '-h') return { help: true, flags, positional };
    if (!word.startsWith('--')) {
      if (positional.length >= maxPositional) fail(`unexpected argument ${JSON.stringify(word.slice(0, 80))}`);
      if (word.length > 200) fail('argument longer than 200 characters');
      positional.push(word);
      continue;
    }
    const name = word.slice(2);
    if (!(name in spec)) fail(`unknown flag ${word.slice(0, 80)} (known: ${Object.keys(spec).map((f) => `--${f}`).join(', ')})`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) fail(`${word} needs a value`);
    if (value.length > spec[name]) fail(`${word} is longer than ${spec[name]} characters`);
    flags[name] = value;
    i += 1;
  }
  return { help: false, flags, positional };
}

/** The WebSocket URL of `--rpc` (default ws://127.0.0.1:9944); only ws:// and wss://. */
export function rpcUrl(flags) {
  const url = flags.rpc ?? 'ws://127.0.0.1:9944';
  if (!/^wss?:\/\/[^\s]+$/.test(url)) fail(`--rpc must be a ws:// or wss:// URL, got ${JSON.stringify(url)}`);
  return url;
}

/**
 * The secret URI from `--suri`, or from the first line of `--suri-file` (at most 1 KiB; a file
 * keeps the secret out of the process list).
 */
export function secretUri(flags, name = 'suri') {
  if (flags[name] && flags[`${name}-file`]) fail(`give --${name} or --${name}-file, not both`);
  if (flags[name]) return flags[name];
  const file = flags[`${name}-file`];
  if (!file) fail(`--${name} '<secret seed or phrase>' or --${name}-file F is required`);
  let size;
  try { size = statSync(file).size; } catch (e) { fail(`cannot read --${name}-file: ${e.message}`); }
  if (size > 1024) fail(`--${name}-file is larger than 1 KiB`);
  return readFileSync(file, 'utf8').split('\n')[0].trim();
}

/** An sr25519 key pair from a secret URI (the chain's accounts are sr25519, SS58 format 42). */
export async function signerFrom(suri) {
  await cryptoWaitReady();
  try {
    return new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(suri);
  } catch (e) {
    return fail(`the secret URI is not valid: ${e.message}`);
  }
}

const providers = new WeakMap();

/** Connects to `url`, giving up after `timeoutMs`; exits with a clear error when it cannot. */
export async function connect(url, timeoutMs = 30_000) {
  const provider = new WsProvider(url, false);
  const timer = setTimeout(() => fail(`no connection to ${url} within ${timeoutMs / 1000} s`), timeoutMs);
  let api;
  try {
    await provider.connect();
    api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
  } catch (e) {
    fail(`cannot connect to ${url}: ${e?.message ?? e?.error?.message ?? 'connection refused'}`
      + ' (is the node running, with its RPC on that port?)');
  }
  clearTimeout(timer);
  providers.set(api, provider);
  return api;
}

/** Calls a JSON-RPC method polkadot.js does not know (e.g. author_rotateKeysWithOwner). */
export function rawRpc(api, method, params) {
  return providers.get(api).send(method, params);
}

/** `pallet.Error` of a DispatchError (or its string form when it is not a module error). */
export function dispatchErrorName(api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return `${meta.section}.${meta.name}`;
  }
  return dispatchError.toString();
}

/**
 * Signs and submits `tx`, resolves once it is in a block: { txHash, blockHash, blockNumber,
 * events, error } where `error` is the dispatch error (`pallet.Error`) or, for a sudo call,
 * the error of the call sudo dispatched (`sudo.Sudid { sudoResult: Err }`), else null.
 */
export async function submitInBlock(api, tx, signer, timeoutMs = 120_000) {
  const inBlock = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not in a block within ${timeoutMs / 1000} s`)), timeoutMs);
    let unsub = () => {};
    tx.signAndSend(signer, (result) => {
      if (result.isError || result.status.isDropped || result.status.isInvalid || result.status.isUsurped) {
        clearTimeout(timer); unsub();
        reject(new Error(`the transaction was not included: ${result.status.type}`));
      } else if (result.status.isInBlock) {
        clearTimeout(timer); unsub();
        resolve(result);
      }
    }).then((u) => { unsub = u; }, (e) => { clearTimeout(timer); reject(e); });
  });
  const blockHash = inBlock.status.asInBlock.toHex();
  const header = await api.rpc.chain.getHeader(blockHash);
  const events = inBlock.events.map((r) => r.event);
  let error = inBlock.dispatchError ? dispatchErrorName(api, inBlock.dispatchError) : null;
  const sudid = events.find((e) => e.section === 'sudo' && e.method === 'Sudid');
  if (!error && sudid && sudid.data[0].isErr) error = dispatchErrorName(api, sudid.data[0].asErr);
  return { txHash: tx.hash.toHex(), blockHash, blockNumber: header.number.toNumber(), events, error };
}
