//! The validator set in the real runtime: the presets' genesis validators and keys, session
//! keys registered with the proof the node's keystore makes, a validator added by governance
//! and active two sessions later, and a real GRANDPA equivocation reported on chain, which
//! disables the offender and removes it from the set.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing
)]

use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, KeyOwnerProofSystem},
};
use sp_core::{crypto::KeyTypeId, H256};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::BuildStorage;
use std::sync::Arc;
use tributary_primitives::AccountId;
use tributary_runtime::{
	configs::{KeyDeposit, MAX_VALIDATORS},
	genesis_config_presets::{
		config_from_patch, development_config_genesis, local_config_genesis, DEV_SESSION_LENGTH,
		LOCAL_MIN_VALIDATORS, LOCAL_SESSION_LENGTH,
	},
	Balances, Grandpa, Historical, Runtime, RuntimeEvent, RuntimeOrigin, Session, SessionKeys,
	System, ValidatorSet,
};

/// A chain from `patch`, with a keystore for key generation, at block 1.
fn chain(patch: serde_json::Value) -> sp_io::TestExternalities {
	let storage = config_from_patch(patch).unwrap().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.register_extension(KeystoreExt(Arc::new(MemoryKeystore::new())));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

/// The local preset's validators, in the order the set keeps them (sorted accounts).
fn local_validators() -> Vec<(Sr25519Keyring, Ed25519Keyring)> {
	let mut validators = vec![
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
	];
	validators.sort_by_key(|(sr, _)| sr.to_account_id());
	validators
}

/// Ends the current session as the next block does: pallet-session rotates it, and GRANDPA
/// enacts a scheduled authority change when the block is finalized.
fn rotate() {
	use frame_support::traits::OnFinalize;
	let block = System::block_number() + 1;
	System::set_block_number(block);
	pallet_session::Pallet::<Runtime>::rotate_session();
	Grandpa::on_finalize(block);
}

fn set_events() -> Vec<pallet_validator_set::Event<Runtime>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::ValidatorSet(e) => Some(e),
			_ => None,
		})
		.collect()
}

#[test]
fn the_local_preset_starts_four_keyed_validators() {
	chain(local_config_genesis()).execute_with(|| {
		let expected = local_validators();
		let accounts: Vec<AccountId> = expected.iter().map(|(sr, _)| sr.to_account_id()).collect();
		assert_eq!(pallet_validator_set::Validators::<Runtime>::get().into_inner(), accounts);
		assert_eq!(Session::validators(), accounts);
		assert_eq!(pallet_validator_set::MinValidators::<Runtime>::get(), LOCAL_MIN_VALIDATORS);
		assert_eq!(pallet_validator_set::SessionLength::<Runtime>::get(), LOCAL_SESSION_LENGTH);
		// Session's genesis gave Aura and GRANDPA the same validators' keys, in the same order.
		let aura: Vec<_> = expected.iter().map(|(sr, _)| sr.public().into()).collect::<Vec<_>>();
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().into_inner(), aura);
		let grandpa: Vec<_> = expected.iter().map(|(_, ed)| (ed.public().into(), 1)).collect();
		assert_eq!(Grandpa::grandpa_authorities(), grandpa);
		pallet_validator_set::Pallet::<Runtime>::do_try_state().unwrap();
	});
}

#[test]
fn the_dev_preset_starts_alice_alone() {
	chain(development_config_genesis()).execute_with(|| {
		assert_eq!(Session::validators(), vec![account(Sr25519Keyring::Alice)]);
		assert_eq!(pallet_validator_set::SessionLength::<Runtime>::get(), DEV_SESSION_LENGTH);
		assert_eq!(pallet_validator_set::MinValidators::<Runtime>::get(), 1);
	});
}

#[test]
fn the_set_fits_aura_and_grandpa() {
	use frame_support::traits::Get;
	assert_eq!(
		<<Runtime as pallet_aura::Config>::MaxAuthorities as Get<u32>>::get(),
		MAX_VALIDATORS
	);
	assert_eq!(
		<<Runtime as pallet_grandpa::Config>::MaxAuthorities as Get<u32>>::get(),
		MAX_VALIDATORS
	);
	assert_eq!(
		<<Runtime as pallet_validator_set::Config>::MaxValidators as Get<u32>>::get(),
		MAX_VALIDATORS
	);
}

