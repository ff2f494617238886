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
	/// With `a` attributed contributions each owned by a distinct account, for a model
	/// version trained on `t` datanets (each its own pool, influence recorded) at the end of a
	/// lineage of `d` base models (each trained on `MaxTrainingDatanets` datanets: the licence
	/// check reads `t + d × MaxTrainingDatanets` licences); fee split included. Charged at
	/// the most `t` and `d` before dispatch, refunded to the model's own after.
	fn pay_inference(a: u32, t: u32, d: u32) -> Weight;
	fn challenge() -> Weight;
	/// Worst case: upheld against a training record an attestor signed (deposit and bond
	/// slashed, seat updated). Archiving an inference record whose period ended meanwhile is
	/// charged on top (`prune_inference`).
	fn resolve_dispute() -> Weight;
	/// Worst case of either target: a training record's deposit released, or an expired
	/// inference record of `MaxAttributionsPerInference` attributions archived now.
	fn release_record_deposit() -> Weight;
	/// `on_idle` archiving one expired inference record of `a` attributions: its history
	/// entries written, its deposit returned, the entry removed.
	fn prune_inference(a: u32) -> Weight;
	/// `on_idle` looking at the oldest record (the head, the period, one record) and moving the
	/// head: paid once per block that prunes.
	fn prune_idle_base() -> Weight;
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
	fn pay_inference(_a: u32, _t: u32, _d: u32) -> Weight {
		Weight::zero()
	}
	fn prune_inference(_a: u32) -> Weight {
		Weight::zero()
	}
	fn prune_idle_base() -> Weight {
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
