//! Unit and property tests of revenue splitting.

use crate::{
	mock::*, ClaimCursor, Claimable, ContributionEarnings, Earnings, EarningsStats, Error, Event,
	Flow, MoneyFlow, PoolBalance,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use sp_runtime::{Perbill, TokenError};
use tributary_primitives::{FeeBreakdown, RevenueHandler};

/// The README's worked example: datanet 0 version 1 holds contributions 1 (Bob, weight 1),
/// 2 (Charlie, 2) and 3 (Dave, 3); datanet 1 version 1 holds 4 (Eve, 4). Alice's model
/// version 1 was trained on both, with training influence 75% / 25%. Ferdie operates.
fn worked_example_world() {
	add_contribution(1, 0, BOB, 1, (1, 1));
	add_contribution(2, 0, CHARLIE, 2, (1, 1));
	add_contribution(3, 0, DAVE, 3, (1, 1));
	add_contribution(4, 1, EVE, 4, (1, 1));
	set_model(0, 1, ALICE, 0, &[(0, 1), (1, 1)]);
	world(|w| {
		w.influence
			.insert((0, 1), vec![(0, Perbill::from_percent(75)), (1, Perbill::from_percent(25))])
	});
}

fn attributions() -> Vec<(u64, Perbill)> {
	vec![(1, Perbill::from_percent(60)), (2, Perbill::from_percent(40))]
}

fn claim_all(who: AccountId) -> Balance {
	let before = Balances::balance(&who);
	loop {
		match Revenue::claim(RuntimeOrigin::signed(who)) {
			Ok(_) => {}
			Err(e) if e.error == Error::<Test>::NothingToClaim.into() => break,
			Err(e) => panic!("claim failed: {e:?}"),
		}
		if ClaimCursor::<Test>::get(who).is_none() && Claimable::<Test>::get(who) == 0 {
			break;
		}
	}
	Balances::balance(&who) - before
}

#[test]
fn worked_example_a_thousand_trib_fee() {
	run_test(|| {
		worked_example_world();
		let fee = 1_000 * TRIB;
		let treasury_before = Balances::balance(&999);
		let breakdown = Revenue::pay(7, &PAYER, 0, 1, &FERDIE, fee, &attributions()).unwrap();
		assert_eq!(
			breakdown,
			FeeBreakdown {
				fee,
				treasury: 50 * TRIB,
				operator: 150 * TRIB,
				developer: 400 * TRIB,
				contributions: vec![(1, 120 * TRIB), (2, 80 * TRIB)],
				pools: vec![(0, 1, 150 * TRIB), (1, 1, 50 * TRIB)],
			}
		);
		System::assert_last_event(
			Event::FeeSplit {
				inference: 7,
				model: 0,
				version: 1,
				payer: PAYER,
				operator: FERDIE,
				developer: ALICE,
				breakdown,
			}
			.into(),
		);
		assert_eq!(Balances::balance(&PAYER), PAYER_FUNDS - fee);
		assert_eq!(Balances::balance(&999), treasury_before + 50 * TRIB);
		Revenue::do_try_state().unwrap();
		// Everyone claims: attributed shares plus pool shares by weight.
		assert_eq!(claim_all(ALICE), 400 * TRIB);
		assert_eq!(claim_all(FERDIE), 150 * TRIB);
		assert_eq!(claim_all(BOB), 120 * TRIB + 25 * TRIB);
		assert_eq!(claim_all(CHARLIE), 80 * TRIB + 50 * TRIB);
		assert_eq!(claim_all(DAVE), 75 * TRIB);
		assert_eq!(claim_all(EVE), 50 * TRIB);
		assert_eq!(
			Earnings::<Test>::get(BOB),
			EarningsStats {
				as_contributor: 145 * TRIB,
				as_developer: 0,
				as_operator: 0,
				claimed: 145 * TRIB
			}
		);
		assert_eq!(ContributionEarnings::<Test>::get(2), 130 * TRIB);
		assert_eq!(
			Flow::<Test>::get(),
			MoneyFlow { fees_in: fee, claimed: 950 * TRIB, to_treasury: 50 * TRIB }
		);
	});
}

#[test]
fn no_attributions_send_the_whole_data_share_to_pools_equally_without_influence() {
	run_test(|| {
		worked_example_world();
		world(|w| w.influence.clear());
		let breakdown = Revenue::pay(0, &PAYER, 0, 1, &FERDIE, 1_000 * TRIB, &[]).unwrap();
		assert!(breakdown.contributions.is_empty());
		assert_eq!(breakdown.pools, vec![(0, 1, 200 * TRIB), (1, 1, 200 * TRIB)]);
		assert_eq!(claim_all(EVE), 200 * TRIB);
	});
}

#[test]
fn dust_goes_to_the_treasury() {
	run_test(|| {
		add_contribution(1, 0, BOB, 1, (1, 1));
		add_contribution(2, 0, CHARLIE, 1, (1, 1));
		add_contribution(3, 0, DAVE, 1, (1, 1));
		set_model(0, 1, ALICE, 0, &[(0, 1)]);
		// 101 plancks: operator 15, developer 40, data 40 (20 direct, 20 to a pool of 3).
		let breakdown =
			Revenue::pay(0, &PAYER, 0, 1, &FERDIE, 101, &[(1, Perbill::one())]).unwrap();
		assert_eq!((breakdown.operator, breakdown.developer), (15, 40));
		assert_eq!(breakdown.contributions, vec![(1, 20)]);
		assert_eq!(breakdown.pools, vec![(0, 1, 20)]);
		assert_eq!(breakdown.treasury, 101 - 15 - 40 - 20 - 20);
		// The pool pays 6 each; 2 plancks stay in it as rounding (each under one planck per
		// contribution), and the conservation invariant still holds exactly.
		assert_eq!(claim_all(DAVE), 6);
		assert_eq!(PoolBalance::<Test>::get(0), 14);
	});
}

#[test]
fn pay_refusals_leave_nothing_behind() {
	run_test(|| {
		worked_example_world();
		assert_noop!(
			Revenue::pay(0, &PAYER, 0, 9, &FERDIE, 10, &[]),
			Error::<Test>::UnknownModelVersion
		);
		assert_noop!(Revenue::pay(0, &PAYER, 0, 1, &FERDIE, 0, &[]), Error::<Test>::ZeroFee);
		assert_noop!(
			Revenue::pay(0, &BOB, 0, 1, &FERDIE, 10 * TRIB, &[]),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn claim_refuses_when_nothing_accrued() {
	run_test(|| {
		assert_noop!(Revenue::claim(RuntimeOrigin::signed(BOB)), Error::<Test>::NothingToClaim);
	});
}

#[test]
fn claim_below_existential_deposit_keeps_earnings() {
	run_test(|| {
		add_contribution(1, 0, BOB, 1, (1, 1));
		set_model(0, 1, ALICE, 0, &[(0, 1)]);
		// Alice earns 40 plancks as developer; the existential deposit is 1, so she can claim.
		assert_ok!(Revenue::pay(0, &PAYER, 0, 1, &FERDIE, 100, &[]));
		assert_ok!(Revenue::claim(RuntimeOrigin::signed(ALICE)));
		System::assert_last_event(
			Event::Claimed { who: ALICE, amount: 40, settled: 0, more: false }.into(),
		);
	});
}

#[test]
fn claims_are_paged_over_many_contributions() {
	run_test(|| {
		for id in 0..7 {
			add_contribution(id, 0, BOB, 1, (1, 1));
		}
		set_model(0, 1, ALICE, 0, &[(0, 1)]);
		assert_ok!(Revenue::pay(0, &PAYER, 0, 1, &FERDIE, 700 * TRIB, &[]));
		// 280 TRIB into the pool: 40 TRIB per contribution; batches of 3.
		assert_ok!(Revenue::claim(RuntimeOrigin::signed(BOB)));
		System::assert_last_event(
			Event::Claimed { who: BOB, amount: 120 * TRIB, settled: 3, more: true }.into(),
		);
		assert_ok!(Revenue::claim(RuntimeOrigin::signed(BOB)));
		assert_ok!(Revenue::claim(RuntimeOrigin::signed(BOB)));
		System::assert_last_event(
			Event::Claimed { who: BOB, amount: 40 * TRIB, settled: 1, more: false }.into(),
		);
		assert_eq!(Balances::balance(&BOB), 280 * TRIB);
	});
}

#[test]
fn withdrawn_contribution_keeps_earning_from_its_versions_only() {
	run_test(|| {
		// Bob is in versions 1..=1 (withdrawn before version 2); Charlie in 1..=2.
		add_contribution(1, 0, BOB, 1, (1, 1));
		add_contribution(2, 0, CHARLIE, 1, (1, 2));
		set_model(0, 1, ALICE, 0, &[(0, 1)]);
		set_model(0, 2, ALICE, 0, &[(0, 2)]);
		assert_ok!(Revenue::pay(0, &PAYER, 0, 2, &FERDIE, 100 * TRIB, &[]));
		assert_ok!(Revenue::pay(1, &PAYER, 0, 1, &FERDIE, 100 * TRIB, &[]));
		// Version 2's pool (40) is Charlie's alone; version 1's (40) is shared.
		assert_eq!(claim_all(BOB), 20 * TRIB);
		assert_eq!(claim_all(CHARLIE), 60 * TRIB);
	});
}

#[test]
fn payment_into_a_million_weight_pool_pays_pro_rata() {
	run_test(|| {
		add_contribution(1, 0, BOB, 1, (1, 1));
		set_model(0, 1, ALICE, 0, &[(0, 1)]);
		// Version 1 weighs a million units in all; the payment touches only the reward tree.
		world(|w| w.versions.get_mut(&(0, 1)).unwrap().total_weight = 1_000_000);
		assert_ok!(Revenue::pay(0, &PAYER, 0, 1, &FERDIE, 1_000_000 * TRIB, &[]));
		// Bob's weight 1 of 1,000,000 in a 400,000 TRIB pool: 0.4 TRIB.
		assert_eq!(claim_all(BOB), 400_000_000_000);
	});
}

mod property {
	use super::*;
	use proptest::prelude::*;

	/// Exact entitlements: integer part plus a fraction over a common denominator.
	#[derive(Default, Clone, Copy)]
	struct Exact {
		whole: u128,
		fraction: u128,
	}

	#[derive(Clone, Debug)]
	enum Step {
		Pay { fee: u64, attributed: Vec<(u8, u32)> },
		Claim(u8),
	}

	fn step() -> impl Strategy<Value = Step> {
		prop_oneof![
			4 => (1u64..1_000_000_000_000_000, proptest::collection::vec((0u8..8, 1u32..1000), 0..5))
				.prop_map(|(fee, attributed)| Step::Pay { fee, attributed }),
			1 => (0u8..8).prop_map(Step::Claim),
		]
	}

	/// Turns raw parts into weights summing to exactly 100% over distinct contributions.
	fn normalise(raw: &[(u8, u32)]) -> Vec<(u64, Perbill)> {
		let mut parts: Vec<(u64, u32)> = Vec::new();
		for (c, p) in raw {
			if !parts.iter().any(|(id, _)| *id == *c as u64) {
				parts.push((*c as u64, *p));
			}
		}
		let total: u64 = parts.iter().map(|(_, p)| *p as u64).sum();
		let mut given = 0u32;
		let n = parts.len();
		parts
			.iter()
			.enumerate()
			.map(|(i, (c, p))| {
				let w = if i + 1 == n {
					1_000_000_000 - given
				} else {
					(*p as u64 * 1_000_000_000 / total) as u32
				};
				given += w;
				(*c, Perbill::from_parts(w))
			})
			.collect()
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(24))]
		#[test]
		fn random_payments_and_claims_conserve_money_and_pay_pro_rata(
			weights in proptest::collection::vec(1u64..1000, 8),
			steps in proptest::collection::vec(step(), 100..200),
		) {
			new_test_ext().execute_with(|| {
				// Contributions 0..8 owned by accounts 10..18; 0..5 in datanet 0, 5..8 in 1.
				let owner = |c: u64| 10 + c;
				for c in 0..8u64 {
					let datanet = if c < 5 { 0 } else { 1 };
					add_contribution(c, datanet, owner(c), weights[c as usize], (1, 1));
				}
				set_model(0, 1, ALICE, 0, &[(0, 1), (1, 1)]);
				world(|w| w.influence.insert((0, 1), vec![(0, Perbill::from_percent(70)), (1, Perbill::from_percent(30))]));
				let totals: [u128; 2] = [
					weights[..5].iter().map(|w| *w as u128).sum(),
					weights[5..].iter().map(|w| *w as u128).sum(),
				];
				let denominator = totals[0] * totals[1];
				let mut exact = [Exact::default(); 8];
				let mut claimed = [0u128; 8];

				for (n, step) in steps.into_iter().enumerate() {
					match step {
						Step::Pay { fee, attributed } => {
							let attributions = normalise(&attributed);
							let b = Revenue::pay(n as u64, &PAYER, 0, 1, &FERDIE, fee as u128, &attributions).unwrap();
							let to_contributions: u128 = b.contributions.iter().map(|(_, a)| a).sum();
							let to_pools: u128 = b.pools.iter().map(|(_, _, a)| a).sum();
							prop_assert_eq!(
								b.treasury + b.operator + b.developer + to_contributions + to_pools,
								fee as u128
							);
							// Reference: attributed shares rounded down, pool shares exact.
							for (c, amount) in &b.contributions {
								exact[*c as usize].whole += amount;
							}
							let data = Perbill::from_percent(40).mul_floor(fee as u128);
							let to_pools = if attributions.is_empty() { data } else { data - Perbill::from_percent(50).mul_floor(data) };
							let pool_amounts = [
								Perbill::from_percent(70).mul_floor(to_pools),
								Perbill::from_percent(30).mul_floor(to_pools),
							];
							for c in 0..8usize {
								let d = if c < 5 { 0 } else { 1 };
								let e = &mut exact[c];
								e.fraction += pool_amounts[d] * weights[c] as u128 * (denominator / totals[d]);
								e.whole += e.fraction / denominator;
								e.fraction %= denominator;
							}
						},
						Step::Claim(c) => {
							let who = owner(c as u64);
							let before = Balances::balance(&who);
							let _ = Revenue::claim(RuntimeOrigin::signed(who));
							claimed[c as usize] += Balances::balance(&who) - before;
						},
					}
					Revenue::do_try_state().unwrap();
				}
				// Claim everything left; each account gets its exact entitlement rounded down,
				// short by less than one planck per pool reading it was settled at.
				for c in 0..8usize {
					claimed[c] += claim_all(owner(c as u64));
					prop_assert!(claimed[c] <= exact[c].whole, "paid more than the exact entitlement");
					prop_assert!(exact[c].whole - claimed[c] <= 1, "lost more than rounding: {} vs {}", claimed[c], exact[c].whole);
				}
				Revenue::do_try_state().unwrap();
				Ok(())
			})?;
		}
	}
}
