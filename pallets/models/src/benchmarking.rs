//! Benchmarks of every call of the model registry (frame-benchmarking v2). Each one sets up
//! the worst case its cost depends on: registration and new versions draw on the longest
//! lineage the runtime allows (a base chain of `MaxLineageDepth` models, each trained on
//! `MaxTrainingDatanets` datanets, inheriting as many distinct datanets as
//! `MaxLineageDatanets` leaves room for) besides their own `t` fresh datanets, each from a
//! distinct curator; removal deletes `v` versions, each trained on `MaxTrainingDatanets`
//! datanets.

// Benchmark set-up runs only when benchmarking, like tests: plain arithmetic is fine.
#![allow(clippy::arithmetic_side_effects)]

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::{
	traits::{Bounded, Saturating},
	Perbill,
};
use tributary_primitives::{
	DatanetId, DatanetVersion, DatanetsBenchmarkHelper, DeclaredUses, ModelId, ModelStatus,
	RevenueSplit,
};

/// An account with a millionth of the largest balance: hundreds of them fit in the total
/// issuance, and each covers any deposit.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = BalanceOf::<T>::max_value() / 1_000_000u32.into();
	assert_eq!(T::Currency::set_balance(&who, amount), amount);
	who
}

fn full<S: Get<u32>>() -> BoundedVec<u8, S> {
	BoundedVec::try_from(alloc::vec![b'x'; S::get() as usize]).unwrap_or_default()
}

/// A split that makes 100% with whatever treasury cut the runtime takes.
fn split<T: Config>() -> RevenueSplit {
	let rest = Perbill::one().saturating_sub(T::TreasuryCut::get());
	let developer = Perbill::from_parts(rest.deconstruct() / 2);
	let data = rest.saturating_sub(developer);
	RevenueSplit {
		developer,
		operators: Perbill::zero(),
		data,
		inference_data: Perbill::from_percent(50),
	}
}

fn uses() -> DeclaredUses {
	DeclaredUses { fine_tune: true, retrieval: true, commercial: true }
}

/// Publishes fresh datanets, each curated by a distinct funded account.
struct Curators(u32);

impl Curators {
	fn datanet<T: Config>(&mut self) -> (DatanetId, DatanetVersion) {
		let curator = funded::<T>("curator", self.0);
		self.0 += 1;
		// A version needs a contribution to be published.
		let (datanet, version, _) = T::BenchmarkHelper::published_datanet(&curator, 1);
		(datanet, version)
	}

	fn training_data<T: Config>(&mut self, t: u32) -> TrainingDataOf<T> {
		let entries: Vec<_> = (0..t).map(|_| self.datanet::<T>()).collect();
		BoundedVec::truncate_from(entries)
	}
}

fn register<T: Config>(
	owner: &T::AccountId,
	base: Option<ModelId>,
	data: TrainingDataOf<T>,
) -> ModelId {
	let id = NextModelId::<T>::get();
	let registered = Pallet::<T>::do_register_model(
		owner.clone(),
		full(),
		full(),
		H256::repeat_byte(1),
		base,
		data,
		uses(),
		1u32.into(),
		split::<T>(),
	);
	assert!(registered.is_ok(), "{registered:?}");
	id
}

/// A model trained on one fresh datanet, without a base.
fn model<T: Config>(owner: &T::AccountId, curators: &mut Curators) -> ModelId {
	let data = curators.training_data::<T>(1);
	register::<T>(owner, None, data)
}

