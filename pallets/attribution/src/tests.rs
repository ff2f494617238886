//! Unit tests of proof-of-attribution records, over the real registries and revenue pallet.

use crate::{
	mock::*, ApprovedAttestors, AttestorInfo, AttestorStatus, Attestors, AttributionMethod,
	AttributionsOf, DisputeTarget, Error, Event, HoldReason, Inferences, InfluencesOf,
	ModelAttestors, ModelInferenceCount, PayerInferenceCount, PruneHead, TrainingRecords,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		Get, Hooks,
	},
	weights::Weight,
	BoundedVec,
};
use sp_core::H256;
use sp_runtime::{DispatchError, Perbill, TokenError};
use tributary_primitives::{
	api::InferencePage, FeeBreakdown, LicenseTerms, LicensedUse, ModelStatus, RevenueSplit,
	TrainingInfluence,
};

/// Ids of the world every test starts from.
struct World {
	/// Datanet 0 version 1: Bob's #0, Charlie's #1, Dave's #2 (weight 1 each).
	contributions: [u64; 3],
	/// Dave's pending contribution in the review datanet 1 (published as version 1 with
	/// Bob's #4).
	pending: u64,
	/// Bob's #5 in datanet 0, accepted after version 1: in no trained version.
	late: u64,
	/// Alice's model 0, version 1, trained on datanet 0 version 1 and datanet 1 version 1.
	model: u32,
}

fn license() -> LicenseTerms<u64> {
	LicenseTerms {
		train: true,
		fine_tune: true,
		retrieval: true,
		commercial: true,
		derivatives: true,
		expires_at: None,
		legal_text_hash: H256::zero(),
	}
}

fn setup() -> World {
	let open = pallet_datanets::ContributionPolicy::Open;
	let review = pallet_datanets::ContributionPolicy::CuratorReview;
	for policy in [open, review] {
		assert_ok!(Datanets::create_datanet(
			RuntimeOrigin::signed(ALICE),
			Default::default(),
			Default::default(),
			policy,
			license(),
			Default::default()
		));
	}
	let contribute = |who, datanet, n: u8| {
		assert_ok!(Datanets::contribute(
			RuntimeOrigin::signed(who),
			datanet,
			H256::repeat_byte(n),
			1,
			Default::default(),
			Default::default()
		));
	};
	contribute(BOB, 0, 1);
	contribute(CHARLIE, 0, 2);
	contribute(DAVE, 0, 3);
	contribute(DAVE, 1, 4); // #3, stays pending
	contribute(BOB, 1, 5); // #4
	assert_ok!(Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), 4, None));
	assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(ALICE), 0));
	assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(ALICE), 1));
	contribute(BOB, 0, 6); // #5, after version 1
	assert_ok!(Models::register_model(
		RuntimeOrigin::signed(ALICE),
		Default::default(),
		Default::default(),
		H256::repeat_byte(9),
		None,
		BoundedVec::truncate_from(vec![(0, 1), (1, 1)]),
		Default::default(),
		100,
		RevenueSplit {
			developer: Perbill::from_percent(40),
			operators: Perbill::from_percent(15),
			data: Perbill::from_percent(40),
			inference_data: Perbill::from_percent(50),
		},
	));
	assert_ok!(Models::add_operator(RuntimeOrigin::signed(ALICE), 0, OPERATOR));
	World { contributions: [0, 1, 2], pending: 3, late: 5, model: 0 }
}

fn weights(entries: &[(u64, u32)]) -> AttributionsOf<Test> {
	BoundedVec::truncate_from(
		entries.iter().map(|(c, p)| (*c, Perbill::from_percent(*p))).collect::<Vec<_>>(),
	)
}

