//! Weights of `pallet-attribution`.
//!
//! The `WeightInfo` trait the calls are charged by. The runtime implements it with the
//! weights its `benchmark pallet` run generated (`runtime/src/weights/`); `()` is for tests.

#![allow(unused_parens, unused_imports, missing_docs)]

use frame_support::weights::Weight;

/// The weight of each call of this pallet.
pub trait WeightInfo {
	/// Records an approval; holds nothing.
	fn add_attestor() -> Weight;
	/// Worst case: a bonded attestor starts unbonding.
	fn remove_attestor() -> Weight;
	/// Measured with `MaxTrainingDatanets` influences by a named attestor at the end of a
	/// full list, licence check over the longest list of datanets drawn on.
	fn record_training_attribution() -> Weight;
	/// With `a` attributed contributions each owned by a distinct account, the model trained
	/// on `MaxTrainingDatanets` datanets with recorded influence, fee split and licence check
	/// included.
	fn pay_inference(a: u32) -> Weight;
	fn challenge() -> Weight;
	fn resolve_dispute() -> Weight;
	fn release_record_deposit() -> Weight;
	/// The approved account holds its bond.
	fn bond_attestor() -> Weight;
	/// A bonded attestor leaves.
	fn unbond_attestor() -> Weight;
	/// An unbonding attestor's bond is released and its seat removed.
	fn withdraw_attestor_bond() -> Weight;
	/// Worst case: the model's list one short of `MaxModelAttestors`.
	fn name_attestor() -> Weight;
	/// Worst case: a full list, the last one removed.
	fn unname_attestor() -> Weight;
}

/// Zero weights: for unit tests only.
impl WeightInfo for () {
	fn add_attestor() -> Weight {
		Weight::zero()
	}
	fn remove_attestor() -> Weight {
		Weight::zero()
	}
	fn record_training_attribution() -> Weight {
		Weight::zero()
	}
	fn pay_inference(_a: u32) -> Weight {
		Weight::zero()
	}
	fn challenge() -> Weight {
		Weight::zero()
	}
	fn resolve_dispute() -> Weight {
		Weight::zero()
	}
	fn release_record_deposit() -> Weight {
		Weight::zero()
	}
	fn bond_attestor() -> Weight {
		Weight::zero()
	}
	fn unbond_attestor() -> Weight {
		Weight::zero()
	}
	fn withdraw_attestor_bond() -> Weight {
		Weight::zero()
	}
	fn name_attestor() -> Weight {
		Weight::zero()
	}
	fn unname_attestor() -> Weight {
		Weight::zero()
	}
}
