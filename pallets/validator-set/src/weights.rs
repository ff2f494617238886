//! Weights of `pallet-validator-set`.
//!
//! The `WeightInfo` trait the calls and hooks are charged by. The runtime implements it with
//! the weights its `benchmark pallet` run generated (`runtime/src/weights/`); `()` is for tests.

#![allow(unused_parens, unused_imports, missing_docs)]

use frame_support::weights::Weight;

/// The weight of each call and hook of this pallet.
pub trait WeightInfo {
	/// `add_validator` into a set of `MaxValidators - 1`.
	fn add_validator() -> Weight;
	/// `remove_validator` from a full set.
	fn remove_validator() -> Weight;
	/// `set_session_length`.
	fn set_session_length() -> Weight;
	/// `set_min_validators`.
	fn set_min_validators() -> Weight;
	/// The offence handler with `n` offenders, each in a full set.
	fn on_offence(n: u32) -> Weight;
	/// Whether the session ends: charged every block (pallet-session asks each block).
	fn session_check() -> Weight;
	/// pallet-session's `set_keys` registering an account's first keys (a deposit held).
	fn session_set_keys_first() -> Weight;
	/// pallet-session's `set_keys` replacing an account's keys (the old key owners cleared).
	fn session_set_keys_rotate() -> Weight;
	/// pallet-session's `purge_keys`.
	fn session_purge_keys() -> Weight;
}

/// Zero weights: for unit tests only.
impl WeightInfo for () {
	fn add_validator() -> Weight {
		Weight::zero()
	}
	fn remove_validator() -> Weight {
		Weight::zero()
	}
	fn set_session_length() -> Weight {
		Weight::zero()
	}
	fn set_min_validators() -> Weight {
		Weight::zero()
	}
	fn on_offence(_n: u32) -> Weight {
		Weight::zero()
	}
	fn session_check() -> Weight {
		Weight::zero()
	}
	fn session_set_keys_first() -> Weight {
		Weight::zero()
	}
	fn session_set_keys_rotate() -> Weight {
		Weight::zero()
	}
	fn session_purge_keys() -> Weight {
		Weight::zero()
	}
}
