//! Benchmarks of revenue splitting (frame-benchmarking v2), each set up at its worst case.
//!
//! - `pay`: `a` attributions (up to the runtime's `MaxAttributionsPerInference`, 64), each
//!   contribution owned by a distinct account, for a model version trained on the most
//!   datanets the runtime allows (`MaxTrainingDatanets`, 16), each with its own curator, its
//!   training influence recorded where the pallet reads it, and every pool, page,
//!   contribution record and account already written by an earlier payment. `c` is the
//!   number of contributions of the first training version (its totals are written as if it
//!   held them): the fitted slope in `c` shows a payment costs the same however many
//!   contributions share a pool.
//! - `claim`: the claimer owns `b` contributions, each in a different datanet, each in the
//!   costliest version range (its ends in two pages of counters, both live), every pool
//!   record at its widest (a total for every page) and paid into so each settlement writes
//!   the pool, every contribution with an unsettled attributed share, one contribution
//!   flagged (its share goes to the treasury), and — with a full batch — one more
//!   contribution past the batch, read to know that more remain.
//! - `contribution_flagged`: settling a contribution about to be flagged, in the costliest
//!   version range with a pool share and a direct share to move (charged by the dataset
//!   registry's `flag_malicious`).
//! - `sweep_treasury`: `on_idle` sending what payments owed the treasury on to it.

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
	CheckedPayment, ContributionId, DatanetId, DatanetVersion, DatanetsBenchmarkHelper as _,
	DatanetsInspect, ModelPaymentView, ModelStatus, OnContributionFlagged, RevenueBenchmarkHelper,
	RevenueHandler, RevenueSplit, TrainingInfluence,
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

