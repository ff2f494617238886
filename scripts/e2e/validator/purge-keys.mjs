#!/usr/bin/env node
// Removes a (former) validator's session keys from the chain and releases their deposit:
// session.purgeKeys() signed by the validator account. Prints what it did as JSON. Exit
// codes: 0 purged, 1 bad input or no connection, 2 refused on chain (e.g. session.NoKeys).
//
//   node scripts/e2e/validator/purge-keys.mjs --rpc ws://127.0.0.1:9944 --suri '<secret>'
import { connect, fail, parseArgs, rpcUrl, secretUri, signerFrom, submitInBlock } from './cli.mjs';

const usage = `usage: purge-keys.mjs [--rpc ws://127.0.0.1:9944] (--suri S | --suri-file F)`;
const { help, flags } = parseArgs(process.argv.slice(2), { rpc: 200, suri: 1024, 'suri-file': 4096 }, 0);
if (help) { console.log(usage); process.exit(0); }

const signer = await signerFrom(secretUri(flags));
const api = await connect(rpcUrl(flags));
try {
  const heldBefore = (await api.query.system.account(signer.address)).data.reserved.toBigInt();
  const result = await submitInBlock(api, api.tx.session.purgeKeys(), signer);
  const heldAfter = (await api.query.system.account.at(result.blockHash, signer.address)).data.reserved.toBigInt();
  console.log(JSON.stringify({
    account: signer.address, txHash: result.txHash, blockHash: result.blockHash,
    blockNumber: result.blockNumber, error: result.error,
    heldBefore: heldBefore.toString(), heldAfter: heldAfter.toString(),
  }, null, 2));
  if (result.error) fail(`session.purgeKeys was refused: ${result.error}`, 2);
} finally {
  await api.disconnect();
}
