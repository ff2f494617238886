//! The attribution pallet's weights in the test runtime.

use frame_support::weights::Weight;
use pallet_attribution::WeightInfo;

/// The test weight of archiving one record (any number of attributions).
pub const PRUNE_WEIGHT: u64 = 1_000;
/// The test weight `on_idle` pays once per block that looks at the head.
pub const PRUNE_BASE_WEIGHT: u64 = 100;

/// Zero weights but for archiving, so the tests see `on_idle` stop at its cap.
pub struct TestWeights;
impl WeightInfo for TestWeights {
	fn add_attestor() -> Weight {
		<() as WeightInfo>::add_attestor()
	}
	fn remove_attestor() -> Weight {
		<() as WeightInfo>::remove_attestor()
	}
	fn record_training_attribution() -> Weight {
		<() as WeightInfo>::record_training_attribution()
	}
	fn pay_inference(a: u32, t: u32, d: u32) -> Weight {
		<() as WeightInfo>::pay_inference(a, t, d)
	}
	fn challenge() -> Weight {
		<() as WeightInfo>::challenge()
	}
	fn resolve_dispute() -> Weight {
		<() as WeightInfo>::resolve_dispute()
	}
	fn release_record_deposit() -> Weight {
		<() as WeightInfo>::release_record_deposit()
	}
	fn prune_inference(_a: u32) -> Weight {
		Weight::from_parts(PRUNE_WEIGHT, 0)
	}
	fn prune_idle_base() -> Weight {
		Weight::from_parts(PRUNE_BASE_WEIGHT, 0)
	}
	fn bond_attestor() -> Weight {
		<() as WeightInfo>::bond_attestor()
	}
	fn unbond_attestor() -> Weight {
		<() as WeightInfo>::unbond_attestor()
	}
	fn withdraw_attestor_bond() -> Weight {
		<() as WeightInfo>::withdraw_attestor_bond()
	}
	fn name_attestor() -> Weight {
		<() as WeightInfo>::name_attestor()
	}
	fn unname_attestor() -> Weight {
		<() as WeightInfo>::unname_attestor()
	}
}
