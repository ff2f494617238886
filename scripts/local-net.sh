#!/usr/bin/env bash
# A two-validator network on loopback: Alice and Bob on `--chain local`, each with its own
# base path and ports, Bob bootstrapping from Alice. Ctrl-C (or SIGTERM) stops both.
#
#   scripts/local-net.sh             run until stopped
#   scripts/local-net.sh --check N   run until both finalized block N, then stop (exit 0)
#
# NODE=<path> picks the binary (default: the release build, else the debug build).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TRIBUTARY_ROOT"

check_block=""
if [ "${1:-}" = "--check" ]; then
	check_block="${2:-3}"
fi
node="${NODE:-}"
if [ -z "$node" ]; then
	for candidate in "$CARGO_TARGET_DIR/release/tributary-node" "$CARGO_TARGET_DIR/debug/tributary-node"; do
		[ -x "$candidate" ] && node="$candidate" && break
	done
fi
[ -x "$node" ] || { log "no tributary-node binary: run scripts/run-dev.sh or cargo build first"; exit 1; }

base="$(mktemp -d -t tributary-local-XXXXXX)"
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	rm -rf "$base"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

alice_p2p="$(free_port)"; alice_rpc="$(free_port)"
bob_p2p="$(free_port)"; bob_rpc="$(free_port)"
# Fixed node keys: a validator needs one, and Alice's gives Bob a known bootnode peer id.
alice_key=0000000000000000000000000000000000000000000000000000000000000001
bob_key=0000000000000000000000000000000000000000000000000000000000000002
alice_peer="$("$node" key inspect-node-key --file <(printf %s "$alice_key"))"

common=(--chain local --validator --no-mdns --no-telemetry --no-prometheus --rpc-cors all)
log "alice: rpc $alice_rpc, p2p $alice_p2p; bob: rpc $bob_rpc, p2p $bob_p2p; logs in $base"
"$node" "${common[@]}" --alice --base-path "$base/alice" --node-key "$alice_key" \
	--listen-addr "/ip4/127.0.0.1/tcp/$alice_p2p" --rpc-port "$alice_rpc" \
	>"$base/alice.log" 2>&1 &
pids+=($!)
"$node" "${common[@]}" --bob --base-path "$base/bob" --node-key "$bob_key" \
	--listen-addr "/ip4/127.0.0.1/tcp/$bob_p2p" --rpc-port "$bob_rpc" \
	--bootnodes "/ip4/127.0.0.1/tcp/$alice_p2p/p2p/$alice_peer" \
	>"$base/bob.log" 2>&1 &
pids+=($!)

if [ -n "$check_block" ]; then
	# Finality needs both validators' GRANDPA votes (2 of 2), so a finalized block N on
	# both nodes proves they finalize together.
	if a="$(wait_finalized "$alice_rpc" "$check_block" 300 "${pids[@]}")" &&
		b="$(wait_finalized "$bob_rpc" "$check_block" 60 "${pids[@]}")"; then
		log "local net: alice finalized #$a, bob finalized #$b"
		peers="$(rpc "$alice_rpc" system_health)"
		log "alice health: $peers"
		exit 0
	fi
	log "local net did not finalize #$check_block; last log lines:"
	tail -n 20 "$base/alice.log" "$base/bob.log" >&2
	exit 1
fi
log "running; Ctrl-C stops both validators"
wait -n "${pids[@]}"
