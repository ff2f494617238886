#!/usr/bin/env bash
# Fault test (b): a fifth validator joins the running network by the walkthrough of
# docs/validator.md — its shell blocks (```sh blocks whose first line is
# `# walkthrough: <step>`) run here as written, with the doc's settings replaced by this
# test's — and one validator leaves:
#   - eve's node: chain spec exported, node key generated, started as `--validator --name eve`
#     with a fresh keystore; keys rotated with their proof, set by //Eve, added by sudo;
#   - the refusals on the live chain: setKeys with proof 0x -> session.InvalidProof,
#     addValidator of an account without keys -> validatorSet.NoSessionKeys;
#   - eve authors a block within three sessions of the add (the author of each block read
#     from its Aura slot and the active authorities);
#   - dave is removed: from the session the removal takes effect he authors none of the
#     next 8 blocks; then he purges his keys;
#   - throughout, alice's best block advances at least every 20 s (~3 slots) and its
#     finalized block at least every 60 s.
source "$(dirname "${BASH_SOURCE[0]}")/test-lib.sh"
doc=docs/validator.md
work="$NET_DIR/walkthrough"
mkdir -p "$work"
watch_pid=""
trap '[ -n "$watch_pid" ] && kill "$watch_pid" 2>/dev/null; true' EXIT

# The body of the walkthrough block NAME of the doc.
doc_block() {
	awk -v name="$1" '
		/^[[:space:]]*```sh[[:space:]]*$/ { inside = 1; first = 1; body = ""; next }
		inside && /^[[:space:]]*```[[:space:]]*$/ { if (keep) printf "%s", body; inside = 0; keep = 0; next }
		inside {
			if (first) { first = 0; keep = ($0 ~ "^[[:space:]]*# walkthrough: " name "[[:space:]]*$") }
			sub(/^   /, ""); body = body $0 "\n"
		}' "$doc"
}
# Runs block NAME in a fresh bash (set -euo pipefail) with the settings of the environment.
run_block() {
	local body
	body="$(doc_block "$1")"
	log "walkthrough step '$1'"
	bash -euo pipefail -c "$body"
}

# The doc's steps are the ones this test runs, and its settings the variables it sets.
steps=(settings account chain-spec node-key start rotate-keys set-keys add status remove purge key-tools)
found="$(sed -n 's/^[[:space:]]*# walkthrough: \([a-z-]*\)[[:space:]]*$/\1/p' "$doc" | tr '\n' ' ')"
[ "$found" = "${steps[*]} " ] || fail "$doc's walkthrough steps are '$found', this test runs '${steps[*]}': update one of them"
settings=(TRIBUTARY CHAIN_SPEC BASE_PATH NAME LISTEN_ADDR RPC_PORT PROMETHEUS_PORT BOOTNODE ACCOUNT SURI SUDO_SURI)
doc_settings="$(doc_block settings | sed -n 's/^\([A-Z_]*\)=.*/\1/p' | tr '\n' ' ')"
[ "$doc_settings" = "${settings[*]} " ] || fail "$doc's settings are '$doc_settings', this test sets '${settings[*]}'"

address_of() { "$NET_NODE" key inspect --output-type json "$1" | jq -r .ss58Address; }
eve="$(address_of //Eve)"
dave="$(address_of //Dave)"
eve_p2p="$(free_port)"
eve_rpc="$(free_port)"
export TRIBUTARY="$NET_NODE" CHAIN_SPEC="$work/tributary-local.json" BASE_PATH="$work/eve" NAME=eve \
	LISTEN_ADDR="/ip4/127.0.0.1/tcp/$eve_p2p" RPC_PORT="$eve_rpc" PROMETHEUS_PORT="$(free_port)" \
	BOOTNODE="$(net_multiaddr alice)" ACCOUNT="$eve" SURI=//Eve SUDO_SURI=//Alice
mkdir -p "$BASE_PATH"
alice_ws="ws://127.0.0.1:$(net_rpc_port alice)"

e2e_node fault/stall-watch.mjs --port "$(net_rpc_port alice)" --stop-file "$work/stop" \
	--max-best-gap 20 --max-finality-gap 60 --timeout 470 >"$work/stall-watch.txt" 2>&1 &
watch_pid=$!

