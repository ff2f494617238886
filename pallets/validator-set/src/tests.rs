//! The set's rules, its sessions and its offence handling, on the mock runtime.

use crate::{mock::*, Error, Event, MinValidators, SessionLength, SessionStart, Validators};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, EstimateNextSessionRotation, Hooks},
};
use pallet_session::ShouldEndSession;
use sp_runtime::{DispatchError, Perbill, Permill};
use sp_staking::offence::{OffenceDetails, OnOffenceHandler};

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::ValidatorSet(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn set() -> Vec<AccountId> {
	Validators::<Test>::get().into_inner()
}

/// The ownership proof of `account`'s test keys, made for `owner`.
fn proof(account: AccountId, owner: AccountId) -> Vec<u8> {
	use codec::Encode;
	use sp_runtime::RuntimeAppPublic;
	sp_runtime::testing::UintAuthorityId(account).sign(&owner.encode()).unwrap().encode()
}

/// Registers test keys for `account`, with their proof, holding its deposit.
fn set_keys(account: AccountId) {
	assert_ok!(Session::set_keys(
		RuntimeOrigin::signed(account),
		keys_of(account),
		proof(account, account)
	));
}

#[test]
fn keys_need_their_owner_s_proof_and_hold_a_deposit() {
	new_test_ext().execute_with(|| {
		let signed = RuntimeOrigin::signed(KEYLESS);
		assert_noop!(
			Session::set_keys(signed.clone(), keys_of(KEYLESS), vec![]),
			pallet_session::Error::<Test>::InvalidProof
		);
		assert_noop!(
			Session::set_keys(signed, keys_of(KEYLESS), proof(KEYLESS, CANDIDATE)),
			pallet_session::Error::<Test>::InvalidProof
		);
		set_keys(KEYLESS);
		assert_eq!(Balances::free_balance(KEYLESS), ENDOWMENT - KEY_DEPOSIT);
		assert_eq!(
			Balances::total_balance_on_hold(&KEYLESS),
			KEY_DEPOSIT,
			"held, not spent: free plus held is still the endowment"
		);
		assert_ok!(ValidatorSet::add_validator(root(), KEYLESS));
	});
}

#[test]
fn genesis_stores_the_set_and_session_uses_it() {
	new_test_ext_with(crate::GenesisConfig {
		validators: vec![4, 2, 3, 1],
		min_validators: 2,
		session_length: 5,
	})
	.execute_with(|| {
		assert_eq!(set(), vec![1, 2, 3, 4]);
		assert_eq!(Session::validators(), vec![1, 2, 3, 4]);
		assert_eq!(MinValidators::<Test>::get(), 2);
		assert_eq!(SessionLength::<Test>::get(), 5);
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

#[test]
fn an_empty_genesis_leaves_the_first_set_to_the_session_keys() {
	new_test_ext_with(crate::GenesisConfig::default()).execute_with(|| {
		assert!(set().is_empty());
		assert_eq!(MinValidators::<Test>::get(), 0);
		// The session's genesis keys (here those of `CANDIDATE`) validate, for good.
		assert_eq!(Session::validators(), vec![CANDIDATE]);
		assert_eq!(SessionLength::<Test>::get(), 0);
		run_to_block(MAX_SESSION * 2);
		assert_eq!(Session::current_index(), 0, "the genesis session never ends");
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

#[test]
fn genesis_defaults_floor_and_length() {
	new_test_ext_with(crate::GenesisConfig {
		validators: vec![1],
		min_validators: 0,
		session_length: 0,
	})
	.execute_with(|| {
		assert_eq!(MinValidators::<Test>::get(), 1);
		assert_eq!(SessionLength::<Test>::get(), MIN_SESSION);
	});
}

#[test]
fn genesis_refuses_a_broken_set() {
	let cases: [(Vec<AccountId>, u32, u64, &str); 5] = [
		(vec![1, 2, 1], 1, 5, "the genesis validators repeat an account"),
		((1..=7).collect(), 1, 5, "more genesis validators than MaxValidators"),
		(vec![1, 2], 3, 5, "min_validators exceeds the genesis validators"),
		(vec![1, 2], 1, MIN_SESSION - 1, "outside"),
		(vec![1, 2], 1, MAX_SESSION + 1, "outside"),
	];
	for (validators, min_validators, session_length, expected) in cases {
		let config = crate::GenesisConfig::<Test> { validators, min_validators, session_length };
		sp_io::TestExternalities::default().execute_with(|| {
			let error = crate::Pallet::<Test>::build_genesis(&config).unwrap_err();
			assert!(error.contains(expected), "{error} should say {expected}");
			assert!(Validators::<Test>::get().is_empty(), "nothing stored");
		});
	}
	// Exactly `MaxValidators` and both session bounds are accepted.
	for (count, length) in [(MAX_VALIDATORS as u64, MIN_SESSION), (1, MAX_SESSION)] {
		let config = crate::GenesisConfig::<Test> {
			validators: (1..=count).collect(),
			min_validators: 1,
			session_length: length,
		};
		sp_io::TestExternalities::default().execute_with(|| {
			assert_ok!(crate::Pallet::<Test>::build_genesis(&config));
			assert_eq!(Validators::<Test>::decode_len(), Some(count as usize));
		});
	}
}

#[test]
fn only_governance_changes_the_set() {
	new_test_ext().execute_with(|| {
		let signed = RuntimeOrigin::signed(1);
		assert_noop!(
			ValidatorSet::add_validator(signed.clone(), CANDIDATE),
			DispatchError::BadOrigin
		);
		assert_noop!(ValidatorSet::remove_validator(signed.clone(), 1), DispatchError::BadOrigin);
		assert_noop!(
			ValidatorSet::set_session_length(signed.clone(), 10),
			DispatchError::BadOrigin
		);
		assert_noop!(ValidatorSet::set_min_validators(signed, 1), DispatchError::BadOrigin);
	});
}

#[test]
fn add_refuses_keyless_and_present_accounts() {
	new_test_ext().execute_with(|| {
		assert_noop!(ValidatorSet::add_validator(root(), KEYLESS), Error::<Test>::NoSessionKeys);
		assert_noop!(ValidatorSet::add_validator(root(), 1), Error::<Test>::AlreadyValidator);
		assert_ok!(ValidatorSet::add_validator(root(), CANDIDATE));
		assert_eq!(set(), vec![1, 2, 3, 4, CANDIDATE]);
		assert_eq!(events(), vec![Event::ValidatorAdded { validator: CANDIDATE }]);
	});
}

#[test]
fn add_fills_the_set_to_its_maximum_and_no_further() {
	new_test_ext().execute_with(|| {
		// Four in the set; the maximum is six.
		assert_ok!(ValidatorSet::add_validator(root(), CANDIDATE));
		set_keys(KEYLESS);
		assert_ok!(ValidatorSet::add_validator(root(), KEYLESS));
		assert_eq!(set().len(), MAX_VALIDATORS as usize);
		set_keys(5);
		assert_noop!(ValidatorSet::add_validator(root(), 5), Error::<Test>::TooManyValidators);
	});
}

#[test]
fn a_set_change_takes_effect_two_sessions_later() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(root(), CANDIDATE));
		run_to_session(1);
		assert_eq!(Session::validators(), GENESIS.to_vec(), "session 1 keeps the old set");
		assert!(events().contains(&Event::NewSetPlanned { session: 2, validators: 5 }));
		run_to_session(2);
		assert_eq!(Session::validators(), vec![1, 2, 3, 4, CANDIDATE]);

		assert_ok!(ValidatorSet::remove_validator(root(), 2));
		run_to_session(3);
		assert!(Session::validators().contains(&2));
		run_to_session(4);
		assert_eq!(Session::validators(), vec![1, 3, 4, CANDIDATE]);
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

#[test]
fn an_unchanged_set_is_not_planned_again() {
	new_test_ext().execute_with(|| {
		run_to_session(3);
		assert!(
			!events().iter().any(|e| matches!(e, Event::NewSetPlanned { .. })),
			"no set planned while nothing changed"
		);
		assert_eq!(Session::validators(), GENESIS.to_vec());
	});
}

#[test]
fn remove_keeps_the_floor() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::remove_validator(root(), CANDIDATE),
			Error::<Test>::NotValidator
		);
		assert_ok!(ValidatorSet::remove_validator(root(), 1));
		assert_ok!(ValidatorSet::remove_validator(root(), 2));
		// Two left, the floor is two.
		assert_noop!(ValidatorSet::remove_validator(root(), 3), Error::<Test>::TooFewValidators);
		assert_eq!(set(), vec![3, 4]);
		assert_eq!(
			events(),
			vec![
				Event::ValidatorRemoved { validator: 1 },
				Event::ValidatorRemoved { validator: 2 }
			]
		);
	});
}

#[test]
fn validators_without_keys_are_left_out_and_never_leave_an_empty_set() {
	new_test_ext().execute_with(|| {
		// 1, 2 and 3 purge their keys: one validator with keys is below the floor of two.
		for account in [1, 2, 3] {
			assert_ok!(Session::purge_keys(RuntimeOrigin::signed(account)));
		}
		assert_ok!(ValidatorSet::add_validator(root(), CANDIDATE));
		run_to_session(1);
		assert!(events().contains(&Event::NewSetPlanned { session: 2, validators: 2 }));
		run_to_session(2);
		assert_eq!(Session::validators(), vec![4, CANDIDATE]);

		// Now 4 purges too: one with keys, below the floor: the active set goes on.
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(4)));
		assert_ok!(ValidatorSet::remove_validator(root(), 1));
		run_to_session(3);
		assert!(events().contains(&Event::SetNotPlanned { session: 4, with_keys: 1 }));
		run_to_session(4);
		// The active set goes on, less what pallet-session itself drops: a validator whose
		// keys are gone (its queued keys are loaded afresh each session).
		assert_eq!(Session::validators(), vec![CANDIDATE]);
		// Keys again: the change is planned at the next session.
		set_keys(4);
		run_to_session(5);
		assert!(events().contains(&Event::NewSetPlanned { session: 6, validators: 2 }));
	});
}

