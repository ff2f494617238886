#!/usr/bin/env bash
# Regenerates runtime/src/weights/<pallet>.rs for every Tributary pallet from its
# frame-benchmarking v2 benchmarks, run by the node's `benchmark pallet` command on the
# release runtime (wasmtime, compiled WASM).
#
#   scripts/bench-weights.sh                 all four pallets, 50 steps x 20 repeats
#   STEPS=10 REPEAT=5 scripts/bench-weights.sh   a quicker, noisier run
#
# The node is built with `--features runtime-benchmarks` into its own target directory
# ($BENCH_TARGET_DIR, default ~/.cache/tributary/target-bench), so the test build stays warm.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TRIBUTARY_ROOT"
ensure_prerequisites

export CARGO_TARGET_DIR="${BENCH_TARGET_DIR:-$HOME/.cache/tributary/target-bench}"
profile="${BENCH_PROFILE:-release}"
log "building tributary-node ($profile, runtime-benchmarks) into $CARGO_TARGET_DIR"
cargo build --locked --profile "$profile" -p tributary-node --features runtime-benchmarks
dir="$profile"; [ "$profile" = dev ] && dir=debug
node="$CARGO_TARGET_DIR/$dir/tributary-node"

mkdir -p runtime/src/weights
for pallet in pallet_datanets pallet_models pallet_revenue pallet_attribution; do
	log "benchmarking $pallet"
	"$node" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "${STEPS:-50}" \
		--repeat "${REPEAT:-20}" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--template scripts/bench/weight-template.hbs \
		--output "runtime/src/weights/$pallet.rs"
done
log "weights written to runtime/src/weights/"
