//! The rules of the dataset registry, behind the thin dispatchables in `lib.rs`.

use codec::Compact;
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
	DispatchResult, SaturatedConversion,
};
use tributary_primitives::{
	merkle, transfer, ContentHash, ContributionId, ContributionStatus, ContributionWeight,
	DatanetId, DatanetVersion, LicenseTerms, OnContributionFlagged,
};

use crate::*;

impl<T: Config> Pallet<T> {
	/// The deposit for a record that stores `bytes` bytes: `DepositBase + bytes × DepositPerByte`.
	pub fn deposit_for(bytes: usize) -> BalanceOf<T> {
		tributary_primitives::record_deposit(T::DepositBase::get(), T::DepositPerByte::get(), bytes)
	}

	/// The weight part of a contribution's deposit: `DepositPerWeight × weight` (saturating).
	pub fn weight_deposit(weight: ContributionWeight) -> BalanceOf<T> {
		T::DepositPerWeight::get().saturating_mul(weight.saturated_into())
	}

	/// The deposit of a contribution whose submitted record stores `bytes` bytes and whose
	/// weight is `weight`: `deposit_for(bytes) + weight_deposit(weight)` (saturating).
	pub fn contribution_deposit(bytes: usize, weight: ContributionWeight) -> BalanceOf<T> {
		Self::deposit_for(bytes).saturating_add(Self::weight_deposit(weight))
	}

	/// The default weight of a contribution of `size` bytes: one unit per KiB, clamped to
	/// `1 ..= MaxContributionWeight`.
	pub fn default_weight(size: u64) -> ContributionWeight {
		size.div_ceil(1024).clamp(1, T::MaxContributionWeight::get().max(1))
	}

	/// The datanet, if `who` curates it.
	fn ensure_curator(
		who: &T::AccountId,
		datanet: DatanetId,
	) -> Result<DatanetOf<T>, DispatchError> {
		let record = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
		ensure!(&record.curator == who, Error::<T>::NotCurator);
		Ok(record)
	}

	/// The datanet, if `who` curates it and it is not retired.
	fn ensure_live_curator(
		who: &T::AccountId,
		datanet: DatanetId,
	) -> Result<DatanetOf<T>, DispatchError> {
		let record = Self::ensure_curator(who, datanet)?;
		ensure!(record.status != DatanetStatus::Retired, Error::<T>::DatanetIsRetired);
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
		let mut record = Self::ensure_live_curator(&who, datanet)?;
		if let Some(uri) = metadata_uri {
			record.metadata_uri = uri;
		}
		if let Some((terms, legal_text_uri)) = license {
			record.license = terms;
			record.legal_text_uri = legal_text_uri;
		}
		let needed = Self::deposit_for(record.encoded_size());
		Self::rehold(&HoldReason::DatanetDeposit.into(), &who, &mut record.deposit, needed)?;
		Datanets::<T>::insert(datanet, record);
		Self::deposit_event(Event::DatanetUpdated { datanet });
		Ok(())
	}

	/// Adjusts the deposit `who` holds for a record from `*deposit` to `needed`, holding
	/// the difference or releasing it.
	fn rehold(
		reason: &T::RuntimeHoldReason,
		who: &T::AccountId,
		deposit: &mut BalanceOf<T>,
		needed: BalanceOf<T>,
	) -> DispatchResult {
		if needed > *deposit {
			T::Currency::hold(reason, who, needed.saturating_sub(*deposit))?;
		} else if needed < *deposit {
			T::Currency::release(reason, who, deposit.saturating_sub(needed), Precision::Exact)?;
		}
		*deposit = needed;
		Ok(())
	}

	pub(crate) fn do_offer_curatorship(
		who: T::AccountId,
		datanet: DatanetId,
		to: T::AccountId,
	) -> DispatchResult {
		Self::ensure_live_curator(&who, datanet)?;
		transfer::ensure_offerable::<_, T::ProtectedAccounts>(&who, &to)
			.map_err(Error::<T>::from)?;
		let replaced = CuratorshipOffers::<T>::mutate(datanet, |offer| offer.replace(to.clone()));
		Self::deposit_event(Event::CuratorshipOffered { datanet, from: who, to, replaced });
		Ok(())
	}

