#!/usr/bin/env bash
# The O(1) proof of docs/performance.md: times `pallet_revenue::pay` (one payment, one
# attribution) into a datanet version of 10 and of 1,000,000 contributions, set by storage
# (`DatanetsBenchmarkHelper::inflate_version`, no extrinsics), about REPEAT times each in
# ROUNDS alternating rounds (both ends are measured in every round), and prints
# the median, mean and spread of each end plus the difference of the medians. Medians,
# because this VM runs in bursts up to ~1.7x slower (see docs/performance.md).
#
#   scripts/bench/payment-o1.sh              400 repeats in 8 rounds (about 5 minutes)
#   REPEAT=1000 scripts/bench/payment-o1.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRIBUTARY_ROOT"
node_bin="$(bench_node)"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
# Alternating rounds, each end measured on its own, so that a slow burst of the VM lands on
# both ends alike instead of on whichever end the CLI measures during it.
rounds="${ROUNDS:-8}"
for round in $(seq 1 "$rounds"); do
	for c in 10 1000000; do
		"$node_bin" benchmark pallet --chain dev --pallet pallet_revenue --extrinsic pay \
			--steps 2 --repeat "$(( ${REPEAT:-400} / rounds ))" --low "1,$c" --high "1,$c" \
			--wasm-execution compiled --heap-pages 4096 --no-median-slopes --no-min-squares \
			--json-file "$results/$round-$c.json" >/dev/null 2>&1
	done
done
python3 - "$results" <<'PY'
import glob, json, statistics, sys
times = {}
for batch in (b for f in glob.glob(f"{sys.argv[1]}/*.json") for b in json.load(open(f))):
    for result in batch["time_results"]:
        c = dict(result["components"])["c"]
        times.setdefault(c, []).append(result["extrinsic_time"] / 1000)  # ns -> µs
print("| contributions (c) | attributions (a) | samples | median (µs) | mean (µs) | p10-p90 (µs) |")
print("| --- | --- | --- | --- | --- | --- |")
medians = {}
for c in sorted(times):
    t = sorted(times[c])
    medians[c] = statistics.median(t)
    p10, p90 = t[len(t) // 10], t[len(t) * 9 // 10]
    print(f"| {c:,} | 1 | {len(t)} | {medians[c]:.1f} | {statistics.mean(t):.1f} | {p10:.1f}-{p90:.1f} |")
low, high = min(medians), max(medians)
print(f"\nmedian at c={high:,} vs c={low:,}: {100 * (medians[high] - medians[low]) / medians[low]:+.1f}%")
PY
