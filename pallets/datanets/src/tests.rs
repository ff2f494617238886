//! Unit and property tests of the dataset registry.

use crate::{
	mock::*, ContributionByHash, ContributionPolicy, Contributions, CuratorshipOffers,
	DatanetStatus, Error, Event, HoldReason, ModelUses, NextContributionId, NextDatanetId,
	PendingContributions, Versions,
};
use codec::Compact;
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		Hooks,
	},
	BoundedVec,
};
use sp_core::H256;
use sp_runtime::{DispatchError, TokenError};
use tributary_primitives::{
	merkle, ContributionStatus, DatanetUsage, DatanetsInspect, LicenseTerms,
};

fn bounded<S: frame_support::traits::Get<u32>>(bytes: &[u8]) -> BoundedVec<u8, S> {
	BoundedVec::try_from(bytes.to_vec()).unwrap()
}

fn license() -> LicenseTerms<u64> {
	LicenseTerms {
		train: true,
		fine_tune: true,
		retrieval: false,
		commercial: true,
		derivatives: false,
		expires_at: None,
		legal_text_hash: H256::repeat_byte(7),
	}
}

fn hash(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// The contribution the content-hash index holds for `hash`.
fn indexed(hash: H256) -> Option<u64> {
	ContributionByHash::<Test>::get(hash).map(|Compact(id)| id)
}

fn create(curator: AccountId, policy: ContributionPolicy) -> u32 {
	let id = NextDatanetId::<Test>::get();
	assert_ok!(Datanets::create_datanet(
		RuntimeOrigin::signed(curator),
		bounded(b"medical-notes"),
		bounded(b"ipfs://datasheet"),
		policy,
		license(),
		bounded(b"ipfs://license"),
	));
	id
}

fn contribute(who: AccountId, datanet: u32, content: u8, size: u64) -> u64 {
	let id = NextContributionId::<Test>::get();
	assert_ok!(Datanets::contribute(
		RuntimeOrigin::signed(who),
		datanet,
		hash(content),
		size,
		bounded(b"ipfs://bafy"),
		bounded(b""),
	));
	id
}

fn held(who: AccountId, reason: HoldReason) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Datanets(reason), &who)
}

#[test]
fn integrity_test_accepts_the_mock_bounds() {
	new_test_ext().execute_with(<crate::Pallet<Test> as Hooks<u64>>::integrity_test);
}

#[test]
#[should_panic(expected = "a datanet must be able to publish a version")]
fn integrity_test_refuses_a_datanet_that_can_publish_no_version() {
	MaxVersions::set(0);
	new_test_ext().execute_with(<crate::Pallet<Test> as Hooks<u64>>::integrity_test);
}

#[test]
fn create_datanet_holds_deposit_sized_by_bytes() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		let record = crate::Datanets::<Test>::get(id).unwrap();
		let expected = 100 + codec::Encode::encoded_size(&record) as u128;
		assert_eq!(record.deposit, expected);
		assert_eq!(held(ALICE, HoldReason::DatanetDeposit), expected);
		assert_eq!(record.curator, ALICE);
		assert_eq!(NextDatanetId::<Test>::get(), 1);
		System::assert_last_event(
			Event::DatanetCreated { datanet: id, curator: ALICE, deposit: expected }.into(),
		);
	});
}

#[test]
fn create_datanet_fails_without_funds_for_deposit() {
	run_test(|| {
		assert_noop!(
			Datanets::create_datanet(
				RuntimeOrigin::signed(POOR),
				bounded(b"x"),
				bounded(b"x"),
				ContributionPolicy::Open,
				license(),
				bounded(b"x"),
			),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn update_datanet_changes_terms_and_rebalances_deposit() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		let before = crate::Datanets::<Test>::get(id).unwrap().deposit;
		let mut terms = license();
		terms.retrieval = true;
		assert_ok!(Datanets::update_datanet(
			RuntimeOrigin::signed(ALICE),
			id,
			Some(bounded(b"ipfs://a-much-longer-datasheet-uri")),
			Some((terms.clone(), bounded(b"ipfs://license-v2"))),
		));
		let record = crate::Datanets::<Test>::get(id).unwrap();
		assert_eq!(record.license, terms);
		assert_eq!(record.metadata_uri.to_vec(), b"ipfs://a-much-longer-datasheet-uri".to_vec());
		assert!(record.deposit > before);
		assert_eq!(held(ALICE, HoldReason::DatanetDeposit), record.deposit);
		System::assert_last_event(Event::DatanetUpdated { datanet: id }.into());
	});
}

#[test]
fn update_datanet_refusals() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		assert_noop!(
			Datanets::update_datanet(RuntimeOrigin::signed(BOB), id, Some(bounded(b"x")), None),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Datanets::update_datanet(RuntimeOrigin::signed(ALICE), id, None, None),
			Error::<Test>::NothingToUpdate
		);
		assert_noop!(
			Datanets::update_datanet(RuntimeOrigin::signed(ALICE), 9, Some(bounded(b"x")), None),
			Error::<Test>::UnknownDatanet
		);
	});
}

#[test]
fn closed_datanet_refuses_contributions() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		assert_noop!(
			Datanets::close_datanet(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotCurator
		);
		assert_ok!(Datanets::close_datanet(RuntimeOrigin::signed(ALICE), id));
		System::assert_last_event(Event::DatanetClosed { datanet: id }.into());
		assert_noop!(
			Datanets::close_datanet(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::AlreadyClosed
		);
		assert_noop!(
			Datanets::contribute(
				RuntimeOrigin::signed(BOB),
				id,
				hash(1),
				10,
				bounded(b""),
				bounded(b"")
			),
			Error::<Test>::DatanetNotOpen
		);
	});
}

#[test]
fn contribute_to_open_datanet_accepts_with_default_weight() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		let c = contribute(BOB, id, 1, 10 * 1024 + 1);
		let record = Contributions::<Test>::get(c).unwrap();
		assert_eq!(record.status, ContributionStatus::Accepted);
		assert_eq!(record.weight, 11);
		assert_eq!(record.owner, BOB);
		assert_eq!(record.registered_at, 1);
		assert_eq!(record.registered_at_ms, NOW_MS);
		assert_eq!(record.leaf_index, Some(Compact(0)));
		assert_eq!(record.first_version, Some(Compact(1)));
		assert_eq!(indexed(hash(1)), Some(c));
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), record.deposit);
		let datanet = crate::Datanets::<Test>::get(id).unwrap();
		assert_eq!((datanet.submitted, datanet.accepted, datanet.accepted_weight), (1, 1, 11));
		assert_eq!(
			Datanets::current_root(id),
			merkle::TreeBuilder::new([(0, merkle::leaf_hash(c, 11))]).root()
		);
		System::assert_has_event(
			Event::ContributionSubmitted {
				contribution: c,
				datanet: id,
				owner: BOB,
				content_hash: hash(1),
				deposit: record.deposit,
			}
			.into(),
		);
		System::assert_last_event(
			Event::ContributionAccepted {
				contribution: c,
				datanet: id,
				weight: 11,
				leaf_index: 0,
				deposit: record.deposit,
			}
			.into(),
		);
	});
}

#[test]
fn default_weight_is_clamped() {
	run_test(|| {
		assert_eq!(Datanets::default_weight(1), 1);
		assert_eq!(Datanets::default_weight(1024), 1);
		assert_eq!(Datanets::default_weight(1025), 2);
		assert_eq!(Datanets::default_weight(u64::MAX), 1_000);
	});
}

#[test]
fn contribute_rejects_duplicate_hash_from_anyone() {
	run_test(|| {
		let first = create(ALICE, ContributionPolicy::Open);
		let second = create(CHARLIE, ContributionPolicy::CuratorReview);
		let c = contribute(BOB, first, 1, 100);
		for (who, datanet) in [(BOB, first), (CHARLIE, first), (CHARLIE, second)] {
			assert_noop!(
				Datanets::contribute(
					RuntimeOrigin::signed(who),
					datanet,
					hash(1),
					100,
					bounded(b""),
					bounded(b"")
				),
				Error::<Test>::DuplicateContent
			);
		}
		// The first registration is the ownership proof.
		let proof = Contributions::<Test>::get(indexed(hash(1)).unwrap());
		assert_eq!(proof.unwrap().owner, BOB);
		assert_eq!(indexed(hash(1)), Some(c));
	});
}

