//! Weights of `pallet-models`.
//!
//! The `WeightInfo` trait the calls are charged by. The runtime implements it with the
//! weights its `benchmark pallet` run generated (`runtime/src/weights/`); `()` is for tests.

#![allow(unused_parens, unused_imports, missing_docs)]

use frame_support::weights::Weight;

/// The weight of each call of this pallet.
pub trait WeightInfo {
	fn register_model(t: u32) -> Weight;
	fn add_version(t: u32) -> Weight;
	fn set_status() -> Weight;
	fn set_price() -> Weight;
	fn set_split() -> Weight;
	fn transfer_ownership() -> Weight;
	fn add_operator() -> Weight;
	fn remove_operator() -> Weight;
	fn update_metadata() -> Weight;
}

/// Zero weights: for unit tests only.
impl WeightInfo for () {
	fn register_model(_t: u32) -> Weight {
		Weight::zero()
	}
	fn add_version(_t: u32) -> Weight {
		Weight::zero()
	}
	fn set_status() -> Weight {
		Weight::zero()
	}
	fn set_price() -> Weight {
		Weight::zero()
	}
	fn set_split() -> Weight {
		Weight::zero()
	}
	fn transfer_ownership() -> Weight {
		Weight::zero()
	}
	fn add_operator() -> Weight {
		Weight::zero()
	}
	fn remove_operator() -> Weight {
		Weight::zero()
	}
	fn update_metadata() -> Weight {
		Weight::zero()
	}
}
