//! Weights of `pallet-revenue`.
//!
//! The `WeightInfo` trait the calls are charged by. The runtime implements it with the
//! weights its `benchmark pallet` run generated (`runtime/src/weights/`); `()` is for tests.

#![allow(unused_parens, unused_imports, missing_docs)]

use frame_support::weights::Weight;

/// The weight of each call of this pallet.
pub trait WeightInfo {
	/// `claim` settling `b` contributions.
	fn claim(b: u32) -> Weight;
	/// The split of one fee (`pay`, called by the attribution pallet) with `a` attributed
	/// contributions, into a training datanet version of `c` contributions.
	fn pay(a: u32, c: u32) -> Weight;
	/// Settling a contribution about to be flagged (`OnContributionFlagged`, charged by the
	/// dataset registry's `flag_malicious`).
	fn contribution_flagged() -> Weight;
	/// `on_idle` sending what payments owed the treasury on to it (one transfer).
	fn sweep_treasury() -> Weight;
}

/// Zero weights: for unit tests only.
impl WeightInfo for () {
	fn claim(_b: u32) -> Weight {
		Weight::zero()
	}
	fn pay(_a: u32, _c: u32) -> Weight {
		Weight::zero()
	}
	fn contribution_flagged() -> Weight {
		Weight::zero()
	}
	fn sweep_treasury() -> Weight {
		Weight::zero()
	}
}