#[test]
fn contribute_refusals() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		let call = |who, datanet, size| {
			Datanets::contribute(
				RuntimeOrigin::signed(who),
				datanet,
				hash(5),
				size,
				bounded(b""),
				bounded(b""),
			)
		};
		assert_noop!(call(BOB, 7, 1), Error::<Test>::UnknownDatanet);
		assert_noop!(call(BOB, id, 0), Error::<Test>::ZeroSize);
		assert_noop!(call(POOR, id, 1), TokenError::FundsUnavailable);
	});
}

#[test]
fn curator_accepts_with_quality_weight() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		// Bob declares 800 KiB: weight 800, paid for at submission.
		let c = contribute(BOB, id, 1, 800 * 1024);
		assert_eq!(Contributions::<Test>::get(c).unwrap().status, ContributionStatus::Pending);
		assert_eq!(crate::Datanets::<Test>::get(id).unwrap().accepted, 0);
		let submitted = Contributions::<Test>::get(c).unwrap().deposit;
		let free = Balances::balance(&BOB);
		assert_ok!(Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), c, Some(500)));
		let record = Contributions::<Test>::get(c).unwrap();
		assert_eq!((record.status, record.weight), (ContributionStatus::Accepted, 500));
		// The deposit follows the weight down: 300 units at 10 each back to Bob.
		assert_eq!(record.deposit, submitted - 300 * DepositPerWeight::get());
		assert_eq!(Balances::balance(&BOB), free + 300 * DepositPerWeight::get());
		System::assert_last_event(
			Event::ContributionAccepted {
				contribution: c,
				datanet: id,
				weight: 500,
				leaf_index: 0,
				deposit: record.deposit,
			}
			.into(),
		);
	});
}

#[test]
fn review_refusals() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		let c = contribute(BOB, id, 1, 100);
		assert_noop!(
			Datanets::accept_contribution(RuntimeOrigin::signed(BOB), c, None),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), 42, None),
			Error::<Test>::UnknownContribution
		);
		assert_noop!(
			Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), c, Some(0)),
			Error::<Test>::InvalidWeight
		);
		assert_noop!(
			Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), c, Some(1_001)),
			Error::<Test>::InvalidWeight
		);
		assert_noop!(
			Datanets::reject_contribution(RuntimeOrigin::signed(BOB), c),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Datanets::flag_malicious(RuntimeOrigin::signed(CHARLIE), c),
			Error::<Test>::NotCurator
		);
		assert_ok!(Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), c, None));
		assert_noop!(
			Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), c, None),
			Error::<Test>::NotPending
		);
		assert_noop!(
			Datanets::reject_contribution(RuntimeOrigin::signed(ALICE), c),
			Error::<Test>::NotPending
		);
	});
}

#[test]
fn reject_returns_deposit_and_keeps_hash_bound() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		let free_before = Balances::balance(&BOB);
		let c = contribute(BOB, id, 1, 100);
		assert_eq!(PendingContributions::<Test>::get(id), Some(1));
		assert!(Balances::balance(&BOB) < free_before);
		assert_ok!(Datanets::reject_contribution(RuntimeOrigin::signed(ALICE), c));
		assert_eq!(Balances::balance(&BOB), free_before);
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
		assert_eq!(Contributions::<Test>::get(c).unwrap().status, ContributionStatus::Rejected);
		assert_eq!(PendingContributions::<Test>::get(id), None);
		// The hash stays bound to the rejected contribution.
		assert_eq!(indexed(hash(1)), Some(c));
		System::assert_last_event(
			Event::ContributionRejected { contribution: c, datanet: id }.into(),
		);
	});
}

#[test]
fn malicious_flag_slashes_exactly_the_deposit() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		let c = contribute(BOB, id, 1, 100);
		let deposit = Contributions::<Test>::get(c).unwrap().deposit;
		let total_before = Balances::total_balance(&BOB);
		let treasury_before = Balances::balance(&TREASURY);
		let issuance = Balances::total_issuance();
		assert_ok!(Datanets::flag_malicious(RuntimeOrigin::signed(ALICE), c));
		assert_eq!(Balances::total_balance(&BOB), total_before - deposit);
		assert_eq!(Balances::balance(&TREASURY), treasury_before + deposit);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
		let record = Contributions::<Test>::get(c).unwrap();
		assert_eq!((record.status, record.deposit), (ContributionStatus::Flagged, 0));
		assert_eq!(PendingContributions::<Test>::get(id), None);
		// A pending contribution earned nothing: no one is told.
		assert_eq!(flags_seen(), vec![]);
		// The hash stays blocked.
		assert_eq!(indexed(hash(1)), Some(c));
		System::assert_last_event(
			Event::ContributionFlaggedMalicious {
				contribution: c,
				datanet: id,
				slashed: deposit,
				was_accepted: false,
			}
			.into(),
		);
	});
}

#[test]
fn withdrawal_keeps_history_and_leaves_future_versions() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		let a = contribute(BOB, id, 1, 2048);
		let b = contribute(CHARLIE, id, 2, 1024);
		assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(ALICE), id));
		let v1 = Versions::<Test>::get(id, 1).unwrap();
		assert_noop!(
			Datanets::withdraw_contribution(RuntimeOrigin::signed(CHARLIE), a),
			Error::<Test>::NotContributionOwner
		);
		assert_ok!(Datanets::withdraw_contribution(RuntimeOrigin::signed(BOB), a));
		System::assert_last_event(
			Event::ContributionWithdrawn { contribution: a, datanet: id }.into(),
		);
		// The revenue side was told first, while it was still accepted: it settles what the
		// contribution earned so far to Bob, and nothing after (its deposit is back).
		assert_eq!(
			flags_seen(),
			vec![FlagSeen {
				contribution: a,
				owner: BOB,
				status: ContributionStatus::Accepted,
				datanet_accepted: 2,
			}]
		);
		assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(ALICE), id));
		// Version 1 is untouched; version 2 no longer has the withdrawn contribution.
		assert_eq!(Versions::<Test>::get(id, 1).unwrap(), v1);
		let v2 = Versions::<Test>::get(id, 2).unwrap();
		assert_eq!((v2.contribution_count, v2.total_weight), (1, 1));
		assert_eq!(v2.root, merkle::TreeBuilder::new([(1, merkle::leaf_hash(b, 1))]).root());
		// The record stays, with its range of versions.
		let record = Contributions::<Test>::get(a).unwrap();
		assert_eq!(record.status, ContributionStatus::Withdrawn);
		assert_eq!(
			(record.first_version, record.last_version),
			(Some(Compact(1)), Some(Compact(1)))
		);
		let view = <Datanets as DatanetsInspect<_, _>>::contribution(a).unwrap();
		assert!(view.in_version(1) && !view.in_version(2));
		let view_b = <Datanets as DatanetsInspect<_, _>>::contribution(b).unwrap();
		assert!(view_b.in_version(1) && view_b.in_version(2));
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
		assert_noop!(
			Datanets::withdraw_contribution(RuntimeOrigin::signed(BOB), a),
			Error::<Test>::NotWithdrawable
		);
		assert_noop!(
			Datanets::withdraw_contribution(RuntimeOrigin::signed(BOB), 99),
			Error::<Test>::UnknownContribution
		);
	});
}

#[test]
fn pending_withdrawal_releases_deposit() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		let c = contribute(BOB, id, 1, 100);
		assert_ok!(Datanets::withdraw_contribution(RuntimeOrigin::signed(BOB), c));
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
		// A pending contribution earned nothing: no one is told.
		assert_eq!(flags_seen(), vec![]);
		let view = <Datanets as DatanetsInspect<_, _>>::contribution(c).unwrap();
		assert_eq!(view.versions, None);
	});
}

#[test]
fn publish_version_records_root_count_and_weight() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		assert_noop!(
			Datanets::publish_version(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::EmptyVersion
		);
		let a = contribute(BOB, id, 1, 3000);
		let b = contribute(CHARLIE, id, 2, 100);
		assert_noop!(
			Datanets::publish_version(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotCurator
		);
		assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(ALICE), id));
		let tree =
			merkle::TreeBuilder::new([(0, merkle::leaf_hash(a, 3)), (1, merkle::leaf_hash(b, 1))]);
		let version = Versions::<Test>::get(id, 1).unwrap();
		assert_eq!(version.root, tree.root());
		assert_eq!((version.contribution_count, version.total_weight), (2, 4));
		System::assert_last_event(
			Event::VersionPublished {
				datanet: id,
				version: 1,
				root: tree.root(),
				contribution_count: 2,
				total_weight: 4,
			}
			.into(),
		);
		assert_eq!(<Datanets as DatanetsInspect<_, _>>::latest_version(id), 1);
	});
}

