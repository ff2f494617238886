//! The rules of the dataset registry, behind the thin dispatchables in `lib.rs`.

use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		UnixTime,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult,
};
use tributary_primitives::{
	merkle, ContentHash, ContributionId, ContributionStatus, ContributionWeight, DatanetId,
	DatanetVersion, LicenseTerms,
};

use crate::*;

impl<T: Config> Pallet<T> {
	/// The deposit for a record that stores `bytes` bytes: `DepositBase + bytes × DepositPerByte`.
	pub fn deposit_for(bytes: usize) -> BalanceOf<T> {
		tributary_primitives::record_deposit(T::DepositBase::get(), T::DepositPerByte::get(), bytes)
	}

	/// The default weight of a contribution of `size` bytes: one unit per KiB, clamped to
	/// `1 ..= MaxContributionWeight`.
	pub fn default_weight(size: u64) -> ContributionWeight {
		size.div_ceil(1024).clamp(1, T::MaxContributionWeight::get().max(1))
	}

	fn ensure_curator(
		who: &T::AccountId,
		datanet: DatanetId,
	) -> Result<DatanetOf<T>, DispatchError> {
		let record = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
		ensure!(&record.curator == who, Error::<T>::NotCurator);
		Ok(record)
	}

	pub(crate) fn do_create_datanet(
		curator: T::AccountId,
		name: NameOf<T>,
		metadata_uri: UriOf<T>,
		policy: ContributionPolicy,
		license: LicenseTerms<BlockNumberFor<T>>,
		legal_text_uri: UriOf<T>,
	) -> DispatchResult {
		let datanet = NextDatanetId::<T>::get();
		let next = datanet.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let mut record = Datanet {
			curator: curator.clone(),
			name,
			metadata_uri,
			policy,
			license,
			legal_text_uri,
			status: DatanetStatus::Open,
			deposit: Zero::zero(),
			submitted: 0,
			accepted: 0,
			accepted_weight: 0,
			leaves: 0,
			latest_version: 0,
			created_at: frame_system::Pallet::<T>::block_number(),
		};
		let deposit = Self::deposit_for(record.encoded_size());
		T::Currency::hold(&HoldReason::DatanetDeposit.into(), &curator, deposit)?;
		record.deposit = deposit;
		Datanets::<T>::insert(datanet, record);
		NextDatanetId::<T>::put(next);
		Self::deposit_event(Event::DatanetCreated { datanet, curator, deposit });
		Ok(())
	}

	pub(crate) fn do_update_datanet(
		who: T::AccountId,
		datanet: DatanetId,
		metadata_uri: Option<UriOf<T>>,
		license: Option<(LicenseTerms<BlockNumberFor<T>>, UriOf<T>)>,
	) -> DispatchResult {
		ensure!(metadata_uri.is_some() || license.is_some(), Error::<T>::NothingToUpdate);
		let mut record = Self::ensure_curator(&who, datanet)?;
		if let Some(uri) = metadata_uri {
			record.metadata_uri = uri;
		}
		if let Some((terms, legal_text_uri)) = license {
			record.license = terms;
			record.legal_text_uri = legal_text_uri;
		}
		let bytes = record.encoded_size();
		Self::rehold(&HoldReason::DatanetDeposit.into(), &who, &mut record.deposit, bytes)?;
		Datanets::<T>::insert(datanet, record);
		Self::deposit_event(Event::DatanetUpdated { datanet });
		Ok(())
	}

	/// Adjusts a held deposit to what a record of `bytes` bytes needs.
	fn rehold(
		reason: &T::RuntimeHoldReason,
		who: &T::AccountId,
		deposit: &mut BalanceOf<T>,
		bytes: usize,
	) -> DispatchResult {
		let needed = Self::deposit_for(bytes);
		if needed > *deposit {
			T::Currency::hold(reason, who, needed.saturating_sub(*deposit))?;
		} else if needed < *deposit {
			T::Currency::release(reason, who, deposit.saturating_sub(needed), Precision::Exact)?;
		}
		*deposit = needed;
		Ok(())
	}