#[test]
fn sessions_last_the_governed_length() {
	new_test_ext().execute_with(|| {
		run_to_session(1);
		assert_eq!(System::block_number(), GENESIS_SESSION);
		assert_eq!(SessionStart::<Test>::get(), GENESIS_SESSION);
		run_to_session(2);
		assert_eq!(System::block_number(), 2 * GENESIS_SESSION);

		assert_noop!(
			ValidatorSet::set_session_length(root(), MIN_SESSION - 1),
			Error::<Test>::SessionLengthOutOfRange
		);
		assert_noop!(
			ValidatorSet::set_session_length(root(), MAX_SESSION + 1),
			Error::<Test>::SessionLengthOutOfRange
		);
		assert_ok!(ValidatorSet::set_session_length(root(), MAX_SESSION));
		assert_ok!(ValidatorSet::set_session_length(root(), MIN_SESSION));
		assert!(events().contains(&Event::SessionLengthSet { length: MIN_SESSION }));
		let start = System::block_number();
		run_to_session(3);
		assert_eq!(System::block_number(), start + MIN_SESSION);
	});
}

#[test]
fn session_estimates_follow_the_length() {
	new_test_ext().execute_with(|| {
		run_to_session(1);
		let start = SessionStart::<Test>::get();
		assert_eq!(ValidatorSet::average_session_length(), GENESIS_SESSION);
		assert_eq!(ValidatorSet::estimate_next_session_rotation(start).0, Some(start + 5));
		assert_eq!(
			ValidatorSet::estimate_current_session_progress(start + 2).0,
			Some(Permill::from_percent(40))
		);
		// Past the end (the session ends in the next block's hook) it is complete, not more.
		assert_eq!(
			ValidatorSet::estimate_current_session_progress(start + 9).0,
			Some(Permill::one())
		);
		assert!(!ValidatorSet::should_end_session(start + 4));
		assert!(ValidatorSet::should_end_session(start + 5));
		assert_eq!(ValidatorSet::next_session_start(), Some(start + 5));
	});
}