#[test]
fn publish_stops_at_max_versions() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		contribute(BOB, id, 1, 1);
		for _ in 0..MaxVersions::get() {
			assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(ALICE), id));
		}
		assert_noop!(
			Datanets::publish_version(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::TooManyVersions
		);
	});
}

#[test]
fn merkle_proofs_verify_members_and_fail_otherwise() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		let ids: Vec<u64> = (1..=5u8).map(|n| contribute(BOB, id, n, n as u64 * 1024)).collect();
		assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(ALICE), id));
		for (leaf, c) in ids.iter().enumerate() {
			let weight = Contributions::<Test>::get(c).unwrap().weight;
			let proof = Datanets::current_proof(id, leaf as u64);
			assert!(Datanets::verify_membership(id, 1, *c, weight, leaf as u64, &proof));
			// A tampered weight fails.
			assert!(!Datanets::verify_membership(id, 1, *c, weight + 1, leaf as u64, &proof));
			// An unknown version fails.
			assert!(!Datanets::verify_membership(id, 2, *c, weight, leaf as u64, &proof));
		}
		// A non-member fails.
		let proof = Datanets::current_proof(id, 6);
		assert!(!Datanets::verify_membership(id, 1, 77, 1, 6, &proof));
	});
}

#[test]
fn contributions_of_pages_through_an_owner() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		let mine: Vec<u64> = (1..=5u8).map(|n| contribute(BOB, id, n, 1)).collect();
		contribute(CHARLIE, id, 9, 1);
		let first = <Datanets as DatanetsInspect<_, _>>::contributions_of(&BOB, None, 2);
		assert_eq!(first.len(), 2);
		let rest =
			<Datanets as DatanetsInspect<_, _>>::contributions_of(&BOB, first.last().copied(), 10);
		let mut all: Vec<u64> = first.into_iter().chain(rest).collect();
		all.sort();
		assert_eq!(all, mine);
	});
}

#[test]
fn storage_is_untouched_by_unsigned_origins() {
	run_test(|| {
		assert_noop!(Datanets::publish_version(RuntimeOrigin::none(), 0), DispatchError::BadOrigin);
	});
}

/// The free and held balances of every account the tests use, and the total issuance.
fn money() -> (Vec<(AccountId, Balance, Balance)>, Balance) {
	let accounts = [ALICE, BOB, CHARLIE, POOR, DAVE, TREASURY, PALLET_ACCOUNT];
	let each = accounts
		.iter()
		.map(|who| {
			let on_hold = held(*who, HoldReason::DatanetDeposit)
				+ held(*who, HoldReason::ContributionDeposit);
			(*who, Balances::balance(who), on_hold)
		})
		.collect();
	(each, Balances::total_issuance())
}

/// An account that can afford a small contribution's deposit, but not a large one.
const DAVE: AccountId = 5;

fn fund_dave(amount: Balance) {
	<Balances as Mutate<_>>::set_balance(&DAVE, amount);
}

fn deposit_of(c: u64) -> Balance {
	Contributions::<Test>::get(c).unwrap().deposit
}

fn datanet_deposit(id: u32) -> Balance {
	crate::Datanets::<Test>::get(id).unwrap().deposit
}

// ---------------------------------------------------------------------------------------
// Defect 1: curatorship moves in two steps; nothing is held from an account that did not sign.

#[test]
fn transfer_curatorship_call_index_is_retired() {
	use codec::Decode;
	run_test(|| {
		// Datanets is pallet 2 of the mock; call 2 was `transfer_curatorship(datanet, to)`.
		let mut bytes = vec![2u8, 2u8];
		bytes.extend(0u32.to_le_bytes());
		bytes.extend(BOB.to_le_bytes());
		assert!(RuntimeCall::decode(&mut &bytes[..]).is_err());
		// The new calls have their own indices.
		let offer = RuntimeCall::Datanets(crate::Call::offer_curatorship { datanet: 0, to: BOB });
		assert_eq!(codec::Encode::encode(&offer)[..2], [2u8, 10]);
	});
}

#[test]
fn offer_curatorship_to_protected_accounts_is_refused() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		for protected in [TREASURY, PALLET_ACCOUNT] {
			assert_noop!(
				Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, protected),
				Error::<Test>::ProtectedAccount
			);
		}
		assert_noop!(
			Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, ALICE),
			Error::<Test>::AlreadyCurator
		);
		assert_noop!(
			Datanets::offer_curatorship(RuntimeOrigin::signed(BOB), id, CHARLIE),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), 9, BOB),
			Error::<Test>::UnknownDatanet
		);
		// The pallet account cannot take it either, even by signing (it never can).
		assert_noop!(
			Datanets::accept_curatorship(RuntimeOrigin::signed(PALLET_ACCOUNT), id, Balance::MAX),
			Error::<Test>::NoCuratorshipOffer
		);
	});
}

#[test]
fn offer_curatorship_holds_nothing_from_the_stranger() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		let before = money();
		assert_ok!(Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_eq!(money(), before);
		assert_eq!(CuratorshipOffers::<Test>::get(id), Some(BOB));
		assert_eq!(crate::Datanets::<Test>::get(id).unwrap().curator, ALICE);
		System::assert_last_event(
			Event::CuratorshipOffered { datanet: id, from: ALICE, to: BOB, replaced: None }.into(),
		);
		// Even a stranger who could never pay is only named.
		assert_ok!(Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, POOR));
		assert_eq!(money(), before);
	});
}

#[test]
fn accept_curatorship_only_by_the_offered_account() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		assert_noop!(
			Datanets::accept_curatorship(RuntimeOrigin::signed(BOB), id, Balance::MAX),
			Error::<Test>::NoCuratorshipOffer
		);
		assert_ok!(Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, BOB));
		for stranger in [CHARLIE, ALICE, TREASURY] {
			assert_noop!(
				Datanets::accept_curatorship(RuntimeOrigin::signed(stranger), id, Balance::MAX),
				Error::<Test>::NotOfferedCuratorship
			);
		}
		assert_noop!(
			Datanets::accept_curatorship(RuntimeOrigin::signed(BOB), 9, Balance::MAX),
			Error::<Test>::UnknownDatanet
		);
		assert_noop!(
			Datanets::accept_curatorship(RuntimeOrigin::none(), id, Balance::MAX),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn accept_curatorship_refuses_a_deposit_grown_after_the_offer() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		assert_ok!(Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, BOB));
		let offered_at = datanet_deposit(id);
		// Alice lengthens the metadata URI after offering: the deposit grows.
		assert_ok!(Datanets::update_datanet(
			RuntimeOrigin::signed(ALICE),
			id,
			Some(bounded(&[b'u'; 60])),
			None
		));
		assert!(datanet_deposit(id) > offered_at);
		let bob = Balances::balance(&BOB);
		assert_noop!(
			Datanets::accept_curatorship(RuntimeOrigin::signed(BOB), id, offered_at),
			Error::<Test>::DepositAboveMax
		);
		assert_eq!((Balances::balance(&BOB), held(BOB, HoldReason::DatanetDeposit)), (bob, 0));
		let deposit = datanet_deposit(id);
		assert_ok!(Datanets::accept_curatorship(RuntimeOrigin::signed(BOB), id, deposit));
		assert_eq!(held(BOB, HoldReason::DatanetDeposit), deposit);
	});
}

#[test]
fn accept_curatorship_moves_the_deposit_exactly() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		let deposit = datanet_deposit(id);
		assert_ok!(Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, BOB));
		let (alice_free, bob_free) = (Balances::balance(&ALICE), Balances::balance(&BOB));
		let issuance = Balances::total_issuance();
		assert_ok!(Datanets::accept_curatorship(RuntimeOrigin::signed(BOB), id, Balance::MAX));
		assert_eq!(held(ALICE, HoldReason::DatanetDeposit), 0);
		assert_eq!(held(BOB, HoldReason::DatanetDeposit), deposit);
		assert_eq!(Balances::balance(&ALICE), alice_free + deposit);
		assert_eq!(Balances::balance(&BOB), bob_free - deposit);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(crate::Datanets::<Test>::get(id).unwrap().curator, BOB);
		// The offer is used up.
		assert_eq!(CuratorshipOffers::<Test>::get(id), None);
		System::assert_last_event(
			Event::CuratorshipTransferred { datanet: id, from: ALICE, to: BOB, deposit }.into(),
		);
		assert_noop!(
			Datanets::accept_curatorship(RuntimeOrigin::signed(BOB), id, Balance::MAX),
			Error::<Test>::NoCuratorshipOffer
		);
		assert_noop!(
			Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, CHARLIE),
			Error::<Test>::NotCurator
		);
		assert_ok!(Datanets::offer_curatorship(RuntimeOrigin::signed(BOB), id, ALICE));
	});
}

