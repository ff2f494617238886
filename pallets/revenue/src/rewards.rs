//! Per-datanet reward counters over version numbers, in pages.
//!
//! The reward per weight paid into each version is kept in pages of `VERSIONS_PER_PAGE`
//! versions (`RewardPages`), and each page's total in the datanet's pool record
//! (`Pool::page_totals`). A payment into version `v` adds its increment to `v`'s slot and to
//! its page's total: one page write beside the pool write the payment makes anyway. A
//! contribution in versions `first ..= last` reads its summed reward per weight as
//! `prefix(last) - prefix(first - 1)`, where `prefix(x)` is the totals of the pages before
//! `x`'s page plus the slots of that page up to `x`: the pool record and at most two pages.
//! Neither grows with the number of contributions.

use frame_support::{pallet_prelude::*, traits::Get};
use sp_arithmetic::FixedU128;
use tributary_primitives::{DatanetId, DatanetVersion};

use crate::{Config, Error, Pallet, PoolOf, RewardPages};

/// Versions per page of reward counters.
pub const VERSIONS_PER_PAGE: u32 = 32;

/// The bound of one page.
pub type PageLen = ConstU32<VERSIONS_PER_PAGE>;

/// How many pages a datanet's counters take: `MaxVersions / VERSIONS_PER_PAGE`, rounded up.
pub struct MaxPages<T>(core::marker::PhantomData<T>);

impl<T: Config> Get<u32> for MaxPages<T> {
	fn get() -> u32 {
		T::MaxVersions::get().div_ceil(VERSIONS_PER_PAGE)
	}
}

/// The page of version `version` (counted from 1) and its slot in the page.
fn locate(version: DatanetVersion) -> (u32, usize) {
	let index = version.saturating_sub(1);
	(index / VERSIONS_PER_PAGE, (index % VERSIONS_PER_PAGE) as usize)
}

/// Adds `increment` at `slot` of `counters`, growing it with zeros up to the slot. Changes
/// nothing when the slot is past the bound or the counter would overflow.
fn add_at<S: Get<u32>>(
	counters: &mut BoundedVec<u128, S>,
	slot: usize,
	increment: u128,
) -> Option<()> {
	if slot >= S::get() as usize {
		return None;
	}
	let value = counters.get(slot).copied().unwrap_or(0).checked_add(increment)?;
	while counters.len() <= slot {
		counters.try_push(0).ok()?;
	}
	*counters.get_mut(slot)? = value;
	Some(())
}

/// The sum of the first `n` counters.
fn sum_first(counters: &[u128], n: usize) -> u128 {
	counters.iter().take(n).fold(0u128, |sum, c| sum.saturating_add(*c))
}

impl<T: Config> Pallet<T> {
	/// Raises `pool`'s total of `version`'s page by `increment` (the planned pool, before it
	/// is written; `add_to_page` writes the page itself).
	pub(crate) fn raise_page_total(
		version: DatanetVersion,
		increment: FixedU128,
		pool: &mut PoolOf<T>,
	) -> Result<(), Error<T>> {
		if version == 0 || version > T::MaxVersions::get() {
			return Err(Error::<T>::VersionOutOfRange);
		}
		let (page, _) = locate(version);
		add_at(&mut pool.page_totals, page as usize, increment.into_inner())
			.ok_or(Error::<T>::Overflow)
	}

	/// Adds `increment` at `version` of `datanet`'s counters: writes the version's page.
	pub(crate) fn add_to_page(
		datanet: DatanetId,
		version: DatanetVersion,
		increment: FixedU128,
	) -> Result<(), Error<T>> {
		if version == 0 || version > T::MaxVersions::get() {
			return Err(Error::<T>::VersionOutOfRange);
		}
		let (page, slot) = locate(version);
		RewardPages::<T>::try_mutate(datanet, page, |counters| {
			add_at(counters, slot, increment.into_inner()).ok_or(Error::<T>::Overflow)
		})
	}

	/// The reward per weight summed over versions `1 ..= version`, from the page totals and
	/// `page`, the counters of `version`'s page.
	fn prefix(page_totals: &[u128], page: &[u128], version: DatanetVersion) -> u128 {
		if version == 0 {
			return 0;
		}
		let (index, slot) = locate(version);
		sum_first(page_totals, index as usize)
			.saturating_add(sum_first(page, slot.saturating_add(1)))
	}

	/// The reward per weight summed over versions `first ..= last` of `datanet` whose pool
	/// is `pool`: reads at most two pages (one when both ends share a page).
	pub fn reward_per_weight(
		datanet: DatanetId,
		pool: &PoolOf<T>,
		first: DatanetVersion,
		last: DatanetVersion,
	) -> FixedU128 {
		let last = last.min(T::MaxVersions::get());
		if first == 0 || first > last {
			return FixedU128::from_inner(0);
		}
		let below = first.saturating_sub(1);
		let (upper_page, _) = locate(last);
		let upper_counters = RewardPages::<T>::get(datanet, upper_page);
		let upper = Self::prefix(&pool.page_totals, &upper_counters, last);
		let lower = if below == 0 {
			0
		} else {
			let (lower_page, _) = locate(below);
			if lower_page == upper_page {
				Self::prefix(&pool.page_totals, &upper_counters, below)
			} else {
				Self::prefix(&pool.page_totals, &RewardPages::<T>::get(datanet, lower_page), below)
			}
		};
		FixedU128::from_inner(upper.saturating_sub(lower))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn versions_map_to_pages_and_slots() {
		assert_eq!(locate(1), (0, 0));
		assert_eq!(locate(32), (0, 31));
		assert_eq!(locate(33), (1, 0));
		assert_eq!(locate(1024), (31, 31));
	}

	#[test]
	fn counters_grow_to_the_slot_and_refuse_overflow() {
		let mut counters: BoundedVec<u128, ConstU32<4>> = BoundedVec::new();
		assert_eq!(add_at(&mut counters, 2, 5), Some(()));
		assert_eq!(counters.to_vec(), vec![0, 0, 5]);
		assert_eq!(add_at(&mut counters, 4, 1), None, "past the bound");
		assert_eq!(add_at(&mut counters, 2, u128::MAX), None, "overflow");
		assert_eq!(counters.to_vec(), vec![0, 0, 5], "a refused add changes nothing");
		assert_eq!(sum_first(&counters, 3), 5);
		assert_eq!(sum_first(&counters, 10), 5);
	}
}
