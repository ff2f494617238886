#!/usr/bin/env bash
# Fuzzes the real Tributary runtime with libFuzzer: the target `runtime` (runtime/harness/fuzz)
# runs the same harness as the randomized test — signed extrinsics through Executive, every
# call checked against the model, every invariant after every block — on inputs the fuzzer
# mutates. Any panic is a finding; crash inputs go to runtime/harness/fuzz/artifacts/runtime/.
#
#   scripts/fuzz.sh smoke [SECONDS]           CI (scripts/test.sh): fuzz SECONDS (default 60)
#                                             from the committed corpus with the target the
#                                             normal debug build made; fails on any crash or
#                                             breach. No second build.
#   scripts/fuzz.sh campaign [SECONDS] [JOBS] A long run (default 4 h, 2 jobs) of the
#                                             cargo-fuzz build (compiler coverage, optimised);
#                                             new inputs join the committed corpus.
#   scripts/fuzz.sh minimize                  Shrinks the committed corpus (cargo fuzz cmin).
#   scripts/fuzz.sh replay FILE...            Runs crash files through the cargo-fuzz build.
#   scripts/fuzz.sh build                     Only builds the cargo-fuzz target.
#
# Two builds of one target. The smoke uses the workspace's debug build (the binary
# `$CARGO_TARGET_DIR/debug/runtime`, built with everything else), where libFuzzer is guided
# by the target's own semantic coverage counters (one per call outcome and error, see
# fuzz_targets/runtime.rs). The campaign uses cargo-fuzz with `-s none` (no sanitizer, so it
# builds on stable: the runtime forbids unsafe code, and its bugs are panics, overflows and
# broken invariants, which debug assertions and overflow checks catch) in its own target
# directory ($FUZZ_TARGET_DIR), so it never invalidates the main one; there libFuzzer follows
# the compiler's branch coverage as well. See docs/testing.md for timings.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FUZZ_TARGET_DIR="${FUZZ_TARGET_DIR:-$HOME/.cache/tributary/target-fuzz}"
CARGO_FUZZ_VERSION="0.13.1"
# The runtime is used natively: no WASM build.
export SKIP_WASM_BUILD=1
unset RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS

HARNESS="$TRIBUTARY_ROOT/runtime/harness"
CORPUS="$HARNESS/fuzz/corpus/runtime"
ARTIFACTS="$HARNESS/fuzz/artifacts/runtime"
# libFuzzer options shared by every mode: 30 s per input at most, inputs up to 8 KiB.
LIBFUZZER_OPTS=(-timeout=30 -rss_limit_mb=3072 -max_len=8192 -print_final_stats=1)

ensure_cargo_fuzz() {
	if ! cargo fuzz --version >/dev/null 2>&1; then
		log "installing cargo-fuzz $CARGO_FUZZ_VERSION"
		cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION"
	fi
}

fuzz() {
	(cd "$HARNESS" && cargo fuzz "$@")
}

build() {
	ensure_cargo_fuzz
	log "building the instrumented fuzz target (target dir $FUZZ_TARGET_DIR)"
	local t0=$SECONDS
	fuzz build -s none --codegen-units 16 --target-dir "$FUZZ_TARGET_DIR" runtime
	log "built in $((SECONDS - t0)) s"
}

mode="${1:-smoke}"
shift || true
case "$mode" in
build)
	build
	;;
smoke)
	seconds="${1:-60}"
	target="$CARGO_TARGET_DIR/debug/runtime"
	[ -x "$target" ] || { log "no $target: build the workspace first (scripts/test.sh does)"; exit 1; }
	# New inputs go to a scratch directory, the committed corpus is only read.
	scratch="$(mktemp -d)"
	trap 'rm -rf "$scratch"' EXIT
	mkdir -p "$ARTIFACTS"
	log "fuzzing for $seconds s from the committed corpus ($(ls "$CORPUS" | wc -l) inputs)"
	t0=$SECONDS
	if "$target" "${LIBFUZZER_OPTS[@]}" -max_total_time="$seconds" -artifact_prefix="$ARTIFACTS/" \
		"$scratch" "$CORPUS"; then
		log "fuzz smoke passed in $((SECONDS - t0)) s ($(ls "$scratch" | wc -l) new inputs, not kept)"
	else
		log "fuzz smoke FAILED: crash inputs in $ARTIFACTS"
		ls -l "$ARTIFACTS" >&2 || true
		exit 1
	fi
	;;
campaign)
	seconds="${1:-14400}"
	jobs="${2:-2}"
	build
	mkdir -p "$ARTIFACTS"
	log "campaign: $jobs jobs for $seconds s; new inputs join $CORPUS"
	fuzz run -s none --codegen-units 16 --target-dir "$FUZZ_TARGET_DIR" --jobs "$jobs" runtime "$CORPUS" -- \
		"${LIBFUZZER_OPTS[@]}" -max_total_time="$seconds"
	;;
minimize)
	build
	fuzz cmin -s none --codegen-units 16 --target-dir "$FUZZ_TARGET_DIR" runtime "$CORPUS" -- "${LIBFUZZER_OPTS[@]}"
	;;
replay)
	build
	for file in "$@"; do
		fuzz run -s none --codegen-units 16 --target-dir "$FUZZ_TARGET_DIR" runtime "$file" -- "${LIBFUZZER_OPTS[@]}"
	done
	;;
*)
	sed -n '2,20p' "$0" >&2
	exit 2
	;;
esac