fn pay(attributions: AttributionsOf<Test>) -> sp_runtime::DispatchResult {
	Attribution::pay_inference(
		RuntimeOrigin::signed(PAYER),
		0,
		1,
		OPERATOR,
		1_000,
		H256::repeat_byte(0xaa),
		attributions,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

fn influences(entries: &[(u32, u32)]) -> InfluencesOf<Test> {
	BoundedVec::truncate_from(
		entries.iter().map(|(d, p)| (*d, Perbill::from_percent(*p))).collect::<Vec<_>>(),
	)
}

/// What the treasury holds plus what the revenue pallet owes it and sends at the block's end.
fn treasury_total() -> Balance {
	Balances::balance(&999) + pallet_revenue::Flow::<Test>::get().treasury_due
}

fn held(who: AccountId, reason: HoldReason) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Attribution(reason), &who)
}

#[test]
fn pay_inference_records_indexes_and_splits() {
	run_test(|| {
		let w = setup();
		assert_ok!(pay(weights(&[(w.contributions[0], 70), (w.contributions[1], 30)])));
		let record = Inferences::<Test>::get(0).unwrap();
		assert_eq!(
			(record.model, record.version, record.payer, record.operator),
			(0, 1, PAYER, OPERATOR)
		);
		assert_eq!(
			(record.fee, record.io_hash, record.deposit),
			(1_000, H256::repeat_byte(0xaa), 10)
		);
		assert!(!record.disputed);
		System::assert_last_event(
			Event::InferenceRecorded {
				inference: 0,
				model: 0,
				version: 1,
				payer: PAYER,
				operator: OPERATOR,
				fee: 1_000,
				attributions: 2,
			}
			.into(),
		);
		// Positions in each list, from on-chain counters; the lists live in the history.
		assert_eq!(record.positions.to_vec(), vec![0, 0]);
		assert_eq!((record.model_position, record.payer_position), (0, 0));
		assert_eq!(ModelInferenceCount::<Test>::get(0), 1);
		assert_eq!(PayerInferenceCount::<Test>::get(PAYER), 1);
		assert_eq!(held(PAYER, HoldReason::RecordDeposit), 10);
		// The fee was split: 400 developer, 150 operator, 200 attributed (140 + 60).
		assert_eq!(Revenue::claimable(&ALICE), 400);
		assert_eq!(Revenue::claimable(&OPERATOR), 150);
		assert_eq!(
			pallet_revenue::ContributionAccounts::<Test>::get(w.contributions[0]).earned,
			140
		);
	});
}

/// Runs `build` in one block, then `check` in the next, after the first block's offchain
/// index writes reached the node's database (as they do when a node imports a block), then
/// every pallet's invariants.
fn across_blocks<R>(build: impl FnOnce() -> R, check: impl FnOnce(R)) {
	let mut ext = new_test_ext();
	let built = ext.execute_with(build);
	ext.persist_offchain_overlay();
	ext.execute_with(|| {
		check(built);
		check_all_invariants();
	});
}

fn page(inferences: Vec<u64>, total: u32, unavailable: u32) -> InferencePage {
	InferencePage { inferences, total, unavailable }
}

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
			&crate::history::usage_key(w.contributions[0], 0),
			&codec::Encode::encode(&stale),
		);
		sp_io::offchain_index::set(&crate::history::model_key(0, 1), &codec::Encode::encode(&0u64));
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
fn pay_inference_without_attributions_is_allowed() {
	run_test(|| {
		setup();
		assert_ok!(pay(weights(&[])));
		assert_eq!(Inferences::<Test>::get(0).unwrap().attributions.len(), 0);
	});
}

