//! Benchmarks of every call of the dataset registry (frame-benchmarking v2), each at its
//! worst case: longest names, URIs and metadata; full-depth (24) Merkle paths next to
//! existing leaves; deposits that grow (re-held) rather than stay; offers that replace an
//! open offer; the rejected-hash ownership check on re-registration.

// Benchmark set-up runs only when benchmarking, like tests: plain arithmetic is fine.
#![allow(clippy::arithmetic_side_effects)]

use super::*;
use crate::inspect::{fresh_hash, full, fund};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::InspectHold, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::Zero;
use tributary_primitives::{ContributionStatus, LicenseTerms};

/// A distinct, funded account.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	fund::<T>(&who);
	who
}

/// Creates a datanet curated by `curator` with the longest name and URIs.
fn datanet<T: Config>(curator: &T::AccountId, policy: ContributionPolicy) -> u32 {
	let id = NextDatanetId::<T>::get();
	let created = Pallet::<T>::create_datanet(
		RawOrigin::Signed(curator.clone()).into(),
		full(),
		full(),
		policy,
		LicenseTerms::permissive(),
		full(),
	);
	assert!(created.is_ok());
	id
}

/// `owner` contributes fresh data (longest URI and metadata, `size` bytes) to `datanet`.
fn contribution_of_size<T: Config>(owner: &T::AccountId, datanet: u32, size: u64) -> u64 {
	let made =
		Pallet::<T>::do_contribute(owner.clone(), datanet, fresh_hash::<T>(), size, full(), full());
	assert!(made.is_ok());
	made.unwrap_or_default()
}

/// `owner` contributes 4 KiB of fresh data (weight 4) to `datanet`.
fn contribution<T: Config>(owner: &T::AccountId, datanet: u32) -> u64 {
	contribution_of_size::<T>(owner, datanet, 4096)
}

