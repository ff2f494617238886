//! Benchmarks of the calls and hooks, each in the worst case the runtime allows: a set of
//! `MaxValidators` distinct accounts, every one with session keys and active.

use crate::*;
use alloc::vec::Vec;
use codec::Decode;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use pallet_session::ShouldEndSession;
use sp_runtime::{
	traits::{Saturating, TrailingZeroInput},
	Perbill,
};
use sp_staking::offence::{OffenceDetails, OnOffenceHandler};

/// Gives `who` session keys (their bytes do not matter: only their presence is checked).
fn give_keys<T: Config>(who: &T::AccountId) {
	// All-zero bytes decode to keys of every key type.
	if let Ok(keys) = T::Keys::decode(&mut TrailingZeroInput::zeroes()) {
		pallet_session::NextKeys::<T>::insert(who, keys);
	}
}

/// Funds `who` with a hundred key deposits.
fn fund<T: Config>(who: &T::AccountId) {
	let deposit = T::KeyDeposit::get().max(T::Currency::minimum_balance());
	let amount = deposit.saturating_mul(100u32.into());
	T::Currency::set_balance(who, amount);
}

/// A funded account that has registered session keys (with their proof, its deposit held).
fn keyed_operator<T: Config>() -> Result<T::AccountId, BenchmarkError> {
	let who: T::AccountId = account("operator", 0, 0);
	fund::<T>(&who);
	let (keys, proof) = T::BenchmarkHelper::generate(&who);
	pallet_session::Pallet::<T>::set_keys(RawOrigin::Signed(who.clone()).into(), keys, proof)
		.map_err(|_| BenchmarkError::Stop("the operator's keys were refused"))?;
	Ok(who)
}

/// Fills the governed and the active set with `count` distinct keyed accounts, floor 1.
fn fill_set<T: Config>(count: u32) -> Vec<T::AccountId> {
	let mut validators: Vec<T::AccountId> =
		(0..count).map(|i| account("validator", i, 0)).collect();
	validators.sort();
	for validator in &validators {
		give_keys::<T>(validator);
	}
	Validators::<T>::put(BoundedVec::truncate_from(validators.clone()));
	pallet_session::Validators::<T>::put(validators.clone());
	MinValidators::<T>::put(1);
	validators
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		fill_set::<T>(T::MaxValidators::get().saturating_sub(1));
		let joining: T::AccountId = account("joining", 0, 0);
		give_keys::<T>(&joining);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, joining.clone());

		assert!(Validators::<T>::get().contains(&joining));
		Ok(())
	}

	#[benchmark]
	fn remove_validator() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let validators = fill_set::<T>(T::MaxValidators::get());
		let leaving = validators.first().cloned().ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, leaving.clone());

		assert!(!Validators::<T>::get().contains(&leaving));
		Ok(())
	}

	#[benchmark]
	fn set_session_length() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let length = T::MaxSessionLength::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, length);

		assert_eq!(SessionLength::<T>::get(), length);
		Ok(())
	}

	#[benchmark]
	fn set_min_validators() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let count = T::MaxValidators::get();
		fill_set::<T>(count);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, count);

		assert_eq!(MinValidators::<T>::get(), count);
		Ok(())
	}

	/// `n` offenders, each in a full set, each disabled and removed.
	#[benchmark]
	fn on_offence(n: Linear<1, { T::MaxValidators::get() }>) {
		let validators = fill_set::<T>(T::MaxValidators::get());
		let offenders: Vec<_> = validators
			.iter()
			.rev()
			.take(n as usize)
			.map(|v| OffenceDetails { offender: (v.clone(), ()), reporters: Vec::new() })
			.collect();
		let fractions: Vec<Perbill> = offenders.iter().map(|_| Perbill::one()).collect();

		#[block]
		{
			Pallet::<T>::on_offence(&offenders, &fractions, 0);
		}

		let left = Validators::<T>::decode_len().unwrap_or(0);
		assert_eq!(left, validators.len().saturating_sub(n as usize).max(1));
	}

	/// An account's first keys: the deposit held, a consumer added, both key owners written.
	#[benchmark]
	fn session_set_keys_first() -> Result<(), BenchmarkError> {
		let who: T::AccountId = account("operator", 0, 0);
		fund::<T>(&who);
		let (keys, proof) = T::BenchmarkHelper::generate(&who);

		let result;
		#[block]
		{
			result = pallet_session::Pallet::<T>::set_keys(
				RawOrigin::Signed(who.clone()).into(),
				keys,
				proof,
			);
		}

		assert!(result.is_ok());
		assert!(pallet_session::NextKeys::<T>::contains_key(&who));
		Ok(())
	}

	/// New keys for an account that has keys: both old key owners cleared, both new written.
	#[benchmark]
	fn session_set_keys_rotate() -> Result<(), BenchmarkError> {
		let who = keyed_operator::<T>()?;
		let (keys, proof) = T::BenchmarkHelper::generate(&who);

		let result;
		#[block]
		{
			result = pallet_session::Pallet::<T>::set_keys(
				RawOrigin::Signed(who.clone()).into(),
				keys.clone(),
				proof,
			);
		}

		assert!(result.is_ok());
		assert_eq!(pallet_session::NextKeys::<T>::get(&who), Some(keys));
		Ok(())
	}

	#[benchmark]
	fn session_purge_keys() -> Result<(), BenchmarkError> {
		let who = keyed_operator::<T>()?;

		let result;
		#[block]
		{
			result = pallet_session::Pallet::<T>::purge_keys(RawOrigin::Signed(who.clone()).into());
		}

		assert!(result.is_ok());
		assert!(!pallet_session::NextKeys::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn session_check() {
		SessionLength::<T>::put(T::MaxSessionLength::get());
		let ends;

		#[block]
		{
			ends = Pallet::<T>::should_end_session(frame_system::Pallet::<T>::block_number());
		}

		assert!(!ends);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
