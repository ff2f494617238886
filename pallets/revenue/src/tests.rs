//! Unit and property tests of revenue splitting.

use crate::{
	mock::*, ClaimCursor, ContributionAccounts, Earnings, EarningsStats, Error, Event, Flow,
	Liability, MoneyFlow, Pools, WeightInfo,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Hooks},
	weights::Weight,
};
use sp_arithmetic::{FixedPointNumber, FixedU128};
use sp_runtime::{Perbill, TokenError};
use tributary_primitives::FeeBreakdown;

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

/// The `more` flag of the last `Claimed` event.
fn last_claim_more() -> bool {
	System::events()
		.iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::Revenue(Event::Claimed { more, .. }) => Some(more),
			_ => None,
		})
		.expect("a claim succeeded without a Claimed event")
}

/// Claims once, checking first that the earnings query reports exactly what the claim pays
/// and that it wrote nothing. Returns what was paid, or the error (after which nothing
/// changed).
fn claim_checked(who: AccountId) -> Result<Balance, sp_runtime::DispatchError> {
	let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
	let reported = Revenue::next_claim(&who).payout;
	assert_eq!(root, sp_io::storage::root(sp_runtime::StateVersion::V1), "the query wrote");
	let before = Balances::balance(&who);
	let result = Revenue::claim(RuntimeOrigin::signed(who));
	let paid = Balances::balance(&who) - before;
	assert_eq!(reported, paid, "the earnings query and the claim disagree");
	match result {
		Ok(_) => Ok(paid),
		Err(e) => {
			assert_eq!(
				root,
				sp_io::storage::root(sp_runtime::StateVersion::V1),
				"a failed claim wrote"
			);
			Err(e.error)
		}
	}
}

/// Claims until a claim says nothing more remains (or that there is nothing to claim), at
/// most `limit` times; returns what was paid and how many claims succeeded.
fn claim_pass(who: AccountId, limit: u32) -> (Balance, u32) {
	let (mut paid, mut calls) = (0, 0);
	for _ in 0..limit {
		match claim_checked(who) {
			Ok(amount) => {
				paid += amount;
				calls += 1;
				if !last_claim_more() {
					return (paid, calls);
				}
			}
			Err(e) if e == Error::<Test>::NothingToClaim.into() => return (paid, calls),
			Err(e) => panic!("claim failed: {e:?}"),
		}
	}
	panic!("claims of {who} did not end within {limit} calls");
}

fn claim_all(who: AccountId) -> Balance {
	claim_pass(who, 1_000).0
}

#[test]
fn integrity_test_accepts_the_mock_bounds_and_the_runtimes_claim_batch() {
	new_test_ext().execute_with(|| {
		<crate::Pallet<Test> as Hooks<u64>>::integrity_test();
		MaxClaimBatch::set(64);
		<crate::Pallet<Test> as Hooks<u64>>::integrity_test();
	});
}

#[test]
#[should_panic(expected = "a claim must settle at least one contribution")]
fn integrity_test_refuses_a_claim_that_settles_nothing() {
	new_test_ext().execute_with(|| {
		MaxClaimBatch::set(0);
		<crate::Pallet<Test> as Hooks<u64>>::integrity_test();
	});
}

#[test]
fn worked_example_a_thousand_trib_fee() {
	run_test(|| {
		worked_example_world();
		let fee = 1_000 * TRIB;
		let treasury_before = treasury_total();
		let breakdown = pay(7, &PAYER, 0, 1, &FERDIE, fee, &attributions()).unwrap();
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
		assert_eq!(treasury_total(), treasury_before + 50 * TRIB);
		Revenue::do_try_state().unwrap();
		// The treasury's part waits in the revenue account until `on_idle` sends it on.
		assert_eq!(Flow::<Test>::get().treasury_due, 50 * TRIB);
		let treasury_balance = Balances::balance(&Treasury::get());
		assert_eq!(Revenue::on_idle(1, Weight::MAX), <() as WeightInfo>::sweep_treasury());
		assert_eq!(Balances::balance(&Treasury::get()), treasury_balance + 50 * TRIB);
		System::assert_last_event(Event::TreasurySwept { amount: 50 * TRIB }.into());
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
		assert_eq!(ContributionAccounts::<Test>::get(2).earned, 130 * TRIB);
		assert_eq!(
			Flow::<Test>::get(),
			MoneyFlow {
				fees_in: fee,
				claimed: 950 * TRIB,
				to_treasury: 50 * TRIB,
				treasury_due: 0
			}
		);
	});
}

