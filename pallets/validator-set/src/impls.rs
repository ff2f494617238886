//! What the calls do, and the rules the set keeps.

use crate::{
	Config, Error, Event, GenesisConfig, MinValidators, Pallet, SessionLength, SessionStart,
	Validators,
};
use frame_support::{
	ensure,
	pallet_prelude::{DispatchResult, Get, Zero},
	traits::ValidatorRegistration,
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::One, DispatchError, Saturating};

impl<T: Config> Pallet<T> {
	/// Checks and stores the genesis set, floor and session length.
	pub(crate) fn build_genesis(config: &GenesisConfig<T>) -> Result<(), &'static str> {
		let mut validators = config.validators.clone();
		validators.sort();
		let count = validators.len();
		validators.dedup();
		if validators.len() != count {
			return Err("the genesis validators repeat an account");
		}
		if validators.is_empty() {
			// No set configured: the session pallet's genesis keys validate, in a genesis
			// session that never ends (`SessionLength` stays 0).
			return Ok(());
		}
		let validators: BoundedVec<_, T::MaxValidators> =
			validators.try_into().map_err(|_| "more genesis validators than MaxValidators")?;
		let min_validators = config.min_validators.max(1);
		if min_validators as usize > validators.len() {
			return Err("min_validators exceeds the genesis validators");
		}
		let length = if config.session_length.is_zero() {
			T::MinSessionLength::get()
		} else {
			config.session_length
		};
		if !Self::session_length_in_range(length) {
			return Err(
				"the genesis session length is outside MinSessionLength..=MaxSessionLength",
			);
		}
		Validators::<T>::put(validators);
		MinValidators::<T>::put(min_validators);
		SessionLength::<T>::put(length);
		Ok(())
	}

	/// Adds `validator` to the set if it has session keys and the set has room.
	pub(crate) fn do_add_validator(validator: T::AccountId) -> DispatchResult {
		ensure!(pallet_session::Pallet::<T>::is_registered(&validator), Error::<T>::NoSessionKeys);
		Validators::<T>::try_mutate(|validators| -> DispatchResult {
			let at = match validators.binary_search(&validator) {
				Ok(_) => return Err(Error::<T>::AlreadyValidator.into()),
				Err(at) => at,
			};
			validators
				.try_insert(at, validator.clone())
				.map_err(|_| DispatchError::from(Error::<T>::TooManyValidators))
		})?;
		Self::deposit_event(Event::ValidatorAdded { validator });
		Ok(())
	}

	/// Removes `validator` from the set unless that takes it below the floor.
	pub(crate) fn do_remove_validator(validator: T::AccountId) -> DispatchResult {
		Self::remove_from_set(&validator)?;
		Self::deposit_event(Event::ValidatorRemoved { validator });
		Ok(())
	}

	/// Takes `validator` out of the set unless that takes it below the floor, and never the
	/// last one (a chain that adopted the set after genesis has a floor of 0); no event.
	pub(crate) fn remove_from_set(validator: &T::AccountId) -> DispatchResult {
		Validators::<T>::try_mutate(|validators| -> DispatchResult {
			let at = validators.binary_search(validator).map_err(|_| Error::<T>::NotValidator)?;
			let floor = MinValidators::<T>::get().max(1);
			ensure!(validators.len() > floor as usize, Error::<T>::TooFewValidators);
			validators.remove(at);
			Ok(())
		})
	}

	/// Sets the session length, refusing one out of the configured range.
	pub(crate) fn do_set_session_length(length: BlockNumberFor<T>) -> DispatchResult {
		ensure!(Self::session_length_in_range(length), Error::<T>::SessionLengthOutOfRange);
		SessionLength::<T>::put(length);
		Self::deposit_event(Event::SessionLengthSet { length });
		Ok(())
	}

	/// Sets the floor: at least 1, at most the size of the set.
	pub(crate) fn do_set_min_validators(count: u32) -> DispatchResult {
		let size = Validators::<T>::decode_len().unwrap_or(0);
		ensure!(count >= 1 && count as usize <= size, Error::<T>::MinValidatorsOutOfRange);
		MinValidators::<T>::put(count);
		Self::deposit_event(Event::MinValidatorsSet { count });
		Ok(())
	}

	/// Whether governance may set `length`.
	fn session_length_in_range(length: BlockNumberFor<T>) -> bool {
		length >= T::MinSessionLength::get() && length <= T::MaxSessionLength::get()
	}

	/// The block the next session begins in: the current one's start plus its length, or the
	/// next block if a shorter length made the session end already; `None` if sessions never
	/// end (a chain whose genesis configured no set, until governance adopts one).
	pub(crate) fn next_session_block() -> Option<BlockNumberFor<T>> {
		let length = SessionLength::<T>::get();
		if length.is_zero() {
			return None;
		}
		let next_block = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		Some(SessionStart::<T>::get().saturating_add(length).max(next_block))
	}

	/// The configuration's own rules; `integrity_test` runs them.
	pub(crate) fn check_config() {
		check_bounds(
			T::MaxValidators::get(),
			T::MinSessionLength::get(),
			T::MaxSessionLength::get(),
			T::HistoryDepth::get(),
		);
	}

	/// The rules the set keeps between blocks.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let validators = Validators::<T>::get();
		ensure!(
			validators.windows(2).all(|pair| matches!(pair, [a, b] if a < b)),
			"the validator set is not sorted and unique"
		);
		let floor = MinValidators::<T>::get();
		// A chain whose genesis configured no set has a floor of 0 and sessions of length 0
		// (its genesis session never ends) until governance adopts the set.
		ensure!(validators.len() >= floor as usize, "the set is below its floor");
		let length = SessionLength::<T>::get();
		ensure!(
			length.is_zero() || Self::session_length_in_range(length),
			"the session length is out of range"
		);
		ensure!(
			SessionStart::<T>::get() <= frame_system::Pallet::<T>::block_number(),
			"the session starts in the future"
		);
		Ok(())
	}
}

/// Panics unless the set may hold a validator, the session bounds are a non-empty range of at
/// least one block and at least one past session's key roots are kept.
pub(crate) fn check_bounds<B: PartialOrd + One>(
	max_validators: u32,
	min_session: B,
	max_session: B,
	history_depth: u32,
) {
	assert!(max_validators >= 1, "MaxValidators must be at least 1");
	assert!(history_depth >= 1, "HistoryDepth must be at least 1");
	assert!(min_session >= B::one(), "MinSessionLength must be at least one block");
	assert!(min_session <= max_session, "MinSessionLength must not exceed MaxSessionLength");
}
