//! The attribution history: inference records and their lists kept in the node's offchain
//! database, so that state holds a record only through its dispute period.
//!
//! **Writes** go through Substrate's offchain indexing (`sp_io::offchain_index::set`): each
//! imported block's writes land in the node's offchain database in the same database
//! transaction as the block, when the node runs with offchain indexing on (Tributary's node
//! switches it on). They are not part of the state root and never reverted.
//!
//! - A payment writes the list entries of its inference: its position in each attributed
//!   contribution's usage list, in its model's list and in its payer's list, each pointing at
//!   the inference id. Positions come from on-chain counters, so the lists are listable
//!   while the record is still in state.
//! - When the record leaves state after its dispute period, the chain writes the record
//!   itself and the same list entries again. That block is a whole dispute period after the
//!   payment, far past finality, so every fork writes the same bytes: an entry a stale fork
//!   wrote at payment time (a different inference at the same position) is overwritten with
//!   the canonical one.
//!
//! **Reads** happen only in runtime API calls made with the offchain database extension
//! registered (the node's `attribution_` RPC does that). A list entry counts only if the
//! record it points at (in state, else in the history) names the list's owner at that
//! position, so a stale fork's entry is never returned; positions this node has no valid
//! entry for are reported as `unavailable`.
//!
//! **Keys** are versioned (`tributary/attr/v1/...`): a later layout gets a new prefix and the
//! old entries stay readable by their own decoder.
//!
//! The events (`InferenceRecorded`, the revenue pallet's `FeeSplit`) stay the permanent,
//! verifiable record: a block hash and event index prove a payment against the chain.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
	weights::WeightMeter,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::offchain::StorageKind;
use sp_runtime::traits::Saturating;
use tributary_primitives::{
	api::InferencePage, ContributionId, InferenceId, ModelId, RevenueHandler,
};

use crate::*;

/// Key prefix of archived inference records.
const RECORD: [u8; 23] = *b"tributary/attr/v1/infer";
/// Key prefix of contribution usage lists.
const USAGE: [u8; 23] = *b"tributary/attr/v1/usage";
/// Key prefix of model lists.
const MODEL: [u8; 23] = *b"tributary/attr/v1/model";
/// Key prefix of payer lists.
const PAYER: [u8; 23] = *b"tributary/attr/v1/payer";

/// The history key of inference record `id`.
pub fn record_key(id: InferenceId) -> Vec<u8> {
	(RECORD, id).encode()
}

/// The history key of position `position` of `contribution`'s usage list.
pub fn usage_key(contribution: ContributionId, position: u32) -> Vec<u8> {
	(USAGE, contribution, position).encode()
}

/// The history key of position `position` of `model`'s list.
pub fn model_key(model: ModelId, position: u32) -> Vec<u8> {
	(MODEL, model, position).encode()
}

/// The history key of position `position` of `payer`'s list.
pub fn payer_key<AccountId: Encode>(payer: &AccountId, position: u32) -> Vec<u8> {
	(PAYER, payer, position).encode()
}

/// Which list a page is read from.
pub enum List<'a, AccountId> {
	/// The inferences that attributed a contribution.
	Usage(ContributionId),
	/// The inferences of a model.
	Model(ModelId),
	/// The inferences a payer paid for.
	Payer(&'a AccountId),
}

impl<T: Config> Pallet<T> {
	/// Writes the list entries of inference `id` (at payment and again when archived).
	pub(crate) fn index_lists(id: InferenceId, record: &InferenceRecordOf<T>) {
		let value = id.encode();
		for ((contribution, _), position) in record.attributions.iter().zip(&record.positions) {
			sp_io::offchain_index::set(&usage_key(*contribution, *position), &value);
		}
		sp_io::offchain_index::set(&model_key(record.model, record.model_position), &value);
		sp_io::offchain_index::set(&payer_key(&record.payer, record.payer_position), &value);
	}

	/// Moves inference record `id` out of state: the record and its list entries into the
	/// history, its deposit back to its payer, the entry removed. Leaves everything as it was
	/// when the deposit cannot be returned (the record stays; `release_record_deposit` can
	/// try again).
	pub(crate) fn archive(id: InferenceId, mut record: InferenceRecordOf<T>) -> DispatchResult {
		let returned = record.deposit;
		if returned > 0 {
			T::Currency::release(
				&HoldReason::RecordDeposit.into(),
				&record.payer,
				returned,
				Precision::BestEffort,
			)?;
			record.deposit = 0;
		}
		sp_io::offchain_index::set(&record_key(id), &record.encode());
		Self::index_lists(id, &record);
		Inferences::<T>::remove(id);
		Self::deposit_event(Event::InferenceArchived {
			inference: id,
			payer: record.payer,
			deposit_returned: returned,
		});
		Ok(())
	}

	/// Whether a record recorded at `recorded_at` is past its dispute period at `now`.
	pub(crate) fn expired(recorded_at: BlockNumberFor<T>, now: BlockNumberFor<T>) -> bool {
		now > recorded_at.saturating_add(DisputePeriod::<T>::get())
	}

