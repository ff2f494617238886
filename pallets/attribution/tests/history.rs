//! The inference lists read from the node's history, and archiving expired records (`on_idle`,
//! `release_record_deposit`).
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
use frame_support::{assert_noop, assert_ok, traits::Hooks, weights::Weight};
use pallet_attribution::{DisputeTarget, Error, Event, HoldReason, Inferences, PruneHead};
use sp_core::H256;
use sp_runtime::Perbill;
use tributary_test_runtime::*;

#[test]
fn lists_are_read_from_the_history_without_state() {
	across_blocks(
		|| {
			let w = setup();
			assert_ok!(pay(weights(&[(w.contributions[0], 70), (w.contributions[1], 30)])));
			w
		},
		|w| {
			assert_eq!(Attribution::usage_of(w.contributions[0], 0, 10), page(vec![0], 1, 0));
			assert_eq!(Attribution::usage_of(w.contributions[2], 0, 10), page(vec![], 0, 0));
			assert_eq!(Attribution::inferences_of_model(0, 0, 10), page(vec![0], 1, 0));
			assert_eq!(Attribution::inferences_of_payer(&PAYER, 0, 10), page(vec![0], 1, 0));
			assert_eq!(Attribution::inferences_of_payer(&ALICE, 0, 10), page(vec![], 0, 0));
		},
	);
}

#[test]
fn history_entries_a_node_lacks_or_a_stale_fork_wrote_are_unavailable() {
	let mut ext = new_test_ext();
	let w = ext.execute_with(|| {
		let w = setup();
		assert_ok!(pay(weights(&[(w.contributions[0], 100)])));
		assert_ok!(pay(weights(&[(w.contributions[1], 100)])));
		w
	});
	// Block 1's writes never reached this node's database (as on a warp-synced node)...
	ext.execute_with(|| {
		assert_eq!(Attribution::usage_of(w.contributions[0], 0, 10), page(vec![], 1, 1));
		assert_eq!(Attribution::inferences_of_model(0, 0, 10), page(vec![], 2, 2));
	});
	ext.persist_offchain_overlay();
	ext.execute_with(|| {
		// ...now they did. A stale fork then wrote another inference at contribution 0's
		// position 0 and at the model's position 1: both are refused, as the records they
		// point at do not sit there.
		let stale = 1u64;
		sp_io::offchain_index::set(
			&pallet_attribution::history::usage_key(w.contributions[0], 0),
			&codec::Encode::encode(&stale),
		);
		sp_io::offchain_index::set(
			&pallet_attribution::history::model_key(0, 1),
			&codec::Encode::encode(&0u64),
		);
	});
	ext.persist_offchain_overlay();
	ext.execute_with(|| {
		assert_eq!(Attribution::usage_of(w.contributions[0], 0, 10), page(vec![], 1, 1));
		assert_eq!(Attribution::inferences_of_model(0, 0, 10), page(vec![0], 2, 1));
		// An id never recorded is never looked up.
		assert!(Attribution::inference_record(2).is_none());
	});
}

#[test]
fn pages_are_bounded() {
	across_blocks(
		|| {
			let w = setup();
			for _ in 0..15 {
				assert_ok!(pay(weights(&[(w.contributions[2], 100)])));
			}
			w
		},
		|w| {
			let first = Attribution::usage_of(w.contributions[2], 0, 1_000);
			assert_eq!(first, page((0..10).collect(), 15, 0), "capped at MaxPageSize");
			assert_eq!(
				Attribution::usage_of(w.contributions[2], 10, 10),
				page((10..15).collect(), 15, 0)
			);
			assert_eq!(Attribution::usage_of(w.contributions[2], 14, 1), page(vec![14], 15, 0));
			assert_eq!(Attribution::usage_of(w.contributions[2], 15, 10), page(vec![], 15, 0));
			assert_eq!(
				Attribution::usage_of(w.contributions[2], u32::MAX, u32::MAX),
				page(vec![], 15, 0)
			);
			assert_eq!(Attribution::usage_of(w.contributions[2], 0, 0), page(vec![], 15, 0));
			assert_eq!(Attribution::inferences_of_model(0, 14, 10), page(vec![14], 15, 0));
			assert_eq!(Attribution::inferences_of_payer(&PAYER, 20, 10), page(vec![], 15, 0));
		},
	);
}

/// Pays `n` inferences of one attribution each in block 1.
fn pay_many(n: u32) -> World {
	let w = setup();
	for _ in 0..n {
		assert_ok!(pay(weights(&[(w.contributions[0], 100)])));
	}
	w
}

