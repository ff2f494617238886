//! Challenges and their resolution: the dispute period, slashing the challenger, the record deposit
//! and the attestor bond.
//!
//! Integration tests over the shared test runtime (`tributary-test-runtime`).
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

mod common;

use common::*;
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Hooks},
	weights::Weight,
};
use pallet_attribution::{
	AttestorInfo, AttestorStatus, AttributionMethod, DisputeTarget, Error, Event, HoldReason,
	Inferences, PruneHead, TrainingRecords,
};
use sp_core::H256;
use sp_runtime::DispatchError;
use tributary_primitives::TrainingInfluence;
use tributary_test_runtime::*;

#[test]
fn dismissed_dispute_slashes_challenger() {
	run_test(|| {
		setup();
		assert_ok!(pay(weights(&[])));
		let target = DisputeTarget::Inference(0);
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(CHARLIE), target, H256::zero()));
		let treasury = Balances::free_balance(999);
		assert_ok!(Attribution::resolve_dispute(RuntimeOrigin::root(), 0, false));
		System::assert_last_event(
			Event::DisputeDismissed { dispute: 0, target, slashed: 500 }.into(),
		);
		assert_eq!(Balances::free_balance(999), treasury + 500);
		assert!(!Inferences::<Test>::get(0).unwrap().disputed);
		assert_eq!(held(PAYER, HoldReason::RecordDeposit), 10);
	});
}

#[test]
fn challenges_and_releases_respect_the_dispute_period() {
	run_test(|| {
		setup();
		assert_ok!(pay(weights(&[])));
		let target = DisputeTarget::Inference(0);
		assert_noop!(
			Attribution::challenge(
				RuntimeOrigin::signed(CHARLIE),
				DisputeTarget::Inference(5),
				H256::zero()
			),
			Error::<Test>::UnknownRecord
		);
		assert_noop!(
			Attribution::release_record_deposit(RuntimeOrigin::signed(CHARLIE), target),
			Error::<Test>::DisputePeriodNotOver
		);
		System::set_block_number(1 + DISPUTE_PERIOD);
		// The last block of the period: still challengeable, not yet archivable.
		assert_noop!(
			Attribution::release_record_deposit(RuntimeOrigin::signed(CHARLIE), target),
			Error::<Test>::DisputePeriodNotOver
		);
		System::set_block_number(2 + DISPUTE_PERIOD);
		assert_noop!(
			Attribution::challenge(RuntimeOrigin::signed(CHARLIE), target, H256::zero()),
			Error::<Test>::DisputePeriodOver
		);
		// Anyone may archive it now, ahead of `on_idle`: the payer gets the deposit back.
		assert_ok!(Attribution::release_record_deposit(RuntimeOrigin::signed(CHARLIE), target));
		System::assert_last_event(
			Event::InferenceArchived { inference: 0, payer: PAYER, deposit_returned: 10 }.into(),
		);
		assert_eq!(held(PAYER, HoldReason::RecordDeposit), 0);
		assert!(!Inferences::<Test>::contains_key(0));
		assert_noop!(
			Attribution::release_record_deposit(RuntimeOrigin::signed(CHARLIE), target),
			Error::<Test>::UnknownRecord
		);
		// `on_idle` passes over the hole.
		Attribution::on_idle(2 + DISPUTE_PERIOD, Weight::MAX);
		assert_eq!(PruneHead::<Test>::get(), 1);
	});
}

// ---------------------------------------------------------------------------------------
// Defect 9: the bond stays while the attestor is still accountable.
// ---------------------------------------------------------------------------------------

#[test]
fn open_dispute_keeps_the_bond_after_the_window() {
	run_test(|| {
		setup();
		named(BOB);
		assert_ok!(record(BOB, 0, influences(&[(0, 100)])));
		let end = seat(BOB).accountable_until;
		System::set_block_number(end);
		let target = DisputeTarget::Training(0, 1);
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(CHARLIE), target, H256::zero()));
		assert_eq!(seat(BOB).open_disputes, 1);
		assert_ok!(Attribution::remove_attestor(RuntimeOrigin::root(), BOB));
		System::set_block_number(end + 1);
		assert_noop!(
			Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)),
			Error::<Test>::DisputesOpen
		);
		// Dismissed: the attestor answered for nothing false and takes its whole bond back.
		assert_ok!(Attribution::resolve_dispute(RuntimeOrigin::root(), 0, false));
		assert_eq!(seat(BOB).open_disputes, 0);
		assert_ok!(Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)));
		System::assert_last_event(
			Event::AttestorBondWithdrawn { attestor: BOB, bond: 1_000 }.into(),
		);
	});
}

