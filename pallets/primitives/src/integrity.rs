//! What every pallet's `integrity_test` checks of its weights: that each call and hook, at
//! the bounds its configuration allows, fits in what the runtime lets one call or one block
//! weigh. `integrity_test` runs in tests only (the runtime's and each mock's
//! `runtime_integrity_tests`), where a panic names the offending bound.

use frame_support::{dispatch::DispatchClass, weights::Weight};
use frame_system::limits::BlockWeights;

/// The most one normal-class call may weigh under `T`'s block limits: its normal
/// `max_extrinsic` where defined, else the whole block.
pub fn max_call_weight<T: frame_system::Config>() -> Weight {
	let limits: BlockWeights = <T::BlockWeights as frame_support::traits::Get<_>>::get();
	limits.get(DispatchClass::Normal).max_extrinsic.unwrap_or(limits.max_block)
}

/// Panics, naming `call`, unless `weight` (a call's weight at its configured worst case) fits
/// in one normal call of `T` ([`max_call_weight`]).
pub fn assert_call_fits<T: frame_system::Config>(call: &str, weight: Weight) {
	let max = max_call_weight::<T>();
	assert!(
		max.all_gte(weight),
		"{call} at its configured bounds weighs {weight:?}, more than one call may ({max:?})"
	);
}

/// Panics, naming `hook`, unless `weight` (a hook's weight at its configured worst case) fits
/// in one block of `T`.
pub fn assert_hook_fits<T: frame_system::Config>(hook: &str, weight: Weight) {
	let max = <T::BlockWeights as frame_support::traits::Get<BlockWeights>>::get().max_block;
	assert!(
		max.all_gte(weight),
		"{hook} at its configured bounds weighs {weight:?}, more than a block may ({max:?})"
	);
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::{derive_impl, parameter_types};

	type Block = frame_system::mocking::MockBlock<Test>;

	frame_support::construct_runtime!(
		pub enum Test {
			System: frame_system,
		}
	);

	parameter_types! {
		pub Limits: BlockWeights = BlockWeights::simple_max(Weight::from_parts(1_000, 1_000));
	}

	#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
	impl frame_system::Config for Test {
		type Block = Block;
		type BlockWeights = Limits;
	}

	#[test]
	fn a_call_fits_up_to_the_normal_extrinsic_limit() {
		let max = max_call_weight::<Test>();
		assert!(max.all_lte(Weight::from_parts(1_000, 1_000)));
		assert_call_fits::<Test>("x", max);
	}

	#[test]
	#[should_panic(expected = "x at its configured bounds")]
	fn a_call_over_the_limit_is_refused() {
		assert_call_fits::<Test>(
			"x",
			max_call_weight::<Test>().saturating_add(Weight::from_parts(1, 0)),
		);
	}

	#[test]
	#[should_panic(expected = "on_idle at its configured bounds")]
	fn a_hook_over_the_block_is_refused() {
		assert_hook_fits::<Test>("on_idle", Weight::from_parts(1_001, 0));
	}
}