#[test]
fn pay_inference_refusals() {
	run_test(|| {
		let w = setup();
		let [a, b, _] = w.contributions;
		let call = |model, version, operator, fee, list| {
			Attribution::pay_inference(
				RuntimeOrigin::signed(PAYER),
				model,
				version,
				operator,
				fee,
				H256::zero(),
				list,
			)
		};
		assert_noop!(call(9, 1, OPERATOR, 1_000, weights(&[])), Error::<Test>::UnknownModel);
		assert_noop!(call(0, 2, OPERATOR, 1_000, weights(&[])), Error::<Test>::UnknownVersion);
		assert_noop!(call(0, 1, BOB, 1_000, weights(&[])), Error::<Test>::NotOperator);
		assert_noop!(call(0, 1, OPERATOR, 99, weights(&[])), Error::<Test>::FeeBelowPrice);
		assert_noop!(
			call(0, 1, OPERATOR, 1_000, weights(&[(a, 50), (b, 49)])),
			Error::<Test>::WeightsDoNotSumToOne
		);
		assert_noop!(
			call(0, 1, OPERATOR, 1_000, weights(&[(a, 50), (a, 50)])),
			Error::<Test>::DuplicateEntry
		);
		assert_noop!(
			call(0, 1, OPERATOR, 1_000, weights(&[(77, 100)])),
			Error::<Test>::UnknownContribution
		);
		assert_noop!(
			call(0, 1, OPERATOR, 1_000, weights(&[(w.pending, 100)])),
			Error::<Test>::ContributionNotAccepted
		);
		assert_noop!(
			call(0, 1, OPERATOR, 1_000, weights(&[(w.late, 100)])),
			Error::<Test>::NotInTrainingData
		);
		assert_ok!(Datanets::withdraw_contribution(RuntimeOrigin::signed(BOB), a));
		assert_noop!(
			call(0, 1, OPERATOR, 1_000, weights(&[(a, 100)])),
			Error::<Test>::ContributionWithdrawn
		);
		assert_noop!(
			Attribution::pay_inference(
				RuntimeOrigin::signed(POOR),
				0,
				1,
				OPERATOR,
				1_000,
				H256::zero(),
				weights(&[])
			),
			TokenError::FundsUnavailable
		);
		assert_ok!(Models::set_status(RuntimeOrigin::signed(ALICE), w.model, ModelStatus::Paused));
		assert_noop!(call(0, 1, OPERATOR, 1_000, weights(&[])), Error::<Test>::ModelNotActive);
		assert_ok!(Models::set_status(RuntimeOrigin::signed(ALICE), w.model, ModelStatus::Retired));
		assert_noop!(call(0, 1, OPERATOR, 1_000, weights(&[])), Error::<Test>::ModelNotActive);
	});
}

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

// ---------------------------------------------------------------------------------------
// Helpers for attestors, training records and money.
// ---------------------------------------------------------------------------------------

fn record(who: AccountId, model: u32, list: InfluencesOf<Test>) -> sp_runtime::DispatchResult {
	Attribution::record_training_attribution(
		RuntimeOrigin::signed(who),
		model,
		1,
		list,
		Some(H256::repeat_byte(3)),
		AttributionMethod::InfluenceFunctions,
	)
}

/// Approves `who` (funding it first if it has nothing) and lets it bond itself.
fn bonded(who: AccountId) {
	if Balances::balance(&who) == 0 {
		assert_ok!(Balances::mint_into(&who, FUNDS));
	}
	assert_ok!(Attribution::add_attestor(RuntimeOrigin::root(), who));
	assert_ok!(Attribution::bond_attestor(RuntimeOrigin::signed(who)));
}

/// A bonded attestor that Alice named for model 0.
fn named(who: AccountId) {
	bonded(who);
	assert_ok!(Attribution::name_attestor(RuntimeOrigin::signed(ALICE), 0, who));
}

fn seat(who: AccountId) -> AttestorInfo<u64> {
	Attestors::<Test>::get(who).expect("an attestor seat")
}

/// Free plus held: what an account owns.
fn owned(who: AccountId) -> Balance {
	Balances::balance(&who) + Balances::total_balance_on_hold(&who)
}

/// A second model of Alice's (model 1), trained on datanet 0 version 1.
fn second_model() -> u32 {
	assert_ok!(Models::register_model(
		RuntimeOrigin::signed(ALICE),
		Default::default(),
		Default::default(),
		H256::repeat_byte(8),
		None,
		BoundedVec::truncate_from(vec![(0, 1)]),
		Default::default(),
		100,
		RevenueSplit {
			developer: Perbill::from_percent(40),
			operators: Perbill::from_percent(15),
			data: Perbill::from_percent(40),
			inference_data: Perbill::from_percent(50),
		},
	));
	1
}

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
		for who in [Treasury::get(), Revenue::account_id()] {
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
		assert_eq!(pallet_revenue::Pools::<Test>::get(0).balance, 240);
		assert_eq!(pallet_revenue::Pools::<Test>::get(1).balance, 160);
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
		assert_ok!(Models::offer_ownership(RuntimeOrigin::signed(ALICE), 0, CHARLIE));
		assert_ok!(Models::accept_ownership(RuntimeOrigin::signed(CHARLIE), 0, Balance::MAX));
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
		assert_eq!(Revenue::claimable(&ALICE), 0);
		RefusedLicence::set(&Some(LicensedUse::TrainingRecord));
		assert_ok!(pay(weights(&[(w.contributions[0], 100)])));
		assert_eq!(LicenceChecks::get(), (0, 1));
	});
}