#[test]
fn accept_curatorship_without_funds_changes_nothing() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		assert_ok!(Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, POOR));
		assert_noop!(
			Datanets::accept_curatorship(RuntimeOrigin::signed(POOR), id, Balance::MAX),
			TokenError::FundsUnavailable
		);
		assert_eq!(CuratorshipOffers::<Test>::get(id), Some(POOR));
	});
}

#[test]
fn a_new_curatorship_offer_replaces_the_open_one() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		assert_ok!(Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_ok!(Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, CHARLIE));
		System::assert_last_event(
			Event::CuratorshipOffered {
				datanet: id,
				from: ALICE,
				to: CHARLIE,
				replaced: Some(BOB),
			}
			.into(),
		);
		assert_eq!(CuratorshipOffers::<Test>::iter().count(), 1);
		assert_noop!(
			Datanets::accept_curatorship(RuntimeOrigin::signed(BOB), id, Balance::MAX),
			Error::<Test>::NotOfferedCuratorship
		);
		assert_ok!(Datanets::accept_curatorship(RuntimeOrigin::signed(CHARLIE), id, Balance::MAX));
		assert_eq!(held(CHARLIE, HoldReason::DatanetDeposit), datanet_deposit(id));
	});
}

#[test]
fn cancel_curatorship_offer_by_the_curator_only() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		assert_noop!(
			Datanets::cancel_curatorship_offer(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NoCuratorshipOffer
		);
		assert_ok!(Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, BOB));
		for stranger in [BOB, CHARLIE] {
			assert_noop!(
				Datanets::cancel_curatorship_offer(RuntimeOrigin::signed(stranger), id),
				Error::<Test>::NotCurator
			);
		}
		assert_noop!(
			Datanets::cancel_curatorship_offer(RuntimeOrigin::signed(ALICE), 9),
			Error::<Test>::UnknownDatanet
		);
		assert_ok!(Datanets::cancel_curatorship_offer(RuntimeOrigin::signed(ALICE), id));
		System::assert_last_event(Event::CuratorshipOfferCancelled { datanet: id, to: BOB }.into());
		assert_noop!(
			Datanets::accept_curatorship(RuntimeOrigin::signed(BOB), id, Balance::MAX),
			Error::<Test>::NoCuratorshipOffer
		);
	});
}

#[test]
fn closing_a_datanet_cancels_its_curatorship_offer() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		assert_ok!(Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_ok!(Datanets::close_datanet(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(CuratorshipOffers::<Test>::get(id), None);
		System::assert_has_event(Event::CuratorshipOfferCancelled { datanet: id, to: BOB }.into());
		System::assert_last_event(Event::DatanetClosed { datanet: id }.into());
		assert_noop!(
			Datanets::accept_curatorship(RuntimeOrigin::signed(BOB), id, Balance::MAX),
			Error::<Test>::NoCuratorshipOffer
		);
		// A closed datanet can still be handed over, by a new offer.
		assert_ok!(Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_ok!(Datanets::accept_curatorship(RuntimeOrigin::signed(BOB), id, Balance::MAX));
	});
}

// ---------------------------------------------------------------------------------------
// Defect 6: bought influence costs proportional money.

/// Bytes the deposit of a contribution submitted by the `contribute` helper pays for (URI
/// `ipfs://bafy`, no metadata, datanet below 64, at block 1), for a size of 64 bytes to
/// 16 KiB (weight below 64): datanet 1 + owner 8 + hash 32 + compact size 2 + URI 12 +
/// metadata 1 + compact weight 1 + status 1 + block 1 + compact time 7 + deposit 17 (a
/// compact `u128` at its longest) + three empty options 3.
const SUBMITTED_BYTES: u128 = 86;
/// What a size of 16 KiB to 1 GiB with a weight of 64 or more adds to [`SUBMITTED_BYTES`]:
/// 2 bytes of compact size and 1 of compact weight.
const LARGE_EXTRA: u128 = 3;

#[test]
fn contribution_deposit_grows_with_declared_weight() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		let small = contribute(BOB, id, 1, 1024);
		let large = contribute(CHARLIE, id, 2, 1024 * 1000);
		assert_eq!(Contributions::<Test>::get(small).unwrap().weight, 1);
		assert_eq!(Contributions::<Test>::get(large).unwrap().weight, 1000);
		let mut submitted = Contributions::<Test>::get(small).unwrap();
		(submitted.status, submitted.leaf_index, submitted.first_version) =
			(ContributionStatus::Pending, None, None);
		assert_eq!(submitted.deposit_bytes() as u128, SUBMITTED_BYTES);
		// The deposit field counts at its longest (17 bytes), whatever it holds (2 here).
		assert_eq!(codec::Encode::encoded_size(&submitted) as u128, SUBMITTED_BYTES - 17 + 2);
		// DepositBase 100 + 86 bytes × 1 + weight × DepositPerWeight 10.
		assert_eq!(deposit_of(small), 100 + 86 + 10);
		assert_eq!(deposit_of(large), 100 + 86 + LARGE_EXTRA + 10_000);
		assert_eq!(deposit_of(large) - deposit_of(small), 999 * 10 + LARGE_EXTRA);
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 196);
		assert_eq!(held(CHARLIE, HoldReason::ContributionDeposit), 10_189);
		// Past the largest weight, the deposit stops growing with the declared size, but
		// for the size's own bytes (a compact `u64` takes at most 9: 5 more than 1000 KiB).
		let huge = contribute(BOB, id, 3, u64::MAX);
		assert_eq!(deposit_of(huge), 10_189 + 5);
		assert_eq!(Datanets::contribution_deposit(0, u64::MAX), u128::from(u64::MAX) * 10 + 100);
	});
}

#[test]
fn underfunded_grinder_is_refused_with_nothing_held() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		// Enough for a 1 KiB contribution (196) but not for a 1000 KiB one (10,189).
		fund_dave(1_000);
		let call = |size| {
			Datanets::contribute(
				RuntimeOrigin::signed(DAVE),
				id,
				hash(1),
				size,
				bounded(b"ipfs://bafy"),
				bounded(b""),
			)
		};
		assert_noop!(call(1024 * 1000), TokenError::FundsUnavailable);
		assert_eq!(held(DAVE, HoldReason::ContributionDeposit), 0);
		assert_eq!(Balances::balance(&DAVE), 1_000);
		assert_ok!(call(1024));
		assert_eq!(held(DAVE, HoldReason::ContributionDeposit), 196);
	});
}

#[test]
fn quality_weight_lowers_the_deposit_and_never_raises_it() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		let up = contribute(BOB, id, 1, 100);
		let down = contribute(BOB, id, 2, 1024 * 500);
		let down_bytes = SUBMITTED_BYTES + LARGE_EXTRA;
		assert_eq!((deposit_of(up), deposit_of(down)), (196, 100 + down_bytes + 5_000));
		let free = Balances::balance(&BOB);
		let issuance = Balances::total_issuance();
		// Bob declared weight 1 and paid for it: the curator cannot hold more from him.
		assert_noop!(
			Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), up, Some(2)),
			Error::<Test>::WeightAboveDeclared
		);
		assert_noop!(
			Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), up, Some(1_000)),
			Error::<Test>::WeightAboveDeclared
		);
		assert_ok!(Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), up, Some(1)));
		assert_eq!(deposit_of(up), 196);
		assert_eq!(Balances::balance(&BOB), free);
		// Lowering releases the excess weight part to Bob, to the planck.
		assert_ok!(Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), down, Some(2)));
		// The byte part is that of the record as submitted, with its declared weight.
		assert_eq!(deposit_of(down), 100 + down_bytes + 20);
		assert_eq!(Balances::balance(&BOB), free + 4_980);
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 196 + 100 + down_bytes + 20);
		assert_eq!(Balances::total_issuance(), issuance);
		// Accepting with the default weight holds nothing more.
		let same = contribute(BOB, id, 3, 2048);
		let before = deposit_of(same);
		assert_ok!(Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), same, None));
		assert_eq!(deposit_of(same), before);
	});
}

