#!/usr/bin/env bash
# Shared helpers of Tributary's scripts: prerequisites, the build cache, free ports.

set -euo pipefail

TRIBUTARY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# One target directory for every build, outside the checkout, so later runs are incremental.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tributary/target}"
# The target directory lives outside the checkout: tell the WASM builder where Cargo.lock is.
export WASM_BUILD_WORKSPACE_HINT="$TRIBUTARY_ROOT"
# The runtime WASM is always built optimised: a debug WASM makes the dev node slow.
export WASM_BUILD_TYPE="${WASM_BUILD_TYPE:-release}"

# The release node built with `runtime-benchmarks` (scripts/bench-weights.sh builds it) has
# its own target directory, so the test build stays warm.
BENCH_TARGET_DIR="${BENCH_TARGET_DIR:-$HOME/.cache/tributary/target-bench}"

log() { printf '\033[1m[tributary]\033[0m %s\n' "$*" >&2; }

# Installs what building and testing need, when missing: protoc and a C toolchain (apt),
# the wasm32v1-none target, rust-src, clippy and rustfmt (rustup), Node.js 20 (apt).
ensure_prerequisites() {
	local missing=()
	command -v protoc >/dev/null || missing+=(protobuf-compiler)
	command -v make >/dev/null || missing+=(make)
	command -v perl >/dev/null || missing+=(perl)
	command -v cc >/dev/null || missing+=(build-essential)
	command -v curl >/dev/null || missing+=(curl)
	command -v jq >/dev/null || missing+=(jq)
	command -v python3 >/dev/null || missing+=(python3)
	command -v node >/dev/null || missing+=(nodejs npm)
	if ((${#missing[@]})); then
		log "installing ${missing[*]}"
		local sudo=""
		[ "$(id -u)" -eq 0 ] || sudo="sudo"
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
	if ! command -v cargo >/dev/null; then
		log "installing rustup"
		curl -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
		# shellcheck disable=SC1091
		source "$HOME/.cargo/env"
	fi
	local installed
	installed="$(rustup target list --installed)"
	grep -qx wasm32v1-none <<<"$installed" || rustup target add wasm32v1-none
	installed="$(rustup component list --installed)"
	for component in rust-src clippy rustfmt; do
		grep -q "^$component" <<<"$installed" || rustup component add "$component"
	done
}

# Prints a TCP port nobody listens on.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Calls a JSON-RPC method over HTTP: rpc PORT METHOD [PARAMS_JSON]
rpc() {
	curl -s -m 5 -H 'Content-Type: application/json' \
		-d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$2\",\"params\":${3:-[]}}" \
		"http://127.0.0.1:$1"
}

# The finalized block number at PORT (empty when the node does not answer).
finalized_number() {
	local head
	head="$(rpc "$1" chain_getFinalizedHead | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"])' 2>/dev/null)" || return 0
	rpc "$1" chain_getHeader "[\"$head\"]" |
		python3 -c 'import json,sys; print(int(json.load(sys.stdin)["result"]["number"],16))' 2>/dev/null || true
}

# Waits until the node at PORT finalized block TARGET; fails after TIMEOUT seconds, or at
# once when one of the optional PIDS has exited.
wait_finalized() {
	local port=$1 target=$2 timeout=$3 start=$SECONDS n pid
	shift 3
	while ((SECONDS - start < timeout)); do
		for pid in "$@"; do
			kill -0 "$pid" 2>/dev/null || return 1
		done
		n="$(finalized_number "$port")"
		if [ -n "$n" ] && ((n >= target)); then
			echo "$n"
			return 0
		fi
		sleep 2
	done
	return 1
}

# Prints the path of the release benchmark node ($NODE overrides it); fails when it is not built.
bench_node() {
	local node_bin="${NODE:-$BENCH_TARGET_DIR/release/tributary-node}"
	[ -x "$node_bin" ] || { log "no node at $node_bin: build it first (scripts/bench-weights.sh builds it)"; return 1; }
	echo "$node_bin"
}
