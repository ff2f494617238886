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

/// A balance in plancks.
pub type Balance = u128;

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
mod tests {
	use super::*;
	use proptest::prelude::*;

	fn split(developer: u32, operators: u32, data: u32) -> RevenueSplit {
		RevenueSplit {
			developer: Perbill::from_percent(developer),
			operators: Perbill::from_percent(operators),
			data: Perbill::from_percent(data),
			inference_data: Perbill::from_percent(50),
		}
	}

	#[test]
	fn split_fee_of_a_thousand_trib() {
		let fee = 1_000 * 10u128.pow(12);
		let parts = split_fee(fee, &split(40, 15, 40));
		assert_eq!(parts.developer, 400 * 10u128.pow(12));
		assert_eq!(parts.operator, 150 * 10u128.pow(12));
		assert_eq!(parts.data, 400 * 10u128.pow(12));
		assert_eq!(parts.treasury, 50 * 10u128.pow(12));
	}

	#[test]
	fn rounding_goes_to_the_treasury() {
		let parts = split_fee(7, &split(33, 33, 29));
		assert_eq!((parts.developer, parts.operator, parts.data), (2, 2, 2));
		assert_eq!(parts.treasury, 1);
	}

	#[test]
	fn pool_increment_never_exceeds_amount() {
		let (inc, deposit) = pool_increment(10, 3).unwrap();
		assert_eq!(inc, FixedU128::from_inner(3_333_333_333_333_333_333));
		assert_eq!(deposit, 10);
		assert_eq!(pool_increment(5, 0), None);
		// Three contributions of weight 1 each get 3; one planck stays unclaimable.
		assert_eq!(earned(1, inc), Some(3));
	}

	proptest! {
		#[test]
		fn split_fee_conserves(fee in any::<u64>(), x in 0u32..=100, y in 0u32..=100, z in 0u32..=100) {
			// Any three shares that make at most 100%.
			let d = x;
			let o = y % (101 - d);
			let a = z % (101 - d - o);
			let p = split_fee(fee as u128, &split(d, o, a));
			prop_assert_eq!(p.treasury + p.operator + p.developer + p.data, fee as u128);
		}

		#[test]
		fn divisions_conserve(amount in any::<u64>(), parts in proptest::collection::vec(0u32..1_000_000_000, 1..64)) {
			let total: u64 = parts.iter().map(|p| *p as u64).sum();
			prop_assume!(total > 0);
			// Normalise to at most 100%.
			let weights: Vec<(usize, Perbill)> = parts.iter().enumerate()
				.map(|(i, p)| (i, Perbill::from_rational(*p as u64, total))).collect();
			let (given, rest) = divide_by_weights(amount as u128, &weights);
			let sum: u128 = given.iter().map(|(_, b)| *b).sum();
			prop_assert!(sum <= amount as u128);
			prop_assert_eq!(sum + rest, amount as u128);
			let (equal, rest) = divide_equally(amount as u128, &weights.iter().map(|(i, _)| *i).collect::<Vec<_>>());
			prop_assert_eq!(equal.iter().map(|(_, b)| *b).sum::<u128>() + rest, amount as u128);
		}

		#[test]
		fn pool_pays_at_most_its_deposit(
			amounts in proptest::collection::vec(1u64..u64::MAX, 1..8),
			weights in proptest::collection::vec(1u64..1_000_000, 1..32),
		) {
			let total: u128 = weights.iter().map(|w| *w as u128).sum();
			let mut counter = FixedU128::from_inner(0);
			let mut deposited = 0u128;
			for amount in amounts {
				let (inc, deposit) = pool_increment(amount as u128, total).unwrap();
				prop_assert!(deposit <= amount as u128);
				counter = counter + inc;
				deposited += deposit;
			}
			let paid: u128 = weights.iter().map(|w| earned(*w, counter).unwrap()).sum();
			prop_assert!(paid <= deposited);
			// Each contribution loses less than one planck to rounding per counter reading.
			prop_assert!(deposited - paid <= weights.len() as u128 + 8);
		}
	}
}
