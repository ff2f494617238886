//! Per-datanet Fenwick trees over version numbers of cumulative reward per weight.
//!
//! A payment into version `v`'s pool adds its reward-per-weight increment at `v`
//! (O(log V) nodes); a contribution in versions `first ..= last` reads its summed reward per
//! weight as `prefix(last) - prefix(first - 1)` (O(log V) nodes). Neither grows with the
//! number of contributions.

use frame_support::traits::Get;
use sp_arithmetic::FixedU128;
use tributary_primitives::{DatanetId, DatanetVersion};

use crate::{Config, Error, Pallet, RewardTree};

/// The lowest set bit of `i` (`i & -i`).
fn lowbit(i: u32) -> u32 {
	i & i.wrapping_neg()
}

impl<T: Config> Pallet<T> {
	/// Adds `increment` to version `version` of `datanet`'s tree.
	pub(crate) fn tree_add(
		datanet: DatanetId,
		version: DatanetVersion,
		increment: FixedU128,
	) -> Result<(), Error<T>> {
		let size = T::MaxVersions::get();
		if version == 0 || version > size {
			return Err(Error::<T>::VersionOutOfRange);
		}
		let mut i = version;
		while i != 0 && i <= size {
			RewardTree::<T>::try_mutate(datanet, i, |node| {
				*node = node.checked_add(increment.into_inner()).ok_or(Error::<T>::Overflow)?;
				Ok::<_, Error<T>>(())
			})?;
			i = i.checked_add(lowbit(i)).unwrap_or(0);
		}
		Ok(())
	}

	/// The reward per weight summed over versions `1 ..= version` of `datanet`.
	pub(crate) fn tree_prefix(datanet: DatanetId, version: DatanetVersion) -> FixedU128 {
		let mut i = version.min(T::MaxVersions::get());
		let mut sum = 0u128;
		while i != 0 {
			sum = sum.saturating_add(RewardTree::<T>::get(datanet, i));
			i = i.saturating_sub(lowbit(i));
		}
		FixedU128::from_inner(sum)
	}

	/// The reward per weight summed over versions `first ..= last` of `datanet`.
	pub fn reward_per_weight(
		datanet: DatanetId,
		first: DatanetVersion,
		last: DatanetVersion,
	) -> FixedU128 {
		let upper = Self::tree_prefix(datanet, last).into_inner();
		let lower = Self::tree_prefix(datanet, first.saturating_sub(1)).into_inner();
		FixedU128::from_inner(upper.saturating_sub(lower))
	}
}
