//! libFuzzer target: the fuzzer's bytes become ops over every pallet of the real runtime,
//! applied as signed extrinsics through `Executive`, every result checked against the model
//! and every invariant after every block (`tributary_runtime_harness::run`). Any panic — a
//! failed check, a runtime panic, an overflow (debug assertions are on) — is a finding.
//!
//! Coverage. Under cargo-fuzz (`scripts/fuzz.sh campaign`, `--cfg fuzzing`) the compiler
//! instruments every crate and libFuzzer follows branches. The normal workspace build (the CI smoke,
//! `scripts/fuzz.sh smoke`) has no compiler coverage, so this target gives libFuzzer its own
//! counters instead: one per outcome the run reached — each call's successes, failures and
//! refusals, each error by call, each root call (`Stats::features`) — holding how often it
//! was reached. An input that reaches a new outcome, or an old one a new number of times,
//! is kept and mutated further: coverage of what the runtime did rather than of its code.
#![no_main]

use std::sync::atomic::{AtomicU8, Ordering};

/// The semantic coverage counters (outcomes hash into them).
const COUNTERS: usize = 1 << 12;
static OUTCOMES: [AtomicU8; COUNTERS] = [const { AtomicU8::new(0) }; COUNTERS];

extern "C" {
	/// libFuzzer's registration of a module's inline 8-bit counters (what the compiler's
	/// coverage pass emits a call to). libFuzzer clears them before each input and reads
	/// them after it.
	fn __sanitizer_cov_8bit_counters_init(start: *const u8, stop: *const u8);
}

/// FNV-1a: a stable index for an outcome's name.
fn slot(name: &str) -> usize {
	let hash = name
		.bytes()
		.fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
	// COUNTERS is a power of two: the low bits index it.
	(hash as usize) & (COUNTERS - 1)
}

libfuzzer_sys::fuzz_target!(
	init: {
		// Under cargo-fuzz (`--cfg fuzzing`) the compiler's coverage guides libFuzzer, whose
		// modules must each come with a PC table: the semantic counters are for the plain
		// build only.
		#[cfg(not(fuzzing))]
		{
			let start = OUTCOMES.as_ptr().cast::<u8>();
			// SAFETY: `OUTCOMES` is a static array of `AtomicU8` (same layout as `u8`), alive
			// for the whole process; libFuzzer only reads it and clears it between inputs, on
			// this thread, while no input runs. `start.wrapping_add(COUNTERS)` is one past
			// its end.
			unsafe { __sanitizer_cov_8bit_counters_init(start, start.wrapping_add(COUNTERS)) };
		}
	},
	|data: &[u8]| {
		let stats = tributary_runtime_harness::run_bytes(data);
		for (name, count) in stats.features() {
			if let Some(counter) = OUTCOMES.get(slot(&name)) {
				let value = u8::try_from(count).unwrap_or(u8::MAX);
				counter.fetch_max(value, Ordering::Relaxed);
			}
		}
	}
);
