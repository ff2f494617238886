//! Benchmarks of revenue splitting (frame-benchmarking v2), each set up at its worst case.
//!
//! - `pay`: `a` attributions (up to the runtime's `MaxAttributionsPerInference`, 64), each
//!   contribution owned by a distinct account, for a model version trained on the most
//!   datanets the runtime allows (`MaxTrainingDatanets`, 16), each with its own curator, its
//!   training influence recorded where the pallet reads it, and every pool, counter and
//!   account already written by an earlier payment. Each pool is paid into version 1, whose
//!   reward-tree path is the longest. `c` is the number of contributions of the first
//!   training version (its totals are written as if it held them): the fitted slope in `c`
//!   shows a payment costs the same however many contributions share a pool.
//! - `claim`: the claimer owns `b` contributions, each in a different datanet, each datanet
//!   with as many published versions as the costliest reward-tree reads need (in versions
//!   `2^(k-1) ..= 2^k - 1` for the largest `2^k - 1 <= MaxVersions`: 512 ..= 1023 in the
//!   runtime, 19 tree nodes per contribution), every node it reads live, every pool paid so
//!   each settlement writes, one contribution flagged (its share goes to the treasury: one
//!   more transfer), a direct share claimable as well, and — with a full batch — one more
//!   contribution past the batch, read to know that more remain.
//! - `contribution_flagged`: settling a contribution about to be flagged, in the costliest
//!   version range with a share to move (charged by the dataset registry's `flag_malicious`).

// Benchmark set-up runs only when benchmarking, like tests: plain arithmetic is fine.
#![allow(clippy::arithmetic_side_effects)]

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	ensure,
	traits::{fungible::Mutate, Get},
};
use frame_system::RawOrigin;
use sp_runtime::{DispatchError, Perbill};
use tributary_primitives::{
	ContributionId, DatanetId, DatanetVersion, DatanetsBenchmarkHelper as _, DatanetsInspect,
	OnContributionFlagged, RevenueBenchmarkHelper, RevenueHandler, TrainingInfluence,
};

/// Most attributions one inference may name (the attribution pallet's bound in the runtime).
const MAX_ATTRIBUTIONS: u32 = 64;

/// Most datanet versions a model version may be trained on (the model registry's bound in
/// the runtime).
const MAX_TRAINING_DATANETS: u32 = 16;

/// A fee large enough that every part of its split is non-zero.
const FEE: Balance = 1_000_000_000_000_000;

/// Equal weights over `keys`, summing to exactly 100% (the last takes the remainder).
fn equal_weights<K: Copy>(keys: &[K]) -> Vec<(K, Perbill)> {
	let n = keys.len().max(1) as u32;
	let each = Perbill::one().deconstruct() / n;
	let mut out: Vec<(K, Perbill)> = keys.iter().map(|k| (*k, Perbill::from_parts(each))).collect();
	if let Some(last) = out.last_mut() {
		last.1 = Perbill::from_parts(Perbill::one().deconstruct() - each * (n - 1));
	}
	out
}

/// The version range whose reward reads are the longest in a tree of `size` versions:
/// `last = 2^k - 1` (k set bits) and `first - 1 = 2^(k-1) - 1` (k - 1 set bits).
fn costliest_range(size: u32) -> (DatanetVersion, DatanetVersion) {
	let mut last = 1u32;
	while last.saturating_mul(2).saturating_add(1) <= size {
		last = last * 2 + 1;
	}
	(last / 2 + 1, last)
}

/// The tree nodes a prefix read of `version` visits.
fn read_path(mut version: DatanetVersion) -> Vec<DatanetVersion> {
	let mut path = Vec::new();
	while version != 0 {
		path.push(version);
		version -= version & version.wrapping_neg();
	}
	path
}

/// Publishes versions of `datanet` until `version` is out.
fn publish_up_to<T: Config>(
	curator: &T::AccountId,
	datanet: DatanetId,
	version: DatanetVersion,
) -> Result<(), BenchmarkError>
where
	T::Datanets: tributary_primitives::DatanetsBenchmarkHelper<T::AccountId>,
{
	while T::Datanets::latest_version(datanet) < version {
		let before = T::Datanets::latest_version(datanet);
		T::Datanets::publish(curator, datanet);
		ensure!(T::Datanets::latest_version(datanet) > before, "cannot publish a version");
	}
	Ok(())
}