/// Three accepted contributions by distinct owners, so later Merkle paths run next to
/// existing leaves.
fn neighbours<T: Config>(datanet: u32, curator: &T::AccountId, review: bool) {
	for n in 0..3 {
		let owner = funded::<T>("neighbour", n);
		let id = contribution::<T>(&owner, datanet);
		if review {
			let accepted = Pallet::<T>::accept_contribution(
				RawOrigin::Signed(curator.clone()).into(),
				id,
				None,
			);
			assert!(accepted.is_ok());
		}
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_datanet() {
		let curator = funded::<T>("curator", 0);
		let id = NextDatanetId::<T>::get();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(curator.clone()),
			full(),
			full(),
			ContributionPolicy::Open,
			LicenseTerms::permissive(),
			full(),
		);
		assert!(Datanets::<T>::contains_key(id));
	}

	/// Worst case: from empty URIs to the longest, so the deposit grows and is re-held.
	#[benchmark]
	fn update_datanet() {
		let curator = funded::<T>("curator", 0);
		let id = NextDatanetId::<T>::get();
		let created = Pallet::<T>::create_datanet(
			RawOrigin::Signed(curator.clone()).into(),
			full(),
			BoundedVec::default(),
			ContributionPolicy::Open,
			LicenseTerms::permissive(),
			BoundedVec::default(),
		);
		assert!(created.is_ok());
		let before = Datanets::<T>::get(id).map(|d| d.deposit).unwrap_or_default();
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id, Some(full()), Some((LicenseTerms::permissive(), full())));
		assert!(Datanets::<T>::get(id).map(|d| d.deposit).unwrap_or_default() > before);
	}

	/// Worst case: an open offer is replaced.
	#[benchmark]
	fn offer_curatorship() {
		let curator = funded::<T>("curator", 0);
		let first = funded::<T>("curator", 1);
		let second = funded::<T>("curator", 2);
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		let offered =
			Pallet::<T>::offer_curatorship(RawOrigin::Signed(curator.clone()).into(), id, first);
		assert!(offered.is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id, second.clone());
		assert_eq!(CuratorshipOffers::<T>::get(id), Some(second));
	}

	#[benchmark]
	fn cancel_curatorship_offer() {
		let curator = funded::<T>("curator", 0);
		let next = funded::<T>("curator", 1);
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		let offered =
			Pallet::<T>::offer_curatorship(RawOrigin::Signed(curator.clone()).into(), id, next);
		assert!(offered.is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id);
		assert!(!CuratorshipOffers::<T>::contains_key(id));
	}

	/// Worst case: the largest datanet deposit moves, onto an account that already holds
	/// another datanet's deposit.
	#[benchmark]
	fn accept_curatorship() {
		let curator = funded::<T>("curator", 0);
		let next = funded::<T>("curator", 1);
		datanet::<T>(&next, ContributionPolicy::Open);
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		let offered = Pallet::<T>::offer_curatorship(
			RawOrigin::Signed(curator.clone()).into(),
			id,
			next.clone(),
		);
		assert!(offered.is_ok());
		let deposit = Datanets::<T>::get(id).map(|d| d.deposit).unwrap_or_default();
		#[extrinsic_call]
		_(RawOrigin::Signed(next.clone()), id, deposit);
		assert_eq!(Datanets::<T>::get(id).map(|d| d.curator), Some(next));
		let reason = HoldReason::DatanetDeposit.into();
		assert!(T::Currency::balance_on_hold(&reason, &curator).is_zero());
	}

	/// Worst case: an open offer is cancelled with the closing.
	#[benchmark]
	fn close_datanet() {
		let curator = funded::<T>("curator", 0);
		let next = funded::<T>("curator", 1);
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		let offered =
			Pallet::<T>::offer_curatorship(RawOrigin::Signed(curator.clone()).into(), id, next);
		assert!(offered.is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id);
		assert!(!CuratorshipOffers::<T>::contains_key(id));
	}

	/// Worst case: a closed datanet with history (a published version, a withdrawn
	/// contribution) and an open offer, whose largest deposit is released.
	#[benchmark]
	fn retire_datanet() {
		let curator = funded::<T>("curator", 0);
		let owner = funded::<T>("owner", 0);
		let next = funded::<T>("curator", 1);
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		let c = contribution::<T>(&owner, id);
		assert!(Pallet::<T>::do_publish_version(curator.clone(), id).is_ok());
		assert!(Pallet::<T>::do_withdraw(owner, c).is_ok());
		assert!(Pallet::<T>::do_close_datanet(curator.clone(), id).is_ok());
		let offered =
			Pallet::<T>::offer_curatorship(RawOrigin::Signed(curator.clone()).into(), id, next);
		assert!(offered.is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(curator.clone()), id);
		assert_eq!(Datanets::<T>::get(id).map(|d| d.status), Some(DatanetStatus::Retired));
		let reason = HoldReason::DatanetDeposit.into();
		assert!(T::Currency::balance_on_hold(&reason, &curator).is_zero());
	}

	/// Worst case: an open datanet, so the call also accepts and rewrites a Merkle path
	/// next to existing leaves; the hash was rejected before (the owner's own), so the
	/// ownership of the earlier registration is read; the largest weight's deposit.
	#[benchmark]
	fn contribute() {
		let curator = funded::<T>("curator", 0);
		let owner = funded::<T>("owner", 0);
		let review = datanet::<T>(&curator, ContributionPolicy::CuratorReview);
		let hash = fresh_hash::<T>();
		let rejected =
			Pallet::<T>::do_contribute(owner.clone(), review, hash, 4096, full(), full());
		assert!(rejected.is_ok());
		let rejected = rejected.unwrap_or_default();
		assert!(Pallet::<T>::do_review(curator.clone(), rejected, Review::Reject).is_ok());
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		neighbours::<T>(id, &curator, false);
		let size = T::MaxContributionWeight::get().saturating_mul(1024);
		let next = NextContributionId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, hash, size, full(), full());
		assert_eq!(ContributionByHash::<T>::get(hash), Some(codec::Compact(next)));
		assert_eq!(
			Contributions::<T>::get(next).map(|c| c.status),
			Some(ContributionStatus::Accepted)
		);
	}

	/// Worst case: the largest declared weight lowered to 1, so part of the owner's deposit
	/// is released (the deposit is re-held to the accepted weight); the Merkle path runs
	/// next to existing leaves.
	#[benchmark]
	fn accept_contribution() {
		let curator = funded::<T>("curator", 0);
		let owner = funded::<T>("owner", 0);
		let id = datanet::<T>(&curator, ContributionPolicy::CuratorReview);
		neighbours::<T>(id, &curator, true);
		let size = T::MaxContributionWeight::get().saturating_mul(1024);
		let c = contribution_of_size::<T>(&owner, id, size);
		let before = Contributions::<T>::get(c).map(|c| c.deposit).unwrap_or_default();
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), c, Some(1));
		assert_eq!(Datanets::<T>::get(id).map(|d| d.accepted), Some(4));
		assert!(Contributions::<T>::get(c).map(|c| c.deposit).unwrap_or_default() < before);
	}

	#[benchmark]
	fn reject_contribution() {
		let curator = funded::<T>("curator", 0);
		let owner = funded::<T>("owner", 0);
		let id = datanet::<T>(&curator, ContributionPolicy::CuratorReview);
		let c = contribution::<T>(&owner, id);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), c);
		assert_eq!(
			Contributions::<T>::get(c).map(|c| c.status),
			Some(ContributionStatus::Rejected)
		);
	}

	/// Worst case: an accepted contribution, so `OnFlagged` is told, its Merkle path is
	/// rewritten next to existing leaves, the totals change and the deposit is slashed.
	#[benchmark]
	fn flag_malicious() {
		let curator = funded::<T>("curator", 0);
		let owner = funded::<T>("owner", 0);
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		neighbours::<T>(id, &curator, false);
		let c = contribution_of_size::<T>(&owner, id, T::MaxContributionWeight::get() * 1024);
		assert!(Pallet::<T>::do_publish_version(curator.clone(), id).is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), c);
		assert_eq!(Contributions::<T>::get(c).map(|c| c.status), Some(ContributionStatus::Flagged));
		assert_eq!(Datanets::<T>::get(id).map(|d| d.accepted), Some(3));
	}

	/// Worst case: an accepted contribution, so its Merkle path is rewritten.
	#[benchmark]
	fn withdraw_contribution() {
		let curator = funded::<T>("curator", 0);
		let owner = funded::<T>("owner", 0);
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		neighbours::<T>(id, &curator, false);
		let c = contribution::<T>(&owner, id);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), c);
		assert_eq!(
			Contributions::<T>::get(c).map(|c| c.status),
			Some(ContributionStatus::Withdrawn)
		);
	}

	#[benchmark]
	fn publish_version() {
		let curator = funded::<T>("curator", 0);
		let id = datanet::<T>(&curator, ContributionPolicy::Open);
		neighbours::<T>(id, &curator, false);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id);
		assert!(Versions::<T>::contains_key(id, 1));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
