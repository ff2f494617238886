//! Unit and property tests of the dataset registry.

use crate::{
	mock::*, ContributionByHash, ContributionPolicy, Contributions, Error, Event, HoldReason,
	NextContributionId, NextDatanetId, Versions,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
	BoundedVec,
};
use sp_core::H256;
use sp_runtime::{DispatchError, TokenError};
use tributary_primitives::{merkle, ContributionStatus, DatanetsInspect, LicenseTerms};

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
fn transfer_curatorship_moves_the_deposit() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::Open);
		let deposit = crate::Datanets::<Test>::get(id).unwrap().deposit;
		assert_ok!(Datanets::transfer_curatorship(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_eq!(crate::Datanets::<Test>::get(id).unwrap().curator, BOB);
		assert_eq!(held(ALICE, HoldReason::DatanetDeposit), 0);
		assert_eq!(held(BOB, HoldReason::DatanetDeposit), deposit);
		System::assert_last_event(
			Event::CuratorshipTransferred { datanet: id, from: ALICE, to: BOB }.into(),
		);
		assert_noop!(
			Datanets::transfer_curatorship(RuntimeOrigin::signed(ALICE), id, CHARLIE),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Datanets::transfer_curatorship(RuntimeOrigin::signed(BOB), id, BOB),
			Error::<Test>::AlreadyCurator
		);
		assert_noop!(
			Datanets::transfer_curatorship(RuntimeOrigin::signed(BOB), id, POOR),
			TokenError::FundsUnavailable
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
			Error::<Test>::DatanetClosed
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
		assert_eq!(record.leaf_index, Some(0));
		assert_eq!(record.first_version, Some(1));
		assert_eq!(ContributionByHash::<Test>::get(hash(1)), Some(c));
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
			Event::ContributionAccepted { contribution: c, datanet: id, weight: 11, leaf_index: 0 }
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
		let proof = Contributions::<Test>::get(ContributionByHash::<Test>::get(hash(1)).unwrap());
		assert_eq!(proof.unwrap().owner, BOB);
		assert_eq!(ContributionByHash::<Test>::get(hash(1)), Some(c));
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
		let c = contribute(BOB, id, 1, 100);
		assert_eq!(Contributions::<Test>::get(c).unwrap().status, ContributionStatus::Pending);
		assert_eq!(crate::Datanets::<Test>::get(id).unwrap().accepted, 0);
		assert_ok!(Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), c, Some(500)));
		let record = Contributions::<Test>::get(c).unwrap();
		assert_eq!((record.status, record.weight), (ContributionStatus::Accepted, 500));
		System::assert_last_event(
			Event::ContributionAccepted {
				contribution: c,
				datanet: id,
				weight: 500,
				leaf_index: 0,
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
		for call in [
			Datanets::accept_contribution(RuntimeOrigin::signed(ALICE), c, None),
			Datanets::reject_contribution(RuntimeOrigin::signed(ALICE), c),
			Datanets::flag_malicious(RuntimeOrigin::signed(ALICE), c),
		] {
			assert_eq!(call, Err(Error::<Test>::NotPending.into()));
		}
	});
}

#[test]
fn reject_returns_deposit_and_frees_hash() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		let free_before = Balances::balance(&BOB);
		let c = contribute(BOB, id, 1, 100);
		assert!(Balances::balance(&BOB) < free_before);
		assert_ok!(Datanets::reject_contribution(RuntimeOrigin::signed(ALICE), c));
		assert_eq!(Balances::balance(&BOB), free_before);
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
		assert_eq!(Contributions::<Test>::get(c).unwrap().status, ContributionStatus::Rejected);
		assert_eq!(ContributionByHash::<Test>::get(hash(1)), None);
		System::assert_last_event(
			Event::ContributionRejected { contribution: c, datanet: id }.into(),
		);
		// The data can be registered again.
		contribute(CHARLIE, id, 1, 100);
	});
}