	pub(crate) fn do_transfer_curatorship(
		who: T::AccountId,
		datanet: DatanetId,
		new_curator: T::AccountId,
	) -> DispatchResult {
		let mut record = Self::ensure_curator(&who, datanet)?;
		ensure!(new_curator != who, Error::<T>::AlreadyCurator);
		let reason = HoldReason::DatanetDeposit.into();
		T::Currency::hold(&reason, &new_curator, record.deposit)?;
		T::Currency::release(&reason, &who, record.deposit, Precision::Exact)?;
		record.curator = new_curator.clone();
		Datanets::<T>::insert(datanet, record);
		Self::deposit_event(Event::CuratorshipTransferred { datanet, from: who, to: new_curator });
		Ok(())
	}

	pub(crate) fn do_close_datanet(who: T::AccountId, datanet: DatanetId) -> DispatchResult {
		let mut record = Self::ensure_curator(&who, datanet)?;
		ensure!(record.status == DatanetStatus::Open, Error::<T>::AlreadyClosed);
		record.status = DatanetStatus::Closed;
		Datanets::<T>::insert(datanet, record);
		Self::deposit_event(Event::DatanetClosed { datanet });
		Ok(())
	}

	/// Registers a contribution; returns its id.
	pub fn do_contribute(
		owner: T::AccountId,
		datanet: DatanetId,
		content_hash: ContentHash,
		size: u64,
		uri: UriOf<T>,
		metadata: MetadataOf<T>,
	) -> Result<ContributionId, DispatchError> {
		let mut record = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
		ensure!(record.status == DatanetStatus::Open, Error::<T>::DatanetClosed);
		ensure!(size > 0, Error::<T>::ZeroSize);
		ensure!(!ContributionByHash::<T>::contains_key(content_hash), Error::<T>::DuplicateContent);
		let id = NextContributionId::<T>::get();
		let next_id = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		record.submitted = record.submitted.checked_add(1).ok_or(Error::<T>::Overflow)?;

		let mut contribution = Contribution {
			datanet,
			owner: owner.clone(),
			content_hash,
			size,
			uri,
			metadata,
			weight: Self::default_weight(size),
			status: ContributionStatus::Pending,
			registered_at: frame_system::Pallet::<T>::block_number(),
			registered_at_ms: T::Time::now().as_millis().try_into().unwrap_or(u64::MAX),
			deposit: Zero::zero(),
			leaf_index: None,
			first_version: None,
			last_version: None,
		};
		let deposit = Self::deposit_for(contribution.encoded_size());
		T::Currency::hold(&HoldReason::ContributionDeposit.into(), &owner, deposit)?;
		contribution.deposit = deposit;
		let open = record.policy == ContributionPolicy::Open;
		if open {
			Self::accept_into(&mut record, id, &mut contribution, None)?;
		}

		Datanets::<T>::insert(datanet, &record);
		ContributionByHash::<T>::insert(content_hash, id);
		ContributionsByOwner::<T>::insert(&owner, id, ());
		NextContributionId::<T>::put(next_id);
		let accepted =
			open.then(|| (contribution.weight, contribution.leaf_index.unwrap_or_default()));
		Contributions::<T>::insert(id, contribution);

		Self::deposit_event(Event::ContributionSubmitted {
			contribution: id,
			datanet,
			owner,
			content_hash,
			deposit,
		});
		if let Some((weight, leaf_index)) = accepted {
			Self::deposit_event(Event::ContributionAccepted {
				contribution: id,
				datanet,
				weight,
				leaf_index,
			});
		}
		Ok(id)
	}

	/// Makes `contribution` an accepted member of `record`'s datanet: a Merkle leaf, counted
	/// in the totals, part of every version from the next one.
	fn accept_into(
		record: &mut DatanetOf<T>,
		id: ContributionId,
		contribution: &mut ContributionOf<T>,
		quality_weight: Option<ContributionWeight>,
	) -> DispatchResult {
		let weight = quality_weight.unwrap_or(contribution.weight);
		ensure!(
			weight >= 1 && weight <= T::MaxContributionWeight::get(),
			Error::<T>::InvalidWeight
		);
		let leaf_index = record.leaves;
		ensure!(leaf_index >> merkle::DEPTH == 0, Error::<T>::DatanetFull);
		record.leaves = leaf_index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		record.accepted = record.accepted.checked_add(1).ok_or(Error::<T>::Overflow)?;
		record.accepted_weight =
			record.accepted_weight.checked_add(weight.into()).ok_or(Error::<T>::Overflow)?;
		let first_version = record.latest_version.checked_add(1).ok_or(Error::<T>::Overflow)?;

		contribution.weight = weight;
		contribution.status = ContributionStatus::Accepted;
		contribution.leaf_index = Some(leaf_index);
		contribution.first_version = Some(first_version);
		Self::set_leaf(contribution.datanet, leaf_index, merkle::leaf_hash(id, weight));
		Ok(())
	}

