//! Challenges of records, their resolution by governance, and deposit release.

use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::traits::Saturating;

use crate::*;

/// What a dispute needs to know of the record it targets.
struct RecordFacts<AccountId, BlockNumber> {
	submitter: AccountId,
	recorded_at: BlockNumber,
	deposit: Balance,
	disputed: bool,
	/// A training record an attestor signed: its bond answers for it.
	by_attestor: bool,
}

impl<T: Config> Pallet<T> {
	fn facts(target: DisputeTarget) -> Option<RecordFacts<T::AccountId, BlockNumberFor<T>>> {
		match target {
			DisputeTarget::Training(model, version) => TrainingRecords::<T>::get(model, version)
				.map(|r| RecordFacts {
					submitter: r.submitter,
					recorded_at: r.recorded_at,
					deposit: r.deposit,
					disputed: r.disputed,
					by_attestor: r.by_attestor,
				}),
			DisputeTarget::Inference(id) => Inferences::<T>::get(id).map(|r| RecordFacts {
				submitter: r.payer,
				recorded_at: r.recorded_at,
				deposit: r.deposit,
				disputed: r.disputed,
				by_attestor: false,
			}),
		}
	}

	/// Sets a record's dispute flag and deposit.
	fn update_record(target: DisputeTarget, disputed: bool, deposit: Balance) {
		match target {
			DisputeTarget::Training(model, version) => {
				TrainingRecords::<T>::mutate(model, version, |r| {
					if let Some(r) = r {
						r.disputed = disputed;
						r.deposit = deposit;
					}
				})
			}
			DisputeTarget::Inference(id) => Inferences::<T>::mutate(id, |r| {
				if let Some(r) = r {
					r.disputed = disputed;
					r.deposit = deposit;
				}
			}),
		}
	}

	fn within_dispute_period(recorded_at: BlockNumberFor<T>) -> bool {
		frame_system::Pallet::<T>::block_number()
			<= recorded_at.saturating_add(DisputePeriod::<T>::get())
	}

	pub(crate) fn do_challenge(
		challenger: T::AccountId,
		target: DisputeTarget,
		evidence_hash: H256,
	) -> DispatchResult {
		let facts = Self::facts(target).ok_or(Error::<T>::UnknownRecord)?;
		ensure!(!facts.disputed, Error::<T>::AlreadyDisputed);
		ensure!(!OpenDisputeOf::<T>::contains_key(target), Error::<T>::DisputeAlreadyOpen);
		ensure!(Self::within_dispute_period(facts.recorded_at), Error::<T>::DisputePeriodOver);
		let dispute = NextDisputeId::<T>::get();
		let next = dispute.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let bond = T::ChallengeBond::get();
		T::Currency::hold(&HoldReason::ChallengeBond.into(), &challenger, bond)?;
		if facts.by_attestor {
			Self::note_dispute_opened(&facts.submitter)?;
		}
		Disputes::<T>::insert(
			dispute,
			Dispute {
				challenger: challenger.clone(),
				target,
				evidence_hash,
				bond,
				opened_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		OpenDisputeOf::<T>::insert(target, dispute);
		NextDisputeId::<T>::put(next);
		Self::deposit_event(Event::Challenged { dispute, target, challenger });
		Ok(())
	}

	/// Moves `amount` held for `reason` from `who` to the treasury; returns what moved.
	pub(crate) fn slash(
		reason: HoldReason,
		who: &T::AccountId,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		if amount == 0 {
			return Ok(0);
		}
		T::Currency::transfer_on_hold(
			&reason.into(),
			who,
			&T::TreasuryAccount::get(),
			amount,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Force,
		)
	}

	pub(crate) fn do_resolve_dispute(id: DisputeId, uphold: bool) -> DispatchResult {
		let dispute = Disputes::<T>::take(id).ok_or(Error::<T>::UnknownDispute)?;
		OpenDisputeOf::<T>::remove(dispute.target);
		let facts = Self::facts(dispute.target).ok_or(Error::<T>::UnknownRecord)?;
		if uphold {
			T::Currency::release(
				&HoldReason::ChallengeBond.into(),
				&dispute.challenger,
				dispute.bond,
				Precision::BestEffort,
			)?;
			let mut slashed =
				Self::slash(HoldReason::RecordDeposit, &facts.submitter, facts.deposit)?;
			// A false training attestation ends the attestor: bond slashed, seat lost (also
			// while it is unbonding).
			if facts.by_attestor {
				slashed =
					slashed.saturating_add(Self::note_dispute_closed(&facts.submitter, true)?);
			}
			Self::update_record(dispute.target, true, 0);
			Self::deposit_event(Event::DisputeUpheld {
				dispute: id,
				target: dispute.target,
				slashed,
			});
		} else {
			let slashed =
				Self::slash(HoldReason::ChallengeBond, &dispute.challenger, dispute.bond)?;
			if facts.by_attestor {
				Self::note_dispute_closed(&facts.submitter, false)?;
			}
			Self::deposit_event(Event::DisputeDismissed {
				dispute: id,
				target: dispute.target,
				slashed,
			});
		}
		// An inference record kept in state past its period only for this dispute leaves it
		// now, as `on_idle` would have.
		if let DisputeTarget::Inference(inference) = dispute.target {
			if !Self::within_dispute_period(facts.recorded_at) {
				let record = Inferences::<T>::get(inference).ok_or(Error::<T>::UnknownRecord)?;
				Self::archive(inference, record)?;
			}
		}
		Ok(())
	}

	pub(crate) fn do_release_record_deposit(target: DisputeTarget) -> DispatchResult {
		let facts = Self::facts(target).ok_or(Error::<T>::UnknownRecord)?;
		if let DisputeTarget::Inference(id) = target {
			// An inference record leaves state with its deposit: this archives it now, ahead
			// of `on_idle` (the fallback when blocks leave `on_idle` no weight).
			ensure!(
				!Self::within_dispute_period(facts.recorded_at),
				Error::<T>::DisputePeriodNotOver
			);
			ensure!(!OpenDisputeOf::<T>::contains_key(target), Error::<T>::DisputeAlreadyOpen);
			let record = Inferences::<T>::get(id).ok_or(Error::<T>::UnknownRecord)?;
			return Self::archive(id, record);
		}
		ensure!(facts.deposit > 0, Error::<T>::NoDeposit);
		ensure!(!Self::within_dispute_period(facts.recorded_at), Error::<T>::DisputePeriodNotOver);
		ensure!(!OpenDisputeOf::<T>::contains_key(target), Error::<T>::DisputeAlreadyOpen);
		T::Currency::release(
			&HoldReason::RecordDeposit.into(),
			&facts.submitter,
			facts.deposit,
			Precision::BestEffort,
		)?;
		Self::update_record(target, facts.disputed, 0);
		Self::deposit_event(Event::RecordDepositReleased { target, amount: facts.deposit });
		Ok(())
	}
}
