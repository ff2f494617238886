//! The money maths of revenue splitting, pure and `no_std`: every split rounds down and
//! reports its remainder, so callers can send it to the treasury and never create or lose a
//! unit.
//!
//! Pool rewards are counted in reward per unit of weight, as `FixedU128` inner values
//! (units of 10^-18 planck per weight unit).

use alloc::vec::Vec;
use sp_arithmetic::{
	helpers_128bit::multiply_by_rational_with_rounding, FixedPointNumber, FixedU128, Perbill,
	Rounding,
};
use tributary_primitives::RevenueSplit;

pub use crate::types::{Balance, Liability};

/// 10^18: `FixedU128` inner units (and liability fractions) per planck.
const UNIT: u128 = FixedU128::DIV;

/// The first cut of a fee.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct FeeParts {
	/// The treasury's cut plus the rounding remainder of the other parts.
	pub treasury: Balance,
	/// The operator's share.
	pub operator: Balance,
	/// The developer's share.
	pub developer: Balance,
	/// The data contributors' share.
	pub data: Balance,
}

/// Splits `fee` by `split`; everything not given to operator, developer or data (the
/// treasury cut and all rounding) goes to the treasury. Parts always sum to `fee`.
pub fn split_fee(fee: Balance, split: &RevenueSplit) -> FeeParts {
	let operator = split.operators.mul_floor(fee);
	let developer = split.developer.mul_floor(fee);
	let data = split.data.mul_floor(fee);
	let treasury = fee.saturating_sub(operator).saturating_sub(developer).saturating_sub(data);
	FeeParts { treasury, operator, developer, data }
}

/// Divides `amount` by the given weights (rounding each part down). Returns the parts and
/// the remainder. Parts plus remainder equal `amount` when the weights sum to at most 100%.
pub fn divide_by_weights<K: Copy>(
	amount: Balance,
	weights: &[(K, Perbill)],
) -> (Vec<(K, Balance)>, Balance) {
	let parts: Vec<(K, Balance)> = weights.iter().map(|(k, w)| (*k, w.mul_floor(amount))).collect();
	let given = parts.iter().fold(0u128, |sum, (_, part)| sum.saturating_add(*part));
	(parts, amount.saturating_sub(given))
}

/// Divides `amount` equally between `keys` (rounding down). Returns the parts and the
/// remainder.
pub fn divide_equally<K: Copy>(amount: Balance, keys: &[K]) -> (Vec<(K, Balance)>, Balance) {
	let n = keys.len() as u128;
	let each = amount.checked_div(n).unwrap_or(0);
	let parts: Vec<(K, Balance)> = keys.iter().map(|k| (*k, each)).collect();
	(parts, amount.saturating_sub(each.saturating_mul(n)))
}

/// Spreading `amount` over `total_weight` units of weight: the reward-per-weight increment
/// (rounded down) and the amount the pool must hold to pay it — `ceil(increment × weight)`,
/// never more than `amount`. The caller sends `amount - deposit` to the treasury.
/// `None` when nothing can be spread (no weight) or on overflow.
pub fn pool_increment(amount: Balance, total_weight: u128) -> Option<(FixedU128, Balance)> {
	if total_weight == 0 {
		return None;
	}
	let inner =
		multiply_by_rational_with_rounding(amount, FixedU128::DIV, total_weight, Rounding::Down)?;
	let deposit =
		multiply_by_rational_with_rounding(inner, total_weight, FixedU128::DIV, Rounding::Up)?;
	Some((FixedU128::from_inner(inner), deposit.min(amount)))
}

/// The liability `liability` plus a payment that raised the reward per weight of a version of
/// `total_weight` by `increment`: `liability + increment × total_weight`, exact. `None` on
/// overflow (more than `u128::MAX` plancks).
pub fn liability_add(
	liability: Liability,
	increment: FixedU128,
	total_weight: u128,
) -> Option<Liability> {
	let inner = increment.into_inner();
	let whole = multiply_by_rational_with_rounding(inner, total_weight, UNIT, Rounding::Down)?;
	// (a × b) mod m from the operands' residues: each below 10^18, so their product fits.
	let fraction =
		inner.checked_rem(UNIT)?.checked_mul(total_weight.checked_rem(UNIT)?)?.checked_rem(UNIT)?;
	let fraction = u128::from(liability.fraction).checked_add(fraction)?;
	Some(Liability {
		plancks: liability.plancks.checked_add(whole)?.checked_add(fraction.checked_div(UNIT)?)?,
		fraction: u64::try_from(fraction.checked_rem(UNIT)?).ok()?,
	})
}

/// The liability `liability` after `paid` plancks of it were paid out. `None` when `paid` is
/// more than the whole plancks owed (never, for payouts of `floor(weight × reward)`).
pub fn liability_sub(liability: Liability, paid: Balance) -> Option<Liability> {
	Some(Liability { plancks: liability.plancks.checked_sub(paid)?, fraction: liability.fraction })
}

/// A payment of `amount` into a pool whose liability is `liability` and whose balance is
/// `balance`, for a version of `total_weight`: the reward-per-weight increment (rounded
/// down), the pool's new liability, and what of `amount` the pool keeps — just enough that
/// its balance is the new liability rounded up, never more than `amount`. The caller sends
/// `amount - kept` to the treasury (the sweep). `None` when nothing can be spread (no
/// weight) or on overflow.
pub fn pool_payment(
	amount: Balance,
	total_weight: u128,
	liability: Liability,
	balance: Balance,
) -> Option<(FixedU128, Liability, Balance)> {
	let (increment, _) = pool_increment(amount, total_weight)?;
	let after = liability_add(liability, increment, total_weight)?;
	let kept = after.ceil().saturating_sub(balance).min(amount);
	Some((increment, after, kept))
}

/// What a contribution of `weight` has earned in all when the reward per weight summed over
/// its versions is `reward_per_weight`: `floor(weight × reward_per_weight)`.
pub fn earned(weight: u64, reward_per_weight: FixedU128) -> Option<Balance> {
	multiply_by_rational_with_rounding(
		reward_per_weight.into_inner(),
		weight.into(),
		FixedU128::DIV,
		Rounding::Down,
	)
}

/// What a contribution of `weight` earned between two readings of its summed reward per
/// weight (`before <= now`).
pub fn accrued(weight: u64, before: FixedU128, now: FixedU128) -> Option<Balance> {
	earned(weight, now)?.checked_sub(earned(weight, before)?)
}

#[cfg(test)]
mod tests;
