#!/usr/bin/env node
// The governed validator set: `add` and `remove` submit sudo.sudo(validatorSet.addValidator |
// removeValidator(account)) signed by the sudo key; `status` reads where an account stands
// (governed set, queued and active sets, registered keys, session). Prints JSON. Exit codes:
// 0 done, 1 bad input or no connection, 2 refused on chain (e.g. validatorSet.NoSessionKeys).
//
//   node scripts/e2e/validator/validator-set.mjs --rpc ws://127.0.0.1:9944 --sudo-suri '<secret>' add <account>
//   node scripts/e2e/validator/validator-set.mjs --rpc ws://127.0.0.1:9944 status <account>
import { decodeAddress } from '@polkadot/util-crypto';
import { connect, fail, parseArgs, rpcUrl, secretUri, signerFrom, submitInBlock } from './cli.mjs';

const usage = `usage: validator-set.mjs [--rpc URL] (--sudo-suri S | --sudo-suri-file F) (add|remove) <account>
       validator-set.mjs [--rpc URL] status [<account>]`;
const { help, flags, positional } = parseArgs(process.argv.slice(2),
  { rpc: 200, 'sudo-suri': 1024, 'sudo-suri-file': 4096 }, 2);
if (help) { console.log(usage); process.exit(0); }
const [command, account] = positional;
if (!['add', 'remove', 'status'].includes(command)) fail(usage);
if (command !== 'status' && !account) fail(`${command} needs the validator's account\n${usage}`);
if (account) {
  try { decodeAddress(account); } catch { fail(`not an SS58 address or 0x account id: ${account}`); }
}

/** Where `who` stands now: in the governed set, the queued set (next session), the active set. */
async function status(api, who) {
  const [index, governed, active, queued, sessionLength, minValidators, disabled, header] = await Promise.all([
    api.query.session.currentIndex(), api.query.validatorSet.validators(), api.query.session.validators(),
    api.query.session.queuedKeys(), api.query.validatorSet.sessionLength(),
    api.query.validatorSet.minValidators(), api.query.session.disabledValidators(), api.rpc.chain.getHeader(),
  ]);
  const out = {
    block: header.number.toNumber(), session: index.toNumber(), sessionLength: sessionLength.toNumber(),
    minValidators: minValidators.toNumber(), governed: governed.map(String), active: active.map(String),
    queued: queued.map(([v]) => v.toString()), disabled: disabled.toJSON(),
  };
  if (who) {
    const keys = await api.query.session.nextKeys(who);
    const id = api.createType('AccountId', who).toString();
    Object.assign(out, {
      account: id, keys: keys.isSome ? keys.unwrap().toJSON() : null,
      inGoverned: out.governed.includes(id), inQueued: out.queued.includes(id), inActive: out.active.includes(id),
    });
  }
  return out;
}

const api = await connect(rpcUrl(flags));
try {
  if (command === 'status') {
    console.log(JSON.stringify(await status(api, account), null, 2));
  } else {
    const sudo = await signerFrom(secretUri(flags, 'sudo-suri'));
    const call = command === 'add' ? api.tx.validatorSet.addValidator(account) : api.tx.validatorSet.removeValidator(account);
    const result = await submitInBlock(api, api.tx.sudo.sudo(call), sudo);
    const session = (await api.query.session.currentIndex.at(result.blockHash)).toNumber();
    console.log(JSON.stringify({
      call: `validatorSet.${command}Validator`, validator: account, txHash: result.txHash,
      blockHash: result.blockHash, blockNumber: result.blockNumber, session,
      effectiveSession: result.error ? null : session + 2, error: result.error,
    }, null, 2));
    if (result.error) fail(`validatorSet.${command}Validator was refused: ${result.error}`, 2);
  }
} finally {
  await api.disconnect();
}
