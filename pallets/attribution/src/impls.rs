//! Attestors, training attribution, paid inference records and their indexes.

use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*, traits::fungible::MutateHold};
use sp_core::H256;
use sp_runtime::{traits::Saturating, Perbill};
use tributary_primitives::{
	weights_sum_to_one, CheckedPayment, ContributionId, ContributionStatus, DatanetId,
	DatanetsInspect, InferenceId, LicensedUse, ModelId, ModelStatus, ModelVersion, ModelsInspect,
	RevenueHandler, TrainingInfluence,
};

/// What a paid inference's weight depends on, besides its attributions.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PaidInference {
	/// The inference record's id.
	pub inference: InferenceId,
	/// Training datanets (pools) of the model version.
	pub training_datanets: u32,
	/// Base models whose licences were checked, counted as `MaxTrainingDatanets` each.
	pub lineage_depth: u32,
}

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
			Self::note_signed(&who, now.saturating_add(DisputePeriod::<T>::get()));
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
	/// refuse the same input with the same error. Reads state, writes nothing: the model and
	/// its version once, each attributed contribution once, each licence once. Returns the
	/// checked payment the revenue pallet splits, which carries what was read.
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
	) -> Result<CheckedPayment<T::AccountId, Balance>, DispatchError> {
		let view = T::Models::payment_view(model, version).ok_or_else(|| {
			if T::Models::owner(model).is_some() {
				Error::<T>::UnknownVersion
			} else {
				Error::<T>::UnknownModel
			}
		})?;
		ensure!(view.status == ModelStatus::Active, Error::<T>::ModelNotActive);
		if let Some(operator) = operator {
			ensure!(view.operators.contains(operator), Error::<T>::NotOperator);
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
		T::Models::check_licences(&view.lineage_datanets, LicensedUse::PaidInference)?;
		Ok(CheckedPayment { model, version, fee, view, attributions: attributions.to_vec() })
	}

	/// Pays for and records an inference; returns its id and what the payment's weight
	/// depends on.
	pub fn do_pay_inference(
		payer: T::AccountId,
		model: ModelId,
		version: ModelVersion,
		operator: T::AccountId,
		fee: Balance,
		io_hash: H256,
		attributions: AttributionsOf<T>,
	) -> Result<PaidInference, DispatchError> {
		let payment =
			Self::validate_inference(model, version, Some(&operator), fee, &attributions)?;
		let training_datanets = payment.view.training_data.len() as u32;
		// Licences beyond the version's own, in base models of at most
		// `MaxTrainingDatanets` each: the lineage depth the weight is refunded to.
		let inherited =
			payment.view.lineage_datanets.len().saturating_sub(training_datanets as usize);
		let lineage_depth = (inherited as u32).div_ceil(T::MaxTrainingDatanets::get().max(1));

		let inference = NextInferenceId::<T>::get();
		let next = inference.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let model_position = ModelInferenceCount::<T>::get(model);
		let payer_position = PayerInferenceCount::<T>::get(&payer);
		let deposit = T::RecordDeposit::get();
		T::Currency::hold(&HoldReason::RecordDeposit.into(), &payer, deposit)?;
		let receipt = T::Revenue::pay(inference, &payer, &operator, &payment)?;
		let positions =
			BoundedVec::try_from(receipt.positions).map_err(|_| Error::<T>::TooManyAttributions)?;
		ModelInferenceCount::<T>::insert(
			model,
			model_position.checked_add(1).ok_or(Error::<T>::Overflow)?,
		);
		PayerInferenceCount::<T>::insert(
			&payer,
			payer_position.checked_add(1).ok_or(Error::<T>::Overflow)?,
		);
		let count = attributions.len() as u32;
		let record = InferenceRecord {
			model,
			version,
			payer: payer.clone(),
			operator: operator.clone(),
			fee,
			io_hash,
			attributions,
			positions,
			model_position,
			payer_position,
			recorded_at: frame_system::Pallet::<T>::block_number(),
			deposit,
			disputed: false,
		};
		Self::index_lists(inference, &record);
		Inferences::<T>::insert(inference, record);
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
		Ok(PaidInference { inference, training_datanets, lineage_depth })
	}

	/// Checks the pallet's invariants: indexes consistent with records, weights summing to
	/// 100%, held bonds and deposits matching the recorded ones.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::{fungible::InspectHold, Contains};

		let mut deposits: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		let next = NextInferenceId::<T>::get();
		let head = PruneHead::<T>::get();
		ensure!(head <= next, "the prune head is past the last inference");
		let now = frame_system::Pallet::<T>::block_number();
		let mut live = 0usize;
		for (id, record) in Inferences::<T>::iter() {
			live = live.saturating_add(1);
			ensure!(id < next, "inference id from the future");
			ensure!(
				record.attributions.is_empty() || weights_sum_to_one(&record.attributions),
				"inference weights do not sum to 100%"
			);
			ensure!(!has_zero_weight(&record.attributions), "attribution of weight zero");
			ensure!(
				record.positions.len() == record.attributions.len(),
				"an inference has other than one usage position per attribution"
			);
			ensure!(
				record.model_position < ModelInferenceCount::<T>::get(record.model),
				"a model position beyond its count"
			);
			ensure!(
				record.payer_position < PayerInferenceCount::<T>::get(&record.payer),
				"a payer position beyond its count"
			);
			for ((c, _), position) in record.attributions.iter().zip(&record.positions) {
				ensure!(
					*position < T::Revenue::times_attributed(*c),
					"a usage position beyond the contribution's count"
				);
			}
			// Below the head only records whose dispute was open when their period ended
			// (or whose deposit could not be returned) stay.
			if id < head && !OpenDisputeOf::<T>::contains_key(DisputeTarget::Inference(id)) {
				ensure!(record.deposit > 0, "a record below the prune head was left for nothing");
			}
			let held = deposits.entry(record.payer.clone()).or_default();
			*held = held.saturating_add(record.deposit);
		}
		ensure!(
			live == Inferences::<T>::iter_keys().count(),
			"an inference record does not decode"
		);
		for (_, _, record) in TrainingRecords::<T>::iter() {
			ensure!(weights_sum_to_one(&record.influences), "training weights do not sum to 100%");
			ensure!(!has_zero_weight(&record.influences), "training influence of weight zero");
			let held = deposits.entry(record.submitter.clone()).or_default();
			*held = held.saturating_add(record.deposit);
			// An attestor answers for its record until the record's window closes.
			let window_end = record.recorded_at.saturating_add(DisputePeriod::<T>::get());
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
