#!/usr/bin/env node
// Fault test (b), read from the chain: when an added validator starts authoring, and that a
// removed one stops. Exit 0 when the check holds, 1 with the reason otherwise.
//
//   authorship.mjs joins  --rpc WS --account A --since-block H [--within-sessions 3] [--timeout 300]
//     A authors a block built in a session at most `within` after the session of block H (the
//     block that included addValidator(A)).
//   authorship.mjs leaves --rpc WS --account A --since-block H [--window 10] [--timeout 300]
//     H included removeValidator(A) in session R: A is in the active set up to session R+1
//     and authored a block between H-10 and the end of R+1; from R+2 on it is out of the
//     active set and authors none of the `window` blocks after the first block of R+2.
import { connect, fail, parseArgs } from '../validator/cli.mjs';
import { auraOwners, scanBlocks } from './authors.mjs';

const { flags, positional } = parseArgs(process.argv.slice(2),
  { rpc: 200, account: 64, 'since-block': 10, 'within-sessions': 3, window: 4, timeout: 5 }, 1);
const [command] = positional;
const need = (name) => flags[name] ?? fail(`--${name} is required`);
const int = (name, fallback) => {
  const value = Number(flags[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a non-negative integer`);
  return value;
};
const since = int('since-block', need('since-block'));
const deadline = Date.now() + int('timeout', 300) * 1000;
const api = await connect(need('rpc'));
const account = api.createType('AccountId', need('account')).toString();
const owners = await auraOwners(api);
if (![...owners.values()].includes(account)) fail(`${account} has no session keys registered`);
// The session the extrinsics of block `number` ran in (a rotation runs before them, in
// on_initialize, so it is the index in the block's own state).
const txSession = async (number) =>
  (await api.query.session.currentIndex.at(await api.rpc.chain.getBlockHash(number))).toNumber();
const short = (b) => `#${b.number} (session ${b.session}, slot ${b.slot}) by ${b.author.slice(0, 8)}…`;

async function joins() {
  const within = int('within-sessions', 3);
  const addSession = await txSession(since);
  const first = await scanBlocks(api, owners, since + 1, deadline, (b) => {
    if (b.author === account) return b;
    if (b.session > addSession + within) throw new Error(`no block by ${account} up to session ${addSession + within}; last ${short(b)}`);
    return undefined;
  });
  console.log(`joins: added in block #${since} (session ${addSession}); first block by it ${short(first)}, `
    + `${first.session - addSession} session(s) later`);
}

async function leaves() {
  const window = int('window', 10);
  const removedIn = await txSession(since);
  const effective = removedIn + 2;
  let authoredBefore = 0;
  const start = await scanBlocks(api, owners, Math.max(1, since - 10), deadline, (b) => {
    if (b.session >= effective) return b;
    if (b.number > since && !b.active.includes(account)) {
      throw new Error(`${account} left the active set before session ${effective}: ${short(b)}`);
    }
    if (b.author === account) authoredBefore += 1;
    return undefined;
  });
  if (authoredBefore === 0) throw new Error(`${account} authored no block from #${Math.max(1, since - 10)} to #${start.number - 1}: the check below would prove nothing`);
  if (start.active.includes(account)) throw new Error(`${account} is still in the active set of session ${start.session}`);
  let seen = 0;
  await scanBlocks(api, owners, start.number, deadline, (b) => {
    if (b.author === account) throw new Error(`${account} authored ${short(b)} after its removal took effect`);
    seen += 1;
    return seen >= window ? true : undefined;
  });
  console.log(`leaves: removed in block #${since} (session ${removedIn}); it authored ${authoredBefore} block(s) before `
    + `session ${effective}, which starts at #${start.number}, and none of the ${window} blocks #${start.number}..#${start.number + window - 1}`);
}

try {
  if (command === 'joins') await joins();
  else if (command === 'leaves') await leaves();
  else fail('usage: authorship.mjs joins|leaves --rpc WS --account A --since-block H');
} catch (e) {
  fail(e.message);
} finally {
  await api.disconnect();
}
