//! Weights of `pallet-attribution`.
//!
//! The `WeightInfo` trait the calls are charged by. The runtime implements it with the
//! weights its `benchmark pallet` run generated (`runtime/src/weights/`); `()` is for tests.

#![allow(unused_parens, unused_imports, missing_docs)]

use frame_support::weights::Weight;

/// The weight of each call of this pallet.
pub trait WeightInfo {
	fn add_attestor() -> Weight;
	fn remove_attestor() -> Weight;
	/// Measured with one training datanet; the per-datanet checks are in-memory.
	fn record_training_attribution() -> Weight;
	/// With `a` attributed contributions, fee split included.
	fn pay_inference(a: u32) -> Weight;
	fn challenge() -> Weight;
	fn resolve_dispute() -> Weight;
	fn release_record_deposit() -> Weight;
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
}
