//! What other pallets may read of the dataset registry, through
//! `tributary_primitives::DatanetsInspect`; the model registry's reference counting through
//! `DatanetUsage`; and, for benchmarks, `DatanetsBenchmarkHelper`.

use alloc::vec::Vec;
use codec::DecodeAll;
use frame_support::storage::{generator::StorageDoubleMap as _, KeyPrefixIterator};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::DispatchError;
use tributary_primitives::{
	ContributionId, ContributionView, DatanetId, DatanetUsage, DatanetVersion, DatanetsInspect,
	LicenseTerms, VersionView,
};

use crate::{Config, Contributions, ContributionsByOwner, Datanets, Pallet, Versions};

impl<T: Config> DatanetsInspect<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn contribution(id: ContributionId) -> Option<ContributionView<T::AccountId>> {
		let c = Contributions::<T>::get(id)?;
		let latest = Datanets::<T>::get(c.datanet).map(|d| d.latest_version).unwrap_or_default();
		// Member of first ..= last (last is set on withdrawal and on flagging an accepted
		// contribution; ..= latest while accepted), when not empty. A pending contribution,
		// or one rejected or flagged while pending, is in none.
		let versions = c.first_version.map(DatanetVersion::from).and_then(|first| {
			let last = c.last_version.map_or(latest, DatanetVersion::from);
			(first <= last).then_some((first, last))
		});
		Some(ContributionView {
			datanet: c.datanet,
			owner: c.owner,
			weight: c.weight,
			status: c.status,
			versions,
		})
	}

	fn version(datanet: DatanetId, version: DatanetVersion) -> Option<VersionView> {
		Versions::<T>::get(datanet, version).map(|v| VersionView {
			contribution_count: v.contribution_count,
			total_weight: v.total_weight,
			root: v.root,
		})
	}

	fn latest_version(datanet: DatanetId) -> DatanetVersion {
		Datanets::<T>::get(datanet).map(|d| d.latest_version).unwrap_or_default()
	}

	fn license(datanet: DatanetId) -> Option<LicenseTerms<BlockNumberFor<T>>> {
		Datanets::<T>::get(datanet).map(|d| d.license)
	}

	fn contributions_of(
		owner: &T::AccountId,
		after: Option<ContributionId>,
		limit: u32,
	) -> Vec<ContributionId> {
		Self::owned_contributions(owner, after).take(limit as usize).collect()
	}
}

impl<T: Config> Pallet<T> {
	/// The contributions `owner` owns, in key order, starting after `after` when given (which
	/// need not be one of them). Key order is the order of the ids' SCALE (little-endian)
	/// bytes, not their numeric order: 256 comes before 1, and 1 before 255. It is a fixed
	/// order, so a cursor that resumes after the last id it saw goes through every id that
	/// existed all along exactly once.
	///
	/// `ContributionsByOwner` hashes the owner without keeping it in the key, so frame's
	/// `iter_key_prefix` (which wants both hashers reversible) does not apply: the owner's
	/// prefix is iterated directly, and the id read back from the `Identity` end of each key.
	pub fn owned_contributions(
		owner: &T::AccountId,
		after: Option<ContributionId>,
	) -> KeyPrefixIterator<ContributionId> {
		let prefix = ContributionsByOwner::<T>::storage_double_map_final_key1(owner);
		let previous = match after {
			Some(after) => ContributionsByOwner::<T>::hashed_key_for(owner, after),
			None => prefix.clone(),
		};
		KeyPrefixIterator::new(prefix, previous, |mut id| ContributionId::decode_all(&mut id))
	}
}

impl<T: Config> DatanetUsage for Pallet<T> {
	/// Counts one more model version trained on `datanet`. Refused for an unknown or a
	/// retired datanet.
	fn note_used(datanet: DatanetId) -> Result<(), DispatchError> {
		Self::do_note_used(datanet)
	}

