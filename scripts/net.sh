#!/usr/bin/env bash
# Sourced helper (after lib.sh): a network of tributary-node validators on loopback. Each node
# has a name, a fixed node key (so a fixed peer id), fixed ports and a base path under
# $NET_DIR/<name>/, all written to files there, so a node restarts with the same identity
# and database, and so any script given NET_DIR (the fault tests run as separate scripts) can
# stop, restart and inspect the nodes another script started. Logs: $NET_DIR/<name>.log,
# appended across restarts.
#
#   net_init NODE_BIN            a new, empty $NET_DIR (exported with NET_NODE and NET_CHAIN)
#   net_add NAME INDEX [ARG...]  registers a node: node key INDEX, free ports, extra node args
#   net_start NAME               starts it (validator; --alice.. for the well-known names)
#   net_kill NAME [SIGNAL]       stops it (default TERM) and waits until it is gone
#   net_cleanup                  stops every node and deletes $NET_DIR
# Queries: net_rpc_port, net_pid, net_alive, net_best, net_finalized ("number hash"),
# net_block_hash, net_wait_rpc, net_wait_finalized, net_tail_logs.

# Every node started here and not stopped, by name (the names of $NET_DIR/*/conf).
net_names() {
	local conf
	for conf in "$NET_DIR"/*/conf; do
		[ -e "$conf" ] && basename "$(dirname "$conf")"
	done
	return 0
}

net_init() {
	NET_NODE=$1
	NET_CHAIN="${NET_CHAIN:-local}"
	NET_DIR="$(mktemp -d -t tributary-net-XXXXXX)"
	export NET_NODE NET_CHAIN NET_DIR
}

# net_add NAME INDEX [EXTRA_ARG...]: node key = INDEX as 32 bytes (so alice=1 gives the peer id
# 12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp), a free p2p and RPC port.
net_add() {
	local name=$1 index=$2
	shift 2
	local dir="$NET_DIR/$name" key peer
	mkdir -p "$dir"
	key="$(printf '%064x' "$index")"
	peer="$("$NET_NODE" key inspect-node-key --file <(printf %s "$key"))"
	{
		printf 'key=%s\npeer=%s\np2p=%s\nrpc=%s\n' "$key" "$peer" "$(free_port)" "$(free_port)"
	} >"$dir/conf"
	printf '%s\n' "$@" >"$dir/args"
}

# The value of FIELD (key, peer, p2p, rpc) of node NAME.
net_conf() {
	sed -n "s/^$2=//p" "$NET_DIR/$1/conf"
}
net_rpc_port() { net_conf "$1" rpc; }
net_pid() { cat "$NET_DIR/$1/pid" 2>/dev/null || true; }
net_multiaddr() { echo "/ip4/127.0.0.1/tcp/$(net_conf "$1" p2p)/p2p/$(net_conf "$1" peer)"; }

# Whether the process PID runs (a zombie does not).
pid_alive() {
	local state
	state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
	[[ "$state" != Z* ]]
}
net_alive() {
	local pid
	pid="$(net_pid "$1")"
	[ -n "$pid" ] && pid_alive "$pid"
}

# Starts node NAME in the background (its own process group) with every other registered
# node as a bootnode. alice..dave use --alice..--dave (the well-known session keys of
# `--chain local`); other names are validators with whatever their keystore holds.
net_start() {
	local name=$1 dir="$NET_DIR/$1" other role=() bootnodes=() extra=()
	case "$name" in
	alice | bob | charlie | dave) role=("--$name") ;;
	*) role=(--validator --name "$name") ;;
	esac
	for other in $(net_names); do
		[ "$other" = "$name" ] || bootnodes+=(--bootnodes "$(net_multiaddr "$other")")
	done
	mapfile -t extra <"$dir/args"
	((${#extra[0]})) || extra=()
	printf '\n==== start %s\n' "$(date -u +%T)" >>"$NET_DIR/$name.log"
	setsid "$NET_NODE" --chain "$NET_CHAIN" "${role[@]}" --base-path "$dir/db" \
		--node-key "$(net_conf "$name" key)" \
		--listen-addr "/ip4/127.0.0.1/tcp/$(net_conf "$name" p2p)" \
		--rpc-port "$(net_conf "$name" rpc)" \
		--no-mdns --no-telemetry --no-prometheus --rpc-cors all \
		"${bootnodes[@]}" "${extra[@]}" >>"$NET_DIR/$name.log" 2>&1 &
	echo $! >"$dir/pid"
	disown $!
}

# net_adopt NAME PID: records a node started elsewhere (its own process group) for cleanup.
net_adopt() {
	echo "$2" >"$NET_DIR/$1/pid"
}

# Stops node NAME with SIGNAL (default TERM; the whole process group) and waits until it is
# gone: SIGKILL after 20 s.
net_kill() {
	local name=$1 signal=${2:-TERM} pid start=$SECONDS
	pid="$(net_pid "$name")"
	[ -n "$pid" ] || return 0
	kill "-$signal" -- "-$pid" 2>/dev/null || kill "-$signal" "$pid" 2>/dev/null || true
	while pid_alive "$pid"; do
		if ((SECONDS - start >= 20)); then
			kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
		fi
		sleep 0.2
	done
	rm -f "$NET_DIR/$name/pid"
}

net_cleanup() {
	[ -n "${NET_DIR:-}" ] && [ -d "$NET_DIR" ] || return 0
	local name pid
	for name in $(net_names); do
		pid="$(net_pid "$name")"
		[ -n "$pid" ] && { kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; }
	done
	for name in $(net_names); do
		net_kill "$name" TERM
	done
	rm -rf "$NET_DIR"
}

# The last 20 lines of every node's log, on stderr.
net_tail_logs() {
	local name
	for name in $(net_names); do
		printf '\n---- %s (last 20 log lines)\n' "$name" >&2
		tail -n 20 "$NET_DIR/$name.log" >&2 2>/dev/null || true
	done
}

# JSON-RPC to node NAME; prints the result as JSON (empty when the node does not answer).
net_call() {
	rpc "$(net_rpc_port "$1")" "$2" "${3:-[]}" 2>/dev/null | jq -c '.result // empty' 2>/dev/null || true
}
# The best block number of NAME (empty when it does not answer).
net_best() {
	net_call "$1" chain_getHeader | jq -r '.number // empty' | xargs -r printf '%d\n' 2>/dev/null || true
}
# "number hash" of the finalized head of NAME (empty when it does not answer).
net_finalized() {
	local hash number
	hash="$(net_call "$1" chain_getFinalizedHead | jq -r '. // empty')"
	[ -n "$hash" ] || return 0
	number="$(net_call "$1" chain_getHeader "[\"$hash\"]" | jq -r '.number // empty')"
	[ -n "$number" ] && printf '%d %s\n' "$number" "$hash"
	return 0
}
# The hash of block NUMBER on NAME's chain (empty when unknown or the node does not answer).
net_block_hash() {
	net_call "$1" chain_getBlockHash "[$2]" | jq -r '. // empty'
}

# Waits until NAME answers JSON-RPC; fails after TIMEOUT s or when the process exits.
net_wait_rpc() {
	local name=$1 timeout=$2 start=$SECONDS
	while ((SECONDS - start < timeout)); do
		net_alive "$name" || { log "$name exited"; return 1; }
		[ -n "$(net_call "$name" system_health)" ] && return 0
		sleep 0.5
	done
	log "$name: no RPC answer within $timeout s"
	return 1
}

# Waits until NAME finalized block TARGET (prints the finalized number); fails after TIMEOUT s.
net_wait_finalized() {
	local name=$1 target=$2 timeout=$3 start=$SECONDS head
	while ((SECONDS - start < timeout)); do
		head="$(net_finalized "$name")"
		if [ -n "$head" ] && ((${head%% *} >= target)); then
			echo "${head%% *}"
			return 0
		fi
		sleep 1
	done
	log "$name: block #$target not finalized within $timeout s (finalized: ${head:-none})"
	return 1
}

# Starts the four genesis validators of `--chain local`: alice, bob, charlie, dave.
net_start_local_four() {
	local name index=1
	for name in alice bob charlie dave; do
		net_add "$name" "$index"
		index=$((index + 1))
	done
	for name in alice bob charlie dave; do
		net_start "$name"
	done
}