#[test]
fn accept_holds_nothing_from_a_contributor_who_cannot_pay_more() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		fund_dave(1_000);
		let c = contribute(DAVE, id, 1, 1024 * 8);
		assert_eq!(held(DAVE, HoldReason::ContributionDeposit), 100 + SUBMITTED_BYTES + 80);
		let free = Balances::balance(&DAVE);
		// The weight Dave declared (8) is the most the curator can give: no hold beyond it.
		assert_noop!(
			Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), c, Some(9)),
			Error::<Test>::WeightAboveDeclared
		);
		assert_ok!(Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), c, Some(8)));
		assert_eq!((deposit_of(c), Balances::balance(&DAVE)), (100 + SUBMITTED_BYTES + 80, free));
	});
}

// ---------------------------------------------------------------------------------------
// Defect 7: a rejected hash stays bound to its first registrant.

#[test]
fn rejected_hash_stays_bound_to_its_first_registrant() {
	run_test(|| {
		let review = create(ALICE, ContributionPolicy::CuratorReview);
		let open = create(CHARLIE, ContributionPolicy::Open);
		let c = contribute(BOB, review, 1, 100);
		assert_ok!(Datanets::reject_contribution(RuntimeOrigin::signed(ALICE), c));
		for (who, datanet) in [(ALICE, review), (CHARLIE, open), (CHARLIE, review)] {
			assert_noop!(
				Datanets::contribute(
					RuntimeOrigin::signed(who),
					datanet,
					hash(1),
					100,
					bounded(b""),
					bounded(b"")
				),
				Error::<Test>::ContentOwnedByAnother
			);
		}
		assert_eq!(indexed(hash(1)), Some(c));
		// The owner may register it again, anywhere: the index moves to the new record.
		let again = contribute(BOB, open, 1, 100);
		assert_eq!(indexed(hash(1)), Some(again));
		assert_eq!(Contributions::<Test>::get(c).unwrap().status, ContributionStatus::Rejected);
		// Now it is live again: a duplicate for everyone, the owner too.
		for who in [BOB, CHARLIE] {
			assert_noop!(
				Datanets::contribute(
					RuntimeOrigin::signed(who),
					review,
					hash(1),
					100,
					bounded(b""),
					bounded(b"")
				),
				Error::<Test>::DuplicateContent
			);
		}
	});
}

#[test]
fn flagged_hash_stays_blocked_for_everyone() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		let c = contribute(BOB, id, 1, 100);
		assert_ok!(Datanets::flag_malicious(RuntimeOrigin::signed(ALICE), c));
		for who in [BOB, CHARLIE, ALICE] {
			assert_noop!(
				Datanets::contribute(
					RuntimeOrigin::signed(who),
					id,
					hash(1),
					100,
					bounded(b""),
					bounded(b"")
				),
				Error::<Test>::ContentFlagged
			);
		}
	});
}

#[test]
fn try_state_refuses_an_unbound_rejected_hash() {
	new_test_ext().execute_with(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		let c = contribute(BOB, id, 1, 100);
		assert_ok!(Datanets::reject_contribution(RuntimeOrigin::signed(ALICE), c));
		assert_ok!(Datanets::do_try_state());
		// What the old code did: free the hash on rejection.
		ContributionByHash::<Test>::remove(hash(1));
		assert!(Datanets::do_try_state().is_err());
		// Or let another account take it.
		let other = create(CHARLIE, ContributionPolicy::Open);
		let mut theft = Contributions::<Test>::get(c).unwrap();
		(theft.owner, theft.datanet, theft.status) =
			(CHARLIE, other, ContributionStatus::Withdrawn);
		(theft.deposit, theft.leaf_index) = (0, None);
		Contributions::<Test>::insert(7, theft);
		crate::ContributionsByOwner::<Test>::insert(CHARLIE, 7, ());
		crate::NextContributionId::<Test>::put(8);
		ContributionByHash::<Test>::insert(hash(1), Compact(7));
		assert!(Datanets::do_try_state().is_err());
	});
}

// ---------------------------------------------------------------------------------------
// Defect 10: flagging accepted contributions; retiring datanets.

#[test]
fn flag_malicious_on_accepted_settles_first_then_removes_it() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		let a = contribute(BOB, id, 1, 2048);
		let b = contribute(CHARLIE, id, 2, 1024);
		assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(ALICE), id));
		let v1 = Versions::<Test>::get(id, 1).unwrap();
		let deposit = deposit_of(a);
		let (bob_total, treasury) = (Balances::total_balance(&BOB), Balances::balance(&TREASURY));
		let issuance = Balances::total_issuance();
		assert_ok!(Datanets::flag_malicious(RuntimeOrigin::signed(ALICE), a));
		// Told before anything changed: still accepted and counted.
		assert_eq!(
			flags_seen(),
			vec![FlagSeen {
				contribution: a,
				owner: BOB,
				status: ContributionStatus::Accepted,
				datanet_accepted: 2,
			}]
		);
		let record = Contributions::<Test>::get(a).unwrap();
		assert_eq!(record.status, ContributionStatus::Flagged);
		assert_eq!(
			(record.first_version, record.last_version),
			(Some(Compact(1)), Some(Compact(1)))
		);
		assert_eq!(record.deposit, 0);
		// Out of the tree and the totals, exactly as a withdrawal.
		let datanet = crate::Datanets::<Test>::get(id).unwrap();
		assert_eq!((datanet.accepted, datanet.accepted_weight), (1, 1));
		assert_eq!(
			Datanets::current_root(id),
			merkle::TreeBuilder::new([(1, merkle::leaf_hash(b, 1))]).root()
		);
		// The deposit went to the treasury, to the planck.
		assert_eq!(Balances::total_balance(&BOB), bob_total - deposit);
		assert_eq!(Balances::balance(&TREASURY), treasury + deposit);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
		System::assert_last_event(
			Event::ContributionFlaggedMalicious {
				contribution: a,
				datanet: id,
				slashed: deposit,
				was_accepted: true,
			}
			.into(),
		);
		// In the versions already published, in no later one.
		assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(Versions::<Test>::get(id, 1).unwrap(), v1);
		let v2 = Versions::<Test>::get(id, 2).unwrap();
		assert_eq!((v2.contribution_count, v2.total_weight), (1, 1));
		let view = <Datanets as DatanetsInspect<_, _>>::contribution(a).unwrap();
		assert_eq!(view.status, ContributionStatus::Flagged);
		assert!(view.in_version(1) && !view.in_version(2));
		assert_eq!(view.versions, Some((1, 1)));
		assert_eq!(indexed(hash(1)), Some(a));
	});
}

#[test]
fn flag_malicious_refuses_finished_contributions() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		let rejected = contribute(BOB, id, 1, 100);
		let withdrawn = contribute(BOB, id, 2, 100);
		let flagged = contribute(BOB, id, 3, 100);
		assert_ok!(Datanets::reject_contribution(RuntimeOrigin::signed(ALICE), rejected));
		assert_ok!(Datanets::withdraw_contribution(RuntimeOrigin::signed(BOB), withdrawn));
		assert_ok!(Datanets::flag_malicious(RuntimeOrigin::signed(ALICE), flagged));
		for c in [rejected, withdrawn, flagged] {
			assert_noop!(
				Datanets::flag_malicious(RuntimeOrigin::signed(ALICE), c),
				Error::<Test>::NotFlaggable
			);
		}
		assert_noop!(
			Datanets::withdraw_contribution(RuntimeOrigin::signed(BOB), flagged),
			Error::<Test>::NotWithdrawable
		);
		assert_noop!(
			Datanets::flag_malicious(RuntimeOrigin::signed(ALICE), 99),
			Error::<Test>::UnknownContribution
		);
	});
}