#[test]
fn on_idle_sends_the_treasury_its_due_once_per_block_within_its_weight() {
	run_test(|| {
		worked_example_world();
		for n in 0..3 {
			assert_ok!(pay(n, &PAYER, 0, 1, &FERDIE, 1_000 * TRIB, &attributions()));
		}
		let before = Balances::balance(&Treasury::get());
		// Three payments, one treasury transfer; none without the weight for it.
		let sweep = <() as WeightInfo>::sweep_treasury();
		let short = sweep.saturating_sub(Weight::from_parts(1, 0));
		if sweep.ref_time() > 0 {
			assert_eq!(Revenue::on_idle(1, short), Weight::zero());
			assert_eq!(Balances::balance(&Treasury::get()), before);
		}
		assert_eq!(Revenue::on_idle(1, Weight::MAX), sweep);
		assert_eq!(Balances::balance(&Treasury::get()), before + 150 * TRIB);
		assert_eq!(Flow::<Test>::get().treasury_due, 0);
		assert_eq!(Flow::<Test>::get().to_treasury, 150 * TRIB);
		// Nothing due: nothing sent, no event.
		let events = System::events().len();
		assert!(!Revenue::sweep_treasury());
		assert_eq!(System::events().len(), events);
	});
}

#[test]
fn a_payment_writes_each_attributed_contribution_once_and_no_owner() {
	run_test(|| {
		worked_example_world();
		let payment = checked_payment(0, 1, 1_000 * TRIB, &attributions()).unwrap();
		let receipt = <Revenue as tributary_primitives::RevenueHandler<_, _>>::pay(
			0, &PAYER, &FERDIE, &payment,
		)
		.unwrap();
		assert_eq!(receipt.positions, vec![0, 0]);
		// The shares wait in the contributions' records, not in their owners' earnings.
		assert_eq!(Earnings::<Test>::get(BOB), EarningsStats::default());
		assert_eq!(ContributionAccounts::<Test>::get(1).unsettled, 120 * TRIB);
		assert_eq!(ContributionAccounts::<Test>::get(1).attributed, 1);
		let again = <Revenue as tributary_primitives::RevenueHandler<_, _>>::pay(
			1, &PAYER, &FERDIE, &payment,
		)
		.unwrap();
		assert_eq!(again.positions, vec![1, 1], "each payment takes the next usage position");
		assert_eq!(<Revenue as tributary_primitives::RevenueHandler<_, _>>::times_attributed(2), 2);
		// The earnings query already counts them; the claim moves them to Bob.
		assert_eq!(Revenue::next_claim(&BOB).payout, 240 * TRIB + 50 * TRIB);
		assert_eq!(claim_checked(BOB), Ok(290 * TRIB));
		assert_eq!(ContributionAccounts::<Test>::get(1).unsettled, 0);
		assert_eq!(ContributionAccounts::<Test>::get(1).earned, 290 * TRIB);
	});
}

#[test]
fn no_attributions_send_the_whole_data_share_to_pools_equally_without_influence() {
	run_test(|| {
		worked_example_world();
		world(|w| w.influence.clear());
		let breakdown = pay(0, &PAYER, 0, 1, &FERDIE, 1_000 * TRIB, &[]).unwrap();
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
		let breakdown = pay(0, &PAYER, 0, 1, &FERDIE, 101, &[(1, Perbill::one())]).unwrap();
		assert_eq!((breakdown.operator, breakdown.developer), (15, 40));
		assert_eq!(breakdown.contributions, vec![(1, 20)]);
		assert_eq!(breakdown.pools, vec![(0, 1, 20)]);
		assert_eq!(breakdown.treasury, 101 - 15 - 40 - 20 - 20);
		// The pool pays 6 each; once all have claimed, 2 plancks stay in it: the sub-planck
		// parts (2/3 each) of exact shares, which a later payment completes. The pool keeps
		// exactly its liability rounded up.
		assert_eq!(claim_all(DAVE), 6);
		assert_eq!(Pools::<Test>::get(0).balance, 14);
		assert_eq!(claim_all(BOB), 20 + 6);
		assert_eq!(claim_all(CHARLIE), 6);
		assert_eq!(Pools::<Test>::get(0).balance, 2);
		assert_eq!(Pools::<Test>::get(0).liability.ceil(), 2);
		assert_ok!(pay(1, &PAYER, 0, 1, &FERDIE, 101, &[(1, Perbill::one())]));
		// 20 more: 6.67 each, so each has 13.33 in all and gets 7 more (not 6).
		assert_eq!(claim_all(DAVE), 7);
	});
}