/// A datanet of Alice's with `terms`, one accepted contribution of Bob's, published; and a
/// model of Alice's (model 0) trained on it. Returns the contribution.
fn licensed_world(terms: LicenseTerms<u64>) -> u64 {
	assert_ok!(Datanets::create_datanet(
		RuntimeOrigin::signed(ALICE),
		Default::default(),
		Default::default(),
		pallet_datanets::ContributionPolicy::Open,
		terms,
		Default::default()
	));
	assert_ok!(Datanets::contribute(
		RuntimeOrigin::signed(BOB),
		0,
		H256::repeat_byte(1),
		1,
		Default::default(),
		Default::default()
	));
	assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(ALICE), 0));
	assert_ok!(Models::register_model(
		RuntimeOrigin::signed(ALICE),
		Default::default(),
		Default::default(),
		H256::repeat_byte(9),
		None,
		BoundedVec::truncate_from(vec![(0, 1)]),
		Default::default(),
		100,
		RevenueSplit {
			developer: Perbill::from_percent(40),
			operators: Perbill::from_percent(15),
			data: Perbill::from_percent(40),
			inference_data: Perbill::from_percent(50),
		},
	));
	assert_ok!(Models::add_operator(RuntimeOrigin::signed(ALICE), 0, OPERATOR));
	0
}

#[test]
fn non_commercial_training_data_blocks_paid_inference_through_the_registry() {
	run_test(|| {
		let c = licensed_world(LicenseTerms { commercial: false, ..license() });
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
		let c = licensed_world(LicenseTerms { expires_at: Some(20), ..license() });
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

// ---------------------------------------------------------------------------------------
// Defect 10: zero weights; the preview validates as `pay_inference` does.
// ---------------------------------------------------------------------------------------

#[test]
fn zero_weight_attribution_is_refused() {
	run_test(|| {
		let w = setup();
		let [a, b, _] = w.contributions;
		assert_noop!(pay(weights(&[(a, 100), (b, 0)])), Error::<Test>::ZeroWeight);
		assert_noop!(pay(weights(&[(b, 0), (a, 100)])), Error::<Test>::ZeroWeight);
		assert!(!Inferences::<Test>::contains_key(0));
		// One planck of weight is enough.
		assert_ok!(pay(BoundedVec::truncate_from(vec![
			(a, Perbill::from_parts(999_999_999)),
			(b, Perbill::from_parts(1)),
		])));
	});
}

#[test]
fn zero_weight_training_influence_is_refused() {
	run_test(|| {
		setup();
		assert_noop!(record(ALICE, 0, influences(&[(0, 100), (1, 0)])), Error::<Test>::ZeroWeight);
		assert!(!TrainingRecords::<Test>::contains_key(0, 1));
		assert_ok!(record(ALICE, 0, influences(&[(0, 99), (1, 1)])));
	});
}

#[test]
fn flagged_contribution_cannot_be_attributed() {
	run_test(|| {
		let w = setup();
		assert_ok!(Datanets::flag_malicious(RuntimeOrigin::signed(ALICE), w.contributions[1]));
		assert_noop!(
			pay(weights(&[(w.contributions[1], 100)])),
			Error::<Test>::ContributionFlagged
		);
	});
}

/// What the `preview_split` runtime API answers (`runtime/src/reads.rs` composes exactly
/// these two steps).
fn preview(
	model: u32,
	version: u32,
	fee: Balance,
	attributions: &[(u64, Perbill)],
) -> Result<FeeBreakdown<Balance>, DispatchError> {
	let payment = Attribution::validate_inference(model, version, None, fee, attributions)?;
	Revenue::preview(&payment).map(|plan| plan.breakdown).map_err(Into::into)
}

/// The breakdown of the last `FeeSplit` event.
fn last_fee_split() -> FeeBreakdown<Balance> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Revenue(pallet_revenue::Event::FeeSplit { breakdown, .. }) => {
				Some(breakdown)
			}
			_ => None,
		})
		.expect("a fee split")
}

