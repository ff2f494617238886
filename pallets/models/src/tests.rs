//! Unit and property tests of the model registry.

use crate::{mock::*, Error, Event, HoldReason, ModelVersions, NextModelId, TrainingDataOf};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold, BoundedVec};
use sp_core::H256;
use sp_runtime::{Perbill, TokenError};
use tributary_primitives::{DeclaredUses, ModelStatus, ModelsInspect, RevenueSplit};

fn split() -> RevenueSplit {
	RevenueSplit {
		developer: Perbill::from_percent(40),
		operators: Perbill::from_percent(15),
		data: Perbill::from_percent(40),
		inference_data: Perbill::from_percent(50),
	}
}

fn uses() -> DeclaredUses {
	DeclaredUses { fine_tune: true, retrieval: false, commercial: true }
}

fn training(entries: &[(u32, u32)]) -> TrainingDataOf<Test> {
	BoundedVec::try_from(entries.to_vec()).unwrap()
}

fn register_with(
	who: AccountId,
	base: Option<u32>,
	data: &[(u32, u32)],
	uses: DeclaredUses,
) -> sp_runtime::DispatchResult {
	Models::register_model(
		RuntimeOrigin::signed(who),
		BoundedVec::try_from(b"llama-med".to_vec()).unwrap(),
		BoundedVec::try_from(b"ipfs://card".to_vec()).unwrap(),
		H256::repeat_byte(1),
		base,
		training(data),
		uses,
		1_000,
		split(),
	)
}

fn register(who: AccountId) -> u32 {
	let id = NextModelId::<Test>::get();
	assert_ok!(register_with(who, None, &[(0, 1), (1, 1)], uses()));
	id
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Models(HoldReason::ModelDeposit), &who)
}

#[test]
fn register_model_stores_model_version_and_deposit() {
	run_test(|| {
		let id = register(ALICE);
		let model = crate::Models::<Test>::get(id).unwrap();
		assert_eq!(model.owner, ALICE);
		assert_eq!(model.status, ModelStatus::Active);
		assert_eq!((model.latest_version, model.lineage_depth, model.price), (1, 0, 1_000));
		let version = ModelVersions::<Test>::get(id, 1).unwrap();
		assert_eq!(version.training_data.to_vec(), vec![(0, 1), (1, 1)]);
		let expected = 100
			+ codec::Encode::encoded_size(&model) as u128
			+ codec::Encode::encoded_size(&version) as u128;
		assert_eq!(model.deposit, expected);
		assert_eq!(held(ALICE), expected);
		System::assert_has_event(
			Event::ModelRegistered { model: id, owner: ALICE, base_model: None }.into(),
		);
		System::assert_last_event(
			Event::VersionAdded { model: id, version: 1, artifact_hash: H256::repeat_byte(1) }
				.into(),
		);
	});
}

#[test]
fn register_refuses_bad_training_data() {
	run_test(|| {
		assert_noop!(register_with(ALICE, None, &[], uses()), Error::<Test>::NoTrainingData);
		assert_noop!(
			register_with(ALICE, None, &[(0, 1), (0, 1)], uses()),
			Error::<Test>::DuplicateDatanet { entry: 1 }
		);
		assert_noop!(
			register_with(ALICE, None, &[(0, 1), (1, 2)], uses()),
			Error::<Test>::UnknownTrainingData { entry: 1 }
		);
		assert_noop!(
			register_with(ALICE, None, &[(9, 1)], uses()),
			Error::<Test>::UnknownTrainingData { entry: 0 }
		);
		assert_noop!(register_with(POOR, None, &[(0, 1)], uses()), TokenError::FundsUnavailable);
	});
}

