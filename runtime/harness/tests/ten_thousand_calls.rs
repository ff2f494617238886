//! The randomized runtime test: more than 10,000 real signed calls over every pallet, from
//! many accounts, hostile ones included, each checked against the model, every invariant
//! checked after every block (see the crate docs). Fixed seeds, so a CI failure reproduces:
//!
//! ```text
//! TRIBUTARY_HARNESS_SEED=<seed> TRIBUTARY_HARNESS_TRACE=1 \
//!     cargo test -p tributary-runtime-harness --test ten_thousand_calls -- --nocapture
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use tributary_runtime_harness::{run_seed, Stats};

/// The seeds CI runs, each for `CALLS_PER_SEED` calls on a fresh chain (many short chains
/// keep every block's invariant checks cheap and start from genesis often).
const SEEDS: [u64; 5] =
	[0x7261_6e64_0001, 0x7261_6e64_0002, 0x7261_6e64_0003, 0x7261_6e64_0004, 0x7261_6e64_0005];
const CALLS_PER_SEED: u32 = 2_050;

/// Runs `seed`, naming it if anything fails.
fn run_named(seed: u64, calls: u32) -> Stats {
	match std::panic::catch_unwind(|| run_seed(seed, calls)) {
		Ok(stats) => stats,
		Err(e) => {
			eprintln!(
				"\nFAILED with seed {seed} ({calls} calls). Reproduce with\n  \
				 TRIBUTARY_HARNESS_SEED={seed} TRIBUTARY_HARNESS_CALLS={calls} \
				 TRIBUTARY_HARNESS_TRACE=1 cargo test -p tributary-runtime-harness \
				 --test ten_thousand_calls -- --nocapture\n"
			);
			std::panic::resume_unwind(e)
		}
	}
}

#[test]
fn ten_thousand_calls() {
	let calls = std::env::var("TRIBUTARY_HARNESS_CALLS")
		.ok()
		.map(|c| c.parse().expect("a number of calls"))
		.unwrap_or(CALLS_PER_SEED);
	let seeds: Vec<u64> = match std::env::var("TRIBUTARY_HARNESS_SEED") {
		Ok(s) => vec![s.parse().expect("a seed")],
		Err(_) => SEEDS.to_vec(),
	};
	let started = std::time::Instant::now();
	let mut total = Stats::default();
	for seed in &seeds {
		let stats = run_named(*seed, calls);
		println!(
			"seed {seed}: {} calls, {} ok, {} blocks",
			stats.submitted(),
			stats.succeeded(),
			stats.blocks
		);
		total.merge(&stats);
	}
	println!("{total}");
	println!("in {:.1} s", started.elapsed().as_secs_f64());
	if seeds.len() < SEEDS.len() || calls < CALLS_PER_SEED {
		return;
	}

	// It did something: enough calls, most of them successful, every pallet's calls
	// succeeding many times (so it cannot pass on rejected calls alone).
	assert!(total.submitted() >= 10_000, "only {} calls", total.submitted());
	let rate = total.succeeded() as f64 / total.submitted() as f64;
	assert!(rate >= 0.45, "only {:.0}% of calls succeeded", rate * 100.0);
	for (pallet, at_least) in [
		("Balances", 300),
		("System", 50),
		("Sudo", 100),
		("Datanets", 2_000),
		("Models", 300),
		("Attribution", 400),
		("Revenue", 200),
	] {
		let ok = total.succeeded_in(pallet);
		assert!(ok >= at_least, "{pallet}: only {ok} successful calls (want {at_least})");
	}
	for (call, at_least) in [
		("Datanets::create_datanet", 50),
		("Datanets::contribute", 1_000),
		("Datanets::accept_contribution", 100),
		("Datanets::reject_contribution", 10),
		("Datanets::withdraw_contribution", 10),
		("Datanets::flag_malicious", 5),
		("Datanets::publish_version", 100),
		("Models::register_model", 50),
		("Models::add_version", 10),
		("Models::add_operator", 30),
		("Models::offer_ownership", 10),
		("Models::accept_ownership", 5),
		("Attribution::pay_inference", 200),
		("Attribution::record_training_attribution", 20),
		("Attribution::challenge", 5),
		("Attribution::resolve_dispute", 3),
		("Attribution::bond_attestor", 10),
		("Attribution::name_attestor", 8),
		("Attribution::unbond_attestor", 8),
		("Attribution::withdraw_attestor_bond", 5),
		("Attribution::release_record_deposit", 5),
		("Datanets::offer_curatorship", 20),
		("Datanets::accept_curatorship", 10),
		("Datanets::cancel_curatorship_offer", 5),
		("Datanets::retire_datanet", 3),
		("Models::cancel_ownership_offer", 5),
		("Models::remove_model", 5),
		("Revenue::claim", 100),
		("Balances::transfer_keep_alive", 50),
		("Balances::transfer_allow_death", 50),
	] {
		let ok = total.succeeded_call(call);
		assert!(ok >= at_least, "{call}: only {ok} successful calls (want {at_least})");
	}

	// The end of every block did its work (each block's end is checked against the model,
	// to the planck, and a block that leaves a record past its period in state without
	// having run out of weight fails the run; `tests/idle_backlog.rs` runs out on purpose).
	// Inference records leave state one block after their period (ten blocks here), nearly
	// all through `on_idle`: `release_record_deposit` finds one still in state only in the
	// first block past its period, so its successes above are mostly training records'.
	let a = total.archive;
	assert!(a.by_idle >= 150, "on_idle archived only {} records", a.by_idle);
	assert!(a.idle_blocks >= 20, "on_idle archived in only {} blocks", a.idle_blocks);
	assert!(
		a.by_release + a.by_resolve >= 3,
		"only {} records archived by a call ahead of on_idle",
		a.by_release + a.by_resolve
	);
	assert!(a.sweeps >= 70, "the treasury's due was swept in only {} blocks", a.sweeps);
	assert!(a.history_checked >= 4_000, "only {} history entries checked", a.history_checked);
}
