#!/usr/bin/env bash
# Sourced by each fault test: the shared helpers, and the network scripts/fault/run.sh started
# (NET_DIR, NET_NODE). A test exits non-zero with a reason on its first failed assertion.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
source "$TRIBUTARY_ROOT/scripts/net.sh"
cd "$TRIBUTARY_ROOT"
[ -n "${NET_DIR:-}" ] && [ -d "$NET_DIR" ] || { log "no network: run this through scripts/fault/run.sh"; exit 1; }

fail() {
	log "FAIL: $*"
	exit 1
}
# The finalized number of NAME (empty when it does not answer).
finalized_of() {
	local head
	head="$(net_finalized "$1")"
	echo "${head%% *}"
}
# Runs an .mjs helper of scripts/e2e with the node version the e2e suite uses.
e2e_node() {
	node "$TRIBUTARY_ROOT/scripts/e2e/$1" "${@:2}"
}