/// Keys generated in the keystore for `owner`, with the proof the node returns from
/// `author_rotateKeysWithOwner`.
fn generate_keys(owner: &AccountId) -> (SessionKeys, Vec<u8>) {
	let generated = SessionKeys::generate(&owner.encode(), None);
	(generated.keys, generated.proof.encode())
}

#[test]
fn a_new_validator_registers_keys_with_their_proof_and_validates_two_sessions_later() {
	chain(local_config_genesis()).execute_with(|| {
		let eve = account(Sr25519Keyring::Eve);
		let ferdie = account(Sr25519Keyring::Ferdie);
		let (keys, proof) = generate_keys(&eve);
		let signed = RuntimeOrigin::signed(eve.clone());
		// No proof, or the proof made for another account, is refused.
		assert_noop!(
			Session::set_keys(signed.clone(), keys.clone(), vec![]),
			pallet_session::Error::<Runtime>::InvalidProof
		);
		let (_, ferdies_proof) = generate_keys(&ferdie);
		assert_noop!(
			Session::set_keys(signed.clone(), keys.clone(), ferdies_proof),
			pallet_session::Error::<Runtime>::InvalidProof
		);
		// Governance cannot add her before she has keys.
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), eve.clone()),
			pallet_validator_set::Error::<Runtime>::NoSessionKeys
		);
		let free = Balances::free_balance(&eve);
		assert_ok!(Session::set_keys(signed, keys.clone(), proof));
		let held = Balances::balance_on_hold(
			&tributary_runtime::RuntimeHoldReason::Session(pallet_session::HoldReason::Keys),
			&eve,
		);
		assert_eq!(held, KeyDeposit::get());
		assert_eq!(Balances::free_balance(&eve), free - KeyDeposit::get(), "held from Eve alone");
		// Only governance adds.
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(eve.clone()), eve.clone()),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), eve.clone()));

		rotate();
		assert!(!Session::validators().contains(&eve), "not in the next session");
		rotate();
		assert!(Session::validators().contains(&eve), "in the one after");
		assert!(pallet_aura::Authorities::<Runtime>::get().contains(&keys.aura));
		assert!(Grandpa::grandpa_authorities().contains(&(keys.grandpa.clone(), 1)));
		pallet_validator_set::Pallet::<Runtime>::do_try_state().unwrap();
	});
}

/// Two prevotes of `voter` in `round` of set `set_id` for different blocks.
fn equivocation(
	set_id: u64,
	round: u64,
	voter: Ed25519Keyring,
) -> sp_consensus_grandpa::EquivocationProof<H256, u32> {
	let signed = |target_hash: H256| {
		let prevote = finality_grandpa::Prevote { target_hash, target_number: 1u32 };
		let message = finality_grandpa::Message::Prevote(prevote.clone());
		let payload = sp_consensus_grandpa::localized_payload(round, set_id, &message);
		(prevote, voter.sign(&payload).into())
	};
	sp_consensus_grandpa::EquivocationProof::new(
		set_id,
		sp_consensus_grandpa::Equivocation::Prevote(finality_grandpa::Equivocation {
			round_number: round,
			identity: voter.public().into(),
			first: signed(H256::repeat_byte(1)),
			second: signed(H256::repeat_byte(2)),
		}),
	)
}

/// Reports `voter`'s equivocation as the node's GRANDPA voter does: a key-ownership proof
/// from the historical session roots, then the unsigned report.
fn report(voter: Ed25519Keyring) -> sp_runtime::DispatchResult {
	let key =
		(sp_consensus_grandpa::KEY_TYPE, sp_consensus_grandpa::AuthorityId::from(voter.public()));
	let owner_proof = <Historical as KeyOwnerProofSystem<(KeyTypeId, _)>>::prove(key).unwrap();
	Grandpa::report_equivocation_unsigned(
		RuntimeOrigin::none(),
		Box::new(equivocation(Grandpa::current_set_id(), 1, voter)),
		owner_proof,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

#[test]
fn a_grandpa_equivocation_disables_and_removes_the_offender() {
	chain(local_config_genesis()).execute_with(|| {
		let charlie = account(Sr25519Keyring::Charlie);
		let at = Session::validators().iter().position(|v| v == &charlie).unwrap() as u32;
		assert_ok!(report(Ed25519Keyring::Charlie));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Offences(pallet_offences::Event::Offence { .. })
		)));
		assert!(Session::disabled_validators().contains(&at), "disabled at once");
		assert!(!pallet_validator_set::Validators::<Runtime>::get().contains(&charlie));
		assert!(set_events().contains(&pallet_validator_set::Event::OffenderRemoved {
			validator: charlie.clone()
		}));
		// The same equivocation again is a duplicate report.
		assert!(report(Ed25519Keyring::Charlie).is_err());

		// The set is at its floor of three now: a second offender is disabled (up to the
		// limit) but kept.
		assert_ok!(report(Ed25519Keyring::Dave));
		let dave = account(Sr25519Keyring::Dave);
		assert!(set_events()
			.contains(&pallet_validator_set::Event::OffenderKept { validator: dave.clone() }));
		assert!(pallet_validator_set::Validators::<Runtime>::get().contains(&dave));

		rotate();
		rotate();
		assert!(!Session::validators().contains(&charlie), "gone two sessions later");
		assert_eq!(Session::validators().len(), 3);
		pallet_validator_set::Pallet::<Runtime>::do_try_state().unwrap();
	});
}

