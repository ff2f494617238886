//! Benchmarks of every call of the attribution pallet (frame-benchmarking v2), each in its
//! worst case:
//!
//! - `pay_inference(a, t, d)`: `a` attributions, each contribution owned by a distinct
//!   account; the model version trained on `t` distinct datanets with distinct curators, its
//!   training influence recorded (so the pools split by influence over all of them), and
//!   derived at the end of a lineage of `d` base models, each on `MaxTrainingDatanets`
//!   datanets of its own (`RevenueBenchmarkHelper::payable_model_with_lineage`): the call is
//!   charged at the most `t` and `d` and refunded to the model's own.
//! - `prune_inference(a)`: archiving an expired record of `a` attributions (history writes,
//!   deposit returned, entry removed); `prune_idle_base`: `on_idle` reading the head.
//! - `record_training_attribution`: `MaxTrainingDatanets` influences, written by a named
//!   attestor found last in a full list of `MaxModelAttestors`, same longest lineage.
//! - `challenge` and `resolve_dispute`: a training record an attestor signed (its seat is read
//!   and written; upheld slashes deposit and bond); `release_record_deposit`: an expired
//!   inference record with `MaxAttributionsPerInference` attributions archived.
//! - `name_attestor`: a list one short of full; `unname_attestor`: a full list, the last
//!   removed; `remove_attestor`: a bonded attestor starts unbonding (the costlier branch).
//!
//! They run as tests against the shared test runtime (`tributary-test-runtime`, which needs
//! the other pallets and so lives outside this crate) through [`test_benchmark`]:
//! `tests/benchmarks.rs`, under `--features runtime-benchmarks`.

// Benchmark set-up runs only when benchmarking, like tests: plain arithmetic is fine.
#![allow(clippy::arithmetic_side_effects)]

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, EnsureOrigin, Get},
	weights::Weight,
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::Perbill;
use tributary_primitives::{
	ContributionId, DatanetId, DatanetVersion, InferenceId, ModelId, PayableModel,
	RevenueBenchmarkHelper,
};

const PARTS: u32 = 1_000_000_000;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, u64::MAX.into());
	who
}

/// `n` non-zero weights summing to exactly 100% (the remainder on the last).
fn equal_weights(n: usize) -> Vec<Perbill> {
	if n == 0 {
		return Vec::new();
	}
	let each = PARTS / n as u32;
	(0..n)
		.map(|i| {
			let extra = if i + 1 == n { PARTS - each * n as u32 } else { 0 };
			Perbill::from_parts(each + extra)
		})
		.collect()
}

/// `a` attributions over the first `a` contributions, weights summing to exactly 100%.
fn attributions<T: Config, A>(contributions: &[(ContributionId, A)], a: u32) -> AttributionsOf<T> {
	let n = (a as usize).min(contributions.len());
	let entries: Vec<(ContributionId, Perbill)> =
		contributions.iter().take(n).map(|(id, _)| *id).zip(equal_weights(n)).collect();
	BoundedVec::truncate_from(entries)
}

/// Equal influence of every training datanet.
fn influences<T: Config>(training_data: &[(DatanetId, DatanetVersion)]) -> InfluencesOf<T> {
	let entries: Vec<(DatanetId, Perbill)> =
		training_data.iter().map(|(d, _)| *d).zip(equal_weights(training_data.len())).collect();
	BoundedVec::truncate_from(entries)
}

/// The costliest model to record or pay: `MaxTrainingDatanets` training datanets at the end
/// of the longest lineage, with `contributions` contributions of distinct owners.
fn worst_model<T: Config>(contributions: u32) -> PayableModel<T::AccountId> {
	T::BenchmarkHelper::payable_model_longest_lineage(contributions, T::MaxTrainingDatanets::get())
}

/// A bonded attestor, approved and bonded the way the calls do it.
fn bonded_attestor<T: Config>(index: u32) -> Result<T::AccountId, BenchmarkError> {
	let who = funded::<T>("attestor", index);
	Pallet::<T>::do_approve_attestor(who.clone())?;
	Pallet::<T>::do_bond_attestor(who.clone())?;
	Ok(who)
}