#[test]
fn license_refusal_names_entry_and_each_term() {
	let cases: Vec<(
		fn(&mut tributary_primitives::LicenseTerms<u64>),
		DeclaredUses,
		bool,
		fn(u8) -> Error<Test>,
	)> = vec![
		(
			|l| l.train = false,
			DeclaredUses::default(),
			false,
			|entry| Error::<Test>::LicenseForbidsTraining { entry },
		),
		(
			|l| l.fine_tune = false,
			DeclaredUses { fine_tune: true, ..Default::default() },
			false,
			|entry| Error::<Test>::LicenseForbidsFineTuning { entry },
		),
		(
			|l| l.retrieval = false,
			DeclaredUses { retrieval: true, ..Default::default() },
			false,
			|entry| Error::<Test>::LicenseForbidsRetrieval { entry },
		),
		(
			|l| l.commercial = false,
			DeclaredUses { commercial: true, ..Default::default() },
			false,
			|entry| Error::<Test>::LicenseForbidsCommercialUse { entry },
		),
		(
			|l| l.derivatives = false,
			DeclaredUses::default(),
			true,
			|entry| Error::<Test>::LicenseForbidsDerivatives { entry },
		),
		(
			|l| l.expires_at = Some(3),
			DeclaredUses::default(),
			false,
			|entry| Error::<Test>::LicenseExpired { entry },
		),
	];
	for (restrict, uses, derivative, error) in cases {
		run_test(|| {
			let base = register(ALICE);
			let mut terms = open_license();
			restrict(&mut terms);
			publish(2, 1, terms);
			System::set_block_number(5);
			let base = derivative.then_some(base);
			assert_noop!(register_with(BOB, base, &[(0, 1), (2, 1)], uses), error(1));
			// The same declaration without the restricted datanet is fine.
			assert_ok!(register_with(BOB, base, &[(0, 1)], uses));
		});
	}
}

#[test]
fn license_admits_when_not_expired_yet() {
	run_test(|| {
		let mut terms = open_license();
		terms.expires_at = Some(10);
		publish(2, 1, terms);
		System::set_block_number(10);
		assert_ok!(register_with(ALICE, None, &[(2, 1)], uses()));
	});
}

#[test]
fn split_must_make_exactly_one_hundred_percent_with_treasury_cut() {
	run_test(|| {
		let mut bad = split();
		bad.developer = Perbill::from_percent(41);
		let call = |s| {
			Models::register_model(
				RuntimeOrigin::signed(ALICE),
				Default::default(),
				Default::default(),
				H256::zero(),
				None,
				training(&[(0, 1)]),
				uses(),
				1,
				s,
			)
		};
		assert_noop!(call(bad), Error::<Test>::SplitNotComplete);
		bad.developer = Perbill::from_percent(39);
		assert_noop!(call(bad), Error::<Test>::SplitNotComplete);
		let id = register(ALICE);
		assert_noop!(
			Models::set_split(RuntimeOrigin::signed(ALICE), id, bad),
			Error::<Test>::SplitNotComplete
		);
		let mut good = split();
		good.developer = Perbill::from_percent(30);
		good.data = Perbill::from_percent(50);
		assert_ok!(Models::set_split(RuntimeOrigin::signed(ALICE), id, good));
		assert_eq!(crate::Models::<Test>::get(id).unwrap().split, good);
		System::assert_last_event(Event::SplitChanged { model: id, split: good }.into());
	});
}

#[test]
fn lineage_is_bounded_and_listed() {
	run_test(|| {
		let base = register(ALICE);
		let adapter = NextModelId::<Test>::get();
		assert_ok!(register_with(BOB, Some(base), &[(1, 1)], uses()));
		let merge = NextModelId::<Test>::get();
		assert_ok!(register_with(CHARLIE, Some(adapter), &[(2, 1)], uses()));
		assert_noop!(
			register_with(CHARLIE, Some(merge), &[(3, 1)], uses()),
			Error::<Test>::LineageTooDeep
		);
		assert_noop!(
			register_with(CHARLIE, Some(77), &[(3, 1)], uses()),
			Error::<Test>::UnknownBaseModel
		);
		let lineage = Models::lineage(merge);
		let chain: Vec<u32> = lineage.iter().map(|s| s.model).collect();
		assert_eq!(chain, vec![merge, adapter, base]);
		assert_eq!(lineage[2].training_data, vec![(0, 1), (1, 1)]);
		assert_eq!(crate::Models::<Test>::get(merge).unwrap().lineage_depth, 2);
	});
}

#[test]
fn add_version_keeps_old_versions() {
	run_test(|| {
		let id = register(ALICE);
		publish(1, 2, open_license());
		assert_ok!(Models::add_version(
			RuntimeOrigin::signed(ALICE),
			id,
			H256::repeat_byte(2),
			training(&[(1, 2)])
		));
		System::assert_last_event(
			Event::VersionAdded { model: id, version: 2, artifact_hash: H256::repeat_byte(2) }
				.into(),
		);
		assert_eq!(ModelVersions::<Test>::get(id, 1).unwrap().artifact_hash, H256::repeat_byte(1));
		assert_eq!(ModelVersions::<Test>::get(id, 2).unwrap().training_data.to_vec(), vec![(1, 2)]);
		assert_eq!(crate::Models::<Test>::get(id).unwrap().latest_version, 2);
		assert_eq!(Models::payment_view(id, 1).unwrap().training_data, vec![(0, 1), (1, 1)]);
		assert_noop!(
			Models::add_version(RuntimeOrigin::signed(BOB), id, H256::zero(), training(&[(0, 1)])),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Models::add_version(
				RuntimeOrigin::signed(ALICE),
				id,
				H256::zero(),
				training(&[(5, 1)])
			),
			Error::<Test>::UnknownTrainingData { entry: 0 }
		);
		for n in 3..=5 {
			assert_ok!(Models::add_version(
				RuntimeOrigin::signed(ALICE),
				id,
				H256::repeat_byte(n),
				training(&[(0, 1)])
			));
		}
		assert_noop!(
			Models::add_version(
				RuntimeOrigin::signed(ALICE),
				id,
				H256::zero(),
				training(&[(0, 1)])
			),
			Error::<Test>::TooManyVersions
		);
		assert_noop!(
			Models::add_version(RuntimeOrigin::signed(ALICE), 9, H256::zero(), training(&[(0, 1)])),
			Error::<Test>::UnknownModel
		);
	});
}