#[test]
fn on_idle_archives_expired_records_oldest_first_within_its_cap() {
	across_blocks(
		|| {
			pay_many(7);
			System::set_block_number(2);
			assert_ok!(pay(weights(&[])));
			let deposits = held(PAYER, HoldReason::RecordDeposit);
			assert_eq!(deposits, 80);
			// Within the period nothing moves, and looking costs the base weight only.
			assert_eq!(
				Attribution::on_idle(1 + DISPUTE_PERIOD, Weight::MAX),
				Weight::from_parts(PRUNE_BASE_WEIGHT, 0)
			);
			assert_eq!(PruneHead::<Test>::get(), 0);
			// Past it: at most three records a block at the cap.
			let cap = MaxIdlePruneWeight::get();
			let used = Attribution::on_idle(2 + DISPUTE_PERIOD, cap);
			assert!(cap.all_gte(used), "on_idle used {used:?} over its cap {cap:?}");
			assert_eq!(PruneHead::<Test>::get(), 3);
			assert_eq!(held(PAYER, HoldReason::RecordDeposit), 50);
			assert!((0..3).all(|id| !Inferences::<Test>::contains_key(id)));
			assert!(Inferences::<Test>::contains_key(3));
			// Less than one record's weight left after looking: nothing archived.
			assert_eq!(
				Attribution::on_idle(2 + DISPUTE_PERIOD, Weight::from_parts(PRUNE_WEIGHT, 0)),
				Weight::from_parts(PRUNE_BASE_WEIGHT, 0)
			);
			// Not even the weight to look: nothing at all.
			assert_eq!(
				Attribution::on_idle(
					2 + DISPUTE_PERIOD,
					Weight::from_parts(PRUNE_BASE_WEIGHT - 1, 0)
				),
				Weight::zero()
			);
			assert_eq!(PruneHead::<Test>::get(), 3);
			// The next blocks go on where it stopped, at most three each (the cap holds
			// whatever weight is left), and stop at block 2's record.
			Attribution::on_idle(2 + DISPUTE_PERIOD, Weight::MAX);
			assert_eq!(PruneHead::<Test>::get(), 6);
			Attribution::on_idle(2 + DISPUTE_PERIOD, Weight::MAX);
			assert_eq!(PruneHead::<Test>::get(), 7);
			assert!(Inferences::<Test>::contains_key(7));
			assert_eq!(held(PAYER, HoldReason::RecordDeposit), 10);
			Attribution::on_idle(3 + DISPUTE_PERIOD, Weight::MAX);
			assert_eq!(PruneHead::<Test>::get(), 8);
			assert_eq!(held(PAYER, HoldReason::RecordDeposit), 0);
			assert_eq!(Inferences::<Test>::iter().count(), 0, "nothing left in state");
			let archived = System::events()
				.iter()
				.filter(|r| {
					matches!(
						r.event,
						RuntimeEvent::Attribution(Event::InferenceArchived {
							deposit_returned: 10,
							..
						})
					)
				})
				.count();
			assert_eq!(archived, 8);
			// Nothing more to look at.
			assert_eq!(
				Attribution::on_idle(4 + DISPUTE_PERIOD, Weight::MAX),
				Weight::from_parts(PRUNE_BASE_WEIGHT, 0)
			);
		},
		|_| {
			// Every record is answered from the history, as it was recorded.
			let record = Attribution::inference_record(0).unwrap();
			assert_eq!((record.payer, record.fee, record.deposit), (PAYER, 1_000, 0));
			assert_eq!(record.attributions.to_vec(), vec![(0, Perbill::one())]);
			assert_eq!(Attribution::archived_inference(7).map(|r| r.attributions.len()), Some(0));
			assert_eq!(Attribution::usage_of(0, 0, 10), page((0..7).collect(), 7, 0));
			assert_eq!(
				Attribution::inferences_of_payer(&PAYER, 0, 10),
				page((0..8).collect(), 8, 0)
			);
		},
	);
}

#[test]
fn a_record_disputed_at_the_end_of_its_period_is_archived_when_resolved() {
	across_blocks(
		|| {
			pay_many(2);
			System::set_block_number(1 + DISPUTE_PERIOD);
			assert_ok!(Attribution::challenge(
				RuntimeOrigin::signed(CHARLIE),
				DisputeTarget::Inference(0),
				H256::zero()
			));
			System::set_block_number(2 + DISPUTE_PERIOD);
			Attribution::on_idle(2 + DISPUTE_PERIOD, Weight::MAX);
			// The disputed record stays; the head moves past it.
			assert!(Inferences::<Test>::contains_key(0));
			assert!(!Inferences::<Test>::contains_key(1));
			assert_eq!(PruneHead::<Test>::get(), 2);
			assert_noop!(
				Attribution::release_record_deposit(
					RuntimeOrigin::signed(CHARLIE),
					DisputeTarget::Inference(0)
				),
				Error::<Test>::DisputeAlreadyOpen
			);
			assert_ok!(Attribution::resolve_dispute(RuntimeOrigin::root(), 0, true));
			// Upheld: deposit slashed, then archived at once, flagged.
			assert!(!Inferences::<Test>::contains_key(0));
			System::assert_last_event(
				Event::InferenceArchived { inference: 0, payer: PAYER, deposit_returned: 0 }.into(),
			);
			assert_eq!(held(PAYER, HoldReason::RecordDeposit), 0);
		},
		|_| {
			assert!(Attribution::inference_record(0).unwrap().disputed);
		},
	);
}
