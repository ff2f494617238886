//! What other pallets may read of the dataset registry, through
//! `tributary_primitives::DatanetsInspect`.

use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use tributary_primitives::{
	ContributionId, ContributionView, DatanetId, DatanetVersion, DatanetsInspect, LicenseTerms,
	VersionView,
};

use crate::{Config, Contributions, ContributionsByOwner, Datanets, Pallet, Versions};

impl<T: Config> DatanetsInspect<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn contribution(id: ContributionId) -> Option<ContributionView<T::AccountId>> {
		let c = Contributions::<T>::get(id)?;
		let latest = Datanets::<T>::get(c.datanet).map(|d| d.latest_version).unwrap_or_default();
		// Member of first ..= last (or ..= latest while not withdrawn), when not empty.
		let versions = c.first_version.and_then(|first| {
			let last = c.last_version.unwrap_or(latest);
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
		let ids = match after {
			Some(after) => {
				let start = ContributionsByOwner::<T>::hashed_key_for(owner, after);
				ContributionsByOwner::<T>::iter_key_prefix_from(owner, start)
			}
			None => ContributionsByOwner::<T>::iter_key_prefix(owner),
		};
		ids.take(limit as usize).collect()
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> tributary_primitives::DatanetsBenchmarkHelper<T::AccountId> for Pallet<T> {
	fn published_datanet(
		curator: &T::AccountId,
		contributions: u32,
	) -> (DatanetId, DatanetVersion, Vec<ContributionId>) {
		use frame_support::traits::fungible::Mutate;
		use sp_runtime::traits::{Bounded, CheckedDiv};
		let plenty =
			crate::BalanceOf::<T>::max_value().checked_div(&4u32.into()).unwrap_or_default();
		T::Currency::set_balance(curator, plenty);
		let datanet = crate::NextDatanetId::<T>::get();
		let terms = LicenseTerms {
			train: true,
			fine_tune: true,
			retrieval: true,
			commercial: true,
			derivatives: true,
			expires_at: None,
			legal_text_hash: Default::default(),
		};
		let _ = Self::do_create_datanet(
			curator.clone(),
			Default::default(),
			Default::default(),
			crate::ContributionPolicy::Open,
			terms,
			Default::default(),
		);
		let ids = (0..contributions)
			.filter_map(|n| {
				let seed = (datanet, n);
				let hash =
					<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash_of(&seed);
				Self::do_contribute(
					curator.clone(),
					datanet,
					hash,
					4096,
					Default::default(),
					Default::default(),
				)
				.ok()
			})
			.collect();
		let version = Self::do_publish_version(curator.clone(), datanet).unwrap_or_default();
		(datanet, version, ids)
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