/// The version range whose reward reads are the costliest: its ends in different pages of
/// counters (`prefix(last)` and `prefix(first - 1)` each read a page), the lower end in
/// page 0: versions `2 ..= VERSIONS_PER_PAGE + 1` (within `MaxVersions`).
fn costliest_range<T: Config>() -> (DatanetVersion, DatanetVersion) {
	(2, (crate::VERSIONS_PER_PAGE + 1).min(T::MaxVersions::get()))
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
/// money minted and counted as fees (what the pool does not keep owed to the treasury).
fn fund_pool<T: Config>(
	datanet: DatanetId,
	versions: &[DatanetVersion],
	amount: Balance,
) -> Result<(), BenchmarkError> {
	for version in versions {
		let summary = T::Datanets::version(datanet, *version).ok_or("version not published")?;
		let pool = Pools::<T>::get(datanet);
		let (increment, liability, kept) =
			math::pool_payment(amount, summary.total_weight, pool.liability, pool.balance)
				.ok_or("nothing to spread")?;
		let balance = pool.balance + kept;
		let mut after = Pool { balance, liability, page_totals: pool.page_totals };
		Pallet::<T>::raise_page_total(*version, increment, &mut after)
			.map_err(DispatchError::from)?;
		Pallet::<T>::apply_pool_update(PoolUpdate {
			datanet,
			version: *version,
			increment,
			pool: after,
		})
		.map_err(DispatchError::from)?;
		T::Currency::mint_into(&Pallet::<T>::account_id(), amount)?;
		Flow::<T>::mutate(|f| {
			f.fees_in += amount;
			f.treasury_due += amount - kept;
		});
	}
	Ok(())
}

/// Gives `datanet`'s pool a page total for every page there can be (zero where nothing was
/// paid): the largest pool record every settlement reads.
fn widest_pool<T: Config>(datanet: DatanetId) {
	Pools::<T>::mutate(datanet, |pool| while pool.page_totals.try_push(0).is_ok() {});
}

/// An unsettled attributed share of `amount` for contribution `id`, as a payment leaves it,
/// with the money minted and counted as a fee.
fn direct_share<T: Config>(id: ContributionId, amount: Balance) -> Result<(), BenchmarkError> {
	ContributionAccounts::<T>::mutate(id, |account| {
		account.earned += amount;
		account.unsettled += amount;
		account.attributed += 1;
	});
	T::Currency::mint_into(&Pallet::<T>::account_id(), amount)?;
	Flow::<T>::mutate(|f| f.fees_in += amount);
	Ok(())
}

/// A fresh datanet curated by `curator` in which `owner` holds one contribution in the
/// costliest range, every version published and paid into (below the range too, so both
/// pages read are live), the pool record at its widest, and an unsettled attributed share:
/// the contribution has a pool share and a direct share to settle.
fn contribution_in_costliest_range<T: Config>(
	curator: &T::AccountId,
	owner: &T::AccountId,
) -> Result<(DatanetId, ContributionId), BenchmarkError>
where
	T::Datanets: tributary_primitives::DatanetsBenchmarkHelper<T::AccountId>,
{
	let (first, last) = costliest_range::<T>();
	let (datanet, _, _) = T::Datanets::published_datanet(curator, 1);
	publish_up_to::<T>(curator, datanet, first - 1)?;
	let id = *T::Datanets::contribute(owner, datanet, 1).first().ok_or("no contribution")?;
	publish_up_to::<T>(curator, datanet, last)?;
	fund_pool::<T>(datanet, &[first - 1, first, last], FEE)?;
	widest_pool::<T>(datanet);
	direct_share::<T>(id, FEE)?;
	Ok((datanet, id))
}

/// The checked payment the attribution pallet's validation builds for `setup`'s model
/// attributed to `attributions`: the worked-example split, every share non-zero.
fn checked_payment<T: Config>(
	setup: &tributary_primitives::PayableModel<T::AccountId>,
	attributions: Vec<(ContributionId, Perbill)>,
) -> CheckedPayment<T::AccountId, Balance> {
	CheckedPayment {
		model: setup.model,
		version: setup.version,
		fee: FEE,
		view: ModelPaymentView {
			owner: setup.developer.clone(),
			status: ModelStatus::Active,
			price: 0,
			split: RevenueSplit {
				developer: Perbill::from_percent(40),
				operators: Perbill::from_percent(15),
				data: Perbill::from_percent(40),
				inference_data: Perbill::from_percent(50),
			},
			training_data: setup.training_data.clone(),
			lineage_datanets: setup.training_data.iter().map(|(d, _)| *d).collect(),
			operators: alloc::vec![setup.operator.clone()],
		},
		attributions,
	}
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
		let payment = checked_payment::<T>(&setup, attributed);
		// An earlier payment: every pool, page, contribution record and account is live.
		Pallet::<T>::pay(0, &payer, &setup.operator, &payment)?;
		#[block]
		{
			Pallet::<T>::pay(1, &payer, &setup.operator, &payment)?;
		}
		ensure!(Flow::<T>::get().fees_in == 2 * FEE, "both fees are counted");
		ensure!(
			datanets.iter().all(|d| Pools::<T>::get(d).balance > 0),
			"every training pool was paid"
		);
		#[cfg(any(feature = "try-runtime", test))]
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
		// Paid into again after the flags: every settlement moves a pool share (the flagged
		// ones' to the treasury), the others a direct share too.
		let (first, last) = costliest_range::<T>();
		for (n, (_, datanet, id)) in owned.iter().enumerate() {
			fund_pool::<T>(*datanet, &[first, last], FEE)?;
			let stopped = n == 0 || n >= b as usize;
			ensure!(
				Pallet::<T>::settlement(*id)
					.is_some_and(|s| s.amount > 0 && (stopped || s.direct > 0)),
				"a contribution with nothing to settle"
			);
		}
		let treasury_before = Flow::<T>::get().treasury_due;
		let plan = Pallet::<T>::next_claim(&claimer);
		ensure!(plan.settled == b, "the claim does not settle b contributions");
		ensure!(plan.payout >= FEE, "the claim does not pay what accrued");
		ensure!(plan.settlements.len() == b as usize, "a contribution in no version");

		#[extrinsic_call]
		_(RawOrigin::Signed(claimer.clone()));

		ensure!(Flow::<T>::get().claimed == plan.payout, "the claim paid what it planned");
		ensure!(
			!flagged || Flow::<T>::get().treasury_due > treasury_before,
			"a flagged contribution's share did not reach the treasury"
		);
		#[cfg(any(feature = "try-runtime", test))]
		Pallet::<T>::do_try_state()?;
		Ok(())
	}

	/// Settling a contribution about to be flagged: the costliest reward reads, a pool share
	/// and a direct share to move, every write.
	#[benchmark]
	fn contribution_flagged() -> Result<(), BenchmarkError> {
		let owner: T::AccountId = account("owner", 0, 0);
		T::Currency::set_balance(&owner, u64::MAX.into());
		let curator: T::AccountId = account("curator", 0, 0);
		let (_, id) = contribution_in_costliest_range::<T>(&curator, &owner)?;
		let share = Pallet::<T>::settlement(id).map(|s| s.to_owner()).unwrap_or_default();
		ensure!(share > FEE, "nothing to settle");
		let claimable = Pallet::<T>::claimable(&owner);
		#[block]
		{
			<Pallet<T> as OnContributionFlagged<T::AccountId>>::contribution_flagged(id, &owner);
		}
		ensure!(Pallet::<T>::claimable(&owner) == claimable + share, "the share was not settled");
		#[cfg(any(feature = "try-runtime", test))]
		Pallet::<T>::do_try_state()?;
		Ok(())
	}

	/// `on_idle` sending the treasury what payments owed it: one transfer.
	#[benchmark]
	fn sweep_treasury() -> Result<(), BenchmarkError> {
		T::Currency::mint_into(&Pallet::<T>::account_id(), FEE)?;
		Flow::<T>::mutate(|f| {
			f.fees_in += FEE;
			f.treasury_due += FEE;
		});
		let sent;
		#[block]
		{
			sent = Pallet::<T>::sweep_treasury();
		}
		ensure!(sent, "nothing was sent");
		ensure!(Flow::<T>::get().treasury_due == 0, "the due was not sent");
		#[cfg(any(feature = "try-runtime", test))]
		Pallet::<T>::do_try_state()?;
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