	pub(crate) fn do_cancel_curatorship_offer(
		who: T::AccountId,
		datanet: DatanetId,
	) -> DispatchResult {
		Self::ensure_curator(&who, datanet)?;
		let to = CuratorshipOffers::<T>::take(datanet).ok_or(Error::<T>::NoCuratorshipOffer)?;
		Self::deposit_event(Event::CuratorshipOfferCancelled { datanet, to });
		Ok(())
	}

	pub(crate) fn do_accept_curatorship(
		who: T::AccountId,
		datanet: DatanetId,
		max_deposit: BalanceOf<T>,
	) -> DispatchResult {
		let mut record = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
		// The signer pays its own deposit; only then is the old curator's released.
		let (from, deposit) = transfer::accept::<_, T::Currency, _>(
			&HoldReason::DatanetDeposit.into(),
			&mut record,
			CuratorshipOffers::<T>::get(datanet),
			&who,
			max_deposit,
		)
		.map_err(transfer::AcceptError::into_dispatch::<Error<T>>)?;
		CuratorshipOffers::<T>::remove(datanet);
		Datanets::<T>::insert(datanet, record);
		Self::deposit_event(Event::CuratorshipTransferred { datanet, from, to: who, deposit });
		Ok(())
	}

	/// Removes `datanet`'s open curatorship offer, if any, and says so.
	fn clear_offer(datanet: DatanetId) {
		if let Some(to) = CuratorshipOffers::<T>::take(datanet) {
			Self::deposit_event(Event::CuratorshipOfferCancelled { datanet, to });
		}
	}

	pub(crate) fn do_close_datanet(who: T::AccountId, datanet: DatanetId) -> DispatchResult {
		let mut record = Self::ensure_curator(&who, datanet)?;
		ensure!(record.status == DatanetStatus::Open, Error::<T>::AlreadyClosed);
		record.status = DatanetStatus::Closed;
		Datanets::<T>::insert(datanet, record);
		Self::clear_offer(datanet);
		Self::deposit_event(Event::DatanetClosed { datanet });
		Ok(())
	}

	pub(crate) fn do_retire_datanet(who: T::AccountId, datanet: DatanetId) -> DispatchResult {
		let mut record = Self::ensure_live_curator(&who, datanet)?;
		ensure!(record.status == DatanetStatus::Closed, Error::<T>::NotClosed);
		ensure!(
			record.accepted == 0 && Self::pending_count(datanet) == 0,
			Error::<T>::ContributionsRemain
		);
		ensure!(Self::model_uses(datanet) == 0, Error::<T>::InUseByModels);
		let released = core::mem::replace(&mut record.deposit, Zero::zero());
		T::Currency::release(&HoldReason::DatanetDeposit.into(), &who, released, Precision::Exact)?;
		record.status = DatanetStatus::Retired;
		Datanets::<T>::insert(datanet, record);
		Self::clear_offer(datanet);
		Self::deposit_event(Event::DatanetRetired { datanet, curator: who, released });
		Ok(())
	}

	/// How many contributions of `datanet` wait for review.
	pub fn pending_count(datanet: DatanetId) -> u64 {
		PendingContributions::<T>::get(datanet).unwrap_or_default()
	}

	/// How many model versions are trained on `datanet`.
	pub fn model_uses(datanet: DatanetId) -> u32 {
		ModelUses::<T>::get(datanet).unwrap_or_default()
	}

	/// One more contribution of `datanet` waits for review.
	fn note_pending(datanet: DatanetId) -> DispatchResult {
		PendingContributions::<T>::try_mutate(datanet, |count| {
			*count = Some(count.unwrap_or_default().checked_add(1).ok_or(Error::<T>::Overflow)?);
			Ok(())
		})
	}

