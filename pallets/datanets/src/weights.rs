//! Weights of `pallet-datanets`.
//!
//! The `WeightInfo` trait the calls are charged by. The runtime implements it with the
//! weights its `benchmark pallet` run generated (`runtime/src/weights/`); `()` is for tests.

#![allow(unused_parens, unused_imports, missing_docs)]

use frame_support::weights::Weight;

/// The weight of each call of this pallet.
pub trait WeightInfo {
	fn create_datanet() -> Weight;
	fn update_datanet() -> Weight;
	fn close_datanet() -> Weight;
	fn contribute() -> Weight;
	fn accept_contribution() -> Weight;
	fn reject_contribution() -> Weight;
	fn flag_malicious() -> Weight;
	fn withdraw_contribution() -> Weight;
	fn publish_version() -> Weight;
	fn offer_curatorship() -> Weight;
	fn cancel_curatorship_offer() -> Weight;
	fn accept_curatorship() -> Weight;
	fn retire_datanet() -> Weight;
}

/// Zero weights: for unit tests only.
impl WeightInfo for () {
	fn create_datanet() -> Weight {
		Weight::zero()
	}
	fn update_datanet() -> Weight {
		Weight::zero()
	}
	fn close_datanet() -> Weight {
		Weight::zero()
	}
	fn contribute() -> Weight {
		Weight::zero()
	}
	fn accept_contribution() -> Weight {
		Weight::zero()
	}
	fn reject_contribution() -> Weight {
		Weight::zero()
	}
	fn flag_malicious() -> Weight {
		Weight::zero()
	}
	fn withdraw_contribution() -> Weight {
		Weight::zero()
	}
	fn publish_version() -> Weight {
		Weight::zero()
	}
	fn offer_curatorship() -> Weight {
		Weight::zero()
	}
	fn cancel_curatorship_offer() -> Weight {
		Weight::zero()
	}
	fn accept_curatorship() -> Weight {
		Weight::zero()
	}
	fn retire_datanet() -> Weight {
		Weight::zero()
	}
}
