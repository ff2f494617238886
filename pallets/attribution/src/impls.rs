//! Attestors, training attribution, paid inference records and their indexes.

use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*, traits::fungible::MutateHold};
use sp_core::H256;
use sp_runtime::{traits::Saturating, Perbill};
use tributary_primitives::{
	weights_sum_to_one, ContributionId, ContributionStatus, DatanetId, DatanetsInspect,
	InferenceId, LicensedUse, ModelId, ModelStatus, ModelVersion, ModelsInspect, RevenueHandler,
	TrainingInfluence,
};

use crate::*;

/// Whether some entry has weight zero.
fn has_zero_weight<K>(entries: &[(K, Perbill)]) -> bool {
	entries.iter().any(|(_, weight)| weight.is_zero())
}

/// Whether some key appears twice.
fn has_duplicates<K: PartialEq>(entries: &[(K, Perbill)]) -> bool {
	entries
		.iter()
		.enumerate()
		.any(|(i, (key, _))| entries.iter().take(i).any(|(earlier, _)| earlier == key))
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_record_training(
		who: T::AccountId,
		model: ModelId,
		version: ModelVersion,
		influences: InfluencesOf<T>,
		contributions_root: Option<H256>,
		method: AttributionMethod,
	) -> DispatchResult {
		let owner = T::Models::owner(model).ok_or(Error::<T>::UnknownModel)?;
		let by_attestor = owner != who;
		if by_attestor {
			Self::ensure_named_attestor(&who, model, &owner)?;
		}
		let view = T::Models::payment_view(model, version).ok_or(Error::<T>::UnknownVersion)?;
		ensure!(!TrainingRecords::<T>::contains_key(model, version), Error::<T>::AlreadyRecorded);
		ensure!(!has_duplicates(&influences), Error::<T>::DuplicateEntry);
		ensure!(!has_zero_weight(&influences), Error::<T>::ZeroWeight);
		ensure!(weights_sum_to_one(&influences), Error::<T>::WeightsDoNotSumToOne);
		for (datanet, _) in influences.iter() {
			ensure!(
				view.training_data.iter().any(|(d, _)| d == datanet),
				Error::<T>::NotTrainingDatanet
			);
		}
		T::Models::ensure_licensed(model, version, LicensedUse::TrainingRecord)?;
		let deposit = T::RecordDeposit::get();
		T::Currency::hold(&HoldReason::RecordDeposit.into(), &who, deposit)?;
		let now = frame_system::Pallet::<T>::block_number();
		if by_attestor {
			Self::note_signed(&who, now.saturating_add(T::DisputePeriod::get()));
		}
		TrainingRecords::<T>::insert(
			model,
			version,
			TrainingRecord {
				submitter: who.clone(),
				influences: influences.clone(),
				contributions_root,
				method,
				recorded_at: now,
				deposit,
				disputed: false,
				by_attestor,
			},
		);
		Self::deposit_event(Event::TrainingAttributed {
			model,
			version,
			submitter: who,
			influences,
			contributions_root,
			method,
		});
		Ok(())
	}

	/// Checks one attributed contribution against the trained datanet versions.
	fn check_attribution(
		id: ContributionId,
		training_data: &[(DatanetId, tributary_primitives::DatanetVersion)],
	) -> DispatchResult {
		let c = T::Datanets::contribution(id).ok_or(Error::<T>::UnknownContribution)?;
		match c.status {
			ContributionStatus::Accepted => {}
			ContributionStatus::Withdrawn => return Err(Error::<T>::ContributionWithdrawn.into()),
			ContributionStatus::Flagged => return Err(Error::<T>::ContributionFlagged.into()),
			ContributionStatus::Pending | ContributionStatus::Rejected => {
				return Err(Error::<T>::ContributionNotAccepted.into())
			}
		}
		ensure!(
			training_data.iter().any(|(d, v)| *d == c.datanet && c.in_version(*v)),
			Error::<T>::NotInTrainingData
		);
		Ok(())
	}

	/// Everything `pay_inference` checks before it moves money, and nothing else: the one
	/// validation behind both `pay_inference` and the `preview_split` runtime API, so both
	/// refuse the same input with the same error. Reads state, writes nothing.
	///
	/// In this order: the model exists (`UnknownModel`), the version exists
	/// (`UnknownVersion`), the model is active (`ModelNotActive`), `operator` operates it
	/// (`NotOperator`; skipped when `None`, as the preview names no operator), `fee` is at
	/// least the price (`FeeBelowPrice`) and not zero (`ZeroFee`), at most
	/// `MaxAttributionsPerInference` attributions (`TooManyAttributions`), none listed twice
	/// (`DuplicateEntry`), none of weight zero (`ZeroWeight`), weights (when any) summing
	/// to exactly 100% (`WeightsDoNotSumToOne`), each contribution existing, accepted and in
	/// a trained datanet version (`UnknownContribution`, `ContributionNotAccepted`,
	/// `ContributionWithdrawn`, `ContributionFlagged`, `NotInTrainingData`), and last the
	/// licences of every datanet drawn on for paid inference (the model registry's error).
	///
	/// O(A²) in the attributions plus the licence check.
	pub fn validate_inference(
		model: ModelId,
		version: ModelVersion,
		operator: Option<&T::AccountId>,
		fee: Balance,
		attributions: &[(ContributionId, Perbill)],
	) -> DispatchResult {
		ensure!(T::Models::owner(model).is_some(), Error::<T>::UnknownModel);
		let view = T::Models::payment_view(model, version).ok_or(Error::<T>::UnknownVersion)?;
		ensure!(view.status == ModelStatus::Active, Error::<T>::ModelNotActive);
		if let Some(operator) = operator {
			ensure!(T::Models::is_operator(model, operator), Error::<T>::NotOperator);
		}
		ensure!(fee >= view.price, Error::<T>::FeeBelowPrice);
		ensure!(fee > 0, Error::<T>::ZeroFee);
		ensure!(
			attributions.len() <= T::MaxAttributionsPerInference::get() as usize,
			Error::<T>::TooManyAttributions
		);
		ensure!(!has_duplicates(attributions), Error::<T>::DuplicateEntry);
		ensure!(!has_zero_weight(attributions), Error::<T>::ZeroWeight);
		ensure!(
			attributions.is_empty() || weights_sum_to_one(attributions),
			Error::<T>::WeightsDoNotSumToOne
		);
		for (id, _) in attributions.iter() {
			Self::check_attribution(*id, &view.training_data)?;
		}
		T::Models::ensure_licensed(model, version, LicensedUse::PaidInference)
	}

	/// Pays for and records an inference; returns its id.
	pub fn do_pay_inference(
		payer: T::AccountId,
		model: ModelId,
		version: ModelVersion,
		operator: T::AccountId,
		fee: Balance,
		io_hash: H256,
		attributions: AttributionsOf<T>,
	) -> Result<InferenceId, DispatchError> {
		Self::validate_inference(model, version, Some(&operator), fee, &attributions)?;

		let inference = NextInferenceId::<T>::get();
		let next = inference.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::RecordDeposit::get();
		T::Currency::hold(&HoldReason::RecordDeposit.into(), &payer, deposit)?;
		T::Revenue::pay(inference, &payer, model, version, &operator, fee, &attributions)?;

		// Positional indexes: the next position is the current count.
		for (id, _) in attributions.iter() {
			let position = ContributionUsageCount::<T>::get(id);
			ContributionUsage::<T>::insert(id, position, inference);
			ContributionUsageCount::<T>::insert(
				id,
				position.checked_add(1).ok_or(Error::<T>::Overflow)?,
			);
		}
		let position = ModelInferenceCount::<T>::get(model);
		ModelInferences::<T>::insert(model, position, inference);
		ModelInferenceCount::<T>::insert(
			model,
			position.checked_add(1).ok_or(Error::<T>::Overflow)?,
		);
		let position = PayerInferenceCount::<T>::get(&payer);
		PayerInferences::<T>::insert(&payer, position, inference);
		PayerInferenceCount::<T>::insert(
			&payer,
			position.checked_add(1).ok_or(Error::<T>::Overflow)?,
		);
		let count = attributions.len() as u32;
		Inferences::<T>::insert(
			inference,
			InferenceRecord {
				model,
				version,
				payer: payer.clone(),
				operator: operator.clone(),
				fee,
				io_hash,
				attributions,
				recorded_at: frame_system::Pallet::<T>::block_number(),
				deposit,
				disputed: false,
			},
		);
		NextInferenceId::<T>::put(next);
		Self::deposit_event(Event::InferenceRecorded {
			inference,
			model,
			version,
			payer,
			operator,
			fee,
			attributions: count,
		});
		Ok(inference)
	}

	/// Reads positions `start .. start + limit` (limit capped at `MaxPageSize`) of a
	/// positional index of length `total`. Returns the page and the total.
	fn page(
		total: u32,
		start: u32,
		limit: u32,
		read: impl Fn(u32) -> Option<InferenceId>,
	) -> (Vec<InferenceId>, u32) {
		let end = start.saturating_add(limit.min(T::MaxPageSize::get())).min(total);
		((start..end).filter_map(read).collect(), total)
	}

	/// The inferences that attributed `contribution`, a page at a time, and how many there
	/// are in all.
	pub fn usage_of(
		contribution: ContributionId,
		start: u32,
		limit: u32,
	) -> (Vec<InferenceId>, u32) {
		Self::page(ContributionUsageCount::<T>::get(contribution), start, limit, |i| {
			ContributionUsage::<T>::get(contribution, i)
		})
	}

	/// The inferences of `model`, a page at a time, and how many there are in all.
	pub fn inferences_of_model(model: ModelId, start: u32, limit: u32) -> (Vec<InferenceId>, u32) {
		Self::page(ModelInferenceCount::<T>::get(model), start, limit, |i| {
			ModelInferences::<T>::get(model, i)
		})
	}

	/// The inferences `payer` paid for, a page at a time, and how many there are in all.
	pub fn inferences_of_payer(
		payer: &T::AccountId,
		start: u32,
		limit: u32,
	) -> (Vec<InferenceId>, u32) {
		Self::page(PayerInferenceCount::<T>::get(payer), start, limit, |i| {
			PayerInferences::<T>::get(payer, i)
		})
	}

	/// Checks the pallet's invariants: indexes consistent with records, weights summing to
	/// 100%, held bonds and deposits matching the recorded ones.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::{fungible::InspectHold, Contains};

		let mut usage: BTreeMap<ContributionId, u32> = BTreeMap::new();
		let mut per_model: BTreeMap<ModelId, u32> = BTreeMap::new();
		let mut deposits: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		for (id, record) in Inferences::<T>::iter() {
			ensure!(id < NextInferenceId::<T>::get(), "inference id from the future");
			ensure!(
				record.attributions.is_empty() || weights_sum_to_one(&record.attributions),
				"inference weights do not sum to 100%"
			);
			ensure!(!has_zero_weight(&record.attributions), "attribution of weight zero");
			for (c, _) in record.attributions.iter() {
				*usage.entry(*c).or_default() =
					usage.get(c).copied().unwrap_or_default().saturating_add(1);
			}
			*per_model.entry(record.model).or_default() =
				per_model.get(&record.model).copied().unwrap_or_default().saturating_add(1);
			let held = deposits.entry(record.payer.clone()).or_default();
			*held = held.saturating_add(record.deposit);
		}
		for (c, count) in usage {
			ensure!(ContributionUsageCount::<T>::get(c) == count, "usage count drifted");
			for i in 0..count {
				let inference = ContributionUsage::<T>::get(c, i).ok_or("usage index gap")?;
				let record = Inferences::<T>::get(inference).ok_or("usage points at nothing")?;
				ensure!(
					record.attributions.iter().any(|(x, _)| *x == c),
					"usage of a non-attribution"
				);
			}
		}
		for (m, count) in per_model {
			ensure!(ModelInferenceCount::<T>::get(m) == count, "model index drifted");
		}
		let now = frame_system::Pallet::<T>::block_number();
		for (_, _, record) in TrainingRecords::<T>::iter() {
			ensure!(weights_sum_to_one(&record.influences), "training weights do not sum to 100%");
			ensure!(!has_zero_weight(&record.influences), "training influence of weight zero");
			let held = deposits.entry(record.submitter.clone()).or_default();
			*held = held.saturating_add(record.deposit);
			// An attestor answers for its record until the record's window closes.
			let window_end = record.recorded_at.saturating_add(T::DisputePeriod::get());
			if record.by_attestor && now <= window_end {
				let seat = Attestors::<T>::get(&record.submitter)
					.ok_or("an attestor left while a record it signed can be challenged")?;
				ensure!(seat.accountable_until >= window_end, "attestor accountability too short");
			}
		}
		for (who, amount) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::RecordDeposit.into(), &who) == amount,
				"record deposits held differ from those recorded"
			);
		}
		let mut bonds: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		let mut against: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (id, dispute) in Disputes::<T>::iter() {
			ensure!(OpenDisputeOf::<T>::get(dispute.target) == Some(id), "dispute index drifted");
			let held = bonds.entry(dispute.challenger.clone()).or_default();
			*held = held.saturating_add(dispute.bond);
			if let DisputeTarget::Training(model, version) = dispute.target {
				let record =
					TrainingRecords::<T>::get(model, version).ok_or("dispute of no record")?;
				if record.by_attestor {
					ensure!(
						Attestors::<T>::contains_key(&record.submitter),
						"an attestor left while a dispute against its record is open"
					);
					let open = against.entry(record.submitter).or_default();
					*open = open.saturating_add(1);
				}
			}
		}
		for (who, seat) in Attestors::<T>::iter() {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::AttestorBond.into(), &who) == seat.bond,
				"attestor bond held differs"
			);
			ensure!(
				seat.open_disputes == against.get(&who).copied().unwrap_or_default(),
				"open disputes of an attestor drifted"
			);
			ensure!(!ApprovedAttestors::<T>::contains_key(&who), "an attestor is also approved");
			ensure!(!T::ProtectedAccounts::contains(&who), "a protected account holds a seat");
		}
		for (who, ()) in ApprovedAttestors::<T>::iter() {
			ensure!(!T::ProtectedAccounts::contains(&who), "a protected account is approved");
		}
		// Every stored value decodes (iteration skips those that do not, so count the keys).
		ensure!(
			Attestors::<T>::iter_keys().count() == Attestors::<T>::iter_values().count(),
			"an attestor seat does not decode"
		);
		ensure!(
			ModelAttestors::<T>::iter_keys().count() == ModelAttestors::<T>::iter_values().count(),
			"a list of named attestors does not decode"
		);
		ensure!(
			TrainingRecords::<T>::iter_keys().count()
				== TrainingRecords::<T>::iter_values().count(),
			"a training record does not decode"
		);
		for (_, list) in ModelAttestors::<T>::iter() {
			let named = &list.attestors;
			ensure!(!named.is_empty(), "an empty list of named attestors is stored");
			ensure!(
				named.iter().enumerate().all(|(i, a)| !named.iter().take(i).any(|b| b == a)),
				"an attestor is named twice for a model"
			);
		}
		for (who, amount) in bonds {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ChallengeBond.into(), &who) == amount,
				"challenge bonds held differ"
			);
		}
		Ok(())
	}
}

impl<T: Config> TrainingInfluence for Pallet<T> {
	/// The recorded influence, unless a dispute found it false (then pools split equally).
	fn training_influence(
		model: ModelId,
		version: ModelVersion,
	) -> Option<Vec<(DatanetId, Perbill)>> {
		TrainingRecords::<T>::get(model, version)
			.filter(|record| !record.disputed)
			.map(|record| record.influences.into_inner())
	}
}
