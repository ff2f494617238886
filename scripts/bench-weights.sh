#!/usr/bin/env bash
# Regenerates every weight the runtime charges, on this machine, from the release runtime
# (wasmtime, compiled WASM):
#   - runtime/src/weights/<pallet>.rs for Tributary's four pallets and the FRAME pallets the
#     runtime uses (system, its transaction extensions, balances, timestamp, transaction
#     payment, sudo), by the node's `benchmark pallet`, through the committed template
#     scripts/bench/weight-template.hbs;
#   - runtime/src/weights/{block,extrinsic}_weights.rs (an empty block's execution weight and
#     the base weight of every extrinsic) by the node's `benchmark overhead`.
#
#   scripts/bench-weights.sh                      everything, 50 steps x 20 repeats
#   STEPS=10 REPEAT=5 scripts/bench-weights.sh    a quicker, noisier run
#   PALLETS="pallet_revenue" scripts/bench-weights.sh   only these pallets (and the overhead)
#   PALLETS=none scripts/bench-weights.sh         only the overhead
#
# The overhead is written with a 40% margin on its average (OVERHEAD_MUL, default 1.4).
# `benchmark overhead` times importing a block of remarks; the block author pays more for each
# extrinsic it pushes (its own runtime call and storage transaction, the pool on the same
# cores): full blocks of remarks took 159-204 µs an extrinsic to fill against 87-95 µs to
# import, and with a 10% margin the first saturated block of transfers filled in 101-108% of
# its budget (docs/performance.md, "Filling a block against importing it").
#
# Weights are fitted with median slopes (ANALYSIS=min-squares for the CLI's default): on this
# 2-core VM some repeats run up to twice as slow in bursts, and a least-squares fit turns
# those bursts into slopes, e.g. 250 ps per contribution for `pallet_revenue::pay`, whose
# storage reads and writes do not depend on the contribution count at all.
#
# The node is built with `--features runtime-benchmarks` into its own target directory
# ($BENCH_TARGET_DIR, default ~/.cache/tributary/target-bench), so the test build stays warm.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TRIBUTARY_ROOT"
ensure_prerequisites

export CARGO_TARGET_DIR="$BENCH_TARGET_DIR"
profile="${BENCH_PROFILE:-release}"
log "building tributary-node ($profile, runtime-benchmarks) into $CARGO_TARGET_DIR"
cargo build --locked --profile "$profile" -p tributary-node --features runtime-benchmarks
dir="$profile"; [ "$profile" = dev ] && dir=debug
node="$CARGO_TARGET_DIR/$dir/tributary-node"

mkdir -p runtime/src/weights
# Raw results stay beside the build, so a file can be re-derived without re-running:
#   tributary-node benchmark pallet --json-input <file> --output-analysis <analysis> ...
results="$CARGO_TARGET_DIR/bench-results"
mkdir -p "$results"
all_pallets="pallet_datanets pallet_models pallet_revenue pallet_attribution \
	frame_system frame_system_extensions pallet_balances pallet_timestamp \
	pallet_transaction_payment pallet_sudo pallet_validator_set"
pallets="${PALLETS:-$all_pallets}"
[ "$pallets" = none ] && pallets=""
for pallet in $pallets; do
	log "benchmarking $pallet"
	"$node" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "${STEPS:-50}" \
		--repeat "${REPEAT:-20}" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--output-analysis "${ANALYSIS:-median-slopes}" \
		--json-file "$results/$pallet.json" \
		--template scripts/bench/weight-template.hbs \
		--output "runtime/src/weights/$pallet.rs"
done
log "benchmarking the block and extrinsic overhead"
"$node" benchmark overhead \
	--chain dev \
	--warmup "${OVERHEAD_WARMUP:-10}" \
	--repeat "${OVERHEAD_REPEAT:-100}" \
	--header scripts/bench/overhead-header.txt \
	--mul "${OVERHEAD_MUL:-1.4}" \
	--weight-path runtime/src/weights
log "weights written to runtime/src/weights/"