#[test]
fn malicious_flag_slashes_exactly_the_deposit() {
	run_test(|| {
		let id = create(ALICE, ContributionPolicy::CuratorReview);
		let c = contribute(BOB, id, 1, 100);
		let deposit = Contributions::<Test>::get(c).unwrap().deposit;
		let total_before = Balances::total_balance(&BOB);
		let treasury_before = Balances::balance(&999);
		assert_ok!(Datanets::flag_malicious(RuntimeOrigin::signed(ALICE), c));
		assert_eq!(Balances::total_balance(&BOB), total_before - deposit);
		assert_eq!(Balances::balance(&999), treasury_before + deposit);
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
		// The hash stays blocked.
		assert_eq!(ContributionByHash::<Test>::get(hash(1)), Some(c));
		System::assert_last_event(
			Event::ContributionFlaggedMalicious { contribution: c, datanet: id, slashed: deposit }
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
		assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(ALICE), id));
		// Version 1 is untouched; version 2 no longer has the withdrawn contribution.
		assert_eq!(Versions::<Test>::get(id, 1).unwrap(), v1);
		let v2 = Versions::<Test>::get(id, 2).unwrap();
		assert_eq!((v2.contribution_count, v2.total_weight), (1, 1));
		assert_eq!(v2.root, merkle::TreeBuilder::new([(1, merkle::leaf_hash(b, 1))]).root());
		// The record stays, with its range of versions.
		let record = Contributions::<Test>::get(a).unwrap();
		assert_eq!(record.status, ContributionStatus::Withdrawn);
		assert_eq!((record.first_version, record.last_version), (Some(1), Some(1)));
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

mod property {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		Create(u8, bool),
		Contribute(u8, u8, u8, u64),
		Accept(u8, u8, Option<u64>),
		Reject(u8, u8),
		Malicious(u8, u8),
		Withdraw(u8, u8),
		Publish(u8, u8),
		Transfer(u8, u8, u8),
		Close(u8, u8),
	}

	fn op() -> impl Strategy<Value = Op> {
		let who = 1u8..=4;
		prop_oneof![
			(who.clone(), any::<bool>()).prop_map(|(w, open)| Op::Create(w, open)),
			(who.clone(), 0u8..4, 0u8..12, 0u64..5000)
				.prop_map(|(w, d, h, s)| Op::Contribute(w, d, h, s)),
			(who.clone(), 0u8..16, proptest::option::of(0u64..1200))
				.prop_map(|(w, c, q)| Op::Accept(w, c, q)),
			(who.clone(), 0u8..16).prop_map(|(w, c)| Op::Reject(w, c)),
			(who.clone(), 0u8..16).prop_map(|(w, c)| Op::Malicious(w, c)),
			(who.clone(), 0u8..16).prop_map(|(w, c)| Op::Withdraw(w, c)),
			(who.clone(), 0u8..4).prop_map(|(w, d)| Op::Publish(w, d)),
			(who.clone(), 0u8..4, who.clone()).prop_map(|(w, d, to)| Op::Transfer(w, d, to)),
			(who, 0u8..4).prop_map(|(w, d)| Op::Close(w, d)),
		]
	}

	fn apply(op: Op) {
		let o = |w: u8| RuntimeOrigin::signed(w as u64);
		// Errors are expected; storage must stay consistent either way.
		let _ = match op {
			Op::Create(w, open) => Datanets::create_datanet(
				o(w),
				bounded(b"d"),
				bounded(b"u"),
				if open { ContributionPolicy::Open } else { ContributionPolicy::CuratorReview },
				license(),
				bounded(b"l"),
			),
			Op::Contribute(w, d, h, s) => {
				Datanets::contribute(o(w), d as u32, hash(h), s, bounded(b"ipfs://x"), bounded(b""))
			}
			Op::Accept(w, c, q) => Datanets::accept_contribution(o(w), c as u64, q),
			Op::Reject(w, c) => Datanets::reject_contribution(o(w), c as u64),
			Op::Malicious(w, c) => Datanets::flag_malicious(o(w), c as u64),
			Op::Withdraw(w, c) => Datanets::withdraw_contribution(o(w), c as u64),
			Op::Publish(w, d) => Datanets::publish_version(o(w), d as u32),
			Op::Transfer(w, d, to) => Datanets::transfer_curatorship(o(w), d as u32, to as u64),
			Op::Close(w, d) => Datanets::close_datanet(o(w), d as u32),
		};
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]
		#[test]
		fn random_calls_keep_every_invariant(ops in proptest::collection::vec(op(), 1..60)) {
			new_test_ext().execute_with(|| {
				for op in ops {
					apply(op);
					Datanets::do_try_state().unwrap();
				}
				// Each datanet's root equals a root rebuilt from its accepted contributions.
				for (datanet, _) in crate::Datanets::<Test>::iter() {
					let leaves = Contributions::<Test>::iter()
						.filter(|(_, c)| c.datanet == datanet && c.status == ContributionStatus::Accepted)
						.map(|(id, c)| (c.leaf_index.unwrap(), merkle::leaf_hash(id, c.weight)));
					prop_assert_eq!(Datanets::current_root(datanet), merkle::TreeBuilder::new(leaves).root());
				}
				Ok(())
			})?;
		}
	}
}
