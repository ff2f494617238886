//! Licences checked where value moves: training records and paid inferences.
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
use pallet_attribution::{HoldReason, Inferences};
use sp_core::H256;
use sp_runtime::DispatchError;
use tributary_primitives::{LicenseTerms, LicensedUse};
use tributary_test_runtime::*;

// ---------------------------------------------------------------------------------------
// Defect 5: licences checked where value moves.
// ---------------------------------------------------------------------------------------

#[test]
fn training_record_refused_by_the_licence_writes_nothing() {
	run_test(|| {
		setup();
		named(BOB);
		RefusedLicence::set(&Some(LicensedUse::TrainingRecord));
		let refusal = licence_refusal(LicensedUse::TrainingRecord);
		assert_noop!(record(ALICE, 0, influences(&[(0, 100)])), refusal);
		assert_noop!(record(BOB, 0, influences(&[(0, 100)])), refusal);
		assert_eq!(held(ALICE, HoldReason::RecordDeposit), 0);
		assert_eq!(seat(BOB).accountable_until, 0);
		// A paid-inference refusal does not concern training records.
		RefusedLicence::set(&Some(LicensedUse::PaidInference));
		assert_ok!(record(ALICE, 0, influences(&[(0, 100)])));
		assert_eq!(LicenceChecks::get(), (1, 0));
	});
}

#[test]
fn paid_inference_refused_by_the_licence_pays_nothing() {
	run_test(|| {
		let w = setup();
		RefusedLicence::set(&Some(LicensedUse::PaidInference));
		let payer = Balances::balance(&PAYER);
		let refusal = licence_refusal(LicensedUse::PaidInference);
		assert_noop!(pay(weights(&[(w.contributions[0], 100)])), refusal);
		assert_noop!(pay(weights(&[])), refusal);
		assert_eq!(Balances::balance(&PAYER), payer);
		assert!(!Inferences::<Test>::contains_key(0));
		assert_eq!(fixtures::claimable(ALICE), 0);
		RefusedLicence::set(&Some(LicensedUse::TrainingRecord));
		assert_ok!(pay(weights(&[(w.contributions[0], 100)])));
		assert_eq!(LicenceChecks::get(), (0, 1));
	});
}

/// A datanet of Alice's with `terms`, one accepted contribution of Bob's, published; and a
/// model of Alice's (model 0) trained on it. Returns the contribution.
fn licensed_world(terms: LicenseTerms<u64>) -> u64 {
	let datanet = fixtures::open_datanet(ALICE, terms);
	let contribution = fixtures::contribute(BOB, datanet, H256::repeat_byte(1));
	let version = fixtures::publish(ALICE, datanet);
	let model = fixtures::register_model(ALICE, H256::repeat_byte(9), &[(datanet, version)], 100);
	fixtures::add_operator(ALICE, model, OPERATOR);
	contribution
}

#[test]
fn non_commercial_training_data_blocks_paid_inference_through_the_registry() {
	run_test(|| {
		let c = licensed_world(LicenseTerms { commercial: false, ..LicenseTerms::permissive() });
		let error = Attribution::pay_inference(
			RuntimeOrigin::signed(PAYER),
			0,
			1,
			OPERATOR,
			1_000,
			H256::zero(),
			weights(&[(c, 100)]),
		)
		.map_err(|e| e.error);
		assert!(
			matches!(
				error,
				Err(DispatchError::Module(sp_runtime::ModuleError { message: Some(name), .. }))
					if name == "LicenseForbidsCommercialUse"
			),
			"{error:?}"
		);
		assert!(!Inferences::<Test>::contains_key(0));
		// A training record is not commercial use.
		assert_ok!(record(ALICE, 0, influences(&[(0, 100)])));
	});
}

#[test]
fn expired_licence_stops_new_records_through_the_registry() {
	run_test(|| {
		let c = licensed_world(LicenseTerms { expires_at: Some(20), ..LicenseTerms::permissive() });
		System::set_block_number(20);
		assert_ok!(pay(weights(&[(c, 100)])));
		System::set_block_number(21);
		let is_expired = |result: sp_runtime::DispatchResult| {
			matches!(
				result,
				Err(DispatchError::Module(sp_runtime::ModuleError { message: Some(name), .. }))
					if name == "LicenseExpired"
			)
		};
		assert!(is_expired(pay(weights(&[(c, 100)]))));
		assert!(is_expired(record(ALICE, 0, influences(&[(0, 100)]))));
		// Existing records stay.
		assert!(Inferences::<Test>::contains_key(0));
		assert!(!Inferences::<Test>::contains_key(1));
	});
}