#[test]
fn every_end_of_a_contribution_returns_or_slashes_its_deposit() {
	run_test(|| {
		let review = create(ALICE, ContributionPolicy::CuratorReview);
		let open = create(ALICE, ContributionPolicy::Open);
		let (start, issuance) = (Balances::total_balance(&BOB), Balances::total_issuance());
		let treasury = Balances::balance(&TREASURY);
		let rejected = contribute(BOB, review, 1, 100);
		let withdrawn_pending = contribute(BOB, review, 2, 100);
		let flagged_pending = contribute(BOB, review, 3, 100);
		let withdrawn_accepted = contribute(BOB, open, 4, 5000);
		let flagged_accepted = contribute(BOB, open, 5, 7000);
		let slashed = deposit_of(flagged_pending) + deposit_of(flagged_accepted);
		assert_ok!(Datanets::reject_contribution(RuntimeOrigin::signed(ALICE), rejected));
		assert_ok!(Datanets::withdraw_contribution(RuntimeOrigin::signed(BOB), withdrawn_pending));
		assert_ok!(Datanets::flag_malicious(RuntimeOrigin::signed(ALICE), flagged_pending));
		assert_ok!(Datanets::withdraw_contribution(RuntimeOrigin::signed(BOB), withdrawn_accepted));
		assert_ok!(Datanets::flag_malicious(RuntimeOrigin::signed(ALICE), flagged_accepted));
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
		assert_eq!(Balances::total_balance(&BOB), start - slashed);
		assert_eq!(Balances::balance(&TREASURY), treasury + slashed);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(PendingContributions::<Test>::get(review), None);
	});
}

/// A closed datanet with one withdrawn contribution and a published version.
fn closed_with_history() -> u32 {
	let id = create(ALICE, ContributionPolicy::Open);
	let c = contribute(BOB, id, 1, 1024);
	assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(ALICE), id));
	assert_ok!(Datanets::withdraw_contribution(RuntimeOrigin::signed(BOB), c));
	assert_ok!(Datanets::close_datanet(RuntimeOrigin::signed(ALICE), id));
	id
}

#[test]
fn retire_datanet_returns_the_deposit_and_keeps_a_tombstone() {
	run_test(|| {
		let id = closed_with_history();
		let deposit = datanet_deposit(id);
		let free = Balances::balance(&ALICE);
		let issuance = Balances::total_issuance();
		assert_ok!(Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_ok!(Datanets::retire_datanet(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(held(ALICE, HoldReason::DatanetDeposit), 0);
		assert_eq!(Balances::balance(&ALICE), free + deposit);
		assert_eq!(Balances::total_issuance(), issuance);
		let record = crate::Datanets::<Test>::get(id).unwrap();
		assert_eq!((record.status, record.deposit), (DatanetStatus::Retired, 0));
		assert_eq!(CuratorshipOffers::<Test>::get(id), None);
		System::assert_has_event(Event::CuratorshipOfferCancelled { datanet: id, to: BOB }.into());
		System::assert_last_event(
			Event::DatanetRetired { datanet: id, curator: ALICE, released: deposit }.into(),
		);
		// History reads keep working.
		assert!(<Datanets as DatanetsInspect<_, _>>::version(id, 1).is_some());
		assert_eq!(<Datanets as DatanetsInspect<_, _>>::latest_version(id), 1);
		assert!(<Datanets as DatanetsInspect<_, _>>::contribution(0).unwrap().in_version(1));
	});
}

#[test]
fn retired_datanet_takes_nothing_new() {
	run_test(|| {
		let id = closed_with_history();
		assert_ok!(Datanets::retire_datanet(RuntimeOrigin::signed(ALICE), id));
		let before = money();
		assert_noop!(
			Datanets::contribute(
				RuntimeOrigin::signed(BOB),
				id,
				hash(9),
				1,
				bounded(b""),
				bounded(b"")
			),
			Error::<Test>::DatanetIsRetired
		);
		assert_noop!(
			Datanets::publish_version(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::DatanetIsRetired
		);
		assert_noop!(
			Datanets::offer_curatorship(RuntimeOrigin::signed(ALICE), id, BOB),
			Error::<Test>::DatanetIsRetired
		);
		assert_noop!(
			Datanets::update_datanet(RuntimeOrigin::signed(ALICE), id, Some(bounded(b"x")), None),
			Error::<Test>::DatanetIsRetired
		);
		assert_noop!(
			Datanets::retire_datanet(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::DatanetIsRetired
		);
		assert_noop!(
			Datanets::close_datanet(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::AlreadyClosed
		);
		assert_eq!(
			<Datanets as DatanetUsage>::note_used(id),
			Err(Error::<Test>::DatanetIsRetired.into())
		);
		assert_eq!(money(), before);
	});
}

#[test]
fn retire_datanet_refusals() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		assert_noop!(
			Datanets::retire_datanet(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotClosed
		);
		assert_noop!(
			Datanets::retire_datanet(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Datanets::retire_datanet(RuntimeOrigin::signed(ALICE), 9),
			Error::<Test>::UnknownDatanet
		);
		let pending = contribute(BOB, id, 1, 100);
		let accepted = contribute(CHARLIE, id, 2, 100);
		assert_ok!(Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), accepted, None));
		assert_ok!(Datanets::close_datanet(RuntimeOrigin::signed(ALICE), id));
		// A pending contribution is left.
		assert_noop!(
			Datanets::retire_datanet(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::ContributionsRemain
		);
		assert_ok!(Datanets::reject_contribution(RuntimeOrigin::signed(ALICE), pending));
		// An accepted contribution is left.
		assert_noop!(
			Datanets::retire_datanet(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::ContributionsRemain
		);
		assert_ok!(Datanets::withdraw_contribution(RuntimeOrigin::signed(CHARLIE), accepted));
		// A model version is trained on it.
		assert_ok!(<Datanets as DatanetUsage>::note_used(id));
		assert_noop!(
			Datanets::retire_datanet(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::InUseByModels
		);
		<Datanets as DatanetUsage>::note_released(id);
		assert_ok!(Datanets::retire_datanet(RuntimeOrigin::signed(ALICE), id));
	});
}

#[test]
fn datanet_usage_counts_model_versions() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		assert_eq!(
			<Datanets as DatanetUsage>::note_used(9),
			Err(Error::<Test>::UnknownDatanet.into())
		);
		assert_eq!(ModelUses::<Test>::get(id), None);
		assert_ok!(<Datanets as DatanetUsage>::note_used(id));
		assert_ok!(<Datanets as DatanetUsage>::note_used(id));
		assert_eq!(ModelUses::<Test>::get(id), Some(2));
		<Datanets as DatanetUsage>::note_released(id);
		assert_eq!(Datanets::model_uses(id), 1);
		<Datanets as DatanetUsage>::note_released(id);
		assert_eq!(ModelUses::<Test>::get(id), None);
		// Saturates at zero, storing nothing.
		<Datanets as DatanetUsage>::note_released(id);
		<Datanets as DatanetUsage>::note_released(9);
		assert_eq!(ModelUses::<Test>::iter().count(), 0);
		// A closed datanet can still be trained on (its versions exist).
		assert_ok!(Datanets::close_datanet(RuntimeOrigin::signed(ALICE), id));
		assert_ok!(<Datanets as DatanetUsage>::note_used(id));
		// At the counter's edge: refused, not wrapped.
		ModelUses::<Test>::insert(id, u32::MAX);
		assert_eq!(<Datanets as DatanetUsage>::note_used(id), Err(Error::<Test>::Overflow.into()));
		assert_eq!(ModelUses::<Test>::get(id), Some(u32::MAX));
		ModelUses::<Test>::insert(id, 1);
	});
}

#[test]
fn try_state_refuses_a_drifted_pending_count() {
	new_test_ext().execute_with(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		contribute(BOB, id, 1, 100);
		assert_ok!(Datanets::do_try_state());
		PendingContributions::<Test>::insert(id, 2);
		assert!(Datanets::do_try_state().is_err());
		PendingContributions::<Test>::remove(id);
		assert!(Datanets::do_try_state().is_err());
	});
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn benchmark_helper_gives_each_contribution_its_own_funded_owner() {
	use tributary_primitives::DatanetsBenchmarkHelper;
	run_test(|| {
		let curator = 4242;
		let (datanet, version, owned) =
			<Datanets as DatanetsBenchmarkHelper<AccountId>>::published_datanet(&curator, 5);
		assert_eq!(version, 1);
		assert_eq!(owned.len(), 5);
		let mut owners: Vec<_> = owned.iter().map(|(_, owner)| *owner).collect();
		owners.sort();
		owners.dedup();
		assert_eq!(owners.len(), 5);
		for (id, owner) in &owned {
			let c = Contributions::<Test>::get(id).unwrap();
			assert_eq!(
				(c.owner, c.datanet, c.status),
				(*owner, datanet, ContributionStatus::Accepted)
			);
		}
		assert_eq!(Versions::<Test>::get(datanet, 1).unwrap().contribution_count, 5);
		let more =
			<Datanets as DatanetsBenchmarkHelper<AccountId>>::contribute(&owners[0], datanet, 3);
		assert_eq!(more.len(), 3);
		assert_eq!(<Datanets as DatanetsBenchmarkHelper<AccountId>>::publish(&curator, datanet), 2);
		assert_eq!(Versions::<Test>::get(datanet, 2).unwrap().contribution_count, 8);
	});
}

#[test]
fn migration_to_v2_rebuilds_counts_flags_and_bindings() {
	use crate::migration::v2::MigrateV1ToV2;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	new_test_ext().execute_with(|| {
		let review = create(ALICE, ContributionPolicy::CuratorReview);
		let pending = [contribute(BOB, review, 1, 100), contribute(CHARLIE, review, 2, 100)];
		let flagged = contribute(BOB, review, 3, 100);
		let rejected = contribute(CHARLIE, review, 4, 100);
		let taken = contribute(BOB, review, 5, 100);
		assert_ok!(Datanets::reject_contribution(RuntimeOrigin::signed(ALICE), rejected));
		assert_ok!(Datanets::reject_contribution(RuntimeOrigin::signed(ALICE), taken));
		assert_ok!(Datanets::flag_malicious(RuntimeOrigin::signed(ALICE), flagged));
		// Version 1 state: no pending counts; a malicious flag stored as `Rejected` with its
		// hash kept; an ordinary rejection with its hash freed; a freed hash re-registered by
		// someone else.
		StorageVersion::new(1).put::<Datanets>();
		PendingContributions::<Test>::remove(review);
		Contributions::<Test>::mutate(flagged, |c| {
			c.as_mut().unwrap().status = ContributionStatus::Rejected
		});
		ContributionByHash::<Test>::remove(hash(4));
		ContributionByHash::<Test>::remove(hash(5));
		let open = create(CHARLIE, ContributionPolicy::Open);
		let thief = contribute(CHARLIE, open, 5, 100);
		assert!(Datanets::do_try_state().is_err());

		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Datanets::on_chain_storage_version(), 2);
		assert_eq!(PendingContributions::<Test>::get(review), Some(pending.len() as u64));
		assert_eq!(
			Contributions::<Test>::get(flagged).unwrap().status,
			ContributionStatus::Flagged
		);
		assert_eq!(indexed(hash(4)), Some(rejected));
		// What was taken under version 1 stays taken (try_state reports it).
		assert_eq!(indexed(hash(5)), Some(thief));
		assert!(Datanets::do_try_state().is_err());
		Contributions::<Test>::remove(taken);
		crate::ContributionsByOwner::<Test>::remove(BOB, taken);
		assert_ok!(Datanets::do_try_state());
		// The pending contributions can be reviewed again.
		assert_ok!(Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), pending[0], None));
		assert_ok!(Datanets::withdraw_contribution(RuntimeOrigin::signed(CHARLIE), pending[1]));
		// Run twice, it does nothing the second time.
		PendingContributions::<Test>::insert(review, 7);
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(PendingContributions::<Test>::get(review), Some(7));
	});
}