#[test]
fn upheld_dispute_during_unbonding_still_slashes_the_bond() {
	run_test(|| {
		setup();
		named(BOB);
		assert_ok!(record(BOB, 0, influences(&[(0, 100)])));
		assert_ok!(Attribution::remove_attestor(RuntimeOrigin::root(), BOB));
		let target = DisputeTarget::Training(0, 1);
		System::set_block_number(60);
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(CHARLIE), target, H256::zero()));
		let issuance = Balances::total_issuance();
		let (bob, treasury, charlie) = (owned(BOB), Balances::balance(&999), owned(CHARLIE));
		assert_ok!(Attribution::resolve_dispute(RuntimeOrigin::root(), 0, true));
		// The record deposit (10) and the whole bond (1,000) go to the treasury.
		System::assert_last_event(
			Event::DisputeUpheld { dispute: 0, target, slashed: 1_010 }.into(),
		);
		assert_eq!(owned(BOB), bob - 1_010);
		assert_eq!(Balances::balance(&999), treasury + 1_010);
		assert_eq!(owned(CHARLIE), charlie);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(
			seat(BOB),
			AttestorInfo {
				bond: 0,
				status: AttestorStatus::Unbonding,
				accountable_until: 1 + DISPUTE_PERIOD,
				open_disputes: 0
			}
		);
		// Once the window is over the empty seat goes.
		System::set_block_number(2 + DISPUTE_PERIOD);
		assert_ok!(Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)));
		System::assert_last_event(Event::AttestorBondWithdrawn { attestor: BOB, bond: 0 }.into());
		assert_eq!(owned(BOB), bob - 1_010);
	});
}

#[test]
fn upheld_dispute_slashes_a_bonded_attestor_and_ends_its_seat() {
	run_test(|| {
		setup();
		named(BOB);
		assert_ok!(Attribution::record_training_attribution(
			RuntimeOrigin::signed(BOB),
			0,
			1,
			influences(&[(0, 100)]),
			None,
			AttributionMethod::DataShapley
		));
		let target = DisputeTarget::Training(0, 1);
		assert_ok!(Attribution::challenge(
			RuntimeOrigin::signed(CHARLIE),
			target,
			H256::repeat_byte(1)
		));
		System::assert_last_event(
			Event::Challenged { dispute: 0, target, challenger: CHARLIE }.into(),
		);
		assert_eq!(held(CHARLIE, HoldReason::ChallengeBond), 500);
		assert_noop!(
			Attribution::challenge(RuntimeOrigin::signed(DAVE), target, H256::zero()),
			Error::<Test>::DisputeAlreadyOpen
		);
		assert_noop!(
			Attribution::resolve_dispute(RuntimeOrigin::signed(ALICE), 0, true),
			DispatchError::BadOrigin
		);
		let treasury = Balances::free_balance(999);
		assert_ok!(Attribution::resolve_dispute(RuntimeOrigin::root(), 0, true));
		System::assert_last_event(
			Event::DisputeUpheld { dispute: 0, target, slashed: 1_010 }.into(),
		);
		assert_eq!(Balances::free_balance(999), treasury + 1_010);
		assert_eq!(held(CHARLIE, HoldReason::ChallengeBond), 0);
		assert_eq!(
			(held(BOB, HoldReason::RecordDeposit), held(BOB, HoldReason::AttestorBond)),
			(0, 0)
		);
		// Seat lost: it signs nothing more.
		assert!(!Attribution::is_bonded_attestor(&BOB));
		let record = TrainingRecords::<Test>::get(0, 1).unwrap();
		assert!(record.disputed);
		// A record found false no longer weights the pools.
		assert_eq!(Attribution::training_influence(0, 1), None);
		assert_noop!(
			Attribution::challenge(RuntimeOrigin::signed(DAVE), target, H256::zero()),
			Error::<Test>::AlreadyDisputed
		);
		assert_noop!(
			Attribution::resolve_dispute(RuntimeOrigin::root(), 0, true),
			Error::<Test>::UnknownDispute
		);
	});
}

#[test]
fn owner_record_does_not_bind_the_owner_attestor_bond() {
	run_test(|| {
		setup();
		// Alice is an attestor too, but writes her own model's record as its owner.
		bonded(ALICE);
		assert_ok!(record(ALICE, 0, influences(&[(0, 100)])));
		assert!(!TrainingRecords::<Test>::get(0, 1).unwrap().by_attestor);
		assert_eq!(seat(ALICE).accountable_until, 0);
		let target = DisputeTarget::Training(0, 1);
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(CHARLIE), target, H256::zero()));
		assert_eq!(seat(ALICE).open_disputes, 0);
		assert_ok!(Attribution::resolve_dispute(RuntimeOrigin::root(), 0, true));
		// Only the record deposit answers for an owner's record.
		System::assert_last_event(Event::DisputeUpheld { dispute: 0, target, slashed: 10 }.into());
		assert_eq!(held(ALICE, HoldReason::AttestorBond), 1_000);
		assert!(Attribution::is_bonded_attestor(&ALICE));
	});
}