#[test]
fn historical_roots_are_kept_for_history_depth_sessions() {
	new_test_ext().execute_with(|| {
		run_to_session(10);
		let kept: Vec<u32> = (0..=11)
			.filter(|s| pallet_session::historical::HistoricalSessions::<Test>::contains_key(s))
			.collect();
		// Session 11 is planned at the start of session 10, pruning below 11 - 3: the last
		// `HISTORY_DEPTH` sessions and the planned one stay.
		assert_eq!(kept, vec![8, 9, 10, 11]);
		assert_eq!(kept.len(), HISTORY_DEPTH as usize + 1);
	});
}

#[test]
fn the_floor_stays_within_the_set() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::set_min_validators(root(), 0),
			Error::<Test>::MinValidatorsOutOfRange
		);
		assert_noop!(
			ValidatorSet::set_min_validators(root(), 5),
			Error::<Test>::MinValidatorsOutOfRange
		);
		assert_ok!(ValidatorSet::set_min_validators(root(), 4));
		assert_eq!(MinValidators::<Test>::get(), 4);
		assert_noop!(ValidatorSet::remove_validator(root(), 1), Error::<Test>::TooFewValidators);
		assert!(events().contains(&Event::MinValidatorsSet { count: 4 }));
	});
}

fn offence(offender: AccountId) -> OffenceDetails<AccountId, (AccountId, ())> {
	OffenceDetails { offender: (offender, ()), reporters: vec![] }
}