// ---------------------------------------------------------------------------------------
// Issue 14: a contribution costs at most 256 bytes of state.

/// The owner index pages in key order, the order of the ids' little-endian bytes, and a
/// cursor resumes right after the id it names: across the 255/256 byte boundary too, where
/// key order and numeric order part.
#[test]
fn contributions_of_resumes_after_its_cursor_in_key_order() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		NextContributionId::<Test>::put(250);
		// Bob owns 250 ..= 262 but 253 and 257, which Charlie owns.
		let mut mine = Vec::new();
		for n in 0..13u8 {
			let who = if n == 3 || n == 7 { CHARLIE } else { BOB };
			let c = contribute(who, id, n + 1, 1);
			if who == BOB {
				mine.push(c);
			}
		}
		assert_eq!((mine[0], *mine.last().unwrap()), (250, 262));
		let mut key_order = mine.clone();
		key_order.sort_by_key(|id| id.to_le_bytes());
		// 256 ..= 262 (low byte 0 ..= 6) come before 250 ..= 255 (low byte 250 ..= 255).
		assert_eq!(key_order, [256, 258, 259, 260, 261, 262, 250, 251, 252, 254, 255]);
		let all = <Datanets as DatanetsInspect<_, _>>::contributions_of(&BOB, None, 100);
		assert_eq!(all, key_order);
		// Pages of two, each resuming after the last id of the one before: every id once.
		let mut paged = Vec::new();
		let mut cursor = None;
		loop {
			let page = <Datanets as DatanetsInspect<_, _>>::contributions_of(&BOB, cursor, 2);
			if page.is_empty() {
				break;
			}
			cursor = page.last().copied();
			paged.extend(page);
		}
		assert_eq!(paged, key_order);
		// Resuming after 262 or 255 (the last of its low byte's run) moves to the next key.
		let after = |a| <Datanets as DatanetsInspect<_, _>>::contributions_of(&BOB, Some(a), 1);
		assert_eq!(after(262), [250]);
		assert_eq!(after(255), Vec::<u64>::new());
		assert_eq!(after(256), [258]);
		// An id Bob does not own still positions the cursor: 257 sits between 256 and 258.
		assert_eq!(after(257), [258]);
		assert_eq!(
			<Datanets as DatanetsInspect<_, _>>::contributions_of(&CHARLIE, None, 9),
			[257, 253]
		);
	});
}

#[test]
fn try_state_refuses_a_hash_index_entry_for_another_hash() {
	new_test_ext().execute_with(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		let c = contribute(BOB, id, 1, 100);
		assert_ok!(Datanets::do_try_state());
		// A second hash indexed at the same contribution.
		ContributionByHash::<Test>::insert(hash(9), Compact(c));
		assert!(Datanets::do_try_state().is_err());
		// Or its own hash moved to an entry of another hash.
		ContributionByHash::<Test>::remove(hash(1));
		assert!(Datanets::do_try_state().is_err());
	});
}

/// `MaxEncodedLen` of a contribution is the length of one with every field at its longest:
/// the compact numbers are counted at their longest compact encoding, not their plain width
/// (the derive would count those, one byte short each).
#[test]
fn contribution_max_encoded_len_is_its_longest_encoding() {
	use crate::{compact_max_len, ContributionOf};
	use codec::{Encode, MaxEncodedLen};
	let record = ContributionOf::<Test>::longest(u64::MAX, u64::MAX);
	assert_eq!(record.encoded_size(), ContributionOf::<Test>::max_encoded_len());
	// The deposit is counted at its longest: the longest record pays for what it stores.
	assert_eq!(record.deposit_bytes(), record.encoded_size());
	// `compact_max_len` is exact for the widths used and an upper bound below 4 bytes.
	assert_eq!(compact_max_len::<u32>(), Compact::<u32>::max_encoded_len());
	assert_eq!(compact_max_len::<u64>(), Compact::<u64>::max_encoded_len());
	assert_eq!(compact_max_len::<u128>(), Compact::<u128>::max_encoded_len());
	assert!(compact_max_len::<u16>() >= Compact::<u16>::max_encoded_len());
	assert!(compact_max_len::<u8>() >= Compact::<u8>::max_encoded_len());
}

mod property {
	use super::*;
	use proptest::prelude::*;

	/// A random call. `Party` picks who signs: mostly the account the call needs (the
	/// curator, the owner, the offered account), sometimes anyone. Datanet and contribution
	/// picks are taken modulo what exists, so most calls reach their real checks.
	#[derive(Clone, Debug)]
	enum Op {
		Create(u8, bool),
		Contribute(u8, u8, u8, u64),
		Accept(Party, u8, Option<u64>),
		Reject(Party, u8),
		Malicious(Party, u8),
		Withdraw(Party, u8),
		Publish(Party, u8),
		Offer(Party, u8, u8),
		CancelOffer(Party, u8),
		AcceptCuratorship(Party, u8),
		Close(Party, u8),
		Retire(Party, u8),
		NoteUsed(u8),
		NoteReleased(u8),
	}

	/// Who signs: the right party, or account `n`.
	#[derive(Clone, Copy, Debug)]
	enum Party {
		Right,
		Any(u8),
	}

	/// Signers 1..=5 are users (4 is nearly broke, 5 is DAVE, unfunded); 6 stands for the
	/// pallet account and 7 for the treasury, which may be named as recipients.
	fn account(w: u8) -> AccountId {
		match w {
			6 => PALLET_ACCOUNT,
			7 => TREASURY,
			w => w as AccountId,
		}
	}

	fn party() -> impl Strategy<Value = Party> {
		prop_oneof![4 => Just(Party::Right), 1 => (1u8..=5).prop_map(Party::Any)]
	}