#[test]
fn an_equivocation_by_a_stranger_is_refused() {
	chain(local_config_genesis()).execute_with(|| {
		// Eve's key belongs to no validator: no ownership proof holds for it.
		assert_eq!(
			report(Ed25519Keyring::Eve),
			Err(pallet_grandpa::Error::<Runtime>::InvalidKeyOwnershipProof.into())
		);
		assert_eq!(pallet_validator_set::Validators::<Runtime>::get().len(), 4);
		assert!(Session::disabled_validators().is_empty());
	});
}

/// A chain from before the validator set (spec 104: genesis Aura and GRANDPA authorities, no
/// session keys, no set) keeps its authorities after the upgrade, rotating no session, until
/// governance adopts the set: keys, validators, floor, session length.
#[test]
fn a_chain_upgraded_from_fixed_authorities_is_adopted_by_governance() {
	let before_sessions = serde_json::json!({
		"aura": { "authorities": [Sr25519Keyring::Alice.public(), Sr25519Keyring::Bob.public()] },
		"grandpa": { "authorities": [[Ed25519Keyring::Alice.public(), 1], [Ed25519Keyring::Bob.public(), 1]] },
		"balances": { "balances": [
			[account(Sr25519Keyring::Alice), 1_000 * tributary_runtime::TRIB],
			[account(Sr25519Keyring::Bob), 1_000 * tributary_runtime::TRIB],
		] },
	});
	chain(before_sessions).execute_with(|| {
		assert!(Session::validators().is_empty());
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
		assert_eq!(pallet_validator_set::SessionLength::<Runtime>::get(), 0);
		// No session ends: the genesis authorities go on.
		use pallet_session::ShouldEndSession;
		assert!(!ValidatorSet::should_end_session(1_000_000));
		pallet_validator_set::Pallet::<Runtime>::do_try_state().unwrap();

		let mut keys = Vec::new();
		for who in [Sr25519Keyring::Alice, Sr25519Keyring::Bob] {
			let (k, proof) = generate_keys(&account(who));
			assert_ok!(Session::set_keys(RuntimeOrigin::signed(account(who)), k.clone(), proof));
			assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), account(who)));
			keys.push(k);
		}
		assert_ok!(ValidatorSet::set_min_validators(RuntimeOrigin::root(), 2));
		assert_ok!(ValidatorSet::set_session_length(RuntimeOrigin::root(), 600));
		assert!(ValidatorSet::should_end_session(600));
		rotate();
		rotate();
		let mut accounts = vec![account(Sr25519Keyring::Alice), account(Sr25519Keyring::Bob)];
		accounts.sort();
		assert_eq!(Session::validators(), accounts);
		for k in &keys {
			assert!(pallet_aura::Authorities::<Runtime>::get().contains(&k.aura));
			assert!(Grandpa::grandpa_authorities().contains(&(k.grandpa.clone(), 1)));
		}
		pallet_validator_set::Pallet::<Runtime>::do_try_state().unwrap();
	});
}

/// Aura's authorities, GRANDPA's and the session's validators name the same validators in the
/// same order: Aura's disabling and authorship read the session's list by Aura's index.
fn assert_authorities_match_the_session() {
	let validators = Session::validators();
	let aura = pallet_aura::Authorities::<Runtime>::get().into_inner();
	let grandpa = Grandpa::grandpa_authorities();
	assert_eq!(aura.len(), validators.len(), "Aura {aura:?} vs session {validators:?}");
	assert_eq!(grandpa.len(), validators.len());
	for (at, validator) in validators.iter().enumerate() {
		let keys = pallet_session::NextKeys::<Runtime>::get(validator).unwrap();
		assert_eq!(aura[at], keys.aura);
		assert_eq!(grandpa[at].0, keys.grandpa);
	}
}

