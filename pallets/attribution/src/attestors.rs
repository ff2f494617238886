//! Attestor seats: approval by governance, bonding by the attestor itself, naming per model,
//! and unbonding that waits until the attestor answers for nothing.
//!
//! An attestor's bond answers for every training record it signed until that record's
//! dispute window closes. The seat keeps two numbers for it (bounded bookkeeping, whatever
//! the number of records): `accountable_until`, the last block at which one of its records
//! can still be challenged, and `open_disputes`, the disputes open against its records.

use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, Contains},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;
use tributary_primitives::{ModelId, ModelsInspect};

use crate::*;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_approve_attestor(attestor: T::AccountId) -> DispatchResult {
		ensure!(!T::ProtectedAccounts::contains(&attestor), Error::<T>::ProtectedAccount);
		ensure!(!Attestors::<T>::contains_key(&attestor), Error::<T>::AlreadyAttestor);
		ensure!(!ApprovedAttestors::<T>::contains_key(&attestor), Error::<T>::AlreadyApproved);
		ApprovedAttestors::<T>::insert(&attestor, ());
		Self::deposit_event(Event::AttestorApproved { attestor });
		Ok(())
	}

	pub(crate) fn do_bond_attestor(who: T::AccountId) -> DispatchResult {
		ensure!(ApprovedAttestors::<T>::contains_key(&who), Error::<T>::NotApproved);
		ensure!(!Attestors::<T>::contains_key(&who), Error::<T>::AlreadyAttestor);
		let bond = T::AttestorBond::get();
		T::Currency::hold(&HoldReason::AttestorBond.into(), &who, bond)?;
		ApprovedAttestors::<T>::remove(&who);
		Attestors::<T>::insert(
			&who,
			AttestorInfo {
				bond,
				status: AttestorStatus::Bonded,
				accountable_until: Zero::zero(),
				open_disputes: 0,
			},
		);
		Self::deposit_event(Event::AttestorAdded { attestor: who, bond });
		Ok(())
	}

	/// Governance's removal: an unused approval is withdrawn, a bonded attestor unbonds.
	pub(crate) fn do_remove_attestor(attestor: T::AccountId) -> DispatchResult {
		if ApprovedAttestors::<T>::take(&attestor).is_some() {
			Self::deposit_event(Event::AttestorApprovalRevoked { attestor });
			return Ok(());
		}
		Self::do_unbond(attestor)
	}

	/// Stops `attestor` signing; its bond stays held.
	pub(crate) fn do_unbond(attestor: T::AccountId) -> DispatchResult {
		let accountable_until = Attestors::<T>::try_mutate(&attestor, |seat| {
			let seat = seat.as_mut().ok_or(Error::<T>::NotAttestor)?;
			ensure!(seat.status == AttestorStatus::Bonded, Error::<T>::AlreadyUnbonding);
			seat.status = AttestorStatus::Unbonding;
			Ok::<_, Error<T>>(seat.accountable_until)
		})?;
		Self::deposit_event(Event::AttestorUnbonding { attestor, accountable_until });
		Ok(())
	}

	pub(crate) fn do_withdraw_attestor_bond(who: T::AccountId) -> DispatchResult {
		let seat = Attestors::<T>::get(&who).ok_or(Error::<T>::NotAttestor)?;
		ensure!(seat.status == AttestorStatus::Unbonding, Error::<T>::NotUnbonding);
		ensure!(
			frame_system::Pallet::<T>::block_number() > seat.accountable_until,
			Error::<T>::StillAccountable
		);
		ensure!(seat.open_disputes == 0, Error::<T>::DisputesOpen);
		if !seat.bond.is_zero() {
			T::Currency::release(
				&HoldReason::AttestorBond.into(),
				&who,
				seat.bond,
				Precision::BestEffort,
			)?;
		}
		Attestors::<T>::remove(&who);
		Self::deposit_event(Event::AttestorBondWithdrawn { attestor: who, bond: seat.bond });
		Ok(())
	}

	/// Checks that `who` owns `model`.
	fn ensure_model_owner(who: &T::AccountId, model: ModelId) -> DispatchResult {
		let owner = T::Models::owner(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(owner == *who, Error::<T>::NotModelOwner);
		Ok(())
	}

	/// Whether `who` holds a bonded attestor seat (not unbonding): only then may it sign the
	/// training records of the models whose owners named it.
	pub fn is_bonded_attestor(who: &T::AccountId) -> bool {
		Attestors::<T>::get(who).is_some_and(|seat| seat.status == AttestorStatus::Bonded)
	}

	pub(crate) fn do_name_attestor(
		who: T::AccountId,
		model: ModelId,
		attestor: T::AccountId,
	) -> DispatchResult {
		Self::ensure_model_owner(&who, model)?;
		ensure!(Self::is_bonded_attestor(&attestor), Error::<T>::NotBondedAttestor);
		ModelAttestors::<T>::try_mutate(model, |named| {
			// A previous owner's list is replaced by this owner's.
			let list = match named {
				Some(list) if list.named_by == who => list,
				_ => named.insert(NamedAttestors {
					named_by: who.clone(),
					attestors: Default::default(),
				}),
			};
			ensure!(!list.attestors.contains(&attestor), Error::<T>::AlreadyNamed);
			list.attestors.try_push(attestor.clone()).map_err(|_| Error::<T>::TooManyModelAttestors)
		})?;
		Self::deposit_event(Event::AttestorNamed { model, attestor });
		Ok(())
	}

	pub(crate) fn do_unname_attestor(
		who: T::AccountId,
		model: ModelId,
		attestor: T::AccountId,
	) -> DispatchResult {
		Self::ensure_model_owner(&who, model)?;
		ModelAttestors::<T>::try_mutate_exists(model, |named| {
			let list = named.as_mut().filter(|l| l.named_by == who).ok_or(Error::<T>::NotNamed)?;
			let position =
				list.attestors.iter().position(|a| *a == attestor).ok_or(Error::<T>::NotNamed)?;
			list.attestors.remove(position);
			if list.attestors.is_empty() {
				*named = None;
			}
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::AttestorUnnamed { model, attestor });
		Ok(())
	}

	/// Whether `who` may write `model`'s training records as an attestor: named for it by its
	/// current `owner`, and bonded. Returns the error to refuse with otherwise.
	pub(crate) fn ensure_named_attestor(
		who: &T::AccountId,
		model: ModelId,
		owner: &T::AccountId,
	) -> DispatchResult {
		ensure!(
			ModelAttestors::<T>::get(model)
				.is_some_and(|l| l.named_by == *owner && l.attestors.contains(who)),
			Error::<T>::NotOwnerOrNamedAttestor
		);
		ensure!(Self::is_bonded_attestor(who), Error::<T>::NotBondedAttestor);
		Ok(())
	}

	/// `attestor` signed a record that can be challenged until `window_end`.
	pub(crate) fn note_signed(attestor: &T::AccountId, window_end: BlockNumberFor<T>) {
		Attestors::<T>::mutate(attestor, |seat| {
			if let Some(seat) = seat {
				seat.accountable_until = seat.accountable_until.max(window_end);
			}
		});
	}

	/// A dispute opened against a record `attestor` signed.
	pub(crate) fn note_dispute_opened(attestor: &T::AccountId) -> DispatchResult {
		Attestors::<T>::try_mutate(attestor, |seat| {
			if let Some(seat) = seat {
				seat.open_disputes =
					seat.open_disputes.checked_add(1).ok_or(Error::<T>::Overflow)?;
			}
			Ok(())
		})
	}

	/// A dispute against a record `attestor` signed was resolved; when `upheld`, its bond is
	/// slashed to the treasury and it loses its seat (it stays, unbonding with no bond,
	/// until it is accountable for nothing). Returns what was slashed.
	pub(crate) fn note_dispute_closed(
		attestor: &T::AccountId,
		upheld: bool,
	) -> Result<Balance, DispatchError> {
		let Some(mut seat) = Attestors::<T>::get(attestor) else { return Ok(0) };
		seat.open_disputes = seat.open_disputes.saturating_sub(1);
		let mut slashed = 0;
		if upheld {
			slashed = Self::slash(HoldReason::AttestorBond, attestor, seat.bond)?;
			seat.bond = 0;
			seat.status = AttestorStatus::Unbonding;
		}
		Attestors::<T>::insert(attestor, seat);
		Ok(slashed)
	}
}