	/// Archives expired inference records from the head on, oldest first, within `limit`:
	/// stops at the first record still in its period (every later one is younger). A record
	/// with an open dispute is passed over (`resolve_dispute` archives it). Returns the
	/// weight used.
	pub(crate) fn prune_expired(now: BlockNumberFor<T>, limit: Weight) -> Weight {
		let mut meter = WeightMeter::with_limit(limit);
		if meter.try_consume(T::WeightInfo::prune_idle_base()).is_err() {
			return Weight::zero();
		}
		let next = NextInferenceId::<T>::get();
		let start = PruneHead::<T>::get();
		let mut head = start;
		let worst = T::WeightInfo::prune_inference(T::MaxAttributionsPerInference::get());
		let look = T::DbWeight::get().reads(2);
		while head < next && meter.can_consume(worst.saturating_add(look)) {
			meter.consume(look);
			let Some(record) = Inferences::<T>::get(head) else {
				// Archived early (its dispute resolved after its period, or released).
				head = head.saturating_add(1);
				continue;
			};
			if !Self::expired(record.recorded_at, now) {
				break;
			}
			if OpenDisputeOf::<T>::contains_key(DisputeTarget::Inference(head)) {
				head = head.saturating_add(1);
				continue;
			}
			let attributions = record.attributions.len() as u32;
			// A deposit that cannot be returned leaves the record in state, never lost.
			if Self::archive(head, record).is_ok() {
				meter.consume(T::WeightInfo::prune_inference(attributions));
			} else {
				meter.consume(worst);
			}
			head = head.saturating_add(1);
		}
		if head != start {
			PruneHead::<T>::put(head);
		}
		meter.consumed()
	}

	/// Inference record `id` from the node's history (not from state). Only in runtime API
	/// calls made with the offchain database extension registered (the node's RPC does);
	/// anywhere else the host refuses the read.
	pub fn archived_inference(id: InferenceId) -> Option<InferenceRecordOf<T>> {
		let raw = sp_io::offchain::local_storage_get(StorageKind::PERSISTENT, &record_key(id))?;
		InferenceRecordOf::<T>::decode(&mut &raw[..]).ok()
	}

	/// Inference record `id`: from state while it is in its dispute period, else from the
	/// node's history (then with the offchain database extension only: see
	/// [`Self::archived_inference`]). Never reads the history for an id not yet recorded.
	pub fn inference_record(id: InferenceId) -> Option<InferenceRecordOf<T>> {
		if id >= NextInferenceId::<T>::get() {
			return None;
		}
		Inferences::<T>::get(id).or_else(|| Self::archived_inference(id))
	}

	/// Whether `record` sits at `position` of `list`.
	fn lists(record: &InferenceRecordOf<T>, list: &List<T::AccountId>, position: u32) -> bool {
		match list {
			List::Usage(contribution) => record
				.attributions
				.iter()
				.zip(&record.positions)
				.any(|((c, _), p)| c == contribution && *p == position),
			List::Model(model) => record.model == *model && record.model_position == position,
			List::Payer(payer) => record.payer == **payer && record.payer_position == position,
		}
	}

	/// Positions `start .. start + limit` (limit capped at `MaxPageSize`) of `list`, whose
	/// length on chain is `total`, from the node's history (offchain database extension
	/// only). Each entry is checked against the record it points at.
	pub fn history_page(
		list: List<T::AccountId>,
		total: u32,
		start: u32,
		limit: u32,
	) -> InferencePage {
		let end = start.saturating_add(limit.min(T::MaxPageSize::get())).min(total);
		let mut page = InferencePage { inferences: Vec::new(), total, unavailable: 0 };
		for position in start..end {
			let key = match &list {
				List::Usage(contribution) => usage_key(*contribution, position),
				List::Model(model) => model_key(*model, position),
				List::Payer(payer) => payer_key(*payer, position),
			};
			let found = sp_io::offchain::local_storage_get(StorageKind::PERSISTENT, &key)
				.and_then(|raw| InferenceId::decode(&mut &raw[..]).ok())
				.filter(|id| {
					Self::inference_record(*id)
						.is_some_and(|record| Self::lists(&record, &list, position))
				});
			match found {
				Some(id) => page.inferences.push(id),
				None => page.unavailable = page.unavailable.saturating_add(1),
			}
		}
		page
	}

	/// The inferences that attributed `contribution`, a page at a time (history reads).
	pub fn usage_of(contribution: ContributionId, start: u32, limit: u32) -> InferencePage {
		let total = T::Revenue::times_attributed(contribution);
		Self::history_page(List::Usage(contribution), total, start, limit)
	}

	/// The inferences of `model`, a page at a time (history reads).
	pub fn inferences_of_model(model: ModelId, start: u32, limit: u32) -> InferencePage {
		let total = ModelInferenceCount::<T>::get(model);
		Self::history_page(List::Model(model), total, start, limit)
	}

	/// The inferences `payer` paid for, a page at a time (history reads).
	pub fn inferences_of_payer(payer: &T::AccountId, start: u32, limit: u32) -> InferencePage {
		let total = PayerInferenceCount::<T>::get(payer);
		Self::history_page(List::Payer(payer), total, start, limit)
	}
}