#[test]
fn status_changes_and_retired_model_cannot_be_paid() {
	run_test(|| {
		let id = register(ALICE);
		assert_noop!(
			Models::set_status(RuntimeOrigin::signed(ALICE), id, ModelStatus::Active),
			Error::<Test>::SameStatus
		);
		assert_noop!(
			Models::set_status(RuntimeOrigin::signed(BOB), id, ModelStatus::Paused),
			Error::<Test>::NotOwner
		);
		assert_ok!(Models::set_status(RuntimeOrigin::signed(ALICE), id, ModelStatus::Paused));
		assert_eq!(Models::payment_view(id, 1).unwrap().status, ModelStatus::Paused);
		assert_ok!(Models::set_status(RuntimeOrigin::signed(ALICE), id, ModelStatus::Retired));
		System::assert_last_event(
			Event::StatusChanged { model: id, status: ModelStatus::Retired }.into(),
		);
		// Payers see the status through the trait and must refuse it.
		assert_eq!(Models::payment_view(id, 1).unwrap().status, ModelStatus::Retired);
		assert_noop!(
			Models::set_status(RuntimeOrigin::signed(ALICE), id, ModelStatus::Active),
			Error::<Test>::ModelRetired
		);
		assert_noop!(
			Models::set_price(RuntimeOrigin::signed(ALICE), id, 5),
			Error::<Test>::ModelRetired
		);
	});
}

#[test]
fn price_changes_apply_to_the_model() {
	run_test(|| {
		let id = register(ALICE);
		assert_ok!(Models::set_price(RuntimeOrigin::signed(ALICE), id, 5_000));
		assert_eq!(Models::payment_view(id, 1).unwrap().price, 5_000);
		System::assert_last_event(Event::PriceChanged { model: id, price: 5_000 }.into());
		assert_noop!(Models::set_price(RuntimeOrigin::signed(BOB), id, 1), Error::<Test>::NotOwner);
	});
}