	/// One contribution of `datanet` no longer waits for review.
	fn note_reviewed(datanet: DatanetId) -> DispatchResult {
		PendingContributions::<T>::try_mutate_exists(datanet, |count| {
			let left = count.unwrap_or_default().checked_sub(1).ok_or(Error::<T>::Overflow)?;
			*count = (left > 0).then_some(left);
			Ok(())
		})
	}

	/// Checks that `owner` may register `content_hash`: it is new to the chain, or `owner`
	/// registered it before and it was rejected.
	fn ensure_registrable(owner: &T::AccountId, content_hash: &ContentHash) -> DispatchResult {
		let Some(Compact(prior)) = ContributionByHash::<T>::get(content_hash) else {
			return Ok(());
		};
		let prior = Contributions::<T>::get(prior).ok_or(Error::<T>::DuplicateContent)?;
		match prior.status {
			ContributionStatus::Rejected => {
				ensure!(&prior.owner == owner, Error::<T>::ContentOwnedByAnother);
				Ok(())
			}
			ContributionStatus::Flagged => Err(Error::<T>::ContentFlagged.into()),
			ContributionStatus::Pending
			| ContributionStatus::Accepted
			| ContributionStatus::Withdrawn => Err(Error::<T>::DuplicateContent.into()),
		}
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
		ensure!(record.status != DatanetStatus::Retired, Error::<T>::DatanetIsRetired);
		ensure!(record.status == DatanetStatus::Open, Error::<T>::DatanetNotOpen);
		ensure!(size > 0, Error::<T>::ZeroSize);
		Self::ensure_registrable(&owner, &content_hash)?;
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
		let deposit = Self::contribution_deposit(contribution.deposit_bytes(), contribution.weight);
		T::Currency::hold(&HoldReason::ContributionDeposit.into(), &owner, deposit)?;
		contribution.deposit = deposit;
		let open = record.policy == ContributionPolicy::Open;
		if open {
			let weight = contribution.weight;
			Self::accept_into(&mut record, id, &mut contribution, weight)?;
		} else {
			Self::note_pending(datanet)?;
		}

		Datanets::<T>::insert(datanet, &record);
		// New, or re-registered by the owner of a rejected contribution: the index moves on.
		ContributionByHash::<T>::insert(content_hash, Compact(id));
		ContributionsByOwner::<T>::insert(&owner, id, ());
		NextContributionId::<T>::put(next_id);
		let accepted = open.then(|| {
			(contribution.weight, contribution.leaf_index.map(u64::from).unwrap_or_default())
		});
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
				deposit,
			});
		}
		Ok(id)
	}

	/// Checks that a contribution of `weight` can join `record`'s datanet.
	fn ensure_acceptable(record: &DatanetOf<T>, weight: ContributionWeight) -> DispatchResult {
		ensure!(
			weight >= 1 && weight <= T::MaxContributionWeight::get(),
			Error::<T>::InvalidWeight
		);
		ensure!(record.leaves >> merkle::DEPTH == 0, Error::<T>::DatanetFull);
		Ok(())
	}

	/// Makes `contribution` an accepted member of `record`'s datanet with `weight`: a Merkle
	/// leaf, counted in the totals, part of every version from the next one.
	fn accept_into(
		record: &mut DatanetOf<T>,
		id: ContributionId,
		contribution: &mut ContributionOf<T>,
		weight: ContributionWeight,
	) -> DispatchResult {
		Self::ensure_acceptable(record, weight)?;
		let leaf_index = record.leaves;
		record.leaves = leaf_index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		record.accepted = record.accepted.checked_add(1).ok_or(Error::<T>::Overflow)?;
		record.accepted_weight =
			record.accepted_weight.checked_add(weight.into()).ok_or(Error::<T>::Overflow)?;
		let first_version = record.latest_version.checked_add(1).ok_or(Error::<T>::Overflow)?;

		contribution.weight = weight;
		contribution.status = ContributionStatus::Accepted;
		contribution.leaf_index = Some(Compact(leaf_index));
		contribution.first_version = Some(Compact(first_version));
		Self::set_leaf(contribution.datanet, leaf_index, merkle::leaf_hash(id, weight));
		Ok(())
	}

	/// Takes an accepted `contribution` out of `record`'s datanet, as a withdrawal or a
	/// flag does: its leaf is emptied and it leaves the totals. It stays in the versions
	/// already published and is in no later one.
	fn remove_accepted(
		record: &mut DatanetOf<T>,
		contribution: &mut ContributionOf<T>,
	) -> DispatchResult {
		record.accepted = record.accepted.checked_sub(1).ok_or(Error::<T>::Overflow)?;
		record.accepted_weight = record
			.accepted_weight
			.checked_sub(contribution.weight.into())
			.ok_or(Error::<T>::Overflow)?;
		contribution.last_version = Some(Compact(record.latest_version));
		if let Some(Compact(leaf_index)) = contribution.leaf_index {
			Self::set_leaf(contribution.datanet, leaf_index, sp_core::H256::zero());
		}
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
				let weight = quality_weight.unwrap_or(contribution.weight);
				Self::ensure_acceptable(&record, weight)?;
				// The owner paid for the declared weight and signed for nothing more: the
				// curator may lower it, never raise it.
				ensure!(weight <= contribution.weight, Error::<T>::WeightAboveDeclared);
				// The deposit follows the accepted weight down (the excess is released); the
				// record is still in its submitted shape, so its byte part is unchanged.
				// Capped at what is held: a deposit rate raised by an upgrade while it was
				// pending must not hold more either.
				let needed = Self::contribution_deposit(contribution.deposit_bytes(), weight)
					.min(contribution.deposit);
				let owner = contribution.owner.clone();
				Self::rehold(&reason, &owner, &mut contribution.deposit, needed)?;
				Self::accept_into(&mut record, id, &mut contribution, weight)?;
				Self::note_reviewed(datanet)?;
				Datanets::<T>::insert(datanet, record);
				let (leaf_index, deposit) = (
					contribution.leaf_index.map(u64::from).unwrap_or_default(),
					contribution.deposit,
				);
				Contributions::<T>::insert(id, contribution);
				Self::deposit_event(Event::ContributionAccepted {
					contribution: id,
					datanet,
					weight,
					leaf_index,
					deposit,
				});
			}
			Review::Reject => {
				T::Currency::release(
					&reason,
					&contribution.owner,
					contribution.deposit,
					Precision::Exact,
				)?;
				Self::note_reviewed(datanet)?;
				// The hash stays bound to the owner (`ContributionByHash` keeps pointing here):
				// only the owner may register it again.
				contribution.status = ContributionStatus::Rejected;
				contribution.deposit = Zero::zero();
				Contributions::<T>::insert(id, contribution);
				Self::deposit_event(Event::ContributionRejected { contribution: id, datanet });
			}
		}
		Ok(())
	}

	pub(crate) fn do_flag(who: T::AccountId, id: ContributionId) -> DispatchResult {
		let mut contribution =
			Contributions::<T>::get(id).ok_or(Error::<T>::UnknownContribution)?;
		let datanet = contribution.datanet;
		let mut record = Self::ensure_curator(&who, datanet)?;
		let was_accepted = match contribution.status {
			ContributionStatus::Pending => {
				Self::note_reviewed(datanet)?;
				false
			}
			ContributionStatus::Accepted => {
				// Settle what it earned until now, before anything changes.
				T::OnFlagged::contribution_flagged(id, &contribution.owner);
				Self::remove_accepted(&mut record, &mut contribution)?;
				Datanets::<T>::insert(datanet, record);
				true
			}
			ContributionStatus::Rejected
			| ContributionStatus::Withdrawn
			| ContributionStatus::Flagged => return Err(Error::<T>::NotFlaggable.into()),
		};
		let slashed = T::Currency::transfer_on_hold(
			&HoldReason::ContributionDeposit.into(),
			&contribution.owner,
			&T::TreasuryAccount::get(),
			contribution.deposit,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force,
		)?;
		// The hash stays bound here: blocked for everyone.
		contribution.status = ContributionStatus::Flagged;
		contribution.deposit = Zero::zero();
		Contributions::<T>::insert(id, contribution);
		Self::deposit_event(Event::ContributionFlaggedMalicious {
			contribution: id,
			datanet,
			slashed,
			was_accepted,
		});
		Ok(())
	}

	pub(crate) fn do_withdraw(who: T::AccountId, id: ContributionId) -> DispatchResult {
		let mut contribution =
			Contributions::<T>::get(id).ok_or(Error::<T>::UnknownContribution)?;
		ensure!(contribution.owner == who, Error::<T>::NotContributionOwner);
		let datanet = contribution.datanet;
		match contribution.status {
			ContributionStatus::Pending => Self::note_reviewed(datanet)?,
			ContributionStatus::Accepted => {
				let mut record = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
				// It stops earning here, as its deposit (the price of its weight) comes back:
				// what it earned until now is settled to its owner, and nothing after.
				T::OnFlagged::contribution_flagged(id, &contribution.owner);
				Self::remove_accepted(&mut record, &mut contribution)?;
				Datanets::<T>::insert(datanet, record);
			}
			ContributionStatus::Rejected
			| ContributionStatus::Withdrawn
			| ContributionStatus::Flagged => return Err(Error::<T>::NotWithdrawable.into()),
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
		let mut record = Self::ensure_live_curator(&who, datanet)?;
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

	/// One more model version is trained on `datanet` (`DatanetUsage::note_used`).
	pub(crate) fn do_note_used(datanet: DatanetId) -> DispatchResult {
		let record = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
		ensure!(record.status != DatanetStatus::Retired, Error::<T>::DatanetIsRetired);
		ModelUses::<T>::try_mutate(datanet, |uses| {
			*uses = Some(uses.unwrap_or_default().checked_add(1).ok_or(Error::<T>::Overflow)?);
			Ok(())
		})
	}

	/// One model version trained on `datanet` is gone (`DatanetUsage::note_released`);
	/// saturates at zero.
	pub(crate) fn do_note_released(datanet: DatanetId) {
		ModelUses::<T>::mutate_exists(datanet, |uses| {
			let left = uses.unwrap_or_default().saturating_sub(1);
			*uses = (left > 0).then_some(left);
		});
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
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::{fungible::InspectHold, Contains};

		// Every hash index entry points at a contribution with that hash. The keys are
		// hashed (not concatenated), so this is checked from the values: each entry points at
		// a different contribution, whose own hash is indexed at it.
		let mut indexed_ids = alloc::collections::btree_set::BTreeSet::new();
		for Compact(id) in ContributionByHash::<T>::iter_values() {
			ensure!(indexed_ids.insert(id), "two hashes indexed at one contribution");
			let c = Contributions::<T>::get(id).ok_or("hash index points at nothing")?;
			ensure!(
				ContributionByHash::<T>::get(c.content_hash) == Some(Compact(id)),
				"hash index points at another hash"
			);
		}
		// Per-datanet totals and per-account deposits match the contributions.
		let mut accepted: BTreeMap<DatanetId, (u64, u128)> = BTreeMap::new();
		let mut pending: BTreeMap<DatanetId, u64> = BTreeMap::new();
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, c) in Contributions::<T>::iter() {
			ensure!(id < NextContributionId::<T>::get(), "contribution id from the future");
			ensure!(ContributionsByOwner::<T>::contains_key(&c.owner, id), "owner index missing");
			let live =
				matches!(c.status, ContributionStatus::Pending | ContributionStatus::Accepted);
			ensure!(live || c.deposit.is_zero(), "a finished contribution still has a deposit");
			let indexed = ContributionByHash::<T>::get(c.content_hash).map(|Compact(id)| id);
			match c.status {
				// A rejected hash stays bound to its owner: the index points here, or at a
				// later registration of the same hash by the same owner.
				ContributionStatus::Rejected => {
					let bound = indexed
						.and_then(|now| Contributions::<T>::get(now).map(|n| (now, n)))
						.is_some_and(|(now, n)| now >= id && n.owner == c.owner);
					ensure!(bound, "a rejected hash is not bound to its owner");
				}
				// Every other registration keeps the hash: the index points here.
				ContributionStatus::Pending
				| ContributionStatus::Accepted
				| ContributionStatus::Withdrawn
				| ContributionStatus::Flagged => {
					ensure!(indexed == Some(id), "hash not indexed at its registration");
				}
			}
			match c.status {
				ContributionStatus::Accepted => {
					let entry = accepted.entry(c.datanet).or_default();
					entry.0 = entry.0.saturating_add(1);
					entry.1 = entry.1.saturating_add(c.weight.into());
					ensure!(c.leaf_index.is_some(), "accepted without a leaf");
					ensure!(c.last_version.is_none(), "accepted with a last version");
				}
				ContributionStatus::Pending => {
					let entry = pending.entry(c.datanet).or_default();
					*entry = entry.saturating_add(1);
				}
				ContributionStatus::Rejected
				| ContributionStatus::Withdrawn
				| ContributionStatus::Flagged => {}
			}
			let total = held.entry(c.owner.clone()).or_default();
			*total = total.saturating_add(c.deposit);
		}
		let mut curator_held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (datanet, d) in Datanets::<T>::iter() {
			ensure!(datanet < NextDatanetId::<T>::get(), "datanet id from the future");
			let (count, weight) = accepted.get(&datanet).copied().unwrap_or_default();
			ensure!(d.accepted == count && d.accepted_weight == weight, "datanet totals drifted");
			let waiting = pending.get(&datanet).copied().unwrap_or_default();
			ensure!(
				PendingContributions::<T>::get(datanet) == (waiting > 0).then_some(waiting),
				"pending count drifted"
			);
			ensure!(d.latest_version <= T::MaxVersions::get(), "too many versions");
			// Versions are numbered 1..=latest with no gap and nothing after.
			for version in 1..=d.latest_version {
				ensure!(Versions::<T>::contains_key(datanet, version), "version gap");
			}
			ensure!(
				!Versions::<T>::contains_key(datanet, d.latest_version.saturating_add(1)),
				"version past the latest"
			);
			if d.status == DatanetStatus::Retired {
				ensure!(d.deposit.is_zero(), "a retired datanet still has a deposit");
				ensure!(count == 0 && waiting == 0, "a retired datanet has live contributions");
				ensure!(!ModelUses::<T>::contains_key(datanet), "a retired datanet is in use");
				ensure!(
					!CuratorshipOffers::<T>::contains_key(datanet),
					"a retired datanet is on offer"
				);
			}
			let total = curator_held.entry(d.curator.clone()).or_default();
			*total = total.saturating_add(d.deposit);
		}
		for (datanet, to) in CuratorshipOffers::<T>::iter() {
			let d = Datanets::<T>::get(datanet).ok_or("an offer for no datanet")?;
			ensure!(d.curator != to, "a datanet offered to its curator");
			ensure!(
				!T::ProtectedAccounts::contains(&to),
				"a datanet offered to a protected account"
			);
		}
		for (datanet, uses) in ModelUses::<T>::iter() {
			ensure!(Datanets::<T>::contains_key(datanet), "model uses of no datanet");
			ensure!(uses > 0, "a zero model-use count is stored");
		}
		for datanet in PendingContributions::<T>::iter_keys() {
			ensure!(Datanets::<T>::contains_key(datanet), "pending count of no datanet");
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

/// The shared transfer's refusals, named for a datanet's curatorship.
impl<T> From<transfer::Refusal> for Error<T> {
	fn from(refusal: transfer::Refusal) -> Self {
		match refusal {
			transfer::Refusal::AlreadyHolder => Error::AlreadyCurator,
			transfer::Refusal::ProtectedAccount => Error::ProtectedAccount,
			transfer::Refusal::NoOffer => Error::NoCuratorshipOffer,
			transfer::Refusal::NotOffered => Error::NotOfferedCuratorship,
			// Offers never outlive their datanet's retirement; checked again all the same.
			transfer::Refusal::Retired => Error::DatanetIsRetired,
			transfer::Refusal::DepositAboveMax => Error::DepositAboveMax,
		}
	}
}