	/// Counts one model version trained on `datanet` less (saturating at zero).
	fn note_released(datanet: DatanetId) {
		Self::do_note_released(datanet)
	}
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmark_helper {
	use super::*;
	use crate::{BalanceOf, ContributionPolicy, NextContributionId, NextDatanetId};
	use frame_support::{
		traits::{
			fungible::{Inspect, Mutate},
			Get,
		},
		BoundedVec,
	};
	use sp_runtime::traits::{BlakeTwo256, Bounded, CheckedDiv, Hash};
	use tributary_primitives::DatanetsBenchmarkHelper;

	/// Tops `who` up to a 2^-32 share of the largest balance: plenty for any deposit, and
	/// room for billions of such accounts before total issuance overflows.
	pub(crate) fn fund<T: Config>(who: &T::AccountId) {
		let share = 1u64 << 32;
		let endowment = BalanceOf::<T>::max_value()
			.checked_div(&sp_runtime::SaturatedConversion::saturated_into(share))
			.unwrap_or_default();
		if T::Currency::balance(who) < endowment {
			T::Currency::set_balance(who, endowment);
		}
	}

	/// A bounded vector at its longest.
	pub(crate) fn full<S: Get<u32>>() -> BoundedVec<u8, S> {
		BoundedVec::try_from(alloc::vec![b'x'; S::get() as usize]).unwrap_or_default()
	}

	/// A content hash no contribution has: derived from the next contribution id.
	pub(crate) fn fresh_hash<T: Config>() -> sp_core::H256 {
		BlakeTwo256::hash_of(&(b"bench-contribution", NextContributionId::<T>::get()))
	}

	impl<T: Config> DatanetsBenchmarkHelper<T::AccountId> for Pallet<T> {
		/// Creates an open datanet with the longest name and URIs and `contributions`
		/// accepted contributions (longest URI and metadata), the n-th owned by the funded
		/// `account("contributor", n, datanet)`, then publishes version 1. With no
		/// contributions nothing can be published and the version returned is 0.
		fn published_datanet(
			curator: &T::AccountId,
			contributions: u32,
		) -> (DatanetId, DatanetVersion, Vec<(ContributionId, T::AccountId)>) {
			fund::<T>(curator);
			let datanet = NextDatanetId::<T>::get();
			let created = Self::do_create_datanet(
				curator.clone(),
				full(),
				full(),
				ContributionPolicy::Open,
				LicenseTerms::permissive(),
				full(),
			);
			if created.is_err() {
				return (datanet, 0, Vec::new());
			}
			let owned = (0..contributions)
				.flat_map(|n| {
					let owner: T::AccountId =
						frame_benchmarking::account("contributor", n, datanet);
					<Self as DatanetsBenchmarkHelper<T::AccountId>>::contribute(&owner, datanet, 1)
						.into_iter()
						.map(move |id| (id, owner.clone()))
				})
				.collect();
			let version =
				<Self as DatanetsBenchmarkHelper<T::AccountId>>::publish(curator, datanet);
			(datanet, version, owned)
		}

		/// `owner`, funded, contributes `count` fresh contributions (longest URI and
		/// metadata, 4 KiB each: weight 4) to the open `datanet`, accepted on submit.
		fn contribute(owner: &T::AccountId, datanet: DatanetId, count: u32) -> Vec<ContributionId> {
			fund::<T>(owner);
			(0..count)
				.map_while(|_| {
					Self::do_contribute(
						owner.clone(),
						datanet,
						fresh_hash::<T>(),
						4096,
						full(),
						full(),
					)
					.ok()
				})
				.collect()
		}

		/// Publishes the next version of `datanet` as `curator`; 0 when refused.
		fn publish(curator: &T::AccountId, datanet: DatanetId) -> DatanetVersion {
			Self::do_publish_version(curator.clone(), datanet).unwrap_or_default()
		}

		fn inflate_version(
			datanet: DatanetId,
			version: DatanetVersion,
			contribution_count: u64,
			total_weight: u128,
		) {
			Versions::<T>::mutate(datanet, version, |v| {
				if let Some(v) = v {
					v.contribution_count = contribution_count;
					v.total_weight = total_weight;
				}
			});
		}
	}
}

#[cfg(feature = "runtime-benchmarks")]
pub(crate) use benchmark_helper::{fresh_hash, full, fund};
