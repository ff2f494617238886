#!/usr/bin/env bash
# README command 2: runs every test. Installs what is missing, then:
#   1. cargo fmt --check
#   2. one debug build of every target with clippy as the workspace compiler wrapper and
#      warnings denied (clippy's lints without a second, check-only compile of the tree)
#   3. cargo test --workspace, then 60 s of fuzzing the runtime from the committed corpus
#   4. the pallets' benchmarks as tests (--features runtime-benchmarks, no WASM)
#   5. the node smoke test (a --dev node over JSON-RPC) and the end-to-end suite, with the
#      forkless runtime upgrade and the try-runtime checks against a live chain
#   6. the fault tests of the validator set on a four-validator local network (scripts/fault),
#      run beside step 5 (both wait on the chain's clock, not the cores)
# Exits non-zero on any failure and prints a summary line.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TRIBUTARY_ROOT"

results=()
failed=0
started=$SECONDS
step() {
	local name=$1
	shift
	local t0=$SECONDS
	log "== $name"
	if "$@"; then
		results+=("ok   $name ($((SECONDS - t0)) s)")
	else
		results+=("FAIL $name ($((SECONDS - t0)) s)")
		failed=1
	fi
}
summary() {
	printf '\n%s\n' "${results[@]}" >&2
	if ((failed)); then
		log "SUMMARY: FAILED after $((SECONDS - started)) s"
	else
		log "SUMMARY: all passed in $((SECONDS - started)) s"
	fi
}
trap summary EXIT

ensure_prerequisites

# clippy-driver as RUSTC_WORKSPACE_WRAPPER lints the workspace crates while they are compiled
# for real, so clippy costs no second (check-only) compile of the ~800 dependencies. Every
# cargo command below runs with it, so the test run reuses what the lint build compiled.
export RUSTC_WORKSPACE_WRAPPER="$(rustup which clippy-driver)"
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
# Step 2 also builds the upgrade-test runtime (runtime/build.rs: spec_version + 1) for the
# forkless-upgrade test, and the try_runtime_live checker (a runtime example).
export TRIBUTARY_UPGRADE_WASM=1
clippy_build() {
	cargo build --workspace --exclude tributary-bench-anchor --all-targets --locked
}
pallet_benchmarks() {
	SKIP_WASM_BUILD=1 cargo test --locked -p pallet-datanets -p pallet-models -p pallet-revenue \
		-p pallet-attribution -p pallet-validator-set \
		--features pallet-datanets/runtime-benchmarks,pallet-models/runtime-benchmarks,pallet-revenue/runtime-benchmarks,pallet-attribution/runtime-benchmarks,pallet-validator-set/runtime-benchmarks
}
e2e_deps() {
	(cd scripts/e2e && npm ci --no-audit --no-fund --loglevel=error)
}
e2e() {
	(cd scripts/e2e &&
		NODE_BIN="$CARGO_TARGET_DIR/debug/tributary-node" \
			UPGRADE_WASM="$CARGO_TARGET_DIR/debug/wbuild/tributary-runtime/wasm_binary_upgrade_test.rs.compact.compressed.wasm" \
			TRY_RUNTIME_LIVE="$CARGO_TARGET_DIR/debug/examples/try_runtime_live" \
			node --test --test-concurrency=2 tests/)
}

step "cargo fmt --check" cargo fmt --all --check
step "build + clippy (warnings denied)" clippy_build
if ((failed == 0)); then
	step "cargo test --workspace" cargo test --workspace --exclude tributary-bench-anchor --locked
	step "fuzz smoke (the runtime fuzz target, 60 s)" scripts/fuzz.sh smoke 60
	step "pallet benchmarks as tests" pallet_benchmarks
	# The fault tests and the end-to-end suite wait on the chain's clock (6-second slots,
	# sessions), not on the cores: they run side by side, the fault tests' output kept in a
	# log and printed once both are done; the suite itself runs two test files at a time
	# (each starts its own dev node on free ports).
	step "end-to-end dependencies (npm ci, also the fault tests')" e2e_deps
	fault_log="$(mktemp -t tributary-fault-XXXXXX)"
	fault_t0=$SECONDS
	env NODE="$CARGO_TARGET_DIR/debug/tributary-node" scripts/fault/run.sh >"$fault_log" 2>&1 &
	fault_pid=$!
	step "end-to-end (node + JSON-RPC + polkadot.js)" e2e
	log "== fault tests (validators), beside the end-to-end suite: waiting"
	if wait "$fault_pid"; then fault_result=ok; else fault_result=FAIL; failed=1; fi
	cat "$fault_log" >&2
	rm -f "$fault_log"
	results+=("$(printf '%-4s' "$fault_result") fault tests (validators), beside the e2e suite ($((SECONDS - fault_t0)) s)")
fi
exit "$failed"
