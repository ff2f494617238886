//! The attribution benchmarks as tests, against the shared test runtime: each benchmark in a
//! fresh chain, at the lowest and highest value of each component and evenly between (as
//! `impl_benchmark_test_suite!` runs them), its verification included.
//!
//! Only with `--features runtime-benchmarks`.
#![cfg(feature = "runtime-benchmarks")]
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

use frame_benchmarking::{BenchmarkError, BenchmarkParameter, Benchmarking};
use std::collections::BTreeSet;
use tributary_primitives::{ModelsInspect, RevenueBenchmarkHelper};
use tributary_test_runtime::*;

/// The component values the generated suites try: each component at `VALUES_PER_COMPONENT`
/// (default 6) values from its lowest to its highest, the others at their highest.
fn component_sets(
	components: &[(BenchmarkParameter, u32, u32)],
) -> Vec<Vec<(BenchmarkParameter, u32)>> {
	let values_per_component: u32 = std::env::var("VALUES_PER_COMPONENT")
		.map(|v| v.parse().expect("VALUES_PER_COMPONENT is a number"))
		.unwrap_or(6);
	assert!(values_per_component >= 2, "VALUES_PER_COMPONENT must be at least 2");
	if components.is_empty() {
		return vec![Vec::new()];
	}
	let mut sets = Vec::new();
	for (name, low, high) in components.iter().copied() {
		assert!(low <= high, "{name:?}: range {low}..={high}");
		let steps = (high - low).min(values_per_component - 1);
		let slope = (high - low) as f32 / steps.max(1) as f32;
		let values = std::iter::once(low)
			.chain((1..=steps).map(|i| ((low as f32 + slope * i as f32) as u32).clamp(low, high)));
		for value in values {
			sets.push(
				components
					.iter()
					.map(|(n, _, h)| if *n == name { (*n, value) } else { (*n, *h) })
					.collect(),
			);
		}
	}
	sets
}

/// Every benchmark of the pallet runs, set-up, call and verification, at every component
/// value tried. As in the generated suites, a benchmark that skips itself (or is overridden
/// or weightless) passes and stops there; unlike them, each must run through at least once.
#[test]
fn every_benchmark_runs_and_verifies() {
	let benchmarks = new_test_ext().execute_with(|| Attribution::benchmarks(true));
	assert!(!benchmarks.is_empty(), "the pallet lists its benchmarks");
	let mut failed = Vec::new();
	let mut never_ran = Vec::new();
	for benchmark in benchmarks {
		let name = String::from_utf8(benchmark.name).expect("benchmark names are UTF-8");
		let mut ran = 0;
		new_test_ext().execute_with(|| {
			for components in component_sets(&benchmark.components) {
				let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
					pallet_attribution::benchmarking::test_benchmark::<Test>(&name, &components)
				}));
				// Each run from the same state, as the generated suites do.
				frame_benchmarking::benchmarking::wipe_db();
				let Ok(result) = run else {
					failed.push(format!("{name} at {components:?}: panicked (see above)"));
					break;
				};
				match result {
					Ok(()) => ran += 1,
					Err(BenchmarkError::Stop(error)) => {
						failed.push(format!("{name} at {components:?}: {error}"));
						break;
					}
					// Overridden, skipped or weightless: a pass that ends the benchmark.
					Err(_) => break,
				}
			}
		});
		if ran == 0 {
			never_ran.push(name);
		}
	}
	assert!(failed.is_empty(), "failing benchmarks:\n{}", failed.join("\n"));
	// None of this pallet's benchmarks skips itself: each ran through at least once.
	assert!(never_ran.is_empty(), "benchmarks that never ran: {never_ran:?}");
}

/// A name that is no benchmark is refused, not run as another.
#[test]
fn unknown_benchmark_is_refused() {
	new_test_ext().execute_with(|| {
		assert!(matches!(
			pallet_attribution::benchmarking::test_benchmark::<Test>("no_such_benchmark", &[]),
			Err(BenchmarkError::Stop(_))
		));
	});
}

/// The benchmarks' worst case is the worst case: the test runtime's builder yields a version
/// drawing on `MaxLineageDatanets` datanets, `MaxTrainingDatanets` of its own with distinct
/// curators, and contributions with distinct owners.
#[test]
fn benchmark_model_draws_on_the_most_datanets() {
	run_test(|| {
		let setup = BenchmarkHelper::payable_model_longest_lineage(64, MAX_TRAINING_DATANETS);
		let info = <<Test as pallet_attribution::Config>::Models as ModelsInspect<
			AccountId,
			Balance,
		>>::payment_view(setup.model, setup.version)
		.unwrap();
		let most: u32 = MAX_LINEAGE_DATANETS;
		assert_eq!(info.lineage_datanets.len() as u32, most);
		assert_eq!(setup.training_data.len() as u32, MAX_TRAINING_DATANETS);
		let curators: BTreeSet<AccountId> =
			setup.training_data.iter().map(|(d, _)| fixtures::curator_of(*d).unwrap()).collect();
		assert_eq!(curators.len() as u32, MAX_TRAINING_DATANETS);
		let owners: BTreeSet<AccountId> = setup.contributions.iter().map(|(_, o)| *o).collect();
		assert_eq!(owners.len(), 64);
	});
}