/// Pays `amount` into `datanet`'s pool at each of `versions`, as a payment does, with the
/// money minted and counted as fees.
fn fund_pool<T: Config>(
	datanet: DatanetId,
	versions: &[DatanetVersion],
	amount: Balance,
) -> Result<(), BenchmarkError> {
	for version in versions {
		let summary = T::Datanets::version(datanet, *version).ok_or("version not published")?;
		let balance = PoolBalance::<T>::get(datanet);
		let (increment, liability, kept) = math::pool_payment(
			amount,
			summary.total_weight,
			PoolLiability::<T>::get(datanet),
			balance,
		)
		.ok_or("nothing to spread")?;
		Pallet::<T>::apply_pool_update(&PoolUpdate {
			datanet,
			version: *version,
			increment,
			liability,
			balance: balance + kept,
		})
		.map_err(DispatchError::from)?;
		T::Currency::mint_into(&Pallet::<T>::account_id(), kept)?;
		if amount > kept {
			T::Currency::mint_into(&T::TreasuryAccount::get(), amount - kept)?;
		}
		Flow::<T>::mutate(|f| {
			f.fees_in += amount;
			f.to_treasury += amount - kept;
		});
	}
	Ok(())
}

/// A fresh datanet curated by `curator` in which `owner` holds one contribution in the
/// versions whose reward reads are the longest, all published, every tree node those reads
/// visit paid into: the contribution has a share to settle.
fn contribution_in_costliest_range<T: Config>(
	curator: &T::AccountId,
	owner: &T::AccountId,
) -> Result<(DatanetId, ContributionId), BenchmarkError>
where
	T::Datanets: tributary_primitives::DatanetsBenchmarkHelper<T::AccountId>,
{
	let (first, last) = costliest_range(T::MaxVersions::get());
	let (datanet, _, _) = T::Datanets::published_datanet(curator, 1);
	publish_up_to::<T>(curator, datanet, first - 1)?;
	let id = *T::Datanets::contribute(owner, datanet, 1).first().ok_or("no contribution")?;
	publish_up_to::<T>(curator, datanet, last)?;
	Ok((datanet, id))
}

/// Pays into every node the reward reads of the costliest range visit.
fn fund_costliest_range<T: Config>(datanet: DatanetId) -> Result<(), BenchmarkError> {
	let (first, last) = costliest_range(T::MaxVersions::get());
	let mut nodes = read_path(last);
	nodes.extend(read_path(first - 1));
	fund_pool::<T>(datanet, &nodes, FEE)
}