#[test]
fn a_validator_that_purges_its_keys_leaves_aura_and_grandpa_and_returns_with_new_ones() {
	chain(local_config_genesis()).execute_with(|| {
		// Alice sorts last in the set: pallet-session alone would not see her go.
		let alice = account(Sr25519Keyring::Alice);
		assert_eq!(Session::validators().last(), Some(&alice));
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(alice.clone())));
		rotate();
		rotate();
		assert_eq!(Session::validators().len(), 3);
		assert!(!Session::validators().contains(&alice));
		assert_authorities_match_the_session();

		let (keys, proof) = generate_keys(&alice);
		assert_ok!(Session::set_keys(RuntimeOrigin::signed(alice.clone()), keys.clone(), proof));
		rotate();
		rotate();
		assert!(Session::validators().contains(&alice), "back without governance");
		assert!(pallet_aura::Authorities::<Runtime>::get().contains(&keys.aura));
		assert_authorities_match_the_session();
		pallet_validator_set::Pallet::<Runtime>::do_try_state().unwrap();
	});
}

#[test]
fn a_change_reverted_within_a_session_costs_grandpa_no_set_change() {
	chain(local_config_genesis()).execute_with(|| {
		let eve = account(Sr25519Keyring::Eve);
		let (keys, proof) = generate_keys(&eve);
		assert_ok!(Session::set_keys(RuntimeOrigin::signed(eve.clone()), keys, proof));
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), eve.clone()));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), eve));
		let set_id = Grandpa::current_set_id();
		for _ in 0..3 {
			rotate();
		}
		assert_eq!(Grandpa::current_set_id(), set_id, "the same set, the same GRANDPA set");
		assert_authorities_match_the_session();
	});
}

/// Every validator purging its keys empties pallet-session's list, but nothing is planned and
/// Aura and GRANDPA keep their last authorities (the nodes still hold those keys), so blocks
/// go on; once enough keys are back the set is planned again.
#[test]
fn every_validator_purging_its_keys_leaves_the_last_authorities_validating() {
	chain(local_config_genesis()).execute_with(|| {
		let aura = pallet_aura::Authorities::<Runtime>::get();
		let grandpa = Grandpa::grandpa_authorities();
		let validators = local_validators();
		for (sr, _) in &validators {
			assert_ok!(Session::purge_keys(RuntimeOrigin::signed(account(*sr))));
		}
		for _ in 0..3 {
			rotate();
		}
		assert!(Session::validators().is_empty());
		assert_eq!(pallet_aura::Authorities::<Runtime>::get(), aura);
		assert_eq!(Grandpa::grandpa_authorities(), grandpa);
		assert!(set_events()
			.iter()
			.any(|e| matches!(e, pallet_validator_set::Event::SetNotPlanned { with_keys: 0, .. })));

		for (sr, _) in validators.iter().take(LOCAL_MIN_VALIDATORS as usize) {
			let (keys, proof) = generate_keys(&account(*sr));
			assert_ok!(Session::set_keys(RuntimeOrigin::signed(account(*sr)), keys, proof));
		}
		rotate();
		rotate();
		assert_eq!(Session::validators().len(), LOCAL_MIN_VALIDATORS as usize);
		assert_authorities_match_the_session();
	});
}

/// A chain spec whose validator has no session keys builds (docs/chain-spec.md), and that
/// validator is left out of session 0 as of Aura and GRANDPA, so their indices agree.
#[test]
fn a_genesis_validator_without_keys_is_left_out_of_the_first_sessions() {
	let mut patch = local_config_genesis();
	let keys = patch["session"]["keys"].as_array_mut().unwrap();
	// The preset lists Alice, Bob, Charlie and Dave: Dave's keys go.
	keys.pop().unwrap();
	chain(patch).execute_with(|| {
		let dave = account(Sr25519Keyring::Dave);
		assert!(pallet_validator_set::Validators::<Runtime>::get().contains(&dave));
		assert_eq!(Session::validators().len(), 3);
		assert!(!Session::validators().contains(&dave));
		assert_authorities_match_the_session();
		pallet_validator_set::Pallet::<Runtime>::do_try_state().unwrap();
	});
}
