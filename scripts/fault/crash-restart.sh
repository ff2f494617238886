#!/usr/bin/env bash
# Fault test (c): persistence across crashes. CYCLES (default 20) times: kill -9 charlie
# while it imports blocks, then restart it on the same base path. Odd cycles kill at a random
# moment within 3 s of its RPC answering after a restart (restarts are not aligned with the
# 6 s slots: a random offset within a slot, while it catches up or imports the slot's block);
# even cycles kill 0-200 ms after alice logged a newly imported block, while charlie
# receives or imports that block. Before each kill
# its finalized head (number, hash) is recorded; after each restart every recorded block is
# still there with the same hash and its finalized head has not gone back. At the end it
# catches up: its finalized head reaches the others' and the hashes agree.
source "$(dirname "${BASH_SOURCE[0]}")/test-lib.sh"
victim="${VICTIM:-charlie}"
cycles="${CYCLES:-20}"
reference=alice
[ "$victim" != alice ] || reference=bob
((cycles >= 1 && cycles <= 100)) || fail "CYCLES must be 1..100"

recorded=() # "number hash" of each finalized head the victim reported before a kill
random_ms() { echo $((RANDOM % $1)); }
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# Every recorded block is on the victim's chain with the hash it had; its finalized head is
# at least the last one recorded.
check_recorded() {
	local entry number hash now head
	for entry in "${recorded[@]}"; do
		number="${entry%% *}" hash="${entry##* }"
		now="$(net_block_hash "$victim" "$number")"
		[ "$now" = "$hash" ] || fail "cycle $1: finalized #$number was $hash before a kill, now '${now:-missing}'"
	done
	head="$(net_finalized "$victim")"
	[ -n "$head" ] || fail "cycle $1: $victim reports no finalized head"
	((${head%% *} >= ${recorded[-1]%% *})) || fail "cycle $1: finalized head went back from #${recorded[-1]%% *} to #${head%% *}"
}

net_alive "$victim" || fail "$victim is not running"
t_start=$SECONDS
for ((cycle = 1; cycle <= cycles; cycle++)); do
	head="$(net_finalized "$victim")"
	[ -n "$head" ] || fail "cycle $cycle: $victim does not answer before the kill"
	recorded+=("$head")
	if ((cycle % 2)); then
		delay="$(random_ms 3000)"
		sleep_ms "$delay"
		how="$delay ms after its RPC answered (its best #$(net_best "$victim"), $reference's #$(net_best "$reference"))"
	else
		# Kill when the reference node logs a newly imported block, 0-200 ms later: the block
		# is then on its way to the victim or being imported by it (the reference node's
		# log is polled every 20 ms, for at most 15 s).
		ref_log="$NET_DIR/$reference.log"
		offset="$(stat -c %s "$ref_log")"
		t0=$SECONDS
		# (grep without -q reads to the end: with pipefail, -q would fail the pipeline on SIGPIPE)
		until tail -c +$((offset + 1)) "$ref_log" | grep 'Imported #' >/dev/null; do
			((SECONDS - t0 < 15)) || fail "cycle $cycle: $reference imported no block for 15 s"
			sleep 0.02
		done
		jitter="$(random_ms 200)"
		sleep_ms "$jitter"
		network_best="$(tail -c +$((offset + 1)) "$ref_log" | sed -n 's/.*Imported #\([0-9]*\).*/\1/p' | tail -n 1)"
		how="$jitter ms after $reference imported #$network_best"
	fi
	net_kill "$victim" KILL
	net_start "$victim"
	net_wait_rpc "$victim" 90 || fail "cycle $cycle: $victim did not come back within 90 s"
	check_recorded "$cycle"
	log "cycle $cycle/$cycles: killed $how (finalized #${head%% *}); restarted, ${#recorded[@]} recorded heads intact"
done
distinct="$(printf '%s\n' "${recorded[@]}" | sort -u | wc -l)"
log "$cycles kills in $((SECONDS - t_start)) s; $distinct distinct finalized heads recorded, from #${recorded[0]%% *} to #${recorded[-1]%% *}"

# Catching up: the highest finalized head among the others, then the victim's reaching it.
target=0
leader=""
for name in $(net_names); do
	[ "$name" = "$victim" ] && continue
	net_alive "$name" || continue
	n="$(finalized_of "$name")"
	if [ -n "$n" ] && ((n > target)); then target=$n leader=$name; fi
done
[ -n "$leader" ] || fail "no other node answers"
n="$(net_wait_finalized "$victim" "$target" 90)" || fail "$victim did not catch up to #$target"
mine="$(net_block_hash "$victim" "$target")"
theirs="$(net_block_hash "$leader" "$target")"
[ -n "$mine" ] && [ "$mine" = "$theirs" ] || fail "#$target: $victim has ${mine:-nothing}, $leader has $theirs"
log "$victim caught up: finalized #$n, #$target is $mine on $victim and $leader"