#[test]
fn an_offender_is_disabled_and_removed() {
	new_test_ext().execute_with(|| {
		run_to_session(1);
		ValidatorSet::on_offence(&[offence(3)], &[Perbill::from_percent(10)], 1);
		assert_eq!(Session::disabled_validators(), vec![2], "validator 3 is at index 2");
		assert_eq!(set(), vec![1, 2, 4]);
		assert!(events().contains(&Event::OffenderRemoved { validator: 3 }));
		// A repeated report changes nothing.
		let before = events().len();
		ValidatorSet::on_offence(&[offence(3)], &[Perbill::from_percent(10)], 1);
		assert_eq!(events().len(), before);
		assert_eq!(set(), vec![1, 2, 4]);
		run_to_session(3);
		assert_eq!(Session::validators(), vec![1, 2, 4]);
		assert!(Session::disabled_validators().is_empty(), "a new set clears the disabled list");
	});
}

#[test]
fn an_offender_at_the_floor_is_kept_but_disabled() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::set_min_validators(root(), 4));
		ValidatorSet::on_offence(&[offence(1)], &[Perbill::zero()], 0);
		assert_eq!(set(), GENESIS.to_vec());
		assert_eq!(Session::disabled_validators(), vec![0]);
		assert!(events().contains(&Event::OffenderKept { validator: 1 }));
	});
}

#[test]
fn offenders_beyond_the_disabling_limit_are_removed_not_disabled() {
	new_test_ext().execute_with(|| {
		// Four validators: at most (4 - 1) / 3 = 1 disabled at a time.
		ValidatorSet::on_offence(&[offence(1), offence(2)], &[Perbill::zero(); 2], 0);
		assert_eq!(Session::disabled_validators().len(), 1);
		assert_eq!(set(), vec![3, 4], "both leave the set, down to the floor");
	});
}

#[test]
fn try_state_catches_a_broken_set() {
	new_test_ext().execute_with(|| {
		assert_ok!(crate::Pallet::<Test>::do_try_state());
		MinValidators::<Test>::put(5);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
		MinValidators::<Test>::put(1);
		Validators::<Test>::put(frame_support::BoundedVec::truncate_from(vec![2, 1]));
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
	});
}

#[test]
fn every_block_is_charged_the_session_check() {
	new_test_ext().execute_with(|| {
		// The mock's weights are zero; the hook must return what `WeightInfo` says.
		assert_eq!(ValidatorSet::on_initialize(2), <() as crate::WeightInfo>::session_check());
	});
}

#[test]
fn integrity_test_passes_on_the_mock() {
	new_test_ext().execute_with(ValidatorSet::integrity_test);
}

#[test]
#[should_panic(expected = "MaxValidators must be at least 1")]
fn integrity_refuses_an_empty_maximum() {
	crate::impls::check_bounds(0, 1u64, 2, 1);
}

#[test]
#[should_panic(expected = "MinSessionLength must be at least one block")]
fn integrity_refuses_zero_length_sessions() {
	crate::impls::check_bounds(1, 0u64, 2, 1);
}

#[test]
#[should_panic(expected = "MinSessionLength must not exceed MaxSessionLength")]
fn integrity_refuses_an_empty_session_range() {
	crate::impls::check_bounds(1, 3u64, 2, 1);
}

#[test]
fn a_validator_whose_keys_return_rejoins_without_governance() {
	new_test_ext().execute_with(|| {
		run_to_session(1);
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(4)));
		run_to_session(3);
		assert_eq!(Session::validators(), vec![1, 2, 3], "no keys, no session");
		set_keys(4);
		run_to_session(5);
		assert_eq!(Session::validators(), GENESIS.to_vec(), "back as soon as its keys are");
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

#[test]
fn a_reverted_change_plans_nothing_and_keeps_an_offender_disabled() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::set_min_validators(root(), 4));
		ValidatorSet::on_offence(&[offence(1)], &[Perbill::zero()], 0);
		assert_eq!(Session::disabled_validators(), vec![0]);
		assert_ok!(ValidatorSet::add_validator(root(), CANDIDATE));
		assert_ok!(ValidatorSet::remove_validator(root(), CANDIDATE));
		run_to_session(3);
		assert!(
			!events().iter().any(|e| matches!(e, Event::NewSetPlanned { .. })),
			"the set planned is the set queued: nothing to plan"
		);
		assert!(!System::events()
			.iter()
			.any(|r| r.event == RuntimeEvent::Session(pallet_session::Event::NewQueued)));
		assert_eq!(Session::disabled_validators(), vec![0], "no set change re-enables it");
	});
}