/// Fills `model`'s named attestors with `count` bonded attestors; returns the last.
fn name_attestors<T: Config>(
	owner: &T::AccountId,
	model: ModelId,
	count: u32,
) -> Result<Option<T::AccountId>, BenchmarkError> {
	let mut last = None;
	for i in 0..count {
		let attestor = bonded_attestor::<T>(i)?;
		Pallet::<T>::do_name_attestor(owner.clone(), model, attestor.clone())?;
		last = Some(attestor);
	}
	Ok(last)
}

/// A training record written by the last of a full list of named attestors; returns the
/// model and the attestor.
fn attested_training<T: Config>(
) -> Result<(PayableModel<T::AccountId>, T::AccountId), BenchmarkError> {
	let setup = worst_model::<T>(1);
	let attestor = name_attestors::<T>(&setup.developer, setup.model, T::MaxModelAttestors::get())?
		.ok_or(BenchmarkError::Weightless)?;
	Pallet::<T>::do_record_training(
		attestor.clone(),
		setup.model,
		setup.version,
		influences::<T>(&setup.training_data),
		Some(H256::repeat_byte(1)),
		AttributionMethod::Other,
	)?;
	Ok((setup, attestor))
}

/// An inference with `a` attributions, each of a distinct owner, of a model trained on one
/// datanet: what archiving a record costs does not depend on the model.
fn paid_inference<T: Config>(a: u32) -> Result<InferenceId, BenchmarkError> {
	let setup = T::BenchmarkHelper::payable_model(a.max(1), 1);
	let payer = funded::<T>("payer", 0);
	let paid = Pallet::<T>::do_pay_inference(
		payer,
		setup.model,
		setup.version,
		setup.operator,
		1_000_000_000_000,
		H256::zero(),
		attributions::<T, _>(&setup.contributions, a),
	)?;
	Ok(paid.inference)
}

/// Moves the chain past the dispute period of everything recorded so far.
fn after_dispute_period<T: Config>() {
	let later = frame_system::Pallet::<T>::block_number() + DisputePeriod::<T>::get() + 1u32.into();
	frame_system::Pallet::<T>::set_block_number(later);
}

