//! Attestors, training attribution, paid inference records and their indexes.

use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use sp_core::H256;
use sp_runtime::Perbill;
use tributary_primitives::{
	weights_sum_to_one, ContributionId, ContributionStatus, DatanetId, DatanetsInspect,
	InferenceId, ModelId, ModelStatus, ModelVersion, ModelsInspect, RevenueHandler,
	TrainingInfluence,
};

use crate::*;

/// Whether some key appears twice.
fn has_duplicates<K: PartialEq>(entries: &[(K, Perbill)]) -> bool {
	entries
		.iter()
		.enumerate()
		.any(|(i, (key, _))| entries.iter().take(i).any(|(earlier, _)| earlier == key))
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_add_attestor(attestor: T::AccountId) -> DispatchResult {
		ensure!(!Attestors::<T>::contains_key(&attestor), Error::<T>::AlreadyAttestor);
		let bond = T::AttestorBond::get();
		T::Currency::hold(&HoldReason::AttestorBond.into(), &attestor, bond)?;
		Attestors::<T>::insert(&attestor, bond);
		Self::deposit_event(Event::AttestorAdded { attestor, bond });
		Ok(())
	}

	pub(crate) fn do_remove_attestor(attestor: T::AccountId) -> DispatchResult {
		let bond = Attestors::<T>::take(&attestor).ok_or(Error::<T>::NotAttestor)?;
		T::Currency::release(
			&HoldReason::AttestorBond.into(),
			&attestor,
			bond,
			Precision::BestEffort,
		)?;
		Self::deposit_event(Event::AttestorRemoved { attestor });
		Ok(())
	}

	pub(crate) fn do_record_training(
		who: T::AccountId,
		model: ModelId,
		version: ModelVersion,
		influences: InfluencesOf<T>,
		contributions_root: Option<H256>,
		method: AttributionMethod,
	) -> DispatchResult {
		let owner = T::Models::owner(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(owner == who || Attestors::<T>::contains_key(&who), Error::<T>::NotOwnerOrAttestor);
		let view = T::Models::payment_view(model, version).ok_or(Error::<T>::UnknownVersion)?;
		ensure!(!TrainingRecords::<T>::contains_key(model, version), Error::<T>::AlreadyRecorded);
		ensure!(!has_duplicates(&influences), Error::<T>::DuplicateEntry);
		ensure!(weights_sum_to_one(&influences), Error::<T>::WeightsDoNotSumToOne);
		for (datanet, _) in influences.iter() {
			ensure!(
				view.training_data.iter().any(|(d, _)| d == datanet),
				Error::<T>::NotTrainingDatanet
			);
		}
		let deposit = T::RecordDeposit::get();
		T::Currency::hold(&HoldReason::RecordDeposit.into(), &who, deposit)?;
		TrainingRecords::<T>::insert(
			model,
			version,
			TrainingRecord {
				submitter: who.clone(),
				influences: influences.clone(),
				contributions_root,
				method,
				recorded_at: frame_system::Pallet::<T>::block_number(),
				deposit,
				disputed: false,
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
		ensure!(T::Models::owner(model).is_some(), Error::<T>::UnknownModel);
		let view = T::Models::payment_view(model, version).ok_or(Error::<T>::UnknownVersion)?;
		ensure!(view.status == ModelStatus::Active, Error::<T>::ModelNotActive);
		ensure!(T::Models::is_operator(model, &operator), Error::<T>::NotOperator);
		ensure!(fee >= view.price, Error::<T>::FeeBelowPrice);
		ensure!(!has_duplicates(&attributions), Error::<T>::DuplicateEntry);
		ensure!(
			attributions.is_empty() || weights_sum_to_one(&attributions),
			Error::<T>::WeightsDoNotSumToOne
		);
		for (id, _) in attributions.iter() {
			Self::check_attribution(*id, &view.training_data)?;
		}

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
		use frame_support::traits::fungible::InspectHold;

		let mut usage: BTreeMap<ContributionId, u32> = BTreeMap::new();
		let mut per_model: BTreeMap<ModelId, u32> = BTreeMap::new();
		let mut deposits: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		for (id, record) in Inferences::<T>::iter() {
			ensure!(id < NextInferenceId::<T>::get(), "inference id from the future");
			ensure!(
				record.attributions.is_empty() || weights_sum_to_one(&record.attributions),
				"inference weights do not sum to 100%"
			);
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
		for (_, _, record) in TrainingRecords::<T>::iter() {
			ensure!(weights_sum_to_one(&record.influences), "training weights do not sum to 100%");
			let held = deposits.entry(record.submitter.clone()).or_default();
			*held = held.saturating_add(record.deposit);
		}
		for (who, amount) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::RecordDeposit.into(), &who) == amount,
				"record deposits held differ from those recorded"
			);
		}
		for (who, bond) in Attestors::<T>::iter() {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::AttestorBond.into(), &who) == bond,
				"attestor bond held differs"
			);
		}
		let mut bonds: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		for (id, dispute) in Disputes::<T>::iter() {
			ensure!(OpenDisputeOf::<T>::get(dispute.target) == Some(id), "dispute index drifted");
			let held = bonds.entry(dispute.challenger.clone()).or_default();
			*held = held.saturating_add(dispute.bond);
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
