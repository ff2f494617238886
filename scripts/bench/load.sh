#!/usr/bin/env bash
# One load run, the way docs/performance.md reports it: starts a release dev node with raised
# pool limits and a fresh database, lets it idle for IDLE_SECONDS, runs scripts/bench/load.mjs
# against it (which also reads the node's memory and database size), stops the node and
# writes the JSON report to $REPORT (default scripts/bench/load-report.json).
#
#   scripts/bench/load.sh                    the release node of scripts/bench-weights.sh
#   NODE=path/to/tributary-node scripts/bench/load.sh --claimers 3000
#
# Extra arguments go to load.mjs. The node binary must already be built (release).
# KEEP_BASE_PATH=dir keeps the node's database there after the run (for
# scripts/bench/storage-weights.sh, which measures reads and writes on a populated database).
# The node logs basic-authorship at debug, so that load.mjs can tell the author's wait for its
# transaction pool from building in each block's build time.
# NODE_ARGS="..." adds node flags (e.g. "--state-pruning archive --blocks-pruning archive" so
# that `tributary-node benchmark block` can re-execute the measured blocks afterwards).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRIBUTARY_ROOT"

node_bin="$(bench_node)"
report="${REPORT:-$TRIBUTARY_ROOT/scripts/bench/load-report.json}"

base="$(mktemp -d)"
port="$(free_port)"
node_log="$base.log"
read -ra node_args <<<"${NODE_ARGS:-}"
"$node_bin" --dev --base-path "$base" --rpc-port "$port" \
	--pool-type single-state --pool-limit 100000 --pool-kbytes 512000 \
	--rpc-max-connections 2000 --rpc-max-request-size 64 --rpc-max-response-size 64 \
	-lbasic-authorship=debug \
	"${node_args[@]}" >"$node_log" 2>&1 &
node_pid=$!
cleanup() {
	kill "$node_pid" 2>/dev/null || true
	wait "$node_pid" 2>/dev/null || true
	if [ -n "${KEEP_BASE_PATH:-}" ]; then
		rm -rf "$KEEP_BASE_PATH" && mv "$base" "$KEEP_BASE_PATH" && log "database kept in $KEEP_BASE_PATH"
	else
		rm -rf "$base"
	fi
}
trap cleanup EXIT

log "node $node_bin (pid $node_pid) on port $port, database $base, log $node_log"
wait_finalized "$port" 1 120 "$node_pid" >/dev/null || { tail -20 "$node_log"; exit 1; }
sleep "${IDLE_SECONDS:-30}"

(cd scripts/e2e && { [ -d node_modules ] || npm ci --no-audit --no-fund --silent; } &&
	node ../bench/load.mjs "ws://127.0.0.1:$port" --node-pid "$node_pid" --base-path "$base" \
		--node-log "$node_log" "$@") >"$report"
log "report written to $report"