#[cfg(feature = "std")]
pub use benchmarks::test_benchmark;

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
		assert!(ApprovedAttestors::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn bond_attestor() -> Result<(), BenchmarkError> {
		let who = funded::<T>("attestor", 0);
		Pallet::<T>::do_approve_attestor(who.clone())?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Pallet::<T>::is_bonded_attestor(&who));
		Ok(())
	}

	#[benchmark]
	fn remove_attestor() -> Result<(), BenchmarkError> {
		let who = bonded_attestor::<T>(0)?;
		let origin =
			T::AttestorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(!Pallet::<T>::is_bonded_attestor(&who));
		Ok(())
	}

	#[benchmark]
	fn unbond_attestor() -> Result<(), BenchmarkError> {
		let who = bonded_attestor::<T>(0)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Pallet::<T>::is_bonded_attestor(&who));
		Ok(())
	}

	#[benchmark]
	fn withdraw_attestor_bond() -> Result<(), BenchmarkError> {
		let (_, attestor) = attested_training::<T>()?;
		Pallet::<T>::do_unbond(attestor.clone())?;
		let later =
			frame_system::Pallet::<T>::block_number() + DisputePeriod::<T>::get() + 1u32.into();
		frame_system::Pallet::<T>::set_block_number(later);
		#[extrinsic_call]
		_(RawOrigin::Signed(attestor.clone()));
		assert!(!Attestors::<T>::contains_key(&attestor));
		Ok(())
	}

	#[benchmark]
	fn name_attestor() -> Result<(), BenchmarkError> {
		let setup = T::BenchmarkHelper::payable_model(1, 1);
		let max = T::MaxModelAttestors::get();
		name_attestors::<T>(&setup.developer, setup.model, max.saturating_sub(1))?;
		let attestor = bonded_attestor::<T>(max)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(setup.developer), setup.model, attestor.clone());
		assert!(
			ModelAttestors::<T>::get(setup.model).is_some_and(|l| l.attestors.contains(&attestor))
		);
		Ok(())
	}

	#[benchmark]
	fn unname_attestor() -> Result<(), BenchmarkError> {
		let setup = T::BenchmarkHelper::payable_model(1, 1);
		let last = name_attestors::<T>(&setup.developer, setup.model, T::MaxModelAttestors::get())?
			.ok_or(BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(setup.developer), setup.model, last.clone());
		assert!(!ModelAttestors::<T>::get(setup.model).is_some_and(|l| l.attestors.contains(&last)));
		Ok(())
	}

	#[benchmark]
	fn record_training_attribution() -> Result<(), BenchmarkError> {
		let setup = worst_model::<T>(1);
		let attestor =
			name_attestors::<T>(&setup.developer, setup.model, T::MaxModelAttestors::get())?
				.ok_or(BenchmarkError::Weightless)?;
		let list = influences::<T>(&setup.training_data);
		assert_eq!(list.len() as u32, T::MaxTrainingDatanets::get());
		#[extrinsic_call]
		_(
			RawOrigin::Signed(attestor),
			setup.model,
			setup.version,
			list,
			Some(H256::repeat_byte(1)),
			AttributionMethod::InfluenceFunctions,
		);
		assert!(TrainingRecords::<T>::contains_key(setup.model, setup.version));
		Ok(())
	}

	/// `a` attributions of distinct owners; `t` training datanets with distinct curators and
	/// pools, influence recorded over all of them; `d` base models above the version, each on
	/// `MaxTrainingDatanets` datanets of its own (the licence check reads
	/// `t + d × MaxTrainingDatanets` licences).
	#[benchmark]
	fn pay_inference(
		a: Linear<0, { T::MaxAttributionsPerInference::get() }>,
		t: Linear<1, { T::MaxTrainingDatanets::get() }>,
		d: Linear<0, { T::MaxLineageDepth::get() }>,
	) -> Result<(), BenchmarkError> {
		let setup = T::BenchmarkHelper::payable_model_with_lineage(
			T::MaxAttributionsPerInference::get(),
			t,
			d,
		);
		assert_eq!(setup.training_data.len() as u32, t);
		Pallet::<T>::do_record_training(
			setup.developer.clone(),
			setup.model,
			setup.version,
			influences::<T>(&setup.training_data),
			None,
			AttributionMethod::Other,
		)?;
		let payer = funded::<T>("payer", 0);
		let list = attributions::<T, _>(&setup.contributions, a);
		assert_eq!(list.len() as u32, a);
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
		let record = Inferences::<T>::get(0).ok_or("no record")?;
		assert_eq!(record.positions.len() as u32, a);
		Ok(())
	}

	/// Archiving one expired record of `a` attributions: the record and its `a + 2` list
	/// entries written to the history, the deposit returned, the entry removed.
	#[benchmark]
	fn prune_inference(
		a: Linear<0, { T::MaxAttributionsPerInference::get() }>,
	) -> Result<(), BenchmarkError> {
		let inference = paid_inference::<T>(a)?;
		after_dispute_period::<T>();
		let record = Inferences::<T>::get(inference).ok_or("no record")?;
		#[block]
		{
			Pallet::<T>::archive(inference, record)?;
		}
		assert!(!Inferences::<T>::contains_key(inference));
		Ok(())
	}

	/// `on_idle` finding the oldest record still in its period: the head, the next id, the
	/// period and one record read, nothing archived.
	#[benchmark]
	fn prune_idle_base() -> Result<(), BenchmarkError> {
		let inference = paid_inference::<T>(T::MaxAttributionsPerInference::get())?;
		let now = frame_system::Pallet::<T>::block_number();
		let used;
		#[block]
		{
			used = Pallet::<T>::prune_expired(now, Weight::MAX);
		}
		assert!(Inferences::<T>::contains_key(inference));
		assert!(used.all_gte(T::WeightInfo::prune_idle_base()));
		Ok(())
	}

	#[benchmark]
	fn challenge() -> Result<(), BenchmarkError> {
		let (setup, attestor) = attested_training::<T>()?;
		let challenger = funded::<T>("challenger", 0);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(challenger),
			DisputeTarget::Training(setup.model, setup.version),
			H256::repeat_byte(3),
		);
		assert!(Disputes::<T>::contains_key(0));
		assert_eq!(Attestors::<T>::get(&attestor).map(|s| s.open_disputes), Some(1));
		Ok(())
	}

	/// Worst case: upheld against a training record of an attestor (deposit and bond
	/// slashed, seat updated, challenger's bond released).
	#[benchmark]
	fn resolve_dispute() -> Result<(), BenchmarkError> {
		let (setup, attestor) = attested_training::<T>()?;
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
		assert_eq!(Attestors::<T>::get(&attestor).map(|s| s.bond), Some(0));
		Ok(())
	}

	/// An expired inference record of `MaxAttributionsPerInference` attributions archived
	/// now (the costlier target: a training record's release rewrites one record).
	#[benchmark]
	fn release_record_deposit() -> Result<(), BenchmarkError> {
		let inference = paid_inference::<T>(T::MaxAttributionsPerInference::get())?;
		after_dispute_period::<T>();
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), DisputeTarget::Inference(inference));
		assert!(!Inferences::<T>::contains_key(inference));
		Ok(())
	}

	/// Runs the benchmark `name` once as a test, at `components`: its set-up, call and
	/// verification, as `impl_benchmark_test_suite!` runs each, but callable from outside
	/// this crate (the suite's functions exist only in this crate's own unit tests, and the
	/// test runtime, which needs the other pallets, is outside it: `tests/benchmarks.rs`
	/// runs every benchmark there).
	///
	/// # Errors
	///
	/// The benchmark's own error, or `BenchmarkError::Stop` if this pallet has no benchmark
	/// `name` (a benchmark missing below fails that test).
	#[cfg(feature = "std")]
	pub fn test_benchmark<T: Config>(
		name: &str,
		components: &[(BenchmarkParameter, u32)],
	) -> Result<(), BenchmarkError> {
		let selected = match name {
			"add_attestor" => SelectedBenchmark::add_attestor,
			"bond_attestor" => SelectedBenchmark::bond_attestor,
			"remove_attestor" => SelectedBenchmark::remove_attestor,
			"unbond_attestor" => SelectedBenchmark::unbond_attestor,
			"withdraw_attestor_bond" => SelectedBenchmark::withdraw_attestor_bond,
			"name_attestor" => SelectedBenchmark::name_attestor,
			"unname_attestor" => SelectedBenchmark::unname_attestor,
			"record_training_attribution" => SelectedBenchmark::record_training_attribution,
			"pay_inference" => SelectedBenchmark::pay_inference,
			"prune_inference" => SelectedBenchmark::prune_inference,
			"prune_idle_base" => SelectedBenchmark::prune_idle_base,
			"challenge" => SelectedBenchmark::challenge,
			"resolve_dispute" => SelectedBenchmark::resolve_dispute,
			"release_record_deposit" => SelectedBenchmark::release_record_deposit,
			_ => return Err(BenchmarkError::Stop("no such benchmark of pallet-attribution")),
		};
		// Events are deposited from block 1, as the generated test suites ensure.
		let on_before_start = || {
			if frame_system::Pallet::<T>::block_number() == 0u32.into() {
				frame_system::Pallet::<T>::set_block_number(1u32.into());
			}
		};
		<SelectedBenchmark as frame_benchmarking::BenchmarkingSetup<T>>::test_instance(
			&selected,
			components,
			&on_before_start,
		)
	}
}
