//! Benchmarks of every call of the dataset registry (frame-benchmarking v2), at the worst
//! case of each: longest names and URIs, full-depth Merkle paths over a populated tree.

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
use sp_runtime::traits::Bounded;
use tributary_primitives::LicenseTerms;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
	who
}

fn full<S: Get<u32>>() -> BoundedVec<u8, S> {
	BoundedVec::try_from(alloc::vec![b'x'; S::get() as usize]).unwrap_or_default()
}

fn terms<T: Config>() -> LicenseTerms<frame_system::pallet_prelude::BlockNumberFor<T>> {
	LicenseTerms {
		train: true,
		fine_tune: true,
		retrieval: true,
		commercial: true,
		derivatives: true,
		expires_at: None,
		legal_text_hash: H256::repeat_byte(1),
	}
}

fn datanet<T: Config>(curator: &T::AccountId, policy: ContributionPolicy) -> u32 {
	let id = NextDatanetId::<T>::get();
	let created = Pallet::<T>::create_datanet(
		RawOrigin::Signed(curator.clone()).into(),
		full(),
		full(),
		policy,
		terms::<T>(),
		full(),
	);
	assert!(created.is_ok());
	id
}

fn contribution<T: Config>(owner: &T::AccountId, datanet: u32, n: u32) -> u64 {
	let hash =
		<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&n.to_le_bytes());
	Pallet::<T>::do_contribute(owner.clone(), datanet, hash, 4096, full(), full())
		.unwrap_or_default()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_datanet() {
		let curator = funded::<T>("curator", 0);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(curator.clone()),
			full(),
			full(),
			ContributionPolicy::Open,
			terms::<T>(),
			full(),
		);
		assert!(Datanets::<T>::contains_key(0));
	}

	#[benchmark]
	fn update_datanet() {
		let curator = funded::<T>("curator", 0);
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id, Some(full()), Some((terms::<T>(), full())));
	}

	#[benchmark]
	fn transfer_curatorship() {
		let curator = funded::<T>("curator", 0);
		let next = funded::<T>("curator", 1);
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id, next.clone());
		assert_eq!(Datanets::<T>::get(id).map(|d| d.curator), Some(next));
	}

	#[benchmark]
	fn close_datanet() {
		let curator = funded::<T>("curator", 0);
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id);
	}

	/// Worst case: an open datanet, so the call also accepts and rewrites a Merkle path
	/// next to existing leaves.
	#[benchmark]
	fn contribute() {
		let curator = funded::<T>("curator", 0);
		let owner = funded::<T>("owner", 0);
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		for n in 0..3 {
			contribution::<T>(&owner, id, n);
		}
		let hash = H256::repeat_byte(0xab);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, hash, 1u64 << 30, full(), full());
		assert!(ContributionByHash::<T>::contains_key(hash));
	}

	#[benchmark]
	fn accept_contribution() {
		let curator = funded::<T>("curator", 0);
		let owner = funded::<T>("owner", 0);
		let id = datanet::<T>(&curator, ContributionPolicy::CuratorReview);
		let c = contribution::<T>(&owner, id, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), c, Some(T::MaxContributionWeight::get()));
		assert_eq!(Datanets::<T>::get(id).map(|d| d.accepted), Some(1));
	}

	#[benchmark]
	fn reject_contribution() {
		let curator = funded::<T>("curator", 0);
		let owner = funded::<T>("owner", 0);
		let id = datanet::<T>(&curator, ContributionPolicy::CuratorReview);
		let c = contribution::<T>(&owner, id, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), c);
	}

	#[benchmark]
	fn flag_malicious() {
		let curator = funded::<T>("curator", 0);
		let owner = funded::<T>("owner", 0);
		let id = datanet::<T>(&curator, ContributionPolicy::CuratorReview);
		let c = contribution::<T>(&owner, id, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), c);
	}

	/// Worst case: an accepted contribution, so its Merkle path is rewritten.
	#[benchmark]
	fn withdraw_contribution() {
		let curator = funded::<T>("curator", 0);
		let owner = funded::<T>("owner", 0);
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		let c = contribution::<T>(&owner, id, 0);
		contribution::<T>(&owner, id, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), c);
	}

	#[benchmark]
	fn publish_version() {
		let curator = funded::<T>("curator", 0);
		let owner = funded::<T>("owner", 0);
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		contribution::<T>(&owner, id, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id);
		assert!(Versions::<T>::contains_key(id, 1));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