	pub(crate) fn do_review(
		who: T::AccountId,
		id: ContributionId,
		review: Review,
	) -> DispatchResult {
		let mut contribution =
			Contributions::<T>::get(id).ok_or(Error::<T>::UnknownContribution)?;
		let datanet = contribution.datanet;
		let mut record = Self::ensure_curator(&who, datanet)?;
		ensure!(contribution.status == ContributionStatus::Pending, Error::<T>::NotPending);
		let reason = HoldReason::ContributionDeposit.into();

		match review {
			Review::Accept(quality_weight) => {
				Self::accept_into(&mut record, id, &mut contribution, quality_weight)?;
				Datanets::<T>::insert(datanet, record);
				let (weight, leaf_index) =
					(contribution.weight, contribution.leaf_index.unwrap_or_default());
				Contributions::<T>::insert(id, contribution);
				Self::deposit_event(Event::ContributionAccepted {
					contribution: id,
					datanet,
					weight,
					leaf_index,
				});
			}
			Review::Reject => {
				T::Currency::release(
					&reason,
					&contribution.owner,
					contribution.deposit,
					Precision::Exact,
				)?;
				ContributionByHash::<T>::remove(contribution.content_hash);
				contribution.status = ContributionStatus::Rejected;
				contribution.deposit = Zero::zero();
				Contributions::<T>::insert(id, contribution);
				Self::deposit_event(Event::ContributionRejected { contribution: id, datanet });
			}
			Review::Malicious => {
				let slashed = T::Currency::transfer_on_hold(
					&reason,
					&contribution.owner,
					&T::TreasuryAccount::get(),
					contribution.deposit,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Force,
				)?;
				contribution.status = ContributionStatus::Rejected;
				contribution.deposit = Zero::zero();
				Contributions::<T>::insert(id, contribution);
				Self::deposit_event(Event::ContributionFlaggedMalicious {
					contribution: id,
					datanet,
					slashed,
				});
			}
		}
		Ok(())
	}

	pub(crate) fn do_withdraw(who: T::AccountId, id: ContributionId) -> DispatchResult {
		let mut contribution =
			Contributions::<T>::get(id).ok_or(Error::<T>::UnknownContribution)?;
		ensure!(contribution.owner == who, Error::<T>::NotContributionOwner);
		let datanet = contribution.datanet;
		match contribution.status {
			ContributionStatus::Pending => {}
			ContributionStatus::Accepted => {
				let mut record = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
				record.accepted = record.accepted.checked_sub(1).ok_or(Error::<T>::Overflow)?;
				record.accepted_weight = record
					.accepted_weight
					.checked_sub(contribution.weight.into())
					.ok_or(Error::<T>::Overflow)?;
				// It stays in the versions already published, and in no later one.
				contribution.last_version = Some(record.latest_version);
				if let Some(leaf_index) = contribution.leaf_index {
					Self::set_leaf(datanet, leaf_index, sp_core::H256::zero());
				}
				Datanets::<T>::insert(datanet, record);
			}
			ContributionStatus::Rejected | ContributionStatus::Withdrawn => {
				return Err(Error::<T>::NotWithdrawable.into())
			}
		}
		T::Currency::release(
			&HoldReason::ContributionDeposit.into(),
			&who,
			contribution.deposit,
			Precision::Exact,
		)?;
		contribution.deposit = Zero::zero();
		contribution.status = ContributionStatus::Withdrawn;
		Contributions::<T>::insert(id, contribution);
		Self::deposit_event(Event::ContributionWithdrawn { contribution: id, datanet });
		Ok(())
	}