#[test]
fn preview_and_pay_agree_on_every_refusal() {
	run_test(|| {
		let w = setup();
		let [a, b, c] = w.contributions;
		// A free model (price 0) on datanet 0, to reach `ZeroFee`.
		assert_ok!(Models::register_model(
			RuntimeOrigin::signed(ALICE),
			Default::default(),
			Default::default(),
			H256::repeat_byte(7),
			None,
			BoundedVec::truncate_from(vec![(0, 1)]),
			Default::default(),
			0,
			RevenueSplit {
				developer: Perbill::from_percent(40),
				operators: Perbill::from_percent(15),
				data: Perbill::from_percent(40),
				inference_data: Perbill::from_percent(50),
			},
		));
		assert_ok!(Models::add_operator(RuntimeOrigin::signed(ALICE), 1, OPERATOR));
		let p = Perbill::from_percent;
		let cases: Vec<(u32, u32, Balance, Vec<(u64, Perbill)>, DispatchError)> = vec![
			(9, 1, 1_000, vec![], Error::<Test>::UnknownModel.into()),
			(0, 2, 1_000, vec![], Error::<Test>::UnknownVersion.into()),
			(0, 1, 99, vec![], Error::<Test>::FeeBelowPrice.into()),
			(1, 1, 0, vec![], Error::<Test>::ZeroFee.into()),
			(0, 1, 1_000, vec![(a, p(50)), (a, p(50))], Error::<Test>::DuplicateEntry.into()),
			(0, 1, 1_000, vec![(a, p(100)), (b, p(0))], Error::<Test>::ZeroWeight.into()),
			(0, 1, 1_000, vec![(a, p(50)), (b, p(49))], Error::<Test>::WeightsDoNotSumToOne.into()),
			(0, 1, 1_000, vec![(a, p(50)), (b, p(51))], Error::<Test>::WeightsDoNotSumToOne.into()),
			(0, 1, 1_000, vec![(77, p(100))], Error::<Test>::UnknownContribution.into()),
			(0, 1, 1_000, vec![(w.pending, p(100))], Error::<Test>::ContributionNotAccepted.into()),
			(0, 1, 1_000, vec![(w.late, p(100))], Error::<Test>::NotInTrainingData.into()),
		];
		let check = |cases: &[(u32, u32, Balance, Vec<(u64, Perbill)>, DispatchError)]| {
			for (model, version, fee, list, error) in cases {
				assert_eq!(preview(*model, *version, *fee, list), Err(*error), "{list:?}");
				assert_noop!(
					Attribution::pay_inference(
						RuntimeOrigin::signed(PAYER),
						*model,
						*version,
						OPERATOR,
						*fee,
						H256::zero(),
						BoundedVec::truncate_from(list.clone()),
					),
					*error
				);
			}
		};
		check(&cases);
		assert_ok!(Datanets::withdraw_contribution(RuntimeOrigin::signed(CHARLIE), b));
		assert_ok!(Datanets::flag_malicious(RuntimeOrigin::signed(ALICE), c));
		check(&[
			(0, 1, 1_000, vec![(b, p(100))], Error::<Test>::ContributionWithdrawn.into()),
			(0, 1, 1_000, vec![(c, p(100))], Error::<Test>::ContributionFlagged.into()),
		]);
		RefusedLicence::set(&Some(LicensedUse::PaidInference));
		check(&[(0, 1, 1_000, vec![(a, p(100))], licence_refusal(LicensedUse::PaidInference))]);
		RefusedLicence::set(&None);
		assert_ok!(Models::set_status(RuntimeOrigin::signed(ALICE), 0, ModelStatus::Paused));
		check(&[(0, 1, 1_000, vec![], Error::<Test>::ModelNotActive.into())]);
		// More attributions than one inference may carry: `pay_inference` cannot even
		// decode them (its list is bounded); the preview names the bound.
		let max: u32 = <Test as crate::Config>::MaxAttributionsPerInference::get();
		let max = u64::from(max);
		let too_many: Vec<(u64, Perbill)> =
			(0..=max).map(|i| (i, Perbill::from_parts(1))).collect();
		assert_eq!(preview(1, 1, 1_000, &too_many), Err(Error::<Test>::TooManyAttributions.into()));
	});
}

