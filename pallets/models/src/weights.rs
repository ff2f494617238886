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
	fn add_operator() -> Weight;
	fn remove_operator() -> Weight;
	fn update_metadata() -> Weight;
	fn offer_ownership() -> Weight;
	fn cancel_ownership_offer() -> Weight;
	fn accept_ownership() -> Weight;
	fn remove_model(v: u32) -> Weight;
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
	fn add_operator() -> Weight {
		Weight::zero()
	}
	fn remove_operator() -> Weight {
		Weight::zero()
	}
	fn update_metadata() -> Weight {
		Weight::zero()
	}
	fn offer_ownership() -> Weight {
		Weight::zero()
	}
	fn cancel_ownership_offer() -> Weight {
		Weight::zero()
	}
	fn accept_ownership() -> Weight {
		Weight::zero()
	}
	fn remove_model(_v: u32) -> Weight {
		Weight::zero()
	}
}
