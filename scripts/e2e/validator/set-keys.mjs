#!/usr/bin/env node
// Registers a validator's session keys: asks the validator's own node to generate new keys
// with their proof of ownership for the account (author_rotateKeysWithOwner, on the node's
// loopback RPC: the method is unsafe), then submits session.setKeys(keys, proof) signed by
// that account. Prints what it did as JSON. Exit codes: 0 keys set, 1 bad input or no
// connection, 2 refused on chain (e.g. session.InvalidProof).
//
//   node scripts/e2e/validator/set-keys.mjs --rpc ws://127.0.0.1:9944 --suri '<secret>'
//   node scripts/e2e/validator/set-keys.mjs --suri-file F --keys 0x… --proof 0x…   (keys made elsewhere)
import { u8aToHex } from '@polkadot/util';
import { connect, fail, rawRpc, parseArgs, rpcUrl, secretUri, signerFrom, submitInBlock } from './cli.mjs';

const usage = `usage: set-keys.mjs [--rpc ws://127.0.0.1:9944] (--suri S | --suri-file F) [--keys 0x… --proof 0x…]
  --rpc        the validator's own node (the keys are generated in its keystore)
  --suri       the validator account's secret seed or phrase (--suri-file: read from a file)
  --keys       session keys generated already (author_rotateKeysWithOwner); needs --proof
  --proof      their ownership proof for this account`;

const { help, flags } = parseArgs(process.argv.slice(2),
  { rpc: 200, suri: 1024, 'suri-file': 4096, keys: 1024, proof: 2048 }, 0);
if (help) { console.log(usage); process.exit(0); }
const hex = (name) => {
  const value = flags[name];
  if (value !== undefined && !/^0x([0-9a-fA-F]{2})*$/.test(value)) fail(`--${name} must be 0x-prefixed hex bytes`);
  return value;
};
let keys = hex('keys');
let proof = hex('proof');
if ((keys === undefined) !== (proof === undefined)) fail('give --keys and --proof together (or neither: the node generates them)');

const signer = await signerFrom(secretUri(flags));
const api = await connect(rpcUrl(flags));
try {
  // The owner is the SCALE encoding of the AccountId: its 32 raw bytes.
  const owner = u8aToHex(signer.publicKey);
  if (keys === undefined) {
    let generated;
    try {
      generated = await rawRpc(api, 'author_rotateKeysWithOwner', [owner]);
    } catch (e) {
      fail(`author_rotateKeysWithOwner failed (${e.message}): call it on the validator's own node, `
        + 'on its loopback RPC (unsafe methods are refused on an external interface)');
    }
    if (!generated?.keys || !generated?.proof) fail(`the node returned no keys and proof: ${JSON.stringify(generated)}`);
    ({ keys, proof } = generated);
  }
  const held = async (at) => (await (at ? api.query.system.account.at(at, signer.address)
    : api.query.system.account(signer.address))).data.reserved.toString();
  const heldBefore = await held();
  const tx = api.tx.session.setKeys(keys, proof);
  const result = await submitInBlock(api, tx, signer);
  // The key deposit is held on the first setKeys only.
  console.log(JSON.stringify({
    account: signer.address, keys, proof, txHash: result.txHash,
    blockHash: result.blockHash, blockNumber: result.blockNumber, error: result.error,
    heldBefore, heldAfter: await held(result.blockHash),
  }, null, 2));
  if (result.error) fail(`session.setKeys was refused: ${result.error}`, 2);
} finally {
  await api.disconnect();
}
