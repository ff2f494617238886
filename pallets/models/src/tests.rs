//! Unit and property tests of the model registry.

use crate::{
	mock::*, Error, Event, HoldReason, ModelVersions, NextModelId, OwnershipOffers, TrainingDataOf,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Hooks,
	},
	BoundedVec,
};
use sp_core::H256;
use sp_runtime::{DispatchError, Perbill, TokenError};
use tributary_primitives::{
	DeclaredUses, LicenseTerms, LicensedUse, ModelStatus, ModelsInspect, RevenueSplit,
};

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

/// A model that is not served commercially (so it may train on non-commercial data).
fn research() -> DeclaredUses {
	DeclaredUses { fine_tune: true, retrieval: false, commercial: false }
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

/// Registers a model and returns its id.
fn registered(who: AccountId, base: Option<u32>, data: &[(u32, u32)], uses: DeclaredUses) -> u32 {
	let id = NextModelId::<Test>::get();
	assert_ok!(register_with(who, base, data, uses));
	id
}

fn register(who: AccountId) -> u32 {
	registered(who, None, &[(0, 1), (1, 1)], uses())
}

fn add_version(who: AccountId, model: u32, data: &[(u32, u32)]) -> sp_runtime::DispatchResult {
	Models::add_version(RuntimeOrigin::signed(who), model, H256::repeat_byte(9), training(data))
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Models(HoldReason::ModelDeposit), &who)
}

fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

fn deposit_of(model: u32) -> Balance {
	crate::Models::<Test>::get(model).unwrap().deposit
}

fn lineage_datanets(model: u32, version: u32) -> Vec<u32> {
	ModelVersions::<Test>::get(model, version).unwrap().lineage_datanets.into_inner()
}

fn non_commercial() -> LicenseTerms<u64> {
	let mut terms = LicenseTerms::permissive();
	terms.commercial = false;
	terms
}

fn expiring_at(block: u64) -> LicenseTerms<u64> {
	let mut terms = LicenseTerms::permissive();
	terms.expires_at = Some(block);
	terms
}

#[test]
fn integrity_test_accepts_the_mock_bounds() {
	new_test_ext().execute_with(|| {
		<crate::Pallet<Test> as Hooks<u64>>::integrity_test();
	});
}

#[test]
#[should_panic(expected = "a model must be able to have a version")]
fn integrity_test_refuses_a_model_that_can_have_no_version() {
	MaxModelVersions::set(0);
	new_test_ext().execute_with(<crate::Pallet<Test> as Hooks<u64>>::integrity_test);
}

#[test]
fn register_model_stores_model_version_and_deposit() {
	run_test(|| {
		let id = register(ALICE);
		let model = crate::Models::<Test>::get(id).unwrap();
		assert_eq!(model.owner, ALICE);
		assert_eq!(model.status, ModelStatus::Active);
		assert_eq!((model.latest_version, model.lineage_depth, model.price), (1, 0, 1_000));
		assert_eq!(model.derived_models, 0);
		let version = ModelVersions::<Test>::get(id, 1).unwrap();
		assert_eq!(version.training_data.to_vec(), vec![(0, 1), (1, 1)]);
		assert_eq!(version.lineage_datanets.to_vec(), vec![0, 1]);
		let expected = 100
			+ codec::Encode::encoded_size(&model) as u128
			+ codec::Encode::encoded_size(&version) as u128;
		assert_eq!(model.deposit, expected);
		assert_eq!(held(ALICE), expected);
		assert_eq!(free(ALICE), 1_000_000 - expected);
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
			register_with(ALICE, None, &[(99, 1)], uses()),
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
			let mut terms = LicenseTerms::permissive();
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
		publish(2, 1, expiring_at(10));
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
		let adapter = registered(BOB, Some(base), &[(1, 1)], uses());
		let merge = registered(CHARLIE, Some(adapter), &[(2, 1)], uses());
		let deepest = registered(CHARLIE, Some(merge), &[(3, 1)], uses());
		assert_noop!(
			register_with(CHARLIE, Some(deepest), &[(4, 1)], uses()),
			Error::<Test>::LineageTooDeep
		);
		assert_noop!(
			register_with(CHARLIE, Some(77), &[(3, 1)], uses()),
			Error::<Test>::UnknownBaseModel
		);
		let lineage = Models::lineage(deepest);
		let chain: Vec<u32> = lineage.iter().map(|s| s.model).collect();
		assert_eq!(chain, vec![deepest, merge, adapter, base]);
		assert_eq!(lineage[3].training_data, vec![(0, 1), (1, 1)]);
		assert_eq!(crate::Models::<Test>::get(deepest).unwrap().lineage_depth, 3);
		assert_eq!(crate::Models::<Test>::get(base).unwrap().derived_models, 1);
	});
}