	fn op() -> impl Strategy<Value = Op> {
		let who = 1u8..=5;
		let pick = any::<u8>();
		prop_oneof![
			2 => (who.clone(), any::<bool>()).prop_map(|(w, open)| Op::Create(w, open)),
			6 => (who.clone(), pick, 0u8..12, prop_oneof![1u64..5000, Just(0), Just(u64::MAX)])
				.prop_map(|(w, d, h, s)| Op::Contribute(w, d, h, s)),
			3 => (party(), pick, proptest::option::of(0u64..1200))
				.prop_map(|(w, c, q)| Op::Accept(w, c, q)),
			2 => (party(), pick).prop_map(|(w, c)| Op::Reject(w, c)),
			2 => (party(), pick).prop_map(|(w, c)| Op::Malicious(w, c)),
			3 => (party(), pick).prop_map(|(w, c)| Op::Withdraw(w, c)),
			2 => (party(), pick).prop_map(|(w, d)| Op::Publish(w, d)),
			2 => (party(), pick, 1u8..=7).prop_map(|(w, d, to)| Op::Offer(w, d, to)),
			1 => (party(), pick).prop_map(|(w, d)| Op::CancelOffer(w, d)),
			2 => (party(), pick).prop_map(|(w, d)| Op::AcceptCuratorship(w, d)),
			1 => (party(), pick).prop_map(|(w, d)| Op::Close(w, d)),
			2 => (party(), pick).prop_map(|(w, d)| Op::Retire(w, d)),
			1 => pick.prop_map(Op::NoteUsed),
			1 => pick.prop_map(Op::NoteReleased),
		]
	}

	/// The datanet a pick names: one that exists, when any does.
	fn datanet(pick: u8) -> u32 {
		u32::from(pick) % NextDatanetId::<Test>::get().max(1)
	}

	/// The contribution a pick names: one that exists, when any does.
	fn contribution(pick: u8) -> u64 {
		u64::from(pick) % NextContributionId::<Test>::get().max(1)
	}

	/// The signer: `right` for `Party::Right`, else the account named.
	fn signer(party: Party, right: Option<AccountId>) -> RuntimeOrigin {
		match party {
			Party::Right => RuntimeOrigin::signed(right.unwrap_or(1)),
			Party::Any(w) => RuntimeOrigin::signed(w as u64),
		}
	}

	fn curator_of(datanet: u32) -> Option<AccountId> {
		crate::Datanets::<Test>::get(datanet).map(|d| d.curator)
	}

	fn curator_of_contribution(c: u64) -> Option<AccountId> {
		Contributions::<Test>::get(c).and_then(|c| curator_of(c.datanet))
	}

	/// Runs `op` and checks its outcome: a refusal changes no storage at all; a success
	/// emits the event of the call (the note hooks change only their counter).
	fn apply(op: Op) {
		let root = || sp_io::storage::root(sp_runtime::StateVersion::V1);
		let before = root();
		let events = System::events().len();
		let result = match op.clone() {
			Op::Create(w, open) => Datanets::create_datanet(
				RuntimeOrigin::signed(w as u64),
				bounded(b"d"),
				bounded(b"u"),
				if open { ContributionPolicy::Open } else { ContributionPolicy::CuratorReview },
				license(),
				bounded(b"l"),
			),
			Op::Contribute(w, d, h, s) => Datanets::contribute(
				RuntimeOrigin::signed(w as u64),
				datanet(d),
				hash(h),
				s,
				bounded(b"ipfs://x"),
				bounded(b""),
			),
			Op::Accept(p, c, q) => {
				let c = contribution(c);
				Datanets::accept_contribution(signer(p, curator_of_contribution(c)), c, q)
			}
			Op::Reject(p, c) => {
				let c = contribution(c);
				Datanets::reject_contribution(signer(p, curator_of_contribution(c)), c)
			}
			Op::Malicious(p, c) => {
				let c = contribution(c);
				Datanets::flag_malicious(signer(p, curator_of_contribution(c)), c)
			}
			Op::Withdraw(p, c) => {
				let c = contribution(c);
				let owner = Contributions::<Test>::get(c).map(|c| c.owner);
				Datanets::withdraw_contribution(signer(p, owner), c)
			}
			Op::Publish(p, d) => {
				let d = datanet(d);
				Datanets::publish_version(signer(p, curator_of(d)), d)
			}
			Op::Offer(p, d, to) => {
				let d = datanet(d);
				Datanets::offer_curatorship(signer(p, curator_of(d)), d, account(to))
			}
			Op::CancelOffer(p, d) => {
				let d = datanet(d);
				Datanets::cancel_curatorship_offer(signer(p, curator_of(d)), d)
			}
			Op::AcceptCuratorship(p, d) => {
				let d = datanet(d);
				Datanets::accept_curatorship(
					signer(p, CuratorshipOffers::<Test>::get(d)),
					d,
					Balance::MAX,
				)
			}
			Op::Close(p, d) => {
				let d = datanet(d);
				Datanets::close_datanet(signer(p, curator_of(d)), d)
			}
			Op::Retire(p, d) => {
				let d = datanet(d);
				Datanets::retire_datanet(signer(p, curator_of(d)), d)
			}
			Op::NoteUsed(d) => <Datanets as DatanetUsage>::note_used(datanet(d)),
			Op::NoteReleased(d) => {
				let d = datanet(d);
				let uses = Datanets::model_uses(d);
				<Datanets as DatanetUsage>::note_released(d);
				assert_eq!(Datanets::model_uses(d), uses.saturating_sub(1));
				Ok(())
			}
		};
		match result {
			Err(e) => {
				assert_eq!(root(), before, "{op:?} failed with {e:?} but changed storage");
			}
			Ok(()) => {
				let emitted: Vec<_> = System::events()
					.into_iter()
					.skip(events)
					.filter_map(|r| match r.event {
						RuntimeEvent::Datanets(e) => Some(e),
						_ => None,
					})
					.collect();
				let expected = |e: &Event<Test>| {
					matches!(
						(&op, e),
						(Op::Create(..), Event::DatanetCreated { .. })
							| (Op::Contribute(..), Event::ContributionSubmitted { .. })
							| (Op::Accept(..), Event::ContributionAccepted { .. })
							| (Op::Reject(..), Event::ContributionRejected { .. })
							| (Op::Malicious(..), Event::ContributionFlaggedMalicious { .. })
							| (Op::Withdraw(..), Event::ContributionWithdrawn { .. })
							| (Op::Publish(..), Event::VersionPublished { .. })
							| (Op::Offer(..), Event::CuratorshipOffered { .. })
							| (Op::CancelOffer(..), Event::CuratorshipOfferCancelled { .. })
							| (Op::AcceptCuratorship(..), Event::CuratorshipTransferred { .. })
							| (Op::Close(..), Event::DatanetClosed { .. })
							| (Op::Retire(..), Event::DatanetRetired { .. })
					)
				};
				match op {
					Op::NoteUsed(..) | Op::NoteReleased(..) => assert!(emitted.is_empty()),
					_ => assert!(
						emitted.iter().any(expected),
						"{op:?} succeeded without its event: {emitted:?}"
					),
				}
				// Nothing is ever offered to, or held from, a protected account.
				assert_eq!(held(PALLET_ACCOUNT, HoldReason::DatanetDeposit), 0);
				assert_eq!(held(TREASURY, HoldReason::DatanetDeposit), 0);
				assert!(CuratorshipOffers::<Test>::iter_values()
					.all(|to| to != PALLET_ACCOUNT && to != TREASURY));
			}
		}
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]
		#[test]
		fn random_calls_keep_every_invariant(ops in proptest::collection::vec(op(), 1..120)) {
			new_test_ext().execute_with(|| {
				let issuance = Balances::total_issuance();
				for op in ops {
					apply(op);
					Datanets::do_try_state().unwrap();
					prop_assert_eq!(Balances::total_issuance(), issuance);
				}
				// Each datanet's root equals a root rebuilt from its accepted contributions.
				for (datanet, _) in crate::Datanets::<Test>::iter() {
					let leaves = Contributions::<Test>::iter()
						.filter(|(_, c)| c.datanet == datanet && c.status == ContributionStatus::Accepted)
						.map(|(id, c)| (c.leaf_index.unwrap().0, merkle::leaf_hash(id, c.weight)));
					prop_assert_eq!(Datanets::current_root(datanet), merkle::TreeBuilder::new(leaves).root());
				}
				Ok(())
			})?;
		}
	}
}
