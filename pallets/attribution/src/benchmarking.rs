//! Benchmarks of every call of the attribution pallet (frame-benchmarking v2).
//! `pay_inference` is measured with `a` attributions, fee split included.

// Benchmark set-up runs only when benchmarking, like tests: plain arithmetic is fine.
#![allow(clippy::arithmetic_side_effects)]

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::Perbill;
use tributary_primitives::{InferenceId, RevenueBenchmarkHelper};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, u64::MAX.into());
	who
}

/// `a` attributions over the first `a` ids, weights summing to exactly 100%.
fn attributions<T: Config>(ids: &[u64], a: u32) -> AttributionsOf<T> {
	let n = (a as usize).min(ids.len());
	if n == 0 {
		return BoundedVec::default();
	}
	let each = 1_000_000_000 / n as u32;
	let entries: alloc::vec::Vec<(u64, Perbill)> = ids
		.iter()
		.take(n)
		.enumerate()
		.map(|(i, id)| {
			let extra = if i + 1 == n { 1_000_000_000 - each * n as u32 } else { 0 };
			(*id, Perbill::from_parts(each + extra))
		})
		.collect();
	BoundedVec::truncate_from(entries)
}

fn paid_inference<T: Config>() -> Result<InferenceId, BenchmarkError> {
	let setup = T::BenchmarkHelper::payable_model(1);
	let payer = funded::<T>("payer", 0);
	let id = Pallet::<T>::do_pay_inference(
		payer,
		setup.model,
		setup.version,
		setup.operator,
		1_000_000_000_000,
		H256::zero(),
		attributions::<T>(&setup.contributions, 1),
	)?;
	Ok(id)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_attestor() -> Result<(), BenchmarkError> {
		let who = funded::<T>("attestor", 0);
		let origin =
			T::AttestorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(Attestors::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn remove_attestor() -> Result<(), BenchmarkError> {
		let who = funded::<T>("attestor", 0);
		Pallet::<T>::do_add_attestor(who.clone())?;
		let origin =
			T::AttestorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(!Attestors::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn record_training_attribution() -> Result<(), BenchmarkError> {
		let setup = T::BenchmarkHelper::payable_model(1);
		let attestor = funded::<T>("attestor", 0);
		Pallet::<T>::do_add_attestor(attestor.clone())?;
		let influences: InfluencesOf<T> =
			BoundedVec::truncate_from(alloc::vec![(setup.datanet, Perbill::one())]);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(attestor),
			setup.model,
			setup.version,
			influences,
			Some(H256::repeat_byte(1)),
			AttributionMethod::InfluenceFunctions,
		);
		assert!(TrainingRecords::<T>::contains_key(setup.model, setup.version));
		Ok(())
	}

	#[benchmark]
	fn pay_inference(
		a: Linear<0, { T::MaxAttributionsPerInference::get() }>,
	) -> Result<(), BenchmarkError> {
		let setup = T::BenchmarkHelper::payable_model(T::MaxAttributionsPerInference::get());
		let payer = funded::<T>("payer", 0);
		let list = attributions::<T>(&setup.contributions, a);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(payer),
			setup.model,
			setup.version,
			setup.operator,
			1_000_000_000_000,
			H256::repeat_byte(2),
			list,
		);
		assert!(Inferences::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn challenge() -> Result<(), BenchmarkError> {
		let inference = paid_inference::<T>()?;
		let challenger = funded::<T>("challenger", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(challenger), DisputeTarget::Inference(inference), H256::repeat_byte(3));
		assert!(Disputes::<T>::contains_key(0));
		Ok(())
	}

	/// Worst case: upheld against a training record of an attestor (deposit and bond
	/// slashed, challenger's bond released).
	#[benchmark]
	fn resolve_dispute() -> Result<(), BenchmarkError> {
		let setup = T::BenchmarkHelper::payable_model(1);
		let attestor = funded::<T>("attestor", 0);
		Pallet::<T>::do_add_attestor(attestor.clone())?;
		Pallet::<T>::do_record_training(
			attestor,
			setup.model,
			setup.version,
			BoundedVec::truncate_from(alloc::vec![(setup.datanet, Perbill::one())]),
			None,
			AttributionMethod::Other,
		)?;
		let challenger = funded::<T>("challenger", 0);
		Pallet::<T>::do_challenge(
			challenger,
			DisputeTarget::Training(setup.model, setup.version),
			H256::zero(),
		)?;
		let origin =
			T::DisputeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0, true);
		assert!(!Disputes::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn release_record_deposit() -> Result<(), BenchmarkError> {
		let inference = paid_inference::<T>()?;
		let later =
			frame_system::Pallet::<T>::block_number() + T::DisputePeriod::get() + 1u32.into();
		frame_system::Pallet::<T>::set_block_number(later);
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), DisputeTarget::Inference(inference));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
