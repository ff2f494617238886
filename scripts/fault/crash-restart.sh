#!/usr/bin/env bash
# Fault test (c): persistence across crashes. CYCLES (default 20) times: kill -9 charlie
# while it imports blocks, then restart it on the same base path. The kill comes at a random
# moment after its RPC answers (restarts are not aligned with the 6 s slots, so this is a
# random offset within a slot): odd cycles within 1.5 s, while it imports the blocks it
# missed while down, even cycles 1.5-5 s later, around the import of the slot's new block. Before each kill
# its finalized head (number, hash) is recorded; after each restart every recorded block is
# still there with the same hash and its finalized head has not gone back. At the end it
# catches up: its finalized head reaches the others' and the hashes agree.
source "$(dirname "${BASH_SOURCE[0]}")/test-lib.sh"
victim="${VICTIM:-charlie}"
cycles="${CYCLES:-20}"
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
	if ((cycle % 2)); then delay="$(random_ms 1500)"; else delay=$((1500 + $(random_ms 3500))); fi
	sleep_ms "$delay"
	head="$(net_finalized "$victim")"
	[ -n "$head" ] || fail "cycle $cycle: $victim does not answer before the kill"
	recorded+=("$head")
	best="$(net_best "$victim")" network_best="$(net_best alice)"
	net_kill "$victim" KILL
	net_start "$victim"
	net_wait_rpc "$victim" 90 || fail "cycle $cycle: $victim did not come back within 90 s"
	check_recorded "$cycle"
	log "cycle $cycle/$cycles: killed $delay ms after its RPC answered (best #${best:-?} of the network's #${network_best:-?}, finalized #${head%% *}); restarted, ${#recorded[@]} recorded heads intact"
done
distinct="$(printf '%s\n' "${recorded[@]}" | sort -u | wc -l)"
log "$cycles kills in $((SECONDS - t_start)) s; $distinct distinct finalized heads recorded, from #${recorded[0]%% *} to #${recorded[-1]%% *}"

# Catching up: the highest finalized head among the others, then the victim's reaching it.
target=0
reference=""
for name in $(net_names); do
	[ "$name" = "$victim" ] && continue
	net_alive "$name" || continue
	n="$(finalized_of "$name")"
	if [ -n "$n" ] && ((n > target)); then target=$n reference=$name; fi
done
[ -n "$reference" ] || fail "no other node answers"
n="$(net_wait_finalized "$victim" "$target" 90)" || fail "$victim did not catch up to #$target"
mine="$(net_block_hash "$victim" "$target")"
theirs="$(net_block_hash "$reference" "$target")"
[ -n "$mine" ] && [ "$mine" = "$theirs" ] || fail "#$target: $victim has ${mine:-nothing}, $reference has $theirs"
log "$victim caught up: finalized #$n, #$target is $mine on $victim and $reference"
