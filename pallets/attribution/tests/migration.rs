//! Storage migration v1 → v2.
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
use frame_support::{assert_noop, assert_ok, traits::Get};
use pallet_attribution::{
	Attestors, DisputeTarget, Error, HoldReason, ModelAttestors, TrainingRecords,
};
use sp_core::H256;
use tributary_test_runtime::*;

#[test]
fn migration_v2_seats_attestors_with_what_they_answer_for() {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	use pallet_attribution::migration::v2::{v1, MigrateV1ToV2};
	run_test(|| {
		setup();
		// Bob signs model 0's record and is challenged; Charlie is bonded and signed nothing;
		// Alice records her second model herself.
		named(BOB);
		assert_ok!(record(BOB, 0, influences(&[(0, 100)])));
		let target = DisputeTarget::Training(0, 1);
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(DAVE), target, H256::zero()));
		bonded(CHARLIE);
		let second = second_model();
		assert_ok!(record(ALICE, second, influences(&[(0, 100)])));
		let seats: Vec<_> = Attestors::<Test>::iter().collect();
		let records: Vec<_> = TrainingRecords::<Test>::iter().collect();
		assert_eq!((seats.len(), records.len()), (2, 2));
		let holds = (held(BOB, HoldReason::AttestorBond), held(CHARLIE, HoldReason::AttestorBond));

		// The same chain as version 1 stored it: bonds alone, records without `by_attestor`,
		// nobody named (version 1 had no namings).
		for (who, seat) in &seats {
			v1::Attestors::<Test>::insert(who, seat.bond);
		}
		for (model, version, r) in &records {
			v1::TrainingRecords::<Test>::insert(
				model,
				version,
				v1::OldTrainingRecord::<Test> {
					submitter: r.submitter,
					influences: r.influences.clone(),
					contributions_root: r.contributions_root,
					method: r.method,
					recorded_at: r.recorded_at,
					deposit: r.deposit,
					disputed: r.disputed,
				},
			);
		}
		ModelAttestors::<Test>::remove(0);
		StorageVersion::new(1).put::<Attribution>();
		assert!(Attestors::<Test>::get(BOB).is_none(), "the old layout does not decode");

		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Attribution::on_chain_storage_version(), StorageVersion::new(2));
		// Every seat and record as the current runtime would have written them, and no
		// money moved.
		let mut migrated: Vec<_> = Attestors::<Test>::iter().collect();
		let mut expected = seats.clone();
		migrated.sort_by_key(|(w, _)| *w);
		expected.sort_by_key(|(w, _)| *w);
		assert_eq!(migrated, expected);
		assert_eq!(seat(BOB).open_disputes, 1);
		assert_eq!(seat(BOB).accountable_until, 1 + DISPUTE_PERIOD);
		let mut migrated: Vec<_> = TrainingRecords::<Test>::iter().collect();
		let mut expected = records.clone();
		migrated.sort_by_key(|(m, v, _)| (*m, *v));
		expected.sort_by_key(|(m, v, _)| (*m, *v));
		assert_eq!(codec::Encode::encode(&migrated), codec::Encode::encode(&expected));
		assert!(migrated[0].2.by_attestor && !migrated[1].2.by_attestor);
		assert_eq!(
			(held(BOB, HoldReason::AttestorBond), held(CHARLIE, HoldReason::AttestorBond)),
			holds
		);
		// And the bonds come back on the current rules: Charlie at once, Bob after his
		// window and his dispute.
		assert_ok!(Attribution::unbond_attestor(RuntimeOrigin::signed(CHARLIE)));
		assert_ok!(Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(CHARLIE)));
		assert_ok!(Attribution::unbond_attestor(RuntimeOrigin::signed(BOB)));
		System::set_block_number(2 + DISPUTE_PERIOD);
		assert_noop!(
			Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)),
			Error::<Test>::DisputesOpen
		);
		assert_ok!(Attribution::resolve_dispute(RuntimeOrigin::root(), 0, false));
		assert_ok!(Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(BOB)));
		// A second run does nothing: the version guard holds.
		let weight = MigrateV1ToV2::<Test>::on_runtime_upgrade();
		let one_read = <<Test as frame_system::Config>::DbWeight as Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get()
		.reads(1);
		assert_eq!(weight, one_read);
	});
}