#[test]
fn an_offence_under_rotated_keys_is_provable_after_its_session() {
	use codec::Encode;
	use frame_support::traits::KeyOwnerProofSystem;
	use sp_runtime::{key_types::DUMMY, testing::UintAuthorityId};
	new_test_ext().execute_with(|| {
		run_to_session(1);
		// Validator 1 rotates to new keys; the set is unchanged.
		let rotated = MockKeys { dummy: UintAuthorityId(101) };
		assert_ok!(Session::set_keys(RuntimeOrigin::signed(1), rotated, proof(101, 1)));
		run_to_session(3);
		let key = (DUMMY, UintAuthorityId(101).encode());
		let membership = Historical::prove(key.clone()).expect("its key is in the session");
		assert_eq!(membership.session, 3);
		run_to_session(4);
		assert_eq!(
			Historical::check_proof(key, membership),
			Some((1, ())),
			"session 3's stored root holds the keys it validated with"
		);
	});
}

/// Storage built from the tests' genesis with session keys for `keyed` only.
fn genesis_with_keys_for(keyed: &[AccountId]) -> sp_runtime::Storage {
	use sp_runtime::BuildStorage;
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: GENESIS.iter().map(|a| (*a, ENDOWMENT)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	genesis().assimilate_storage(&mut storage).unwrap();
	let keys = keyed.iter().map(|a| (*a, *a, keys_of(*a))).collect();
	pallet_session::GenesisConfig::<Test> { keys, non_authority_keys: vec![] }
		.assimilate_storage(&mut storage)
		.unwrap();
	storage
}

#[test]
fn a_genesis_validator_without_keys_validates_once_it_has_them() {
	let mut ext = sp_io::TestExternalities::new(genesis_with_keys_for(&[1, 2, 3]));
	ext.execute_with(|| {
		System::set_block_number(1);
		assert_eq!(set(), GENESIS.to_vec(), "still in the governed set");
		// The session's list is the keyed one, as Aura's and GRANDPA's authorities are.
		assert_eq!(Session::validators(), vec![1, 2, 3]);
		let queued: Vec<_> =
			pallet_session::QueuedKeys::<Test>::get().into_iter().map(|(v, _)| v).collect();
		assert_eq!(queued, vec![1, 2, 3]);
		set_keys(4);
		run_to_session(2);
		assert_eq!(Session::validators(), GENESIS.to_vec());
	});
}

#[test]
#[should_panic(expected = "none of the genesis validators has session keys")]
fn a_genesis_set_without_any_keys_is_refused() {
	genesis_with_keys_for(&[]);
}

#[test]
fn a_set_adopted_after_genesis_keeps_its_last_validator() {
	// A chain whose genesis configured no set (one upgraded to this pallet): floor 0.
	new_test_ext_with(crate::GenesisConfig::default()).execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(root(), CANDIDATE));
		assert_ok!(crate::Pallet::<Test>::do_try_state());
		assert_noop!(
			ValidatorSet::remove_validator(root(), CANDIDATE),
			Error::<Test>::TooFewValidators
		);
		assert_ok!(ValidatorSet::set_session_length(root(), MIN_SESSION));
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

#[test]
#[should_panic(expected = "HistoryDepth must be at least 1")]
fn integrity_refuses_no_history() {
	crate::impls::check_bounds(1, 1u64, 2, 0);
}

#[test]
fn the_next_session_is_never_estimated_in_the_past_or_without_sessions() {
	new_test_ext_with(crate::GenesisConfig::default()).execute_with(|| {
		// No set, length 0: the genesis session never ends.
		assert_eq!(ValidatorSet::estimate_next_session_rotation(5).0, None);
	});
	new_test_ext().execute_with(|| {
		run_to_session(1);
		let start = SessionStart::<Test>::get();
		run_to_block(start + 3);
		// Shortened below the session's age: it ends in the next block, not in the past.
		assert_ok!(ValidatorSet::set_session_length(root(), MIN_SESSION));
		let next = System::block_number() + 1;
		assert_eq!(ValidatorSet::estimate_next_session_rotation(next - 1).0, Some(next));
		run_to_block(next);
		assert_eq!(Session::current_index(), 2, "and it did");
	});
}