/// The longest lineage: `MaxLineageDepth` models, each the base of the next, trained on
/// fresh datanets, `room` training entries in all (as many as fit, at least one per model):
/// a lineage list holds one entry per training entry along it, so a derivative of the top
/// model inherits `room` datanets, each licence read and checked. Returns the top model
/// (`None` when the runtime allows no lineage) and the chain's datanets.
fn chain<T: Config>(
	room: u32,
	curators: &mut Curators,
) -> (Option<ModelId>, Vec<(DatanetId, DatanetVersion)>) {
	let depth = T::MaxLineageDepth::get();
	let width = T::MaxTrainingDatanets::get().max(1);
	let mut pool: Vec<(DatanetId, DatanetVersion)> = Vec::new();
	let mut base = None;
	let mut left = room.max(depth);
	for level in 0..depth {
		// Leave at least one entry for each model still to come.
		let later = depth.saturating_sub(level).saturating_sub(1);
		let take = width.min(left.saturating_sub(later)).max(1);
		left = left.saturating_sub(take);
		let data = curators.training_data::<T>(take);
		pool.extend(data.iter().copied());
		let owner = funded::<T>("lineage", level);
		base = Some(register::<T>(&owner, base, data));
	}
	(base, pool)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: a derivative at the deepest lineage allowed, inheriting as many datanets
	/// as fit beside its own `t` fresh ones (each licence read and checked).
	#[benchmark]
	fn register_model(t: Linear<1, { T::MaxTrainingDatanets::get() }>) {
		let mut curators = Curators(0);
		let room = T::MaxLineageDatanets::get().saturating_sub(t);
		let (base, pool) = chain::<T>(room, &mut curators);
		let owner = funded::<T>("owner", 0);
		let data = curators.training_data::<T>(t);
		let id = NextModelId::<T>::get();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			full(),
			full(),
			H256::repeat_byte(2),
			base,
			data,
			uses(),
			1u32.into(),
			split::<T>(),
		);
		let drawn_on = ModelVersions::<T>::get(id, 1).map(|v| v.lineage_datanets.len());
		assert_eq!(drawn_on, Some(t as usize + pool.len()));
	}

	/// Worst case: a version of a model at the deepest lineage allowed, inheriting as many
	/// datanets as fit beside its own `t` fresh ones.
	#[benchmark]
	fn add_version(t: Linear<1, { T::MaxTrainingDatanets::get() }>) {
		let mut curators = Curators(0);
		let room = T::MaxLineageDatanets::get().saturating_sub(t);
		let (base, pool) = chain::<T>(room, &mut curators);
		let owner = funded::<T>("owner", 0);
		let first = match pool.first() {
			Some(entry) => BoundedVec::truncate_from(alloc::vec![*entry]),
			None => curators.training_data::<T>(1),
		};
		let id = register::<T>(&owner, base, first);
		let data = curators.training_data::<T>(t);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, H256::repeat_byte(3), data);
		let drawn_on = ModelVersions::<T>::get(id, 2).map(|v| v.lineage_datanets.len());
		assert_eq!(drawn_on, Some(t as usize + pool.len()));
	}

	/// Worst case: retiring, which also withdraws an open ownership offer.
	#[benchmark]
	fn set_status() {
		let owner = funded::<T>("owner", 0);
		let id = model::<T>(&owner, &mut Curators(0));
		let offered = Pallet::<T>::offer_ownership(
			RawOrigin::Signed(owner.clone()).into(),
			id,
			funded::<T>("owner", 1),
		);
		assert!(offered.is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, ModelStatus::Retired);
		assert!(!OwnershipOffers::<T>::contains_key(id));
	}

	#[benchmark]
	fn set_price() {
		let owner = funded::<T>("owner", 0);
		let id = model::<T>(&owner, &mut Curators(0));
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, 7u32.into());
	}

	#[benchmark]
	fn set_split() {
		let owner = funded::<T>("owner", 0);
		let id = model::<T>(&owner, &mut Curators(0));
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, split::<T>());
	}

	/// Worst case: an open offer to another account is replaced.
	#[benchmark]
	fn offer_ownership() {
		let owner = funded::<T>("owner", 0);
		let id = model::<T>(&owner, &mut Curators(0));
		let offered = Pallet::<T>::offer_ownership(
			RawOrigin::Signed(owner.clone()).into(),
			id,
			funded::<T>("owner", 1),
		);
		assert!(offered.is_ok());
		let next = funded::<T>("owner", 2);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, next.clone());
		assert_eq!(OwnershipOffers::<T>::get(id), Some(next));
	}

	#[benchmark]
	fn cancel_ownership_offer() {
		let owner = funded::<T>("owner", 0);
		let id = model::<T>(&owner, &mut Curators(0));
		let offered = Pallet::<T>::offer_ownership(
			RawOrigin::Signed(owner.clone()).into(),
			id,
			funded::<T>("owner", 1),
		);
		assert!(offered.is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);
		assert!(!OwnershipOffers::<T>::contains_key(id));
	}

	/// A distinct, funded recipient holds the deposit; the owner's is released; a full set
	/// of the previous owner's operators loses its role.
	#[benchmark]
	fn accept_ownership() {
		let owner = funded::<T>("owner", 0);
		let next = funded::<T>("owner", 1);
		let id = model::<T>(&owner, &mut Curators(0));
		for n in 0..T::MaxOperators::get() {
			let added = Pallet::<T>::add_operator(
				RawOrigin::Signed(owner.clone()).into(),
				id,
				account("operator", n, 0),
			);
			assert!(added.is_ok());
		}
		let offered =
			Pallet::<T>::offer_ownership(RawOrigin::Signed(owner).into(), id, next.clone());
		assert!(offered.is_ok());
		let deposit = Models::<T>::get(id).map(|m| m.deposit).unwrap_or_default();
		#[extrinsic_call]
		_(RawOrigin::Signed(next.clone()), id, deposit);
		assert_eq!(Models::<T>::get(id).map(|m| (m.owner, m.operators.len())), Some((next, 0)));
	}

	/// Worst case: the operator set is one short of full.
	#[benchmark]
	fn add_operator() {
		let owner = funded::<T>("owner", 0);
		let id = model::<T>(&owner, &mut Curators(0));
		for n in 1..T::MaxOperators::get() {
			let added = Pallet::<T>::add_operator(
				RawOrigin::Signed(owner.clone()).into(),
				id,
				account("operator", n, 0),
			);
			assert!(added.is_ok());
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, account("operator", 0, 0));
	}

	/// Worst case: the operator set is full and the last one leaves.
	#[benchmark]
	fn remove_operator() {
		let owner = funded::<T>("owner", 0);
		let id = model::<T>(&owner, &mut Curators(0));
		for n in 0..T::MaxOperators::get() {
			let added = Pallet::<T>::add_operator(
				RawOrigin::Signed(owner.clone()).into(),
				id,
				account("operator", n, 0),
			);
			assert!(added.is_ok());
		}
		let last = account("operator", T::MaxOperators::get().saturating_sub(1), 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, last);
	}

	/// Worst case: the URI grows from empty to the longest (more deposit held).
	#[benchmark]
	fn update_metadata() {
		let owner = funded::<T>("owner", 0);
		let mut curators = Curators(0);
		let data = curators.training_data::<T>(1);
		let id = NextModelId::<T>::get();
		let registered = Pallet::<T>::do_register_model(
			owner.clone(),
			full(),
			Default::default(),
			H256::repeat_byte(1),
			None,
			data,
			uses(),
			1u32.into(),
			split::<T>(),
		);
		assert!(registered.is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, full());
	}

	/// Worst case: `v` versions, each trained on `MaxTrainingDatanets` datanets of distinct
	/// curators (one usage count released per datanet per version), and a base model whose
	/// derived-model count drops.
	#[benchmark]
	fn remove_model(v: Linear<1, { T::MaxModelVersions::get() }>) {
		let mut curators = Curators(0);
		let base_owner = funded::<T>("lineage", 0);
		let base = model::<T>(&base_owner, &mut curators);
		let owner = funded::<T>("owner", 0);
		let data = curators.training_data::<T>(T::MaxTrainingDatanets::get());
		let id = register::<T>(&owner, Some(base), data.clone());
		for _ in 1..v {
			let added =
				Pallet::<T>::do_add_version(owner.clone(), id, H256::repeat_byte(4), data.clone());
			assert!(added.is_ok());
		}
		let retired = Pallet::<T>::set_status(
			RawOrigin::Signed(owner.clone()).into(),
			id,
			ModelStatus::Retired,
		);
		assert!(retired.is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);
		assert!(!Models::<T>::contains_key(id));
		assert_eq!(ModelVersions::<T>::iter_key_prefix(id).count(), 0);
		assert_eq!(Models::<T>::get(base).map(|m| m.derived_models), Some(0));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