#[test]
fn pay_refusals_leave_nothing_behind() {
	run_test(|| {
		worked_example_world();
		assert_noop!(pay(0, &PAYER, 0, 9, &FERDIE, 10, &[]), Error::<Test>::UnknownModelVersion);
		assert_noop!(pay(0, &PAYER, 0, 1, &FERDIE, 0, &[]), Error::<Test>::ZeroFee);
		assert_noop!(pay(0, &BOB, 0, 1, &FERDIE, 10 * TRIB, &[]), TokenError::FundsUnavailable);
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
		assert_ok!(pay(0, &PAYER, 0, 1, &FERDIE, 100, &[]));
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
		assert_ok!(pay(0, &PAYER, 0, 1, &FERDIE, 700 * TRIB, &[]));
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
		assert_ok!(pay(0, &PAYER, 0, 2, &FERDIE, 100 * TRIB, &[]));
		assert_ok!(pay(1, &PAYER, 0, 1, &FERDIE, 100 * TRIB, &[]));
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
		// Version 1 weighs a million units in all; the payment touches only the pool and one page of reward counters.
		world(|w| w.versions.get_mut(&(0, 1)).unwrap().total_weight = 1_000_000);
		assert_ok!(pay(0, &PAYER, 0, 1, &FERDIE, 1_000_000 * TRIB, &[]));
		// Bob's weight 1 of 1,000,000 in a 400,000 TRIB pool: 0.4 TRIB.
		assert_eq!(claim_all(BOB), 400_000_000_000);
	});
}

/// `n` contributions of weight 1 owned by Bob in datanet 0, plus Charlie's of weight 1, all
/// in version 1, which Alice's model version 1 was trained on.
fn owner_of_many(n: u64) {
	for id in 0..n {
		add_contribution(id, 0, BOB, 1, (1, 1));
	}
	add_contribution(n, 0, CHARLIE, 1, (1, 1));
	set_model(0, 1, ALICE, 0, &[(0, 1)]);
}

#[test]
fn claims_never_wedge_whatever_the_number_of_contributions() {
	for n in [0u64, 1, 63, 64, 65, 128, 129] {
		run_test(|| {
			MaxClaimBatch::set(64);
			owner_of_many(n);
			// Each payment puts 40 plancks per contribution in the pool (data share 40%).
			let fee = 100 * (n as u128 + 1);
			let per_pass = 40 * n as u128;
			let batches = n.div_ceil(64).max(1) as u32;
			for round in 0..3u64 {
				assert_ok!(pay(round, &PAYER, 0, 1, &FERDIE, fee, &[]));
				// Following `more`, a pass of claims ends, one claim per batch, every planck
				// paid; before each claim the earnings query says what it pays.
				let (paid, calls) = claim_pass(BOB, batches + 1);
				assert_eq!(paid, per_pass, "n = {n}, round {round}");
				if n == 0 {
					assert_eq!(calls, 0);
				} else {
					assert_eq!(calls, batches, "n = {n}, round {round}");
				}
				assert_eq!(ClaimCursor::<Test>::get(BOB), None);
				assert_eq!(Revenue::claimable(&BOB), 0);
			}
			assert_eq!(Balances::balance(&BOB), 3 * per_pass);
			assert_eq!(Earnings::<Test>::get(BOB).claimed, 3 * per_pass);
			// Nothing left: an owner of one batch or less is told so and nothing changes.
			if n <= 64 {
				assert_noop!(
					Revenue::claim(RuntimeOrigin::signed(BOB)),
					Error::<Test>::NothingToClaim
				);
			}
		});
	}
}

