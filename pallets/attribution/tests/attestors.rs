//! Attestor seats: approval, bond, unbond, withdrawal, and how long the bond answers.
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
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use pallet_attribution::{
	ApprovedAttestors, AttestorInfo, AttestorStatus, Attestors, DisputeTarget, Error, Event,
	HoldReason,
};
use sp_core::H256;
use sp_runtime::{DispatchError, TokenError};
use tributary_test_runtime::*;

// ---------------------------------------------------------------------------------------
// Defect 1: attestor seats in two steps, the bond held only from the signer.
// ---------------------------------------------------------------------------------------

#[test]
fn add_attestor_only_approves_and_holds_nothing() {
	run_test(|| {
		let before = Balances::balance(&BOB);
		assert_ok!(Attribution::add_attestor(RuntimeOrigin::root(), BOB));
		System::assert_last_event(Event::AttestorApproved { attestor: BOB }.into());
		// Nothing held from an account that did not sign, and no seat yet.
		assert_eq!(held(BOB, HoldReason::AttestorBond), 0);
		assert_eq!(Balances::balance(&BOB), before);
		assert!(ApprovedAttestors::<Test>::contains_key(BOB));
		assert!(!Attestors::<Test>::contains_key(BOB));
		// An approval is not a seat: it cannot be named.
		assert_noop!(
			Attribution::name_attestor(RuntimeOrigin::signed(ALICE), 0, BOB),
			Error::<Test>::UnknownModel
		);
		setup();
		assert_noop!(
			Attribution::name_attestor(RuntimeOrigin::signed(ALICE), 0, BOB),
			Error::<Test>::NotBondedAttestor
		);
	});
}

#[test]
fn add_attestor_refusals() {
	run_test(|| {
		assert_noop!(
			Attribution::add_attestor(RuntimeOrigin::signed(ALICE), BOB),
			DispatchError::BadOrigin
		);
		assert_ok!(Attribution::add_attestor(RuntimeOrigin::root(), BOB));
		assert_noop!(
			Attribution::add_attestor(RuntimeOrigin::root(), BOB),
			Error::<Test>::AlreadyApproved
		);
		assert_ok!(Attribution::bond_attestor(RuntimeOrigin::signed(BOB)));
		assert_noop!(
			Attribution::add_attestor(RuntimeOrigin::root(), BOB),
			Error::<Test>::AlreadyAttestor
		);
		// Still a seat while unbonding: no approval until the bond is withdrawn.
		assert_ok!(Attribution::remove_attestor(RuntimeOrigin::root(), BOB));
		assert_noop!(
			Attribution::add_attestor(RuntimeOrigin::root(), BOB),
			Error::<Test>::AlreadyAttestor
		);
		assert_ok!(Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)));
		assert_ok!(Attribution::add_attestor(RuntimeOrigin::root(), BOB));
	});
}

#[test]
fn protected_accounts_cannot_be_approved_as_attestors() {
	run_test(|| {
		for who in [Treasury::get(), fixtures::revenue_account()] {
			assert_noop!(
				Attribution::add_attestor(RuntimeOrigin::root(), who),
				Error::<Test>::ProtectedAccount
			);
		}
	});
}

#[test]
fn bond_attestor_holds_the_bond_from_the_approved_signer() {
	run_test(|| {
		// Without an approval nobody can bond.
		assert_noop!(
			Attribution::bond_attestor(RuntimeOrigin::signed(BOB)),
			Error::<Test>::NotApproved
		);
		assert_ok!(Attribution::add_attestor(RuntimeOrigin::root(), BOB));
		let issuance = Balances::total_issuance();
		let owned_before = owned(BOB);
		assert_ok!(Attribution::bond_attestor(RuntimeOrigin::signed(BOB)));
		System::assert_last_event(Event::AttestorAdded { attestor: BOB, bond: 1_000 }.into());
		assert_eq!(held(BOB, HoldReason::AttestorBond), 1_000);
		assert_eq!(Balances::balance(&BOB), FUNDS - 1_000);
		assert_eq!((owned(BOB), Balances::total_issuance()), (owned_before, issuance));
		assert_eq!(
			seat(BOB),
			AttestorInfo {
				bond: 1_000,
				status: AttestorStatus::Bonded,
				accountable_until: 0,
				open_disputes: 0
			}
		);
		// The approval is used up.
		assert!(!ApprovedAttestors::<Test>::contains_key(BOB));
		assert_noop!(
			Attribution::bond_attestor(RuntimeOrigin::signed(BOB)),
			Error::<Test>::NotApproved
		);
	});
}

#[test]
fn bond_attestor_without_funds_keeps_the_approval() {
	run_test(|| {
		assert_ok!(Attribution::add_attestor(RuntimeOrigin::root(), POOR));
		assert_noop!(
			Attribution::bond_attestor(RuntimeOrigin::signed(POOR)),
			TokenError::FundsUnavailable
		);
		assert!(ApprovedAttestors::<Test>::contains_key(POOR));
	});
}