	/// Publishes the next version of `datanet`; returns its number.
	pub fn do_publish_version(
		who: T::AccountId,
		datanet: DatanetId,
	) -> Result<DatanetVersion, DispatchError> {
		let mut record = Self::ensure_curator(&who, datanet)?;
		ensure!(record.accepted > 0, Error::<T>::EmptyVersion);
		ensure!(record.latest_version < T::MaxVersions::get(), Error::<T>::TooManyVersions);
		let version = record.latest_version.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let root = Self::current_root(datanet);
		Versions::<T>::insert(
			datanet,
			version,
			Version {
				root,
				contribution_count: record.accepted,
				total_weight: record.accepted_weight,
				published_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		record.latest_version = version;
		let (contribution_count, total_weight) = (record.accepted, record.accepted_weight);
		Datanets::<T>::insert(datanet, record);
		Self::deposit_event(Event::VersionPublished {
			datanet,
			version,
			root,
			contribution_count,
			total_weight,
		});
		Ok(version)
	}

	/// Whether contribution `id` with `weight` is the leaf at `leaf_index` of version
	/// `version` of `datanet`, given the sibling path `proof`.
	pub fn verify_membership(
		datanet: DatanetId,
		version: DatanetVersion,
		id: ContributionId,
		weight: ContributionWeight,
		leaf_index: u64,
		proof: &[sp_core::H256],
	) -> bool {
		Versions::<T>::get(datanet, version)
			.is_some_and(|v| merkle::verify_contribution(&v.root, leaf_index, id, weight, proof))
	}

	/// Checks the pallet's invariants.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungible::InspectHold;

		// Every hash index entry points at a contribution with that hash.
		for (hash, id) in ContributionByHash::<T>::iter() {
			let c = Contributions::<T>::get(id).ok_or("hash index points at nothing")?;
			ensure!(c.content_hash == hash, "hash index points at another hash");
		}
		// Per-datanet totals and per-account deposits match the contributions.
		let mut accepted: BTreeMap<DatanetId, (u64, u128)> = BTreeMap::new();
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, c) in Contributions::<T>::iter() {
			ensure!(id < NextContributionId::<T>::get(), "contribution id from the future");
			ensure!(ContributionsByOwner::<T>::contains_key(&c.owner, id), "owner index missing");
			let live =
				matches!(c.status, ContributionStatus::Pending | ContributionStatus::Accepted);
			ensure!(live || c.deposit.is_zero(), "a finished contribution still has a deposit");
			if live {
				ensure!(
					ContributionByHash::<T>::get(c.content_hash) == Some(id),
					"hash not indexed"
				);
			}
			if c.status == ContributionStatus::Accepted {
				let entry = accepted.entry(c.datanet).or_default();
				entry.0 = entry.0.saturating_add(1);
				entry.1 = entry.1.saturating_add(c.weight.into());
			}
			let total = held.entry(c.owner.clone()).or_default();
			*total = total.saturating_add(c.deposit);
		}
		let mut curator_held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (datanet, d) in Datanets::<T>::iter() {
			ensure!(datanet < NextDatanetId::<T>::get(), "datanet id from the future");
			let (count, weight) = accepted.get(&datanet).copied().unwrap_or_default();
			ensure!(d.accepted == count && d.accepted_weight == weight, "datanet totals drifted");
			ensure!(d.latest_version <= T::MaxVersions::get(), "too many versions");
			// Versions are numbered 1..=latest with no gap and nothing after.
			for version in 1..=d.latest_version {
				ensure!(Versions::<T>::contains_key(datanet, version), "version gap");
			}
			ensure!(
				!Versions::<T>::contains_key(datanet, d.latest_version.saturating_add(1)),
				"version past the latest"
			);
			let total = curator_held.entry(d.curator.clone()).or_default();
			*total = total.saturating_add(d.deposit);
		}
		for (who, amount) in held {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ContributionDeposit.into(), &who)
					== amount,
				"contribution deposits held differ from those recorded"
			);
		}
		for (who, amount) in curator_held {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::DatanetDeposit.into(), &who) == amount,
				"datanet deposits held differ from those recorded"
			);
		}
		Ok(())
	}
}
