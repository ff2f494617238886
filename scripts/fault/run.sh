#!/usr/bin/env bash
# The fault tests of the validator set, on one network of the four genesis validators of
# `--chain local` (alice, bob, charlie, dave) on loopback, started once and shared:
#   finality       kill one validator: finality continues; kill a second: it stalls while
#                  blocks are still produced; restart both: it resumes, all four agree
#   join-leave     a 5th validator joins following docs/validator.md (its shell blocks run as
#                  written), authors within three sessions; the refusals; one leaves and
#                  stops authoring; the chain never stalls meanwhile
#   crash-restart  20 cycles of kill -9 on a validator while it imports blocks: every block
#                  it reported finalized keeps its hash, and it catches up
# Each test runs as its own script under a hard timeout and prints PASS or FAIL with its
# duration; on a failure, the last 20 log lines of every node. Every node and temp dir is
# removed on exit, also on failure or Ctrl-C.
#
#   scripts/fault/run.sh [TEST...]     all tests, or the named ones (in the order above)
# NODE=<path> picks the binary (default: the debug build); it is copied first, so a rebuild
# during the run does not change it.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
source "$TRIBUTARY_ROOT/scripts/net.sh"
cd "$TRIBUTARY_ROOT"

all_tests=(finality join-leave crash-restart)
declare -A limit=([finality]=240 [join-leave]=480 [crash-restart]=360)
tests=("$@")
((${#tests[@]})) || tests=("${all_tests[@]}")
for t in "${tests[@]}"; do
	[ -n "${limit[$t]:-}" ] || { log "unknown test $t (known: ${all_tests[*]})"; exit 1; }
done

node="${NODE:-$CARGO_TARGET_DIR/debug/tributary-node}"
[ -x "$node" ] || { log "no tributary-node at $node: build it first (cargo build -p tributary-node)"; exit 1; }
if ! "$node" build-spec --chain local 2>/dev/null | grep -q '"validatorSet"'; then
	log "$node has no validatorSet in its --chain local genesis: it predates the governed validator set"
	exit 1
fi
[ -d scripts/e2e/node_modules/@polkadot/api ] ||
	(cd scripts/e2e && npm ci --no-audit --no-fund --loglevel=error)

net_init ""
test_pid=""
# timeout runs each test in its own process group: stop that group too on Ctrl-C.
trap '[ -n "$test_pid" ] && kill -TERM -- "-$test_pid" 2>/dev/null; net_cleanup' EXIT
trap 'exit 130' INT TERM
cp "$node" "$NET_DIR/tributary-node"
NET_NODE="$NET_DIR/tributary-node"

started=$SECONDS
log "starting alice, bob, charlie and dave (--chain local) in $NET_DIR"
net_start_local_four
for name in alice bob charlie dave; do
	net_wait_rpc "$name" 180 || { net_tail_logs; exit 1; }
done
for name in alice bob charlie dave; do
	net_wait_finalized "$name" 1 180 >/dev/null || { net_tail_logs; exit 1; }
done
log "network up in $((SECONDS - started)) s: finalized $(net_finalized alice)"

failed=0
results=()
for t in "${tests[@]}"; do
	# A test that failed may leave a genesis validator stopped: restart it for the next.
	for name in alice bob charlie dave; do
		net_alive "$name" || { log "restarting $name"; net_start "$name"; net_wait_rpc "$name" 90 || true; }
	done
	t0=$SECONDS
	log "== fault test: $t (at most ${limit[$t]} s)"
	# In the background and waited for, so that Ctrl-C interrupts the wait.
	timeout -k 10 "${limit[$t]}" bash "scripts/fault/$t.sh" &
	test_pid=$!
	status=0
	wait "$test_pid" || status=$?
	test_pid=""
	if ((status == 0)); then
		results+=("PASS $t ($((SECONDS - t0)) s)")
	else
		((status == 124)) && log "$t: timed out after ${limit[$t]} s"
		results+=("FAIL $t ($((SECONDS - t0)) s)")
		failed=1
		net_tail_logs
	fi
	log "${results[-1]}"
done
printf '%s\n' "${results[@]}" >&2
log "fault tests: $( ((failed)) && echo FAILED || echo all passed) in $((SECONDS - started)) s"
exit "$failed"
