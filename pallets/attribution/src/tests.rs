//! Unit tests of proof-of-attribution records, over the real registries and revenue pallet.

use crate::{
	mock::*, Attestors, AttributionMethod, AttributionsOf, DisputeTarget, Error, Event, HoldReason,
	Inferences, InfluencesOf, TrainingRecords,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold, BoundedVec};
use sp_core::H256;
use sp_runtime::{DispatchError, Perbill, TokenError};
use tributary_primitives::{LicenseTerms, ModelStatus, RevenueSplit, TrainingInfluence};

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
}

fn influences(entries: &[(u32, u32)]) -> InfluencesOf<Test> {
	BoundedVec::truncate_from(
		entries.iter().map(|(d, p)| (*d, Perbill::from_percent(*p))).collect::<Vec<_>>(),
	)
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
		// Indexes answer without scanning.
		assert_eq!(Attribution::usage_of(w.contributions[0], 0, 10), (vec![0], 1));
		assert_eq!(Attribution::usage_of(w.contributions[2], 0, 10), (vec![], 0));
		assert_eq!(Attribution::inferences_of_model(0, 0, 10), (vec![0], 1));
		assert_eq!(Attribution::inferences_of_payer(&PAYER, 0, 10), (vec![0], 1));
		assert_eq!(held(PAYER, HoldReason::RecordDeposit), 10);
		// The fee was split: 400 developer, 150 operator, 200 attributed (140 + 60).
		assert_eq!(pallet_revenue::Claimable::<Test>::get(ALICE), 400);
		assert_eq!(pallet_revenue::Claimable::<Test>::get(OPERATOR), 150);
		assert_eq!(pallet_revenue::ContributionEarnings::<Test>::get(w.contributions[0]), 140);
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
fn training_attribution_by_owner_or_attestor_once() {
	run_test(|| {
		setup();
		let record = |who, list| {
			Attribution::record_training_attribution(
				RuntimeOrigin::signed(who),
				0,
				1,
				list,
				Some(H256::repeat_byte(3)),
				AttributionMethod::InfluenceFunctions,
			)
		};
		assert_noop!(
			record(BOB, influences(&[(0, 60), (1, 40)])),
			Error::<Test>::NotOwnerOrAttestor
		);
		assert_noop!(
			record(ALICE, influences(&[(0, 60), (1, 41)])),
			Error::<Test>::WeightsDoNotSumToOne
		);
		assert_noop!(record(ALICE, influences(&[(0, 50), (0, 50)])), Error::<Test>::DuplicateEntry);
		assert_noop!(
			record(ALICE, influences(&[(0, 60), (7, 40)])),
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
		assert_noop!(
			Attribution::record_training_attribution(
				RuntimeOrigin::signed(ALICE),
				4,
				1,
				influences(&[(0, 100)]),
				None,
				AttributionMethod::SpanMatching
			),
			Error::<Test>::UnknownModel
		);
		assert_ok!(Attribution::add_attestor(RuntimeOrigin::root(), BOB));
		assert_ok!(record(BOB, influences(&[(0, 60), (1, 40)])));
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
		assert_eq!(
			Attribution::training_influence(0, 1),
			Some(vec![(0, Perbill::from_percent(60)), (1, Perbill::from_percent(40))])
		);
		assert_noop!(record(ALICE, influences(&[(0, 100)])), Error::<Test>::AlreadyRecorded);
		// The influence weights the pools: 200 of a 1,000 fee's data share, 60/40.
		assert_ok!(pay(weights(&[])));
		assert_eq!(pallet_revenue::PoolBalance::<Test>::get(0), 240);
		assert_eq!(pallet_revenue::PoolBalance::<Test>::get(1), 160);
	});
}

#[test]
fn attestors_are_bonded_and_managed_by_governance() {
	run_test(|| {
		assert_noop!(
			Attribution::add_attestor(RuntimeOrigin::signed(ALICE), BOB),
			DispatchError::BadOrigin
		);
		assert_ok!(Attribution::add_attestor(RuntimeOrigin::root(), BOB));
		System::assert_last_event(Event::AttestorAdded { attestor: BOB, bond: 1_000 }.into());
		assert_eq!(held(BOB, HoldReason::AttestorBond), 1_000);
		assert_noop!(
			Attribution::add_attestor(RuntimeOrigin::root(), BOB),
			Error::<Test>::AlreadyAttestor
		);
		assert_noop!(
			Attribution::add_attestor(RuntimeOrigin::root(), POOR),
			TokenError::FundsUnavailable
		);
		assert_ok!(Attribution::remove_attestor(RuntimeOrigin::root(), BOB));
		System::assert_last_event(Event::AttestorRemoved { attestor: BOB }.into());
		assert_eq!(held(BOB, HoldReason::AttestorBond), 0);
		assert_noop!(
			Attribution::remove_attestor(RuntimeOrigin::root(), BOB),
			Error::<Test>::NotAttestor
		);
	});
}

#[test]
fn upheld_dispute_flags_record_returns_bond_and_slashes_submitter() {
	run_test(|| {
		setup();
		assert_ok!(Attribution::add_attestor(RuntimeOrigin::root(), BOB));
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
		assert!(!Attestors::<Test>::contains_key(BOB));
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
		System::set_block_number(102);
		assert_noop!(
			Attribution::challenge(RuntimeOrigin::signed(CHARLIE), target, H256::zero()),
			Error::<Test>::DisputePeriodOver
		);
		assert_ok!(Attribution::release_record_deposit(RuntimeOrigin::signed(CHARLIE), target));
		System::assert_last_event(Event::RecordDepositReleased { target, amount: 10 }.into());
		assert_eq!(held(PAYER, HoldReason::RecordDeposit), 0);
		assert_noop!(
			Attribution::release_record_deposit(RuntimeOrigin::signed(CHARLIE), target),
			Error::<Test>::NoDeposit
		);
	});
}

#[test]
fn pages_are_bounded() {
	run_test(|| {
		let w = setup();
		for _ in 0..15 {
			assert_ok!(pay(weights(&[(w.contributions[2], 100)])));
		}
		let (first, total) = Attribution::usage_of(w.contributions[2], 0, 1_000);
		assert_eq!((first.len(), total), (10, 15));
		assert_eq!(first, (0..10).collect::<Vec<u64>>());
		assert_eq!(Attribution::usage_of(w.contributions[2], 10, 10), ((10..15).collect(), 15));
		assert_eq!(Attribution::inferences_of_model(0, 14, 10), (vec![14], 15));
		assert_eq!(Attribution::inferences_of_payer(&PAYER, 20, 10), (vec![], 15));
	});
}
