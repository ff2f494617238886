//! Training records: who may write them (the owner or an attestor it named), and what they must
//! hold.
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
use frame_support::{assert_noop, assert_ok};
use pallet_attribution::{AttributionMethod, Error, Event, ModelAttestors, TrainingRecords};
use sp_core::H256;
use sp_runtime::Perbill;
use tributary_primitives::TrainingInfluence;
use tributary_test_runtime::*;

// ---------------------------------------------------------------------------------------
// Defect 8: only the owner, or an attestor the owner named for that model, writes the
// training record.
// ---------------------------------------------------------------------------------------

#[test]
fn unnamed_bonded_attestor_cannot_preempt_the_owner() {
	run_test(|| {
		setup();
		bonded(BOB);
		assert_noop!(
			record(BOB, 0, influences(&[(0, 60), (1, 40)])),
			Error::<Test>::NotOwnerOrNamedAttestor
		);
		assert!(!TrainingRecords::<Test>::contains_key(0, 1));
		// The owner still writes it.
		assert_ok!(record(ALICE, 0, influences(&[(0, 50), (1, 50)])));
		let written = TrainingRecords::<Test>::get(0, 1).unwrap();
		assert_eq!((written.submitter, written.by_attestor), (ALICE, false));
	});
}

#[test]
fn named_attestor_records_training_and_answers_for_it() {
	run_test(|| {
		setup();
		named(BOB);
		System::assert_last_event(Event::AttestorNamed { model: 0, attestor: BOB }.into());
		System::set_block_number(7);
		assert_ok!(record(BOB, 0, influences(&[(0, 60), (1, 40)])));
		System::assert_last_event(
			Event::TrainingAttributed {
				model: 0,
				version: 1,
				submitter: BOB,
				influences: influences(&[(0, 60), (1, 40)]),
				contributions_root: Some(H256::repeat_byte(3)),
				method: AttributionMethod::InfluenceFunctions,
			}
			.into(),
		);
		let written = TrainingRecords::<Test>::get(0, 1).unwrap();
		assert_eq!((written.submitter, written.by_attestor, written.deposit), (BOB, true, 10));
		assert_eq!(seat(BOB).accountable_until, 7 + DISPUTE_PERIOD);
		assert_eq!(
			Attribution::training_influence(0, 1),
			Some(vec![(0, Perbill::from_percent(60)), (1, Perbill::from_percent(40))])
		);
		assert_noop!(record(ALICE, 0, influences(&[(0, 100)])), Error::<Test>::AlreadyRecorded);
		// The influence weights the pools: 200 of a 1,000 fee's data share, 60/40.
		assert_ok!(pay(weights(&[])));
		assert_eq!(fixtures::pool_balance(0), 240);
		assert_eq!(fixtures::pool_balance(1), 160);
	});
}

#[test]
fn attestor_named_for_another_model_cannot_record() {
	run_test(|| {
		setup();
		let other = second_model();
		named(BOB);
		assert_noop!(
			record(BOB, other, influences(&[(0, 100)])),
			Error::<Test>::NotOwnerOrNamedAttestor
		);
		assert_ok!(record(BOB, 0, influences(&[(0, 100)])));
	});
}

#[test]
fn removed_or_unbonding_named_attestor_cannot_record() {
	run_test(|| {
		setup();
		let other = second_model();
		named(BOB);
		named(CHARLIE);
		assert_ok!(Attribution::name_attestor(RuntimeOrigin::signed(ALICE), other, CHARLIE));
		// Removed by governance: it stops signing at once.
		assert_ok!(Attribution::remove_attestor(RuntimeOrigin::root(), BOB));
		assert_noop!(record(BOB, 0, influences(&[(0, 100)])), Error::<Test>::NotBondedAttestor);
		// Leaving of its own accord: the same.
		assert_ok!(Attribution::unbond_attestor(RuntimeOrigin::signed(CHARLIE)));
		assert_noop!(
			record(CHARLIE, other, influences(&[(0, 100)])),
			Error::<Test>::NotBondedAttestor
		);
		// Withdrawn and gone: no seat at all.
		assert_ok!(Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)));
		assert_noop!(record(BOB, 0, influences(&[(0, 100)])), Error::<Test>::NotBondedAttestor);
		assert!(!TrainingRecords::<Test>::contains_key(0, 1));
		assert!(!TrainingRecords::<Test>::contains_key(other, 1));
	});
}

#[test]
fn a_previous_owners_attestor_cannot_record_for_the_new_owner() {
	run_test(|| {
		setup();
		// Alice names Bob for model 0, then sells the model to Charlie.
		named(BOB);
		fixtures::transfer_model(ALICE, 0, CHARLIE);
		// Bob's naming was Alice's: it writes nothing for Charlie's model.
		assert_noop!(
			record(BOB, 0, influences(&[(0, 50), (1, 50)])),
			Error::<Test>::NotOwnerOrNamedAttestor
		);
		// Nor can Alice un-name (she owns nothing), nor Charlie un-name what he never named.
		assert_noop!(
			Attribution::unname_attestor(RuntimeOrigin::signed(ALICE), 0, BOB),
			Error::<Test>::NotModelOwner
		);
		assert_noop!(
			Attribution::unname_attestor(RuntimeOrigin::signed(CHARLIE), 0, BOB),
			Error::<Test>::NotNamed
		);
		// Charlie's first naming starts his own list; Bob is on it only if Charlie names him.
		bonded(DAVE);
		assert_ok!(Attribution::name_attestor(RuntimeOrigin::signed(CHARLIE), 0, DAVE));
		let list = ModelAttestors::<Test>::get(0).unwrap();
		assert_eq!((list.named_by, list.attestors.into_inner()), (CHARLIE, vec![DAVE]));
		assert_ok!(record(DAVE, 0, influences(&[(0, 50), (1, 50)])));
		assert!(TrainingRecords::<Test>::get(0, 1).unwrap().by_attestor);
	});
}

