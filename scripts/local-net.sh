#!/usr/bin/env bash
# The four genesis validators of `--chain local` on loopback: alice, bob, charlie and dave,
# each with its own base path, a fixed node key and free ports, every node a bootnode of the
# others (start-up shared with the fault tests: scripts/net.sh). Ctrl-C (or SIGTERM) stops
# all four and deletes their data.
#
#   scripts/local-net.sh             run until stopped
#   scripts/local-net.sh --check N   run until all four finalized block N, then stop (exit 0)
#
# NODE=<path> picks the binary (default: the release build, else the debug build).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$TRIBUTARY_ROOT/scripts/net.sh"
cd "$TRIBUTARY_ROOT"

check_block=""
if [ "${1:-}" = "--check" ]; then
	check_block="${2:-3}"
	[[ "$check_block" =~ ^[0-9]{1,6}$ ]] || { log "--check takes a block number"; exit 1; }
fi
node="${NODE:-}"
if [ -z "$node" ]; then
	for candidate in "$CARGO_TARGET_DIR/release/tributary-node" "$CARGO_TARGET_DIR/debug/tributary-node"; do
		[ -x "$candidate" ] && node="$candidate" && break
	done
fi
[ -x "$node" ] || { log "no tributary-node binary: run scripts/run-dev.sh or cargo build first"; exit 1; }

net_init "$node"
trap net_cleanup EXIT
trap 'exit 130' INT TERM
net_start_local_four
for name in alice bob charlie dave; do
	log "$name: rpc ws://127.0.0.1:$(net_rpc_port "$name"), p2p $(net_multiaddr "$name")"
done
log "logs in $NET_DIR/<name>.log"

if [ -n "$check_block" ]; then
	# GRANDPA finalizes with more than two thirds of the votes: 3 of the 4 validators.
	for name in alice bob charlie dave; do
		if ! n="$(net_wait_finalized "$name" "$check_block" 300)"; then
			log "local net did not finalize #$check_block on $name"
			net_tail_logs
			exit 1
		fi
		log "$name finalized #$n"
	done
	log "alice health: $(net_call alice system_health)"
	exit 0
fi
log "running; Ctrl-C stops the four validators"
while :; do
	for name in alice bob charlie dave; do
		net_alive "$name" || { log "$name exited"; net_tail_logs; exit 1; }
	done
	sleep 2
done
