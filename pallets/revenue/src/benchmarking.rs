//! Benchmarks of revenue splitting (frame-benchmarking v2).
//!
//! `pay` is measured against `c`, the number of contributions in the trained datanet
//! version, from 10 to 1,000,000: the version's totals are written to storage (not built
//! by extrinsics), and the fitted weight's slope in `c` shows a payment costs the same.

// Benchmark set-up runs only when benchmarking, like tests: plain arithmetic is fine.
#![allow(clippy::arithmetic_side_effects)]

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use sp_runtime::Perbill;
use tributary_primitives::{DatanetsBenchmarkHelper as _, RevenueBenchmarkHelper, RevenueHandler};

/// Most attributions one inference may name (the attribution pallet's bound in the runtime).
const MAX_ATTRIBUTIONS: u32 = 64;

/// `a` attributions over the first `a` contributions, weights summing to exactly 100%.
fn attributions(ids: &[u64], a: u32) -> alloc::vec::Vec<(u64, Perbill)> {
	let a = a.max(1) as usize;
	let each = Perbill::from_parts(1_000_000_000 / a as u32);
	let mut out: alloc::vec::Vec<(u64, Perbill)> =
		ids.iter().take(a).map(|id| (*id, each)).collect();
	let given = each.deconstruct().saturating_mul(out.len() as u32);
	if let Some(last) = out.last_mut() {
		last.1 = Perbill::from_parts(each.deconstruct().saturating_add(1_000_000_000 - given));
	}
	out
}

#[benchmarks(where T::Datanets: tributary_primitives::DatanetsBenchmarkHelper<T::AccountId>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn pay(a: Linear<1, MAX_ATTRIBUTIONS>, c: Linear<10, 1_000_000>) -> Result<(), BenchmarkError> {
		let setup = T::BenchmarkHelper::payable_model(MAX_ATTRIBUTIONS);
		T::Datanets::inflate_version(setup.datanet, setup.datanet_version, c.into(), c.into());
		let payer: T::AccountId = account("payer", 0, 0);
		T::Currency::set_balance(&payer, u64::MAX.into());
		let attributed = attributions(&setup.contributions, a);
		let fee: Balance = 1_000_000_000_000_000;
		#[block]
		{
			Pallet::<T>::pay(
				0,
				&payer,
				setup.model,
				setup.version,
				&setup.operator,
				fee,
				&attributed,
			)?;
		}
		assert_eq!(Flow::<T>::get().fees_in, fee);
		Ok(())
	}

	/// `b` contributions to settle, each with a pending pool share.
	#[benchmark]
	fn claim(b: Linear<1, { T::MaxClaimBatch::get() }>) -> Result<(), BenchmarkError> {
		let setup = T::BenchmarkHelper::payable_model(b);
		let payer: T::AccountId = account("payer", 0, 0);
		T::Currency::set_balance(&payer, u64::MAX.into());
		Pallet::<T>::pay(
			0,
			&payer,
			setup.model,
			setup.version,
			&setup.operator,
			1_000_000_000_000_000,
			&[],
		)?;
		// A direct share as well, so the claim also pays accrued (not only settled) earnings.
		Claimable::<T>::mutate(&setup.contributor, |c| *c = c.saturating_add(1_000_000_000_000));
		Flow::<T>::mutate(|f| f.fees_in = f.fees_in.saturating_add(1_000_000_000_000));
		Earnings::<T>::mutate(&setup.contributor, |e| {
			e.as_contributor = e.as_contributor.saturating_add(1_000_000_000_000)
		});
		T::Currency::set_balance(&Pallet::<T>::account_id(), u64::MAX.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(setup.contributor.clone()));
		assert!(Claimable::<T>::get(&setup.contributor) == 0);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