#[test]
fn unnamed_attestor_can_no_longer_record() {
	run_test(|| {
		setup();
		named(BOB);
		assert_ok!(Attribution::unname_attestor(RuntimeOrigin::signed(ALICE), 0, BOB));
		System::assert_last_event(Event::AttestorUnnamed { model: 0, attestor: BOB }.into());
		assert!(!ModelAttestors::<Test>::contains_key(0));
		assert_noop!(
			record(BOB, 0, influences(&[(0, 100)])),
			Error::<Test>::NotOwnerOrNamedAttestor
		);
	});
}

#[test]
fn naming_attestors_is_bounded_and_for_the_owner_only() {
	run_test(|| {
		setup();
		let candidates: Vec<AccountId> = (20..20 + MAX_MODEL_ATTESTORS as u64 + 1).collect();
		for who in &candidates {
			bonded(*who);
		}
		assert_noop!(
			Attribution::name_attestor(RuntimeOrigin::signed(BOB), 0, candidates[0]),
			Error::<Test>::NotModelOwner
		);
		assert_noop!(
			Attribution::name_attestor(RuntimeOrigin::signed(ALICE), 9, candidates[0]),
			Error::<Test>::UnknownModel
		);
		assert_noop!(
			Attribution::name_attestor(RuntimeOrigin::signed(ALICE), 0, DAVE),
			Error::<Test>::NotBondedAttestor
		);
		// Exactly `MaxModelAttestors` fit.
		for who in candidates.iter().take(MAX_MODEL_ATTESTORS as usize) {
			assert_ok!(Attribution::name_attestor(RuntimeOrigin::signed(ALICE), 0, *who));
		}
		assert_eq!(
			ModelAttestors::<Test>::get(0).unwrap().attestors.len() as u32,
			MAX_MODEL_ATTESTORS
		);
		assert_noop!(
			Attribution::name_attestor(RuntimeOrigin::signed(ALICE), 0, candidates[0]),
			Error::<Test>::AlreadyNamed
		);
		let last = candidates[MAX_MODEL_ATTESTORS as usize];
		assert_noop!(
			Attribution::name_attestor(RuntimeOrigin::signed(ALICE), 0, last),
			Error::<Test>::TooManyModelAttestors
		);
		// Un-naming frees a place; only the owner may, and only a named one.
		assert_noop!(
			Attribution::unname_attestor(RuntimeOrigin::signed(BOB), 0, candidates[0]),
			Error::<Test>::NotModelOwner
		);
		assert_noop!(
			Attribution::unname_attestor(RuntimeOrigin::signed(ALICE), 0, last),
			Error::<Test>::NotNamed
		);
		assert_noop!(
			Attribution::unname_attestor(RuntimeOrigin::signed(ALICE), 9, last),
			Error::<Test>::UnknownModel
		);
		assert_ok!(Attribution::unname_attestor(RuntimeOrigin::signed(ALICE), 0, candidates[0]));
		assert_ok!(Attribution::name_attestor(RuntimeOrigin::signed(ALICE), 0, last));
		// The one named last can record.
		assert_ok!(record(last, 0, influences(&[(0, 100)])));
	});
}

#[test]
fn training_record_refusals_write_nothing() {
	run_test(|| {
		setup();
		assert_noop!(
			record(ALICE, 0, influences(&[(0, 60), (1, 41)])),
			Error::<Test>::WeightsDoNotSumToOne
		);
		assert_noop!(record(ALICE, 0, influences(&[])), Error::<Test>::WeightsDoNotSumToOne);
		assert_noop!(
			record(ALICE, 0, influences(&[(0, 50), (0, 50)])),
			Error::<Test>::DuplicateEntry
		);
		assert_noop!(
			record(ALICE, 0, influences(&[(0, 60), (7, 40)])),
			Error::<Test>::NotTrainingDatanet
		);
		assert_noop!(
			Attribution::record_training_attribution(
				RuntimeOrigin::signed(ALICE),
				0,
				5,
				influences(&[(0, 100)]),
				None,
				AttributionMethod::SpanMatching
			),
			Error::<Test>::UnknownVersion
		);
		assert_noop!(record(ALICE, 4, influences(&[(0, 100)])), Error::<Test>::UnknownModel);
		assert_noop!(
			record(BOB, 0, influences(&[(0, 60), (1, 40)])),
			Error::<Test>::NotOwnerOrNamedAttestor
		);
	});
}

// ---------------------------------------------------------------------------------------
// Defect 10: zero weights.
// ---------------------------------------------------------------------------------------

#[test]
fn zero_weight_training_influence_is_refused() {
	run_test(|| {
		setup();
		assert_noop!(record(ALICE, 0, influences(&[(0, 100), (1, 0)])), Error::<Test>::ZeroWeight);
		assert!(!TrainingRecords::<Test>::contains_key(0, 1));
		assert_ok!(record(ALICE, 0, influences(&[(0, 99), (1, 1)])));
	});
}
