#!/usr/bin/env bash
# Fault test (a): GRANDPA needs more than two thirds of the four validators.
#   1. kill -9 dave: 3 of 4 vote, new blocks are finalized within 30 s;
#   2. kill -9 charlie: 2 of 4, no block is finalized for 24 s while alice and bob still
#      author blocks (best vs finalized reported);
#   3. restart both on their base paths: finality resumes and all four nodes hold the same
#      hash at one common finalized height.
source "$(dirname "${BASH_SOURCE[0]}")/test-lib.sh"
stall_window=24

f0="$(finalized_of alice)"
[ -n "$f0" ] || fail "alice does not answer"
net_kill dave KILL
log "dave killed at alice's finalized #$f0; waiting 30 s at most for #$((f0 + 2))"
t0=$SECONDS
f1="$(net_wait_finalized alice $((f0 + 2)) 30)" || fail "finality did not continue with 3 of 4 validators"
log "3 of 4: alice finalized #$f1 after $((SECONDS - t0)) s (bob: #$(finalized_of bob))"

net_kill charlie KILL
# Votes charlie cast before dying may still finalize what they cover: let that settle.
sleep 8
stalled_at="$(finalized_of alice)"
best_before="$(net_best alice)"
log "charlie killed: 2 of 4; watching finality for $stall_window s from #$stalled_at (best #$best_before)"
t0=$SECONDS
while ((SECONDS - t0 < stall_window)); do
	for name in alice bob; do
		now="$(finalized_of "$name")"
		[ -n "$now" ] || fail "$name does not answer"
		((now <= stalled_at)) || fail "$name finalized #$now with only 2 of 4 validators (stalled at #$stalled_at)"
	done
	sleep 2
done
best_after="$(net_best alice)"
log "2 of 4: finalized stayed at #$stalled_at for $stall_window s; best #$best_before -> #$best_after"
((best_after > best_before)) || fail "no block was produced while finality stalled (best #$best_after)"

net_start charlie
net_start dave
net_wait_rpc charlie 90 || fail "charlie did not restart"
net_wait_rpc dave 90 || fail "dave did not restart"
t0=$SECONDS
resumed="$(net_wait_finalized alice $((stalled_at + 2)) 120)" || fail "finality did not resume after the restart"
log "restarted: alice finalized #$resumed $((SECONDS - t0)) s after the restart"
common=""
for name in alice bob charlie dave; do
	n="$(net_wait_finalized "$name" $((stalled_at + 1)) 60)" || fail "$name did not finalize past #$stalled_at"
	if [ -z "$common" ] || ((n < common)); then common=$n; fi
done
hashes=()
for name in alice bob charlie dave; do
	hashes+=("$(net_block_hash "$name" "$common")")
done
log "finalized #$common on all four: ${hashes[*]}"
for hash in "${hashes[@]}"; do
	[ -n "$hash" ] && [ "$hash" = "${hashes[0]}" ] || fail "the four nodes disagree on finalized #$common: ${hashes[*]}"
done