#[test]
fn a_full_batch_then_a_new_payment_is_claimed_at_once() {
	run_test(|| {
		// Exactly one batch: the old cursor stopped after it and the next claim wedged.
		owner_of_many(3);
		assert_ok!(pay(0, &PAYER, 0, 1, &FERDIE, 400, &[]));
		assert_ok!(Revenue::claim(RuntimeOrigin::signed(BOB)));
		System::assert_last_event(
			Event::Claimed { who: BOB, amount: 120, settled: 3, more: false }.into(),
		);
		assert_eq!(ClaimCursor::<Test>::get(BOB), None);
		assert_ok!(pay(1, &PAYER, 0, 1, &FERDIE, 400, &[]));
		assert_ok!(Revenue::claim(RuntimeOrigin::signed(BOB)));
		System::assert_last_event(
			Event::Claimed { who: BOB, amount: 120, settled: 3, more: false }.into(),
		);
		assert_eq!(Balances::balance(&BOB), 240);
	});
}

#[test]
fn a_claim_with_nothing_in_its_batch_still_moves_on() {
	run_test(|| {
		// Bob's first three contributions are in version 1, his fourth in version 2 only.
		for id in 0..3 {
			add_contribution(id, 0, BOB, 1, (1, 1));
		}
		add_contribution(3, 0, BOB, 1, (2, 2));
		set_model(0, 2, ALICE, 0, &[(0, 2)]);
		assert_ok!(pay(0, &PAYER, 0, 2, &FERDIE, 100, &[]));
		// The first batch has nothing; the claim succeeds, pays nothing and moves on.
		assert_eq!(claim_checked(BOB), Ok(0));
		System::assert_last_event(
			Event::Claimed { who: BOB, amount: 0, settled: 3, more: true }.into(),
		);
		assert_eq!(claim_checked(BOB), Ok(40));
		assert_eq!(ClaimCursor::<Test>::get(BOB), None);
	});
}

#[test]
fn the_earnings_query_reads_from_the_claim_cursor() {
	run_test(|| {
		// Four contributions, batches of three: the second claim settles only the fourth.
		owner_of_many(4);
		assert_ok!(pay(0, &PAYER, 0, 1, &FERDIE, 500, &[]));
		assert_eq!(Revenue::next_claim(&BOB).payout, 120);
		assert_eq!(claim_checked(BOB), Ok(120));
		// A new payment: the first three earn again, but the next claim goes on from the
		// cursor and pays the fourth's two shares only.
		assert_ok!(pay(1, &PAYER, 0, 1, &FERDIE, 500, &[]));
		let next = Revenue::next_claim(&BOB);
		assert_eq!((next.payout, next.settled, next.more), (80, 1, false));
		assert_eq!(claim_checked(BOB), Ok(80));
		assert_eq!(claim_checked(BOB), Ok(120));
	});
}

/// Raises the existential deposit to `ed`, topping up the treasury and the revenue account
/// (which genesis endowed with 1) so they stay above it.
fn raise_existential_deposit(ed: Balance) {
	ExistentialDeposit::set(ed);
	for who in [Treasury::get(), Revenue::account_id()] {
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(&who, ed));
	}
}

#[test]
fn claims_below_the_existential_deposit_keep_settling() {
	run_test(|| {
		raise_existential_deposit(10);
		// Bob has no account yet. Four contributions of his, three per claim, 3 plancks each.
		owner_of_many(4);
		assert_ok!(pay(0, &PAYER, 0, 1, &FERDIE, 38, &[]));
		assert_eq!(Revenue::next_claim(&BOB).accrued, 9);
		// 9 plancks cannot open his account: they stay claimable and the claim moves on.
		assert_eq!(claim_checked(BOB), Ok(0));
		assert_eq!(Revenue::claimable(&BOB), 9);
		assert_eq!(ClaimCursor::<Test>::get(BOB), Some(2));
		// The next batch brings him to 12: paid in full.
		assert_eq!(claim_checked(BOB), Ok(12));
		assert_eq!(Revenue::claimable(&BOB), 0);
		assert_eq!(Earnings::<Test>::get(BOB).claimed, 12);
	});
}

#[test]
fn a_payout_the_account_cannot_receive_and_nothing_else_is_refused() {
	run_test(|| {
		raise_existential_deposit(10);
		add_contribution(0, 0, BOB, 1, (1, 1));
		set_model(0, 1, ALICE, 0, &[(0, 1)]);
		assert_ok!(pay(0, &PAYER, 0, 1, &FERDIE, 10, &[]));
		// Alice accrued 4 as developer: below the existential deposit of her new account.
		assert_noop!(Revenue::claim(RuntimeOrigin::signed(ALICE)), TokenError::BelowMinimum);
		assert_eq!(Revenue::next_claim(&ALICE).payout, 0);
		assert_eq!(Revenue::claimable(&ALICE), 4);
	});
}

