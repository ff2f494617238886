//! The attribution benchmarks as tests, against the shared test runtime: each benchmark in a
//! fresh chain, at the lowest and highest value of each component and evenly between, its
//! verification included, as `impl_benchmark_test_suite!` runs them (whose generated tests
//! exist only in the pallet's own unit tests, which cannot link this runtime).
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

/// Runs the benchmark `name` in a fresh chain at every component set tried, set-up, call and
/// verification, from the same state each time, as the generated suites do. Fails on an
/// error or a panic. A benchmark that skips itself (or is overridden or weightless) stops
/// there and passes, as in the generated suites, but only if it ran through at least once.
fn run_benchmark(name: &str) {
	let benchmark = new_test_ext()
		.execute_with(|| Attribution::benchmarks(true))
		.into_iter()
		.find(|b| b.name == name.as_bytes())
		.unwrap_or_else(|| panic!("the pallet has no benchmark {name}"));
	new_test_ext().execute_with(|| {
		let mut ran = 0;
		for components in component_sets(&benchmark.components) {
			let result =
				pallet_attribution::benchmarking::test_benchmark::<Test>(name, &components);
			frame_benchmarking::benchmarking::wipe_db();
			match result {
				Ok(()) => ran += 1,
				Err(BenchmarkError::Stop(error)) => panic!("{name} at {components:?}: {error}"),
				Err(_) => break,
			}
		}
		assert!(ran > 0, "{name} never ran through");
	});
}

/// One test per benchmark, named as `impl_benchmark_test_suite!` names them.
macro_rules! benchmark_tests {
	($($test:ident => $name:literal,)*) => {
		$(
			#[test]
			fn $test() {
				run_benchmark($name);
			}
		)*

		/// The benchmarks the tests above run.
		const TESTED: &[&str] = &[$($name),*];
	};
}

benchmark_tests! {
	bench_add_attestor => "add_attestor",
	bench_bond_attestor => "bond_attestor",
	bench_remove_attestor => "remove_attestor",
	bench_unbond_attestor => "unbond_attestor",
	bench_withdraw_attestor_bond => "withdraw_attestor_bond",
	bench_name_attestor => "name_attestor",
	bench_unname_attestor => "unname_attestor",
	bench_record_training_attribution => "record_training_attribution",
	bench_pay_inference => "pay_inference",
	bench_prune_inference => "prune_inference",
	bench_prune_idle_base => "prune_idle_base",
	bench_challenge => "challenge",
	bench_resolve_dispute => "resolve_dispute",
	bench_release_record_deposit => "release_record_deposit",
}

/// Every benchmark of the pallet has its test above.
#[test]
fn every_benchmark_has_a_test() {
	let listed: BTreeSet<String> = new_test_ext()
		.execute_with(|| Attribution::benchmarks(true))
		.into_iter()
		.map(|b| String::from_utf8(b.name).expect("benchmark names are UTF-8"))
		.collect();
	let tested: BTreeSet<String> = TESTED.iter().map(|n| n.to_string()).collect();
	assert_eq!(listed, tested);
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
