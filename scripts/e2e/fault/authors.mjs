// Who authored a block, read from the chain: the Aura pre-runtime digest carries the slot, and
// the author is aura.authorities()[slot % n] in the state the block was built on (its parent's:
// a session rotating in the block's own on_initialize changes the authorities of the next
// block). The Aura key maps to its account through session.nextKeys.

/** The Aura slot of `header` (from its `aura` pre-runtime digest). */
export function auraSlot(api, header) {
  for (const log of header.digest.logs) {
    if (log.isPreRuntime) {
      const [engine, data] = log.asPreRuntime;
      if (engine.toString() === 'aura') return api.createType('u64', data).toBigInt();
    }
  }
  throw new Error(`block #${header.number} has no aura pre-runtime digest`);
}

/** A map from Aura public key (hex) to account, over every account's registered keys. */
export async function auraOwners(api) {
  const owners = new Map();
  for (const [key, keys] of await api.query.session.nextKeys.entries()) {
    if (keys.isSome) owners.set(keys.unwrap().aura.toHex(), key.args[0].toString());
  }
  return owners;
}

/**
 * The block at `number`: { number, hash, slot, session (the index it was built in), author
 * (account, or the Aura key when no account registered it), active (the accounts of its
 * session's active set) }.
 */
export async function blockInfo(api, owners, number) {
  const hash = await api.rpc.chain.getBlockHash(number);
  const header = await api.rpc.chain.getHeader(hash);
  const parent = header.parentHash;
  const [authorities, session, active] = await Promise.all([
    api.query.aura.authorities.at(parent), api.query.session.currentIndex.at(parent),
    api.query.session.validators.at(parent),
  ]);
  const slot = auraSlot(api, header);
  const key = authorities[Number(slot % BigInt(authorities.length))].toHex();
  return {
    number, hash: hash.toHex(), slot, session: session.toNumber(),
    author: owners.get(key) ?? key, active: active.map(String),
  };
}

/** The best block number. */
export async function bestNumber(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Calls `visit(info)` for every block from `from` on, in order, waiting for new blocks, until
 * `visit` returns something other than undefined (which this returns) or `deadline` (ms
 * since the epoch) passes (then it throws).
 */
export async function scanBlocks(api, owners, from, deadline, visit) {
  let next = from;
  while (Date.now() < deadline) {
    const best = await bestNumber(api);
    while (next <= best) {
      const verdict = visit(await blockInfo(api, owners, next));
      if (verdict !== undefined) return verdict;
      next += 1;
    }
    await sleep(1000);
  }
  throw new Error(`timed out scanning blocks at #${next}`);
}