#[test]
fn claims_by_strangers_and_protected_accounts_change_nothing() {
	run_test(|| {
		worked_example_world();
		assert_ok!(pay(7, &PAYER, 0, 1, &FERDIE, 1_000 * TRIB, &attributions()));
		for who in [77, Treasury::get(), Revenue::account_id(), PAYER] {
			assert_eq!(Revenue::next_claim(&who).payout, 0);
			assert_noop!(Revenue::claim(RuntimeOrigin::signed(who)), Error::<Test>::NothingToClaim);
		}
		// Everyone who earned still gets every planck.
		assert_eq!(
			claim_all(BOB) + claim_all(CHARLIE) + claim_all(DAVE) + claim_all(EVE),
			400 * TRIB
		);
	});
}

#[test]
fn pool_rounding_remainders_are_swept_to_the_treasury() {
	run_test(|| {
		// Seven contributions of weight 10^17: a pool payment of 1 planck adds 1 unit of
		// 10^-18 per weight, 0.7 planck in all. The old pool kept a whole planck each time.
		for id in 0..7 {
			add_contribution(id, 0, 10 + id, 100_000_000_000_000_000, (1, 1));
		}
		set_model(0, 1, ALICE, 0, &[(0, 1)]);
		let treasury = treasury_total();
		for n in 0..10u64 {
			// Fee 3: developer 1, data 1 (all to the pool), treasury 1.
			let b = pay(n, &PAYER, 0, 1, &FERDIE, 3, &[]).unwrap();
			let kept = b.pools[0].2;
			assert_eq!(b.treasury, 3 - 1 - kept);
			check_invariants();
		}
		// The pool owes 7 × 1.0 = 7 plancks exactly, and holds 7; 3 were swept.
		assert_eq!(Pools::<Test>::get(0).liability, Liability { plancks: 7, fraction: 0 });
		assert_eq!(Pools::<Test>::get(0).balance, 7);
		for id in 0..7 {
			assert_eq!(claim_all(10 + id), 1);
		}
		assert_eq!(Pools::<Test>::get(0).balance, 0);
		assert_eq!(treasury_total(), treasury + 10 + 3);
		// Alice's 10 as developer are still claimable.
		assert_eq!(
			Flow::<Test>::get(),
			MoneyFlow { fees_in: 30, claimed: 7, to_treasury: 0, treasury_due: 13 }
		);
		assert_eq!(Revenue::claimable(&ALICE), 10);
	});
}

#[test]
fn flagged_contribution_earns_until_the_flag_and_the_treasury_after() {
	run_test(|| {
		// Bob (weight 1) and Charlie (weight 3) in version 1 of datanet 0.
		let bob = contribute(BOB, 0, 1, 1)[0];
		let charlie = contribute(CHARLIE, 0, 1, 3)[0];
		assert_eq!(publish(0), 1);
		set_model(0, 1, ALICE, 0, &[(0, 1)]);
		// 400 TRIB into the pool: Bob 100, Charlie 300.
		assert_ok!(pay(0, &PAYER, 0, 1, &FERDIE, 1_000 * TRIB, &[]));
		flag(bob);
		System::assert_last_event(
			Event::SettledBeforeFlag { contribution: bob, owner: BOB, amount: 100 * TRIB }.into(),
		);
		assert_eq!(Revenue::claimable(&BOB), 100 * TRIB);
		// After the flag: another 400 TRIB; Bob's 100 of it is the treasury's.
		assert_ok!(pay(1, &PAYER, 0, 1, &FERDIE, 1_000 * TRIB, &[]));
		// A flagged contribution cannot be attributed (the attribution pallet's validation
		// refuses it before any money moves).
		assert!(pay(2, &PAYER, 0, 1, &FERDIE, 1_000 * TRIB, &[(bob, Perbill::one())]).is_err());
		// Attributed to Charlie: 200 TRIB direct, the 200 TRIB pool part 50 per weight.
		let b = pay(3, &PAYER, 0, 1, &FERDIE, 1_000 * TRIB, &[(charlie, Perbill::one())]).unwrap();
		assert_eq!(b.contributions, vec![(charlie, 200 * TRIB)]);
		assert_eq!(b.treasury, 50 * TRIB);
		let treasury = treasury_total();
		assert_eq!(Revenue::next_claim(&BOB).payout, 100 * TRIB);
		assert_eq!(Revenue::pending_pool_share(bob).map(|p| p.0), Some(0));
		assert_eq!(claim_checked(BOB), Ok(100 * TRIB));
		let events = System::events();
		assert!(events.iter().any(|r| r.event
			== Event::PoolShareForfeited { contribution: bob, datanet: 0, amount: 150 * TRIB }
				.into()));
		assert_eq!(treasury_total(), treasury + 150 * TRIB);
		assert_eq!(ContributionAccounts::<Test>::get(bob).earned, 100 * TRIB);
		assert_eq!(Earnings::<Test>::get(BOB).as_contributor, 100 * TRIB);
		// Charlie: 300 + 300 + 150 of the pools, 200 attributed.
		assert_eq!(claim_all(CHARLIE), 950 * TRIB);
		assert_eq!(ContributionAccounts::<Test>::get(charlie).earned, 950 * TRIB);
		assert_eq!(Pools::<Test>::get(0).balance, 0);
		// Nothing more for Bob, however often he claims.
		assert_noop!(Revenue::claim(RuntimeOrigin::signed(BOB)), Error::<Test>::NothingToClaim);
	});
}