#[test]
fn remove_attestor_revokes_an_unused_approval() {
	run_test(|| {
		assert_noop!(
			Attribution::remove_attestor(RuntimeOrigin::signed(ALICE), BOB),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Attribution::remove_attestor(RuntimeOrigin::root(), BOB),
			Error::<Test>::NotAttestor
		);
		assert_ok!(Attribution::add_attestor(RuntimeOrigin::root(), BOB));
		assert_ok!(Attribution::remove_attestor(RuntimeOrigin::root(), BOB));
		System::assert_last_event(Event::AttestorApprovalRevoked { attestor: BOB }.into());
		assert_noop!(
			Attribution::bond_attestor(RuntimeOrigin::signed(BOB)),
			Error::<Test>::NotApproved
		);
	});
}

// ---------------------------------------------------------------------------------------
// Defect 9: the bond stays while the attestor is still accountable.
// ---------------------------------------------------------------------------------------

#[test]
fn removed_attestor_keeps_its_bond_until_its_last_dispute_window_closes() {
	run_test(|| {
		setup();
		named(BOB);
		assert_ok!(record(BOB, 0, influences(&[(0, 100)])));
		let end = 1 + DISPUTE_PERIOD;
		assert_ok!(Attribution::remove_attestor(RuntimeOrigin::root(), BOB));
		System::assert_last_event(
			Event::AttestorUnbonding { attestor: BOB, accountable_until: end }.into(),
		);
		// Removed, yet the bond is still held.
		assert_eq!(held(BOB, HoldReason::AttestorBond), 1_000);
		assert_eq!(seat(BOB).status, AttestorStatus::Unbonding);
		for block in [end - 1, end] {
			System::set_block_number(block);
			assert_noop!(
				Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)),
				Error::<Test>::StillAccountable
			);
		}
		System::set_block_number(end + 1);
		let issuance = Balances::total_issuance();
		let free = Balances::balance(&BOB);
		assert_ok!(Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)));
		System::assert_last_event(
			Event::AttestorBondWithdrawn { attestor: BOB, bond: 1_000 }.into(),
		);
		assert_eq!(held(BOB, HoldReason::AttestorBond), 0);
		assert_eq!(Balances::balance(&BOB), free + 1_000);
		assert_eq!(Balances::total_issuance(), issuance);
		assert!(!Attestors::<Test>::contains_key(BOB));
		assert_noop!(
			Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)),
			Error::<Test>::NotAttestor
		);
	});
}

#[test]
fn the_bond_window_is_the_challenge_window() {
	run_test(|| {
		setup();
		named(BOB);
		assert_ok!(record(BOB, 0, influences(&[(0, 100)])));
		assert_ok!(Attribution::unbond_attestor(RuntimeOrigin::signed(BOB)));
		let end = seat(BOB).accountable_until;
		let target = DisputeTarget::Training(0, 1);
		// At `end` the record can still be challenged, so the bond cannot go yet ...
		System::set_block_number(end);
		assert_noop!(
			Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)),
			Error::<Test>::StillAccountable
		);
		// ... and from `end + 1` it cannot be challenged, so the bond can go.
		System::set_block_number(end + 1);
		assert_noop!(
			Attribution::challenge(RuntimeOrigin::signed(CHARLIE), target, H256::zero()),
			Error::<Test>::DisputePeriodOver
		);
		assert_ok!(Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)));
	});
}

#[test]
fn accountability_follows_the_latest_record() {
	run_test(|| {
		setup();
		let other = second_model();
		named(BOB);
		assert_ok!(Attribution::name_attestor(RuntimeOrigin::signed(ALICE), other, BOB));
		assert_ok!(record(BOB, 0, influences(&[(0, 100)])));
		System::set_block_number(50);
		assert_ok!(record(BOB, other, influences(&[(0, 100)])));
		let end = 50 + DISPUTE_PERIOD;
		assert_eq!(seat(BOB).accountable_until, end);
		assert_ok!(Attribution::unbond_attestor(RuntimeOrigin::signed(BOB)));
		// The first record's window is long over; the second's is not.
		System::set_block_number(1 + DISPUTE_PERIOD + 1);
		assert_noop!(
			Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)),
			Error::<Test>::StillAccountable
		);
		System::set_block_number(end);
		assert_noop!(
			Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)),
			Error::<Test>::StillAccountable
		);
		System::set_block_number(end + 1);
		assert_ok!(Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)));
	});
}

#[test]
fn attestor_that_signed_nothing_withdraws_at_once() {
	run_test(|| {
		bonded(BOB);
		assert_noop!(
			Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)),
			Error::<Test>::NotUnbonding
		);
		assert_ok!(Attribution::unbond_attestor(RuntimeOrigin::signed(BOB)));
		System::assert_last_event(
			Event::AttestorUnbonding { attestor: BOB, accountable_until: 0 }.into(),
		);
		assert_noop!(
			Attribution::unbond_attestor(RuntimeOrigin::signed(BOB)),
			Error::<Test>::AlreadyUnbonding
		);
		assert_noop!(
			Attribution::remove_attestor(RuntimeOrigin::root(), BOB),
			Error::<Test>::AlreadyUnbonding
		);
		assert_ok!(Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)));
		assert_eq!((owned(BOB), Balances::balance(&BOB)), (FUNDS, FUNDS));
		assert_noop!(
			Attribution::unbond_attestor(RuntimeOrigin::signed(BOB)),
			Error::<Test>::NotAttestor
		);
	});
}