#[test]
fn add_version_keeps_old_versions() {
	run_test(|| {
		let id = register(ALICE);
		publish(1, 2, LicenseTerms::permissive());
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
		assert_noop!(add_version(BOB, id, &[(0, 1)]), Error::<Test>::NotOwner);
		assert_noop!(
			add_version(ALICE, id, &[(5, 2)]),
			Error::<Test>::UnknownTrainingData { entry: 0 }
		);
		for _ in 3..=5 {
			assert_ok!(add_version(ALICE, id, &[(0, 1)]));
		}
		assert_noop!(add_version(ALICE, id, &[(0, 1)]), Error::<Test>::TooManyVersions);
		assert_noop!(add_version(ALICE, 9, &[(0, 1)]), Error::<Test>::UnknownModel);
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
fn add_operator_refuses_pallet_and_treasury_accounts() {
	run_test(|| {
		let id = register(ALICE);
		for protected in [RevenueAccount::get(), TREASURY] {
			assert_noop!(
				Models::add_operator(RuntimeOrigin::signed(ALICE), id, protected),
				Error::<Test>::ProtectedAccount
			);
		}
		assert!(crate::Models::<Test>::get(id).unwrap().operators.is_empty());
	});
}

#[test]
fn metadata_update_rebalances_deposit() {
	run_test(|| {
		let id = register(ALICE);
		let before = deposit_of(id);
		let longer = BoundedVec::try_from(b"ipfs://a-longer-model-card-uri".to_vec()).unwrap();
		assert_ok!(Models::update_metadata(RuntimeOrigin::signed(ALICE), id, longer));
		let after = deposit_of(id);
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

// ---- Two-step ownership (issue 13, defect 1) ----

#[test]
fn one_step_transfer_call_index_is_retired() {
	run_test(|| {
		use codec::Decode;
		// `Models` is pallet 2 of the mock runtime; call 5 was `transfer_ownership`.
		let mut old = &[2u8, 5, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0][..];
		assert!(RuntimeCall::decode(&mut old).is_err());
		let names = <crate::Call<Test> as frame_support::traits::GetCallName>::get_call_names();
		assert!(!names.contains(&"transfer_ownership"));
	});
}

#[test]
fn ownership_cannot_be_offered_to_a_pallet_or_treasury_account() {
	run_test(|| {
		let id = register(ALICE);
		let deposit = deposit_of(id);
		let revenue = RevenueAccount::get();
		for protected in [revenue, TREASURY] {
			assert_noop!(
				Models::offer_ownership(RuntimeOrigin::signed(ALICE), id, protected),
				Error::<Test>::ProtectedAccount
			);
			assert_eq!((free(protected), held(protected)), (1_000_000, 0));
		}
		assert_eq!((held(ALICE), Models::owner(id)), (deposit, Some(ALICE)));
	});
}

#[test]
fn offering_ownership_holds_nothing_from_the_recipient() {
	run_test(|| {
		let id = register(ALICE);
		let deposit = deposit_of(id);
		assert_ok!(Models::offer_ownership(RuntimeOrigin::signed(ALICE), id, DAVE));
		System::assert_last_event(
			Event::OwnershipOffered { model: id, owner: ALICE, to: DAVE }.into(),
		);
		assert_eq!(OwnershipOffers::<Test>::get(id), Some(DAVE));
		// The stranger keeps every planck free; the owner still owns and holds.
		assert_eq!((free(DAVE), held(DAVE)), (1_000_000, 0));
		assert_eq!((free(ALICE), held(ALICE)), (1_000_000 - deposit, deposit));
		assert_eq!(Models::owner(id), Some(ALICE));
	});
}

#[test]
fn offer_ownership_refuses_owner_strangers_and_retired_models() {
	run_test(|| {
		let id = register(ALICE);
		assert_noop!(
			Models::offer_ownership(RuntimeOrigin::signed(ALICE), id, ALICE),
			Error::<Test>::AlreadyOwner
		);
		assert_noop!(
			Models::offer_ownership(RuntimeOrigin::signed(BOB), id, BOB),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Models::offer_ownership(RuntimeOrigin::signed(ALICE), 7, BOB),
			Error::<Test>::UnknownModel
		);
		assert_ok!(Models::set_status(RuntimeOrigin::signed(ALICE), id, ModelStatus::Retired));
		assert_noop!(
			Models::offer_ownership(RuntimeOrigin::signed(ALICE), id, BOB),
			Error::<Test>::ModelRetired
		);
	});
}

#[test]
fn only_the_offered_account_can_accept() {
	run_test(|| {
		let id = register(ALICE);
		assert_noop!(
			Models::accept_ownership(RuntimeOrigin::signed(BOB), id, Balance::MAX),
			Error::<Test>::NoOwnershipOffer
		);
		assert_ok!(Models::offer_ownership(RuntimeOrigin::signed(ALICE), id, BOB));
		for other in [CHARLIE, ALICE, DAVE] {
			assert_noop!(
				Models::accept_ownership(RuntimeOrigin::signed(other), id, Balance::MAX),
				Error::<Test>::NotOfferedTo
			);
		}
		assert_noop!(
			Models::accept_ownership(RuntimeOrigin::signed(BOB), 7, Balance::MAX),
			Error::<Test>::UnknownModel
		);
	});
}

#[test]
fn accepting_ownership_moves_the_deposit_exactly() {
	run_test(|| {
		let id = register(ALICE);
		assert_ok!(add_version(ALICE, id, &[(2, 1)]));
		let deposit = deposit_of(id);
		let issuance = Balances::total_issuance();
		assert_ok!(Models::offer_ownership(RuntimeOrigin::signed(ALICE), id, DAVE));
		assert_ok!(Models::accept_ownership(RuntimeOrigin::signed(DAVE), id, Balance::MAX));
		System::assert_last_event(
			Event::OwnershipTransferred { model: id, from: ALICE, to: DAVE, deposit }.into(),
		);
		assert_eq!((free(ALICE), held(ALICE)), (1_000_000, 0));
		assert_eq!((free(DAVE), held(DAVE)), (1_000_000 - deposit, deposit));
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(deposit_of(id), deposit);
		assert_eq!(Models::owner(id), Some(DAVE));
		assert_eq!(OwnershipOffers::<Test>::get(id), None);
		// The offer is consumed and the old owner has no rights left.
		assert_noop!(
			Models::accept_ownership(RuntimeOrigin::signed(DAVE), id, Balance::MAX),
			Error::<Test>::NoOwnershipOffer
		);
		assert_noop!(
			Models::set_price(RuntimeOrigin::signed(ALICE), id, 1),
			Error::<Test>::NotOwner
		);
		assert_ok!(Models::set_price(RuntimeOrigin::signed(DAVE), id, 1));
	});
}

#[test]
fn accept_refuses_a_deposit_grown_after_the_offer_and_ends_the_old_operators() {
	run_test(|| {
		let id = register(ALICE);
		assert_ok!(Models::add_operator(RuntimeOrigin::signed(ALICE), id, CHARLIE));
		assert_ok!(Models::offer_ownership(RuntimeOrigin::signed(ALICE), id, DAVE));
		let offered_at = deposit_of(id);
		// Alice grows the deposit after offering (a front-run of Dave's accept).
		assert_ok!(add_version(ALICE, id, &[(2, 1)]));
		assert!(deposit_of(id) > offered_at);
		assert_noop!(
			Models::accept_ownership(RuntimeOrigin::signed(DAVE), id, offered_at),
			Error::<Test>::DepositAboveMax
		);
		assert_eq!((free(DAVE), held(DAVE)), (1_000_000, 0));
		// Exactly the deposit is enough.
		let deposit = deposit_of(id);
		assert_ok!(Models::accept_ownership(RuntimeOrigin::signed(DAVE), id, deposit));
		assert_eq!((free(DAVE), held(DAVE)), (1_000_000 - deposit, deposit));
		// Alice's operator serves Dave's model no more; Dave names his own.
		assert!(crate::Models::<Test>::get(id).unwrap().operators.is_empty());
		assert!(System::events()
			.iter()
			.any(|r| r.event == Event::OperatorRemoved { model: id, operator: CHARLIE }.into()));
		assert!(!Models::is_operator(id, &CHARLIE));
		assert_ok!(Models::add_operator(RuntimeOrigin::signed(DAVE), id, CHARLIE));
	});
}

#[test]
fn accept_without_the_deposit_fails_and_changes_nothing() {
	run_test(|| {
		let id = register(ALICE);
		assert_ok!(Models::offer_ownership(RuntimeOrigin::signed(ALICE), id, POOR));
		assert_noop!(
			Models::accept_ownership(RuntimeOrigin::signed(POOR), id, Balance::MAX),
			TokenError::FundsUnavailable
		);
		assert_eq!(OwnershipOffers::<Test>::get(id), Some(POOR));
	});
}

#[test]
fn a_new_offer_replaces_the_open_one() {
	run_test(|| {
		let id = register(ALICE);
		assert_ok!(Models::offer_ownership(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_ok!(Models::offer_ownership(RuntimeOrigin::signed(ALICE), id, CHARLIE));
		assert_eq!(OwnershipOffers::<Test>::iter().collect::<Vec<_>>(), vec![(id, CHARLIE)]);
		assert_noop!(
			Models::accept_ownership(RuntimeOrigin::signed(BOB), id, Balance::MAX),
			Error::<Test>::NotOfferedTo
		);
		assert_ok!(Models::accept_ownership(RuntimeOrigin::signed(CHARLIE), id, Balance::MAX));
		assert_eq!(Models::owner(id), Some(CHARLIE));
	});
}

#[test]
fn cancelled_offer_cannot_be_accepted() {
	run_test(|| {
		let id = register(ALICE);
		assert_noop!(
			Models::cancel_ownership_offer(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NoOwnershipOffer
		);
		assert_ok!(Models::offer_ownership(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_noop!(
			Models::cancel_ownership_offer(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotOwner
		);
		assert_ok!(Models::cancel_ownership_offer(RuntimeOrigin::signed(ALICE), id));
		System::assert_last_event(Event::OwnershipOfferCancelled { model: id, to: BOB }.into());
		assert_noop!(
			Models::accept_ownership(RuntimeOrigin::signed(BOB), id, Balance::MAX),
			Error::<Test>::NoOwnershipOffer
		);
		assert_eq!((Models::owner(id), held(BOB)), (Some(ALICE), 0));
	});
}

#[test]
fn retiring_a_model_withdraws_its_ownership_offer() {
	run_test(|| {
		let id = register(ALICE);
		assert_ok!(Models::offer_ownership(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_ok!(Models::set_status(RuntimeOrigin::signed(ALICE), id, ModelStatus::Retired));
		System::assert_has_event(Event::OwnershipOfferCancelled { model: id, to: BOB }.into());
		assert_eq!(OwnershipOffers::<Test>::get(id), None);
		assert_noop!(
			Models::accept_ownership(RuntimeOrigin::signed(BOB), id, Balance::MAX),
			Error::<Test>::NoOwnershipOffer
		);
	});
}

// ---- Licences wherever value moves (issue 13, defect 5) ----

#[test]
fn non_commercial_datanet_refuses_paid_inference_but_allows_training_record() {
	run_test(|| {
		publish(2, 1, non_commercial());
		let id = registered(ALICE, None, &[(0, 1), (2, 1)], research());
		assert_ok!(Models::ensure_licensed(id, 1, LicensedUse::TrainingRecord));
		assert_eq!(
			Models::ensure_licensed(id, 1, LicensedUse::PaidInference),
			Err(Error::<Test>::LicenseForbidsCommercialUse { entry: 1 }.into())
		);
	});
}

#[test]
fn commercial_use_withdrawn_later_stops_paid_inference() {
	run_test(|| {
		let id = register(ALICE);
		assert_ok!(Models::ensure_licensed(id, 1, LicensedUse::PaidInference));
		set_license(1, non_commercial());
		assert_eq!(
			Models::ensure_licensed(id, 1, LicensedUse::PaidInference),
			Err(Error::<Test>::LicenseForbidsCommercialUse { entry: 1 }.into())
		);
		assert_ok!(Models::ensure_licensed(id, 1, LicensedUse::TrainingRecord));
	});
}

#[test]
fn expired_licence_refuses_training_record_and_paid_inference() {
	run_test(|| {
		publish(2, 1, expiring_at(10));
		let id = registered(ALICE, None, &[(0, 1), (2, 1)], uses());
		// Through the expiry block itself the licence holds.
		System::set_block_number(10);
		assert_ok!(Models::ensure_licensed(id, 1, LicensedUse::TrainingRecord));
		assert_ok!(Models::ensure_licensed(id, 1, LicensedUse::PaidInference));
		System::set_block_number(11);
		for purpose in [LicensedUse::TrainingRecord, LicensedUse::PaidInference] {
			assert_eq!(
				Models::ensure_licensed(id, 1, purpose),
				Err(Error::<Test>::LicenseExpired { entry: 1 }.into())
			);
		}
	});
}

#[test]
fn ensure_licensed_names_unknown_models_and_versions() {
	run_test(|| {
		let id = register(ALICE);
		assert_eq!(
			Models::ensure_licensed(id, 2, LicensedUse::TrainingRecord),
			Err(Error::<Test>::UnknownVersion.into())
		);
		assert_eq!(
			Models::ensure_licensed(id + 1, 1, LicensedUse::TrainingRecord),
			Err(Error::<Test>::UnknownModel.into())
		);
	});
}

#[test]
fn derived_model_inherits_a_non_commercial_base_datanet_for_paid_inference() {
	run_test(|| {
		publish(2, 1, non_commercial());
		let base = registered(ALICE, None, &[(2, 1)], research());
		// The adapter's own data allows commercial use; its base's does not.
		let adapter = registered(BOB, Some(base), &[(3, 1)], research());
		assert_eq!(lineage_datanets(adapter, 1), vec![3, 2]);
		assert_eq!(
			Models::ensure_licensed(adapter, 1, LicensedUse::PaidInference),
			Err(Error::<Test>::LicenseForbidsCommercialUse { entry: 1 }.into())
		);
		assert_ok!(Models::ensure_licensed(adapter, 1, LicensedUse::TrainingRecord));
	});
}

#[test]
fn derived_model_is_refused_once_its_base_data_expires() {
	run_test(|| {
		publish(2, 1, expiring_at(20));
		let base = registered(ALICE, None, &[(2, 1)], uses());
		let adapter = registered(BOB, Some(base), &[(3, 1)], uses());
		assert_ok!(Models::ensure_licensed(adapter, 1, LicensedUse::PaidInference));
		System::set_block_number(21);
		for purpose in [LicensedUse::TrainingRecord, LicensedUse::PaidInference] {
			assert_eq!(
				Models::ensure_licensed(adapter, 1, purpose),
				Err(Error::<Test>::LicenseExpired { entry: 1 }.into())
			);
		}
	});
}

#[test]
fn licence_checks_reach_three_levels_up_the_lineage() {
	run_test(|| {
		let root = registered(ALICE, None, &[(10, 1)], uses());
		let first = registered(BOB, Some(root), &[(11, 1)], uses());
		let second = registered(CHARLIE, Some(first), &[(12, 1)], uses());
		let third = registered(DAVE, Some(second), &[(13, 1)], uses());
		assert_eq!(crate::Models::<Test>::get(third).unwrap().lineage_depth, 3);
		assert_eq!(lineage_datanets(third, 1), vec![13, 12, 11, 10]);
		assert_ok!(Models::ensure_licensed(third, 1, LicensedUse::PaidInference));
		// The root's datanet, three bases up, stops paid inference of the whole line.
		set_license(10, non_commercial());
		for (model, entry) in [(root, 0), (first, 1), (second, 2), (third, 3)] {
			assert_eq!(
				Models::ensure_licensed(model, 1, LicensedUse::PaidInference),
				Err(Error::<Test>::LicenseForbidsCommercialUse { entry }.into())
			);
		}
		set_license(10, expiring_at(30));
		System::set_block_number(31);
		assert_eq!(
			Models::ensure_licensed(third, 1, LicensedUse::TrainingRecord),
			Err(Error::<Test>::LicenseExpired { entry: 3 }.into())
		);
	});
}

#[test]
fn registration_checks_the_inherited_training_data() {
	run_test(|| {
		// The base's data forbids derivatives and commercial use.
		let mut terms = non_commercial();
		terms.derivatives = false;
		publish(2, 1, terms);
		let base = registered(ALICE, None, &[(2, 1)], research());
		assert_noop!(
			register_with(BOB, Some(base), &[(3, 1)], research()),
			Error::<Test>::LicenseForbidsDerivatives { entry: 1 }
		);
		set_license(2, non_commercial());
		assert_noop!(
			register_with(BOB, Some(base), &[(3, 1), (4, 1)], uses()),
			Error::<Test>::LicenseForbidsCommercialUse { entry: 2 }
		);
		assert_ok!(register_with(BOB, Some(base), &[(3, 1)], research()));
	});
}

#[test]
fn add_version_checks_the_inherited_training_data() {
	run_test(|| {
		publish(2, 1, expiring_at(20));
		let base = registered(ALICE, None, &[(2, 1)], uses());
		let adapter = registered(BOB, Some(base), &[(3, 1)], uses());
		System::set_block_number(21);
		assert_noop!(
			add_version(BOB, adapter, &[(4, 1)]),
			Error::<Test>::LicenseExpired { entry: 1 }
		);
	});
}

#[test]
fn a_version_inherits_its_base_newest_version_when_registered() {
	run_test(|| {
		let base = registered(ALICE, None, &[(0, 1)], uses());
		let adapter = registered(BOB, Some(base), &[(1, 1), (0, 1)], uses());
		// Own entries, then the base's list as it is: a shared datanet once per entry.
		assert_eq!(lineage_datanets(adapter, 1), vec![1, 0, 0]);
		assert_ok!(add_version(ALICE, base, &[(5, 1)]));
		// The registered version keeps what it was built on; a new one inherits the new base.
		assert_eq!(lineage_datanets(adapter, 1), vec![1, 0, 0]);
		assert_ok!(add_version(BOB, adapter, &[(1, 1)]));
		assert_eq!(lineage_datanets(adapter, 2), vec![1, 5]);
	});
}

#[test]
fn lineage_datanets_are_bounded() {
	run_test(|| {
		// MaxTrainingDatanets is 4 and MaxLineageDatanets 12 in the mock.
		let root = registered(ALICE, None, &[(0, 1), (1, 1), (2, 1), (3, 1)], uses());
		let first = registered(ALICE, Some(root), &[(4, 1), (5, 1), (6, 1), (7, 1)], uses());
		let full = registered(ALICE, Some(first), &[(8, 1), (9, 1), (10, 1), (11, 1)], uses());
		assert_eq!(lineage_datanets(full, 1).len(), 12);
		assert_noop!(
			register_with(BOB, Some(full), &[(12, 1)], uses()),
			Error::<Test>::TooManyLineageDatanets
		);
		// The bound counts training entries along the lineage, shared datanets included.
		assert_noop!(
			register_with(BOB, Some(full), &[(0, 1)], uses()),
			Error::<Test>::TooManyLineageDatanets
		);
		// A derivative of `first` (8 entries) takes 4 of its own, shared or not, in every
		// version.
		let side = registered(BOB, Some(first), &[(0, 1), (1, 1), (4, 1), (11, 1)], uses());
		assert_eq!(lineage_datanets(side, 1).len(), 12);
		assert_ok!(add_version(BOB, side, &[(12, 1), (2, 1), (3, 1), (5, 1)]));
		assert_eq!(lineage_datanets(side, 2).len(), 12);
	});
}

#[test]
fn a_retired_model_cannot_become_a_base() {
	run_test(|| {
		let base = register(ALICE);
		assert_ok!(Models::set_status(RuntimeOrigin::signed(ALICE), base, ModelStatus::Retired));
		assert_noop!(
			register_with(BOB, Some(base), &[(2, 1)], uses()),
			Error::<Test>::BaseModelRetired
		);
	});
}

// ---- Datanet usage counts (issue 13) ----

#[test]
fn every_version_notes_its_training_datanets_used() {
	run_test(|| {
		let id = register(ALICE);
		assert_eq!((usage(0), usage(1), usage(2)), (1, 1, 0));
		assert_ok!(add_version(ALICE, id, &[(1, 1), (2, 1)]));
		assert_eq!((usage(0), usage(1), usage(2)), (1, 2, 1));
		// A derived model counts its own training data, not the inherited.
		assert_ok!(register_with(BOB, Some(id), &[(3, 1)], uses()));
		assert_eq!((usage(0), usage(1), usage(2), usage(3)), (1, 2, 1, 1));
	});
}

#[test]
fn a_use_the_dataset_registry_refuses_registers_nothing() {
	run_test(|| {
		refuse_use(1);
		assert_noop!(register_with(ALICE, None, &[(0, 1), (1, 1)], uses()), USE_REFUSED);
		assert_eq!((usage(0), usage(1)), (0, 0));
		let id = registered(ALICE, None, &[(0, 1)], uses());
		assert_noop!(add_version(ALICE, id, &[(2, 1), (1, 1)]), USE_REFUSED);
		assert_eq!((usage(0), usage(2)), (1, 0));
	});
}

// ---- Removal (issue 13, defect 10) ----

fn retire(who: AccountId, model: u32) {
	assert_ok!(Models::set_status(RuntimeOrigin::signed(who), model, ModelStatus::Retired));
}

#[test]
fn removing_a_retired_model_returns_its_whole_deposit() {
	run_test(|| {
		let id = register(ALICE);
		assert_ok!(add_version(ALICE, id, &[(1, 1), (2, 1)]));
		assert_ok!(add_version(ALICE, id, &[(3, 1)]));
		let deposit = deposit_of(id);
		assert_eq!((free(ALICE), held(ALICE)), (1_000_000 - deposit, deposit));
		let issuance = Balances::total_issuance();
		retire(ALICE, id);
		assert_ok!(Models::remove_model(RuntimeOrigin::signed(ALICE), id));
		System::assert_last_event(
			Event::ModelRemoved { model: id, owner: ALICE, versions: 3, deposit }.into(),
		);
		assert_eq!((free(ALICE), held(ALICE)), (1_000_000, 0));
		assert_eq!(Balances::total_issuance(), issuance);
		assert!(crate::Models::<Test>::get(id).is_none());
		assert_eq!(ModelVersions::<Test>::iter_prefix(id).count(), 0);
		assert!(usage_counts().is_empty());
		assert_eq!(Models::payment_view(id, 1), None);
		// Ids are never reused.
		assert_eq!(register(ALICE), id + 1);
	});
}

#[test]
fn remove_model_refuses_models_that_are_not_retired_or_not_owned() {
	run_test(|| {
		let id = register(ALICE);
		assert_noop!(
			Models::remove_model(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotRetired
		);
		assert_ok!(Models::set_status(RuntimeOrigin::signed(ALICE), id, ModelStatus::Paused));
		assert_noop!(
			Models::remove_model(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotRetired
		);
		retire(ALICE, id);
		assert_noop!(Models::remove_model(RuntimeOrigin::signed(BOB), id), Error::<Test>::NotOwner);
		assert_noop!(
			Models::remove_model(RuntimeOrigin::signed(ALICE), id + 1),
			Error::<Test>::UnknownModel
		);
	});
}

#[test]
fn a_base_model_is_removable_while_a_strangers_model_derives_from_it() {
	run_test(|| {
		// Alice's base trains on a non-commercial datanet; Bob derives an adapter from it.
		publish(2, 1, non_commercial());
		let base = registered(ALICE, None, &[(2, 1)], research());
		let adapter = registered(BOB, Some(base), &[(3, 1)], research());
		assert_eq!(crate::Models::<Test>::get(base).unwrap().derived_models, 1);
		let base_deposit = deposit_of(base);
		retire(ALICE, base);
		// Bob's adapter cannot keep Alice's deposit held: she removes her model.
		assert_ok!(Models::remove_model(RuntimeOrigin::signed(ALICE), base));
		assert_eq!((free(ALICE), held(ALICE)), (1_000_000, 0));
		System::assert_last_event(
			Event::ModelRemoved { model: base, owner: ALICE, versions: 1, deposit: base_deposit }
				.into(),
		);
		// The adapter keeps its lineage: the base's datanet still binds every licence check.
		assert_eq!(lineage_datanets(adapter, 1), vec![3, 2]);
		assert_eq!(
			Models::ensure_licensed(adapter, 1, LicensedUse::PaidInference),
			Err(Error::<Test>::LicenseForbidsCommercialUse { entry: 1 }.into())
		);
		assert_eq!(Models::lineage(adapter).len(), 1, "the lineage query stops at the gap");
		// A new version inherits exactly what the newest one inherited (the base's datanet),
		// not its own old training data: the list never grows with versions.
		assert_ok!(add_version(BOB, adapter, &[(4, 1)]));
		assert_eq!(lineage_datanets(adapter, 2), vec![4, 2]);
		assert_eq!(
			Models::ensure_licensed(adapter, 2, LicensedUse::PaidInference),
			Err(Error::<Test>::LicenseForbidsCommercialUse { entry: 1 }.into())
		);
		for _ in 0..2 {
			assert_ok!(add_version(BOB, adapter, &[(3, 1)]));
		}
		assert_eq!(lineage_datanets(adapter, 4), vec![3, 2]);
		// Nothing can derive from the removed base any more.
		assert_noop!(
			register_with(CHARLIE, Some(base), &[(3, 1)], research()),
			Error::<Test>::UnknownBaseModel
		);
		// And the adapter is removable on its own terms, its whole deposit back to Bob.
		let adapter_deposit = deposit_of(adapter);
		retire(BOB, adapter);
		assert_ok!(Models::remove_model(RuntimeOrigin::signed(BOB), adapter));
		assert_eq!((free(BOB), held(BOB)), (1_000_000, 0));
		System::assert_last_event(
			Event::ModelRemoved {
				model: adapter,
				owner: BOB,
				versions: 4,
				deposit: adapter_deposit,
			}
			.into(),
		);
		assert!(usage_counts().is_empty());
	});
}

#[test]
fn removal_refunds_the_weight_of_versions_it_did_not_have() {
	run_test(|| {
		let id = register(ALICE);
		retire(ALICE, id);
		let info = Models::remove_model(RuntimeOrigin::signed(ALICE), id).unwrap();
		assert_eq!(
			info.actual_weight,
			Some(<() as crate::WeightInfo>::remove_model(1)),
			"charged for the versions it had"
		);
	});
}

// ---- Storage migration ----

#[test]
fn migration_v2_counts_derived_models_and_lineage_datanets() {
	use crate::migration::v2::{v1, MigrateV1ToV2};
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	run_test(|| {
		StorageVersion::new(1).put::<crate::Pallet<Test>>();
		let old_model = |owner, base: Option<u32>, depth, versions| v1::OldModel::<Test> {
			owner,
			name: Default::default(),
			metadata_uri: Default::default(),
			base_model: base,
			lineage_depth: depth,
			uses: uses(),
			price: 1,
			split: split(),
			status: ModelStatus::Active,
			operators: Default::default(),
			latest_version: versions,
			deposit: 500,
			created_at: 1,
		};
		let old_version = |data: &[(u32, u32)]| v1::OldModelVersion::<Test> {
			artifact_hash: H256::zero(),
			training_data: training(data),
			created_at: 1,
		};
		v1::Models::<Test>::insert(0, old_model(ALICE, None, 0, 2));
		v1::ModelVersions::<Test>::insert(0, 1, old_version(&[(0, 1)]));
		v1::ModelVersions::<Test>::insert(0, 2, old_version(&[(1, 1), (0, 1)]));
		v1::Models::<Test>::insert(1, old_model(BOB, Some(0), 1, 1));
		v1::ModelVersions::<Test>::insert(1, 1, old_version(&[(2, 1), (1, 1)]));
		NextModelId::<Test>::put(2);
		for who in [ALICE, BOB] {
			assert_ok!(<Balances as frame_support::traits::fungible::MutateHold<_>>::hold(
				&RuntimeHoldReason::Models(HoldReason::ModelDeposit),
				&who,
				500
			));
		}

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(crate::Pallet::<Test>::on_chain_storage_version(), 2);
		let base = crate::Models::<Test>::get(0).unwrap();
		assert_eq!((base.derived_models, base.deposit, base.owner), (1, 500, ALICE));
		assert_eq!(crate::Models::<Test>::get(1).unwrap().derived_models, 0);
		assert_eq!(lineage_datanets(0, 1), vec![0]);
		assert_eq!(lineage_datanets(0, 2), vec![1, 0]);
		assert_eq!(lineage_datanets(1, 1), vec![2, 1, 1, 0]);
		assert_eq!((usage(0), usage(1), usage(2)), (2, 2, 1));
		// Run once only: a second run changes nothing.
		let counts = usage_counts();
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(usage_counts(), counts);
	});
}

// ---- Random call sequences ----

mod property {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		Register(u8, Option<u8>, u8),
		AddVersion(u8, u8, u8),
		Status(u8, u8, u8),
		Offer(u8, u8, u8),
		Cancel(u8, u8),
		Accept(u8, u8),
		AddOperator(u8, u8, u8),
		RemoveOperator(u8, u8, u8),
		Metadata(u8, u8, u8),
		Remove(u8, u8),
	}

	/// Signers 1..=5 (POOR is 4); targets also include the treasury and the revenue account.
	fn target(n: u8) -> AccountId {
		match n {
			6 => TREASURY,
			7 => RevenueAccount::get(),
			n => n as AccountId,
		}
	}

	fn op() -> impl Strategy<Value = Op> {
		let who = 1u8..=5;
		let to = 1u8..=7;
		let model = 0u8..6;
		prop_oneof![
			(who.clone(), proptest::option::of(model.clone()), 0u8..6)
				.prop_map(|(w, b, d)| Op::Register(w, b, d)),
			(who.clone(), model.clone(), 0u8..6).prop_map(|(w, m, d)| Op::AddVersion(w, m, d)),
			(who.clone(), model.clone(), 0u8..3).prop_map(|(w, m, s)| Op::Status(w, m, s)),
			(who.clone(), model.clone(), to.clone()).prop_map(|(w, m, t)| Op::Offer(w, m, t)),
			(who.clone(), model.clone()).prop_map(|(w, m)| Op::Cancel(w, m)),
			(who.clone(), model.clone()).prop_map(|(w, m)| Op::Accept(w, m)),
			(who.clone(), model.clone(), to.clone()).prop_map(|(w, m, o)| Op::AddOperator(w, m, o)),
			(who.clone(), model.clone(), to).prop_map(|(w, m, o)| Op::RemoveOperator(w, m, o)),
			(who.clone(), model.clone(), 0u8..40).prop_map(|(w, m, len)| Op::Metadata(w, m, len)),
			(who, model).prop_map(|(w, m)| Op::Remove(w, m)),
		]
	}

	/// What an owner-only call on `model` by `who` must fail with before its own rules
	/// apply, if anything.
	fn owner_refusal(who: AccountId, model: u32, retired_ok: bool) -> Option<DispatchError> {
		let Some(m) = crate::Models::<Test>::get(model) else {
			return Some(Error::<Test>::UnknownModel.into());
		};
		if m.owner != who {
			return Some(Error::<Test>::NotOwner.into());
		}
		if !retired_ok && m.status == ModelStatus::Retired {
			return Some(Error::<Test>::ModelRetired.into());
		}
		None
	}

	/// The result `op` must have in the current state, where the rules make it plain;
	/// `None` where it depends on balances or licences (then only the no-trace rule and
	/// the invariants are checked).
	fn expected(op: &Op) -> Option<Result<(), DispatchError>> {
		let err = |e: Error<Test>| Some(Err(e.into()));
		let refuse = |e: Option<DispatchError>| e.map(Err);
		match *op {
			Op::Register(..) | Op::AddVersion(..) | Op::Metadata(..) => None,
			Op::Status(w, m, s) => {
				if let Some(e) = owner_refusal(w as u64, m as u32, false) {
					return refuse(Some(e));
				}
				let status = status(s);
				if crate::Models::<Test>::get(m as u32).unwrap().status == status {
					return err(Error::<Test>::SameStatus);
				}
				Some(Ok(()))
			}
			Op::Offer(w, m, to) => {
				if let Some(e) = owner_refusal(w as u64, m as u32, false) {
					return refuse(Some(e));
				}
				if target(to) == w as u64 {
					return err(Error::<Test>::AlreadyOwner);
				}
				if to >= 6 {
					return err(Error::<Test>::ProtectedAccount);
				}
				Some(Ok(()))
			}
			Op::Cancel(w, m) => {
				if let Some(e) = owner_refusal(w as u64, m as u32, true) {
					return refuse(Some(e));
				}
				if !OwnershipOffers::<Test>::contains_key(m as u32) {
					return err(Error::<Test>::NoOwnershipOffer);
				}
				Some(Ok(()))
			}
			Op::Accept(w, m) => {
				if !crate::Models::<Test>::contains_key(m as u32) {
					return err(Error::<Test>::UnknownModel);
				}
				match OwnershipOffers::<Test>::get(m as u32) {
					None => err(Error::<Test>::NoOwnershipOffer),
					Some(to) if to != w as u64 => err(Error::<Test>::NotOfferedTo),
					Some(_) if w as u64 == POOR => None,
					Some(_) => Some(Ok(())),
				}
			}
			Op::AddOperator(w, m, o) => {
				if o >= 6 {
					return err(Error::<Test>::ProtectedAccount);
				}
				if let Some(e) = owner_refusal(w as u64, m as u32, false) {
					return refuse(Some(e));
				}
				let operators = crate::Models::<Test>::get(m as u32).unwrap().operators;
				if operators.contains(&target(o)) {
					return err(Error::<Test>::AlreadyOperator);
				}
				if operators.len() == 3 {
					return err(Error::<Test>::TooManyOperators);
				}
				Some(Ok(()))
			}
			Op::RemoveOperator(w, m, o) => {
				if let Some(e) = owner_refusal(w as u64, m as u32, false) {
					return refuse(Some(e));
				}
				let operators = crate::Models::<Test>::get(m as u32).unwrap().operators;
				if !operators.contains(&target(o)) {
					return err(Error::<Test>::NotOperator);
				}
				Some(Ok(()))
			}
			Op::Remove(w, m) => {
				if let Some(e) = owner_refusal(w as u64, m as u32, true) {
					return refuse(Some(e));
				}
				let record = crate::Models::<Test>::get(m as u32).unwrap();
				if record.status != ModelStatus::Retired {
					return err(Error::<Test>::NotRetired);
				}
				Some(Ok(()))
			}
		}
	}

	fn status(s: u8) -> ModelStatus {
		[ModelStatus::Active, ModelStatus::Paused, ModelStatus::Retired][s as usize]
	}

	fn apply(op: &Op) -> Result<(), DispatchError> {
		let o = |w: u8| RuntimeOrigin::signed(w as u64);
		match *op {
			Op::Register(w, base, d) => {
				register_with(w as u64, base.map(u32::from), &[(d as u32, 1)], uses())
			}
			Op::AddVersion(w, m, d) => add_version(w as u64, m as u32, &[(d as u32, 1)]),
			Op::Status(w, m, s) => Models::set_status(o(w), m as u32, status(s)),
			Op::Offer(w, m, to) => Models::offer_ownership(o(w), m as u32, target(to)),
			Op::Cancel(w, m) => Models::cancel_ownership_offer(o(w), m as u32),
			Op::Accept(w, m) => Models::accept_ownership(o(w), m as u32, Balance::MAX),
			Op::AddOperator(w, m, op) => Models::add_operator(o(w), m as u32, target(op)),
			Op::RemoveOperator(w, m, op) => Models::remove_operator(o(w), m as u32, target(op)),
			Op::Metadata(w, m, len) => Models::update_metadata(
				o(w),
				m as u32,
				BoundedVec::try_from(vec![b'u'; len as usize]).unwrap(),
			),
			Op::Remove(w, m) => {
				Models::remove_model(o(w), m as u32).map(|_| ()).map_err(|e| e.error)
			}
		}
	}

	/// Runs `op`, checks its result against `expected`, that a refusal leaves no trace,
	/// that no account but the signer's balance changed, and every invariant.
	fn check(op: Op) {
		let signer = match op {
			Op::Register(w, ..)
			| Op::AddVersion(w, ..)
			| Op::Status(w, ..)
			| Op::Offer(w, ..)
			| Op::Cancel(w, ..)
			| Op::Accept(w, ..)
			| Op::AddOperator(w, ..)
			| Op::RemoveOperator(w, ..)
			| Op::Metadata(w, ..)
			| Op::Remove(w, ..) => w as u64,
		};
		// An accepted model's deposit goes back to the previous owner, who did sign the offer.
		let previous_owner = match op {
			Op::Accept(_, m) => crate::Models::<Test>::get(m as u32).map(|m| m.owner),
			_ => None,
		};
		let prediction = expected(&op);
		let balances_before: Vec<_> =
			genesis_balances().into_iter().map(|(who, _)| (who, free(who), held(who))).collect();
		let root_before = sp_io::storage::root(sp_runtime::StateVersion::V1);
		let result = apply(&op);
		if let Some(prediction) = prediction {
			assert_eq!(result, prediction, "{op:?}");
		}
		if result.is_err() {
			assert_eq!(
				sp_io::storage::root(sp_runtime::StateVersion::V1),
				root_before,
				"{op:?} failed but left a trace"
			);
		}
		for (who, free_before, held_before) in balances_before {
			if who != signer && Some(who) != previous_owner {
				assert_eq!(
					(free(who), held(who)),
					(free_before, held_before),
					"{op:?} moved {who}"
				);
			}
		}
		for protected in [TREASURY, RevenueAccount::get()] {
			assert_eq!((free(protected), held(protected)), (1_000_000, 0));
		}
		check_invariants();
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]
		#[test]
		fn random_calls_keep_every_invariant(ops in proptest::collection::vec(op(), 1..80)) {
			new_test_ext().execute_with(|| {
				for op in ops {
					check(op);
				}
			});
		}
	}
}