#[test]
fn a_weight_withdrawn_after_entering_a_version_earns_nothing_after() {
	run_test(|| {
		// Mallory grinds: a huge weight enters version 1 beside honest Charlie (weight 1),
		// then she withdraws (her deposit comes back) hoping to keep her share of the pool.
		let mallory = contribute(BOB, 0, 1, 999)[0];
		let charlie = contribute(CHARLIE, 0, 1, 1)[0];
		assert_eq!(publish(0), 1);
		set_model(0, 1, ALICE, 0, &[(0, 1)]);
		// 400 TRIB into the pool before she leaves: 399.6 for her, 0.4 for Charlie.
		assert_ok!(pay(0, &PAYER, 0, 1, &FERDIE, 1_000 * TRIB, &[]));
		withdraw(mallory);
		System::assert_last_event(
			Event::SettledBeforeFlag {
				contribution: mallory,
				owner: BOB,
				amount: 3_996 * TRIB / 10,
			}
			.into(),
		);
		// After: every fee's pool part for her weight goes to the treasury, never to her.
		assert_ok!(pay(1, &PAYER, 0, 1, &FERDIE, 1_000 * TRIB, &[]));
		assert_eq!(Revenue::pending_pool_share(mallory).map(|p| p.0), Some(0));
		let treasury = treasury_total();
		assert_eq!(Revenue::next_claim(&BOB).payout, 3_996 * TRIB / 10);
		assert_eq!(claim_checked(BOB), Ok(3_996 * TRIB / 10));
		assert_eq!(treasury_total(), treasury + 3_996 * TRIB / 10);
		assert_eq!(ContributionAccounts::<Test>::get(mallory).earned, 3_996 * TRIB / 10);
		// Charlie keeps his share of both fees.
		assert_eq!(claim_all(CHARLIE), 8 * TRIB / 10);
		assert_eq!(ContributionAccounts::<Test>::get(charlie).earned, 8 * TRIB / 10);
		assert_noop!(Revenue::claim(RuntimeOrigin::signed(BOB)), Error::<Test>::NothingToClaim);
		check_invariants();
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
							let b = pay(n as u64, &PAYER, 0, 1, &FERDIE, fee as u128, &attributions).unwrap();
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
							match claim_checked(who) {
								Ok(paid) => claimed[c as usize] += paid,
								Err(e) => prop_assert_eq!(e, Error::<Test>::NothingToClaim.into()),
							}
						},
					}
					check_invariants();
				}
				// Claim everything left; each account gets its exact entitlement rounded down,
				// short by less than one planck per pool reading it was settled at.
				for c in 0..8usize {
					claimed[c] += claim_all(owner(c as u64));
					prop_assert!(claimed[c] <= exact[c].whole, "paid more than the exact entitlement");
					prop_assert!(exact[c].whole - claimed[c] <= 1, "lost more than rounding: {} vs {}", claimed[c], exact[c].whole);
				}
				check_invariants();
				Ok(())
			})?;
		}
	}

	#[derive(Clone, Debug)]
	enum PoolStep {
		/// A fee for model version 1 (trained on datanet version 1) or 2.
		Pay {
			version: u32,
			fee: u64,
		},
		Claim(u8),
	}

	fn pool_step() -> impl Strategy<Value = PoolStep> {
		prop_oneof![
			3 => (1u32..=2, prop_oneof![1u64..200, 1u64..u64::MAX])
				.prop_map(|(version, fee)| PoolStep::Pay { version, fee }),
			1 => (0u8..6).prop_map(PoolStep::Claim),
		]
	}

	/// `floor(a × b / 10^18)` and `(a × b) mod 10^18`.
	fn mul_split(a: u128, b: u128) -> (u128, u128) {
		let unit = FixedU128::DIV;
		let whole = sp_arithmetic::helpers_128bit::multiply_by_rational_with_rounding(
			a,
			b,
			unit,
			sp_arithmetic::Rounding::Down,
		)
		.unwrap();
		(whole, (a % unit) * (b % unit) % unit)
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(48))]
		#[test]
		fn pools_keep_just_what_contributions_can_still_claim(
			weights in proptest::collection::vec(prop_oneof![1u64..10, 1u64..u64::MAX], 6),
			steps in proptest::collection::vec(pool_step(), 1..60),
		) {
			new_test_ext().execute_with(|| {
				// Contributions 0..6 of accounts 10..16 in datanet 0: 0 and 1 in version 1
				// only, 2 and 3 in versions 1 and 2, 4 and 5 in version 2 only.
				let ranges = [(1, 1), (1, 1), (1, 2), (1, 2), (2, 2), (2, 2)];
				for c in 0..6 {
					add_contribution(c as u64, 0, 10 + c as u64, weights[c], ranges[c]);
				}
				set_model(0, 1, ALICE, 0, &[(0, 1)]);
				set_model(0, 2, ALICE, 0, &[(0, 2)]);
				let total = |v: u32| -> u128 {
					(0..6).filter(|c| ranges[*c].0 <= v && v <= ranges[*c].1).map(|c| weights[c] as u128).sum()
				};
				// The reference: the reward per weight each version received, exactly.
				let mut reward = [0u128; 3];
				let mut claimed = [0u128; 6];
				let treasury = treasury_total();
				let mut fees = 0u128;
				for (n, step) in steps.into_iter().enumerate() {
					match step {
						PoolStep::Pay { version, fee } => {
							let b = pay(n as u64, &PAYER, 0, version, &FERDIE, fee as u128, &[]).unwrap();
							fees += fee as u128;
							let data = Perbill::from_percent(40).mul_floor(fee as u128);
							reward[version as usize] += sp_arithmetic::helpers_128bit::multiply_by_rational_with_rounding(
								data, FixedU128::DIV, total(version), sp_arithmetic::Rounding::Down).unwrap();
							prop_assert!(b.pools.iter().all(|(_, _, kept)| *kept <= data));
						}
						PoolStep::Claim(c) => match claim_checked(10 + c as u64) {
							Ok(paid) => claimed[c as usize] += paid,
							Err(e) => prop_assert_eq!(e, Error::<Test>::NothingToClaim.into()),
						},
					}
					check_invariants();
				}
				// Everyone claims the rest: each gets exactly floor(weight × its reward).
				let mut fractions = 0u128;
				for c in 0..6 {
					claimed[c] += claim_all(10 + c as u64);
					let r: u128 = (ranges[c].0..=ranges[c].1).map(|v| reward[v as usize]).sum();
					let (whole, fraction) = mul_split(weights[c] as u128, r);
					prop_assert_eq!(claimed[c], whole, "contribution {} not paid its exact floor share", c);
					fractions += fraction;
				}
				// What stays in the pool is the sub-planck rest of each exact share, rounded
				// up as a whole: not one planck more. Everything else went to the treasury.
				let left = Pools::<Test>::get(0).balance;
				prop_assert_eq!(left, fractions.div_ceil(FixedU128::DIV));
				prop_assert!(left <= 6);
				let developer = Revenue::claimable(&ALICE);
				let operator = Revenue::claimable(&FERDIE);
				let paid: u128 = claimed.iter().sum();
				prop_assert_eq!(
					treasury_total() - treasury,
					fees - paid - left - developer - operator
				);
				check_invariants();
				Ok(())
			})?;
		}
	}

	#[derive(Clone, Debug)]
	enum Action {
		/// Owner `owner % 5` contributes to datanet `datanet % 2`.
		Contribute {
			owner: u8,
			datanet: u8,
		},
		Publish(u8),
		/// A fee for the model trained on each datanet's version `back` before its latest.
		Pay {
			fee: u64,
			back: u8,
			attributed: u8,
		},
		Claim(u8),
		/// Flags the `n`-th contribution (modulo their number).
		Flag(u8),
	}

	fn action() -> impl Strategy<Value = Action> {
		prop_oneof![
			2 => (0u8..5, 0u8..2).prop_map(|(owner, datanet)| Action::Contribute { owner, datanet }),
			1 => (0u8..2).prop_map(Action::Publish),
			3 => (1u64..1_000_000_000, 0u8..3, 0u8..20)
				.prop_map(|(fee, back, attributed)| Action::Pay { fee, back, attributed }),
			3 => (0u8..5).prop_map(Action::Claim),
			1 => any::<u8>().prop_map(Action::Flag),
		]
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]
		#[test]
		fn the_earnings_query_always_says_what_the_next_claim_pays(
			batch in 1u32..=4,
			start in proptest::collection::vec(0u8..10, 5),
			actions in proptest::collection::vec(action(), 1..120),
		) {
			new_test_ext().execute_with(|| {
				MaxClaimBatch::set(batch);
				// Owners 10..15 start with multiples of the batch (and one more or less).
				for (o, n) in start.iter().enumerate() {
					let count = match n % 3 { 0 => batch, 1 => 2 * batch, _ => batch + 1 } * u32::from(*n / 3);
					contribute(10 + o as u64, o as u32 % 2, count, 1 + o as u64);
				}
				contribute(99, 0, 1, 1);
				contribute(99, 1, 1, 1);
				publish(0);
				publish(1);
				for (n, a) in actions.into_iter().enumerate() {
					match a {
						Action::Contribute { owner, datanet } => {
							contribute(10 + u64::from(owner % 5), u32::from(datanet % 2), 1, 1 + u64::from(owner));
						}
						Action::Publish(d) => {
							publish(u32::from(d % 2));
						}
						Action::Pay { fee, back, attributed } => {
							let training: Vec<_> = (0..2u32).map(|d| {
								let latest = world(|w| w.latest(d));
								(d, latest.saturating_sub(u32::from(back)).max(1))
							}).collect();
							set_model(0, 1, ALICE, 0, &training);
							let count = world(|w| w.contributions.len()) as u64;
							let attributions = if attributed < 10 {
								vec![(u64::from(attributed) % count, Perbill::one())]
							} else {
								vec![]
							};
							let stopped = attributions.iter().any(|(id, _)| world(|w| {
								w.contributions[id].status != tributary_primitives::ContributionStatus::Accepted
							}));
							let paid = pay(n as u64, &PAYER, 0, 1, &FERDIE, u128::from(fee), &attributions);
							// A flagged contribution is refused before any money moves.
							prop_assert_eq!(paid.is_err(), stopped, "{:?}", paid);
						}
						Action::Claim(o) => match claim_checked(10 + u64::from(o % 5)) {
							Ok(_) => {}
							Err(e) => prop_assert_eq!(e, Error::<Test>::NothingToClaim.into()),
						},
						Action::Flag(n) => {
							let ids: Vec<u64> = world(|w| w.contributions.iter()
								.filter(|(_, c)| c.status == tributary_primitives::ContributionStatus::Accepted)
								.map(|(id, _)| *id).collect());
							if !ids.is_empty() {
								flag(ids[usize::from(n) % ids.len()]);
							}
						}
					}
					check_invariants();
				}
				// Passes of claims end and leave nothing claimable in any batch.
				for o in 0..5u64 {
					claim_pass(10 + o, 1_000);
					prop_assert_eq!(Revenue::claimable(&(10 + o)), 0);
					prop_assert_eq!(ClaimCursor::<Test>::get(10 + o), None);
				}
				check_invariants();
				Ok(())
			})?;
		}
	}
}