run_block account >/dev/null
run_block chain-spec
peer="$(run_block node-key 2>&1 | tail -n 1)"
[[ "$peer" == 12D3KooW* ]] || fail "generate-node-key printed no peer id: $peer"
# Eve joins the network's bookkeeping: cleanup, log tails, and bootnode of later restarts.
mkdir -p "$NET_DIR/eve"
printf 'key=\npeer=%s\np2p=%s\nrpc=%s\n' "$peer" "$eve_p2p" "$eve_rpc" >"$NET_DIR/eve/conf"
: >"$NET_DIR/eve/args"
printf '\n==== start %s (walkthrough)\n' "$(date -u +%T)" >>"$NET_DIR/eve.log"
setsid bash -euo pipefail -c "$(doc_block start)" >>"$NET_DIR/eve.log" 2>&1 &
net_adopt eve $!
disown $!
net_wait_rpc eve 120 || fail "eve's node did not start"
t0=$SECONDS
while :; do
	mine="$(net_best eve)" theirs="$(net_best alice)"
	[ -n "$mine" ] && [ -n "$theirs" ] && ((mine + 1 >= theirs)) && break
	((SECONDS - t0 < 120)) || fail "eve's node did not sync within 120 s (#${mine:-?} vs #${theirs:-?})"
	sleep 1
done
log "eve's node synced to #$mine in $((SECONDS - t0)) s (peer id $peer)"

e2e_node fault/refusals.mjs --rpc "$alice_ws" --node-rpc "ws://127.0.0.1:$eve_rpc" || fail "the refusals"

rotated="$(run_block rotate-keys)"
jq -e '(.keys | test("^0x[0-9a-f]{128}$")) and (.proof | test("^0x[0-9a-f]+$"))' <<<"$rotated" >/dev/null ||
	fail "author_rotateKeysWithOwner returned no keys and proof: $rotated"
set_keys="$(run_block set-keys)" || fail "set-keys: $set_keys"
deposit="$(jq -r '(.heldAfter | tonumber) - (.heldBefore | tonumber)' <<<"$set_keys")"
log "eve's keys set in block #$(jq -r .blockNumber <<<"$set_keys"), holding a deposit of $deposit"
# docs/validator.md: "session.setKeys holds a deposit of 10 TRIB" (TRIB = 10^12).
[ "$deposit" = 10000000000000 ] || fail "setKeys held $deposit, not the 10 TRIB the doc says"
added="$(run_block add)" || fail "add: $added"
added_at="$(jq -r .blockNumber <<<"$added")"
log "eve added in block #$added_at (session $(jq -r .session <<<"$added"), effective $(jq -r .effectiveSession <<<"$added"))"
removed="$(ACCOUNT="$dave" run_block remove)" || fail "remove: $removed"
removed_at="$(jq -r .blockNumber <<<"$removed")"
log "dave removed in block #$removed_at (session $(jq -r .session <<<"$removed"))"

e2e_node fault/authorship.mjs joins --rpc "$alice_ws" --account "$eve" --since-block "$added_at" \
	--within-sessions 3 --timeout 240 || fail "eve did not author within three sessions"
e2e_node fault/authorship.mjs leaves --rpc "$alice_ws" --account "$dave" --since-block "$removed_at" \
	--window 8 --timeout 240 || fail "dave did not stop authoring"
status="$(run_block status)"
jq -e '.inActive and (.active | length == 4)' <<<"$status" >/dev/null || fail "eve is not in the active set of four: $status"
purged="$(SURI=//Dave run_block purge)" || fail "purge: $purged"
log "dave purged his keys in block #$(jq -r .blockNumber <<<"$purged"): held $(jq -r .heldBefore <<<"$purged") -> $(jq -r .heldAfter <<<"$purged") (genesis keys hold no deposit)"
jq -e '.heldAfter == "0"' <<<"$purged" >/dev/null || fail "dave still holds a deposit after purgeKeys: $purged"
run_block key-tools >/dev/null
log "eve's node logged $(grep -c 'Pre-sealed block for proposal' "$NET_DIR/eve.log") authored block(s)"

touch "$work/stop"
watch_status=0
wait "$watch_pid" || watch_status=$?
watch_pid=""
cat "$work/stall-watch.txt" >&2
((watch_status == 0)) || fail "the chain stalled"
