//! Unit and property tests of the money maths.
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