#[test]
fn preview_and_pay_agree_on_the_breakdown() {
	run_test(|| {
		let w = setup();
		let [a, b, c] = w.contributions;
		assert_ok!(record(ALICE, 0, influences(&[(0, 70), (1, 30)])));
		let lists: Vec<Vec<(u64, Perbill)>> = vec![
			vec![],
			vec![(a, Perbill::one())],
			vec![
				(a, Perbill::from_parts(333_333_333)),
				(b, Perbill::from_parts(333_333_333)),
				(c, Perbill::from_parts(333_333_334)),
			],
		];
		for (fee, list) in [1_000, 1_001, 123_456_789].into_iter().zip(lists) {
			let previewed = preview(0, 1, fee, &list).unwrap();
			let treasury = treasury_total();
			let payer = Balances::balance(&PAYER);
			assert_ok!(Attribution::pay_inference(
				RuntimeOrigin::signed(PAYER),
				0,
				1,
				OPERATOR,
				fee,
				H256::zero(),
				BoundedVec::truncate_from(list),
			));
			assert_eq!(last_fee_split(), previewed);
			// Conserved to the planck: the payer lost the fee (and the deposit held).
			let paid: Balance = previewed.treasury
				+ previewed.operator
				+ previewed.developer
				+ previewed.contributions.iter().map(|(_, x)| x).sum::<Balance>()
				+ previewed.pools.iter().map(|(_, _, x)| x).sum::<Balance>();
			assert_eq!(paid, fee);
			assert_eq!(Balances::balance(&PAYER), payer - fee - 10);
			assert_eq!(treasury_total(), treasury + previewed.treasury);
		}
	});
}

/// The benchmarks' worst case is the worst case: the mock's builder yields a version drawing
/// on `MaxLineageDatanets` datanets, `MaxTrainingDatanets` of its own with distinct
/// curators, and contributions with distinct owners.
#[cfg(feature = "runtime-benchmarks")]
#[test]
fn benchmark_model_draws_on_the_most_datanets() {
	use std::collections::BTreeSet;
	use tributary_primitives::RevenueBenchmarkHelper;
	run_test(|| {
		let setup = BenchmarkHelper::payable_model_longest_lineage(64, MAX_TRAINING_DATANETS);
		let info = pallet_models::ModelVersions::<Test>::get(setup.model, setup.version).unwrap();
		let most: u32 = <Test as pallet_models::Config>::MaxLineageDatanets::get();
		assert_eq!(info.lineage_datanets.len() as u32, most);
		assert_eq!(setup.training_data.len() as u32, MAX_TRAINING_DATANETS);
		let curators: BTreeSet<AccountId> = setup
			.training_data
			.iter()
			.map(|(d, _)| pallet_datanets::Datanets::<Test>::get(d).unwrap().curator)
			.collect();
		assert_eq!(curators.len() as u32, MAX_TRAINING_DATANETS);
		let owners: BTreeSet<AccountId> = setup.contributions.iter().map(|(_, o)| *o).collect();
		assert_eq!(owners.len(), 64);
	});
}

// ---------------------------------------------------------------------------------------
// Storage migration v1 → v2.
// ---------------------------------------------------------------------------------------

#[test]
fn migration_v2_seats_attestors_with_what_they_answer_for() {
	use crate::migration::v2::{v1, MigrateV1ToV2};
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
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