#[test]
fn ownership_transfer_moves_deposit() {
	run_test(|| {
		let id = register(ALICE);
		let deposit = crate::Models::<Test>::get(id).unwrap().deposit;
		assert_noop!(
			Models::transfer_ownership(RuntimeOrigin::signed(ALICE), id, ALICE),
			Error::<Test>::AlreadyOwner
		);
		assert_noop!(
			Models::transfer_ownership(RuntimeOrigin::signed(ALICE), id, POOR),
			TokenError::FundsUnavailable
		);
		assert_ok!(Models::transfer_ownership(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_eq!((held(ALICE), held(BOB)), (0, deposit));
		assert_eq!(Models::owner(id), Some(BOB));
		System::assert_last_event(
			Event::OwnershipTransferred { model: id, from: ALICE, to: BOB }.into(),
		);
		assert_noop!(
			Models::set_price(RuntimeOrigin::signed(ALICE), id, 1),
			Error::<Test>::NotOwner
		);
	});
}

#[test]
fn operators_are_added_and_removed_within_bounds() {
	run_test(|| {
		let id = register(ALICE);
		assert_ok!(Models::add_operator(RuntimeOrigin::signed(ALICE), id, BOB));
		System::assert_last_event(Event::OperatorAdded { model: id, operator: BOB }.into());
		assert!(Models::is_operator(id, &BOB));
		assert_noop!(
			Models::add_operator(RuntimeOrigin::signed(ALICE), id, BOB),
			Error::<Test>::AlreadyOperator
		);
		assert_noop!(
			Models::add_operator(RuntimeOrigin::signed(BOB), id, CHARLIE),
			Error::<Test>::NotOwner
		);
		assert_ok!(Models::add_operator(RuntimeOrigin::signed(ALICE), id, CHARLIE));
		assert_ok!(Models::add_operator(RuntimeOrigin::signed(ALICE), id, ALICE));
		assert_noop!(
			Models::add_operator(RuntimeOrigin::signed(ALICE), id, POOR),
			Error::<Test>::TooManyOperators
		);
		assert_ok!(Models::remove_operator(RuntimeOrigin::signed(ALICE), id, BOB));
		System::assert_last_event(Event::OperatorRemoved { model: id, operator: BOB }.into());
		assert!(!Models::is_operator(id, &BOB));
		assert_noop!(
			Models::remove_operator(RuntimeOrigin::signed(ALICE), id, BOB),
			Error::<Test>::NotOperator
		);
	});
}

#[test]
fn metadata_update_rebalances_deposit() {
	run_test(|| {
		let id = register(ALICE);
		let before = crate::Models::<Test>::get(id).unwrap().deposit;
		let longer = BoundedVec::try_from(b"ipfs://a-longer-model-card-uri".to_vec()).unwrap();
		assert_ok!(Models::update_metadata(RuntimeOrigin::signed(ALICE), id, longer));
		let after = crate::Models::<Test>::get(id).unwrap().deposit;
		assert_eq!(after, before + (30 - 11));
		assert_eq!(held(ALICE), after);
		System::assert_last_event(Event::MetadataUpdated { model: id }.into());
		assert_ok!(Models::update_metadata(RuntimeOrigin::signed(ALICE), id, Default::default()));
		assert_eq!(held(ALICE), before - 11);
		assert_noop!(
			Models::update_metadata(RuntimeOrigin::signed(BOB), id, Default::default()),
			Error::<Test>::NotOwner
		);
	});
}

mod property {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		Register(u8, Option<u8>, u8),
		AddVersion(u8, u8, u8),
		Status(u8, u8, u8),
		Transfer(u8, u8, u8),
		AddOperator(u8, u8, u8),
		RemoveOperator(u8, u8, u8),
		Metadata(u8, u8, u8),
	}

	fn op() -> impl Strategy<Value = Op> {
		let who = 1u8..=4;
		prop_oneof![
			(who.clone(), proptest::option::of(0u8..6), 0u8..5)
				.prop_map(|(w, b, d)| Op::Register(w, b, d)),
			(who.clone(), 0u8..6, 0u8..5).prop_map(|(w, m, d)| Op::AddVersion(w, m, d)),
			(who.clone(), 0u8..6, 0u8..3).prop_map(|(w, m, s)| Op::Status(w, m, s)),
			(who.clone(), 0u8..6, who.clone()).prop_map(|(w, m, to)| Op::Transfer(w, m, to)),
			(who.clone(), 0u8..6, who.clone()).prop_map(|(w, m, o)| Op::AddOperator(w, m, o)),
			(who.clone(), 0u8..6, who.clone()).prop_map(|(w, m, o)| Op::RemoveOperator(w, m, o)),
			(who, 0u8..6, 0u8..40).prop_map(|(w, m, len)| Op::Metadata(w, m, len)),
		]
	}

	fn apply(op: Op) {
		let o = |w: u8| RuntimeOrigin::signed(w as u64);
		let _ = match op {
			Op::Register(w, base, d) => {
				register_with(w as u64, base.map(u32::from), &[(d as u32, 1)], uses())
			}
			Op::AddVersion(w, m, d) => Models::add_version(
				o(w),
				m as u32,
				H256::repeat_byte(d),
				training(&[(d as u32, 1)]),
			),
			Op::Status(w, m, s) => {
				let status =
					[ModelStatus::Active, ModelStatus::Paused, ModelStatus::Retired][s as usize];
				Models::set_status(o(w), m as u32, status)
			}
			Op::Transfer(w, m, to) => Models::transfer_ownership(o(w), m as u32, to as u64),
			Op::AddOperator(w, m, op) => Models::add_operator(o(w), m as u32, op as u64),
			Op::RemoveOperator(w, m, op) => Models::remove_operator(o(w), m as u32, op as u64),
			Op::Metadata(w, m, len) => Models::update_metadata(
				o(w),
				m as u32,
				BoundedVec::try_from(vec![b'u'; len as usize]).unwrap(),
			),
		};
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]
		#[test]
		fn random_calls_keep_every_invariant(ops in proptest::collection::vec(op(), 1..60)) {
			new_test_ext().execute_with(|| {
				for op in ops {
					apply(op);
					Models::do_try_state().unwrap();
				}
			});
		}
	}
}