#[benchmarks(where T::Datanets: tributary_primitives::DatanetsBenchmarkHelper<T::AccountId>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn pay(a: Linear<1, MAX_ATTRIBUTIONS>, c: Linear<10, 1_000_000>) -> Result<(), BenchmarkError> {
		let setup = T::BenchmarkHelper::payable_model(MAX_ATTRIBUTIONS, MAX_TRAINING_DATANETS);
		ensure!(
			setup.contributions.len() == MAX_ATTRIBUTIONS as usize,
			"fewer contributions than attributions"
		);
		ensure!(
			setup.training_data.len() == MAX_TRAINING_DATANETS as usize,
			"fewer training datanets than the most"
		);
		let owners: Vec<&T::AccountId> = setup.contributions.iter().map(|(_, o)| o).collect();
		ensure!(
			owners.iter().enumerate().all(|(i, o)| !owners.iter().take(i).any(|p| p == o)),
			"contribution owners are not distinct"
		);
		let datanets: Vec<DatanetId> = setup.training_data.iter().map(|(d, _)| *d).collect();
		T::BenchmarkHelper::record_training_influence(
			setup.model,
			setup.version,
			equal_weights(&datanets),
		)?;
		ensure!(
			T::Influence::training_influence(setup.model, setup.version).is_some(),
			"training influence not recorded where the pallet reads it"
		);
		let (datanet, version) = *setup.training_data.first().ok_or("no training datanet")?;
		T::Datanets::inflate_version(datanet, version, c.into(), c.into());
		let payer: T::AccountId = account("payer", 0, 0);
		T::Currency::set_balance(&payer, u64::MAX.into());
		let ids: Vec<ContributionId> =
			setup.contributions.iter().take(a as usize).map(|(id, _)| *id).collect();
		let attributed = equal_weights(&ids);
		// An earlier payment: every pool, tree node, liability and account is live.
		Pallet::<T>::pay(0, &payer, setup.model, setup.version, &setup.operator, FEE, &attributed)?;
		#[block]
		{
			Pallet::<T>::pay(
				1,
				&payer,
				setup.model,
				setup.version,
				&setup.operator,
				FEE,
				&attributed,
			)?;
		}
		ensure!(Flow::<T>::get().fees_in == 2 * FEE, "both fees are counted");
		ensure!(
			datanets.iter().all(|d| PoolBalance::<T>::get(d) > 0),
			"every training pool was paid"
		);
		Pallet::<T>::do_try_state()?;
		Ok(())
	}

	#[benchmark]
	fn claim(b: Linear<1, { T::MaxClaimBatch::get() }>) -> Result<(), BenchmarkError> {
		let claimer: T::AccountId = account("claimer", 0, 0);
		T::Currency::set_balance(&claimer, u64::MAX.into());
		// With a full batch, one contribution more: the claim reads it to know more remain.
		let count = if b == T::MaxClaimBatch::get() { b + 1 } else { b };
		let mut owned = Vec::new();
		for n in 0..count {
			let curator: T::AccountId = account("curator", n, 0);
			let (datanet, id) = contribution_in_costliest_range::<T>(&curator, &claimer)?;
			owned.push((curator, datanet, id));
		}
		// The first contribution (and the extra one) flagged: a share for the treasury.
		let mut flagged = true;
		for (curator, _, id) in owned.iter().take(1).chain(owned.iter().skip(b as usize)) {
			flagged &= T::BenchmarkHelper::flag_contribution(curator, *id).is_ok();
		}
		// Every node both reads visit is live, and the range's own nodes give a share.
		for (_, datanet, id) in &owned {
			fund_costliest_range::<T>(*datanet)?;
			ensure!(
				Pallet::<T>::settlement(*id).is_some_and(|s| s.amount > 0),
				"a contribution with nothing to settle"
			);
		}
		// A direct share too, so the claim pays accrued (not only settled) earnings.
		Claimable::<T>::mutate(&claimer, |c| *c += FEE);
		Earnings::<T>::mutate(&claimer, |e| e.as_contributor += FEE);
		Flow::<T>::mutate(|f| f.fees_in += FEE);
		T::Currency::mint_into(&Pallet::<T>::account_id(), FEE)?;
		let treasury_before = Flow::<T>::get().to_treasury;
		let plan = Pallet::<T>::next_claim(&claimer);
		ensure!(plan.settled == b, "the claim does not settle b contributions");
		ensure!(plan.payout >= FEE, "the claim does not pay what accrued");
		ensure!(plan.settlements.len() == b as usize, "a contribution in no version");

		#[extrinsic_call]
		_(RawOrigin::Signed(claimer.clone()));

		ensure!(Claimable::<T>::get(&claimer) == 0, "everything accrued was paid");
		ensure!(Flow::<T>::get().claimed == plan.payout, "the claim paid what it planned");
		ensure!(
			!flagged || Flow::<T>::get().to_treasury > treasury_before,
			"a flagged contribution's share did not reach the treasury"
		);
		Pallet::<T>::do_try_state()?;
		Ok(())
	}

	/// Settling a contribution about to be flagged: the costliest reward reads, a share to
	/// move, every write.
	#[benchmark]
	fn contribution_flagged() -> Result<(), BenchmarkError> {
		let owner: T::AccountId = account("owner", 0, 0);
		T::Currency::set_balance(&owner, u64::MAX.into());
		let curator: T::AccountId = account("curator", 0, 0);
		let (datanet, id) = contribution_in_costliest_range::<T>(&curator, &owner)?;
		fund_costliest_range::<T>(datanet)?;
		let share = Pallet::<T>::settlement(id).map(|s| s.amount).unwrap_or_default();
		ensure!(share > 0, "nothing to settle");
		let claimable = Claimable::<T>::get(&owner);
		#[block]
		{
			<Pallet<T> as OnContributionFlagged<T::AccountId>>::contribution_flagged(id, &owner);
		}
		ensure!(Claimable::<T>::get(&owner) == claimable + share, "the share was not settled");
		Pallet::<T>::do_try_state()?;
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
