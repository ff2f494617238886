//! Benchmarks of every call of the model registry (frame-benchmarking v2). Registration
//! and new versions are measured against `t` training datanets, each license checked.

// Benchmark set-up runs only when benchmarking, like tests: plain arithmetic is fine.
#![allow(clippy::arithmetic_side_effects)]

use super::*;
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
	DatanetsBenchmarkHelper, DeclaredUses, ModelId, ModelStatus, RevenueSplit,
};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
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

fn training_data<T: Config>(t: u32) -> TrainingDataOf<T> {
	let curator = funded::<T>("curator", 0);
	let entries = (0..t)
		.map(|_| {
			let (datanet, version, _) = T::BenchmarkHelper::published_datanet(&curator, 1);
			(datanet, version)
		})
		.collect::<alloc::vec::Vec<_>>();
	BoundedVec::try_from(entries).unwrap_or_default()
}

fn model<T: Config>(owner: &T::AccountId, base: Option<ModelId>) -> ModelId {
	let id = NextModelId::<T>::get();
	let registered = Pallet::<T>::do_register_model(
		owner.clone(),
		full(),
		full(),
		H256::repeat_byte(1),
		base,
		training_data::<T>(1),
		uses(),
		1u32.into(),
		split::<T>(),
	);
	assert!(registered.is_ok());
	id
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: a derivative of a model with the deepest allowed lineage but one, and
	/// `t` training datanets.
	#[benchmark]
	fn register_model(t: Linear<1, { T::MaxTrainingDatanets::get() }>) {
		let owner = funded::<T>("owner", 0);
		let mut base = None;
		for _ in 0..T::MaxLineageDepth::get() {
			base = Some(model::<T>(&owner, base));
		}
		let data = training_data::<T>(t);
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
		assert!(Models::<T>::contains_key(id));
	}

	#[benchmark]
	fn add_version(t: Linear<1, { T::MaxTrainingDatanets::get() }>) {
		let owner = funded::<T>("owner", 0);
		let id = model::<T>(&owner, None);
		let data = training_data::<T>(t);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, H256::repeat_byte(3), data);
		assert!(ModelVersions::<T>::contains_key(id, 2));
	}

	#[benchmark]
	fn set_status() {
		let owner = funded::<T>("owner", 0);
		let id = model::<T>(&owner, None);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, ModelStatus::Paused);
	}

	#[benchmark]
	fn set_price() {
		let owner = funded::<T>("owner", 0);
		let id = model::<T>(&owner, None);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, 7u32.into());
	}

	#[benchmark]
	fn set_split() {
		let owner = funded::<T>("owner", 0);
		let id = model::<T>(&owner, None);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, split::<T>());
	}

	#[benchmark]
	fn transfer_ownership() {
		let owner = funded::<T>("owner", 0);
		let next = funded::<T>("owner", 1);
		let id = model::<T>(&owner, None);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, next);
	}

	/// Worst case: the operator set is one short of full.
	#[benchmark]
	fn add_operator() {
		let owner = funded::<T>("owner", 0);
		let id = model::<T>(&owner, None);
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
		let id = model::<T>(&owner, None);
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

	#[benchmark]
	fn update_metadata() {
		let owner = funded::<T>("owner", 0);
		let id = model::<T>(&owner, None);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, full());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
