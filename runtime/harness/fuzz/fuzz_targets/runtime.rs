//! libFuzzer target: the fuzzer's bytes become ops over every pallet of the real runtime,
//! applied as signed extrinsics through `Executive`, every result checked against the model
//! and every invariant after every block (`tributary_runtime_harness::run`). Any panic — a
//! failed check, a runtime panic, an overflow (debug assertions are on) — is a finding.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
	let stats = tributary_runtime_harness::run_bytes(data);
	// Inputs that draw nothing are not interesting; libFuzzer keeps them out of the corpus.
	if stats.ops == 0 {
		return;
	}
});
