//! The whole economy in the real runtime: datanet, three accepted contributions, a published
//! version, a model trained on it, its training attribution, ten paid inferences with mixed
//! attributions, everyone claiming, the treasury's due sent at the end of the block, and the
//! inference records archived with their deposits returned once their dispute period is
//! over. Blocks are opened and closed through `Executive`, as the node builds them. Every
//! balance is asserted to the planck.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use codec::Encode;
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect, BoundedVec};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Digest, DigestItem},
	traits::{Dispatchable, Header as _},
	BuildStorage, Perbill,
};
use tributary_primitives::{
	AccountId, Balance, BlockNumber, ContributionStatus, DeclaredUses, LicenseTerms, RevenueSplit,
};
use tributary_runtime::configs::TreasuryAccount;
use tributary_runtime::{
	Balances, Executive, Header, Runtime, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig,
	RuntimeOrigin, System, UncheckedExtrinsic, SLOT_DURATION, TRIB,
};

const ENDOWMENT: Balance = 1_000_000 * TRIB;

fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

/// A chain from the runtime's default genesis (the seven-day dispute period) with every dev
/// account endowed, block 1 open.
fn new_chain() -> sp_io::TestExternalities {
	let mut genesis = RuntimeGenesisConfig::default();
	genesis.balances.balances =
		Sr25519Keyring::iter().map(|k| (k.to_account_id(), ENDOWMENT)).collect();
	let storage = genesis.build_storage().expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| open_block(1, frame_system::BlockHash::<Runtime>::get(0)));
	ext
}

/// Opens block `number` on `parent` as the node's block builder does: `initialize_block`
/// with an Aura slot digest (slot = number), then the timestamp inherent.
fn open_block(number: BlockNumber, parent: H256) {
	let digest = Digest {
		logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(u64::from(number)).encode())],
	};
	Executive::initialize_block(&Header::new(number, H256::zero(), H256::zero(), parent, digest));
	let now = u64::from(number) * SLOT_DURATION;
	let inherent =
		UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set { now }));
	assert_eq!(Executive::apply_extrinsic(inherent), Ok(Ok(())));
}

/// Finalizes the open block (its `on_idle` hooks run in the weight it left) and returns the
/// events its end emitted; then opens block `next` (the blocks between, if any, are skipped
/// as if empty).
fn end_block_and_open(next: BlockNumber) -> Vec<RuntimeEvent> {
	let before = System::read_events_no_consensus().count();
	let header = Executive::finalize_block();
	let events = System::read_events_no_consensus().skip(before).map(|e| e.event).collect();
	System::set_block_number(next - 1);
	open_block(next, header.hash());
	events
}

fn call(who: Sr25519Keyring, call: RuntimeCall) {
	assert_ok!(call.dispatch(RuntimeOrigin::signed(account(who))));
}

fn free(who: Sr25519Keyring) -> Balance {
	Balances::balance(&account(who))
}

/// Every pallet's `integrity_test` under the runtime's configuration: each bound sane and
/// each call and hook, at its configured worst case, within what one call or one block may
/// weigh. (The runtime's own generated `runtime_integrity_tests` runs the same in its unit
/// tests, which need its WASM build.)
/// Calls a pallet's view function the way the `RuntimeViewFunction` runtime API does: by its
/// id, with its arguments SCALE-encoded; its answer, SCALE-encoded.
fn view<V>(query: V) -> Vec<u8>
where
	V: frame_support::view_functions::ViewFunction + Encode,
{
	Runtime::execute_view_function(V::id(), query.encode()).expect("dispatched")
}

#[test]
fn every_pallet_passes_its_integrity_test_under_the_runtime_config() {
	use frame_support::traits::IntegrityTest;
	sp_io::TestExternalities::new_empty()
		.execute_with(<tributary_runtime::AllPalletsWithSystem as IntegrityTest>::integrity_test);
}

/// The bounds one pallet states about another's agree: what no pallet's own
/// `integrity_test` can see.
#[test]
fn bounds_shared_between_pallets_agree() {
	fn bound<G: frame_support::traits::Get<u32>>() -> u32 {
		G::get()
	}
	type DatanetVersions = <Runtime as pallet_datanets::Config>::MaxVersions;
	type RewardVersions = <Runtime as pallet_revenue::Config>::MaxVersions;
	type ModelTraining = <Runtime as pallet_models::Config>::MaxTrainingDatanets;
	type ChargedTraining = <Runtime as pallet_attribution::Config>::MaxTrainingDatanets;
	type ModelLineage = <Runtime as pallet_models::Config>::MaxLineageDepth;
	type ChargedLineage = <Runtime as pallet_attribution::Config>::MaxLineageDepth;
	assert!(
		bound::<RewardVersions>() >= bound::<DatanetVersions>(),
		"the reward counters cover every version a datanet can publish"
	);
	assert_eq!(
		bound::<ChargedTraining>(),
		bound::<ModelTraining>(),
		"attribution bounds training data as the model registry does"
	);
	assert!(
		bound::<ChargedLineage>() >= bound::<ModelLineage>(),
		"pay_inference is charged for the deepest lineage a model can have"
	);
}

#[test]
fn the_whole_economy_pays_everyone_to_the_planck() {
	use Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};
	new_chain().execute_with(|| {
		let treasury_start = Balances::balance(&TreasuryAccount::get());

		// Alice curates a reviewed datanet with a permissive AI license.
		call(
			Alice,
			RuntimeCall::Datanets(pallet_datanets::Call::create_datanet {
				name: BoundedVec::truncate_from(b"clinical-notes".to_vec()),
				metadata_uri: BoundedVec::truncate_from(b"ipfs://datasheet".to_vec()),
				policy: pallet_datanets::ContributionPolicy::CuratorReview,
				license: LicenseTerms::permissive(),
				legal_text_uri: BoundedVec::truncate_from(b"ipfs://license".to_vec()),
			}),
		);
		// Bob, Charlie and Dave contribute 8 KiB each (declared weight 8); Alice accepts them
		// with lower quality weights 1, 3, 6 (a curator may lower a weight, never raise it).
		for (n, (who, weight)) in [(Bob, 1u64), (Charlie, 3), (Dave, 6)].into_iter().enumerate() {
			call(
				who,
				RuntimeCall::Datanets(pallet_datanets::Call::contribute {
					datanet: 0,
					content_hash: H256::repeat_byte(10 + n as u8),
					size: 8192,
					uri: BoundedVec::truncate_from(b"ipfs://bafy".to_vec()),
					metadata: BoundedVec::default(),
				}),
			);
			call(
				Alice,
				RuntimeCall::Datanets(pallet_datanets::Call::accept_contribution {
					contribution: n as u64,
					quality_weight: Some(weight),
				}),
			);
		}
		call(Alice, RuntimeCall::Datanets(pallet_datanets::Call::publish_version { datanet: 0 }));

		// Eve registers a model trained on version 1; Ferdie operates it.
		call(
			Eve,
			RuntimeCall::Models(pallet_models::Call::register_model {
				name: BoundedVec::truncate_from(b"med-llm".to_vec()),
				metadata_uri: BoundedVec::truncate_from(b"ipfs://card".to_vec()),
				artifact_hash: H256::repeat_byte(2),
				base_model: None,
				training_data: BoundedVec::truncate_from(vec![(0, 1)]),
				uses: DeclaredUses { fine_tune: true, retrieval: false, commercial: true },
				price: TRIB,
				split: RevenueSplit {
					developer: Perbill::from_percent(40),
					operators: Perbill::from_percent(15),
					data: Perbill::from_percent(40),
					inference_data: Perbill::from_percent(50),
				},
			}),
		);
		call(
			Eve,
			RuntimeCall::Models(pallet_models::Call::add_operator {
				model: 0,
				operator: account(Ferdie),
			}),
		);
		call(
			Eve,
			RuntimeCall::Attribution(pallet_attribution::Call::record_training_attribution {
				model: 0,
				version: 1,
				influences: BoundedVec::truncate_from(vec![(0, Perbill::one())]),
				contributions_root: Some(H256::repeat_byte(3)),
				method: pallet_attribution::AttributionMethod::InfluenceFunctions,
			}),
		);

		// Ten paid inferences of 100 TRIB, mixed attributions.
		for i in 0..10u64 {
			let attributions = match i % 3 {
				0 => vec![(0u64, Perbill::one())],
				1 => vec![(1, Perbill::from_percent(50)), (2, Perbill::from_percent(50))],
				_ => vec![],
			};
			call(
				Alice,
				RuntimeCall::Attribution(pallet_attribution::Call::pay_inference {
					model: 0,
					version: 1,
					operator: account(Ferdie),
					fee: 100 * TRIB,
					io_hash: H256::from_low_u64_be(i),
					attributions: BoundedVec::truncate_from(attributions),
				}),
			);
		}

		// The whole fee went to the revenue account: the treasury's part (its cut and the
		// remainders: 5 TRIB a fee here) waits there until the block ends.
		let revenue = pallet_revenue::Pallet::<Runtime>::account_id();
		let revenue_start = Balances::balance(&revenue) - 1_000 * TRIB;
		assert_eq!(Balances::balance(&TreasuryAccount::get()), treasury_start);
		assert_eq!(pallet_revenue::Flow::<Runtime>::get().treasury_due, 50 * TRIB);
		// Developer and operator shares are claimable at once; attributed shares wait in
		// each contribution's record until it is next settled to its owner.
		assert_eq!(pallet_revenue::Pallet::<Runtime>::claimable(&account(Eve)), 400 * TRIB);
		assert_eq!(pallet_revenue::Pallet::<Runtime>::claimable(&account(Ferdie)), 150 * TRIB);
		for (c, (who, direct, pool)) in
			[(Bob, 80, 26), (Charlie, 30, 78), (Dave, 30, 156)].into_iter().enumerate()
		{
			let c = c as u64;
			let revenue_record = pallet_revenue::ContributionAccounts::<Runtime>::get(c);
			assert_eq!(
				(revenue_record.earned, revenue_record.unsettled),
				(direct * TRIB, direct * TRIB)
			);
			assert_eq!(pallet_revenue::Pallet::<Runtime>::claimable(&account(who)), 0);
			assert_eq!(
				pallet_revenue::Pallet::<Runtime>::pending_pool_share(c).unwrap().0,
				(direct + pool) * TRIB
			);
			assert_eq!(
				pallet_revenue::Pallet::<Runtime>::next_claim(&account(who)).payout,
				(direct + pool) * TRIB
			);
		}
		let inference_deposit = <Runtime as pallet_attribution::Config>::RecordDeposit::get();
		for i in 0..10 {
			let record = pallet_attribution::Inferences::<Runtime>::get(i).unwrap();
			assert_eq!((record.payer, record.deposit), (account(Alice), inference_deposit));
		}

		// The pallets' view functions, called as apps call them (by id, SCALE in and out),
		// answer the records the AttributionApi serves, in the types they are stored in.
		use tributary_runtime::reads;
		let api_contribution = reads::contribution(0).unwrap();
		let stored = pallet_datanets::Contributions::<Runtime>::get(0).unwrap();
		assert_eq!(api_contribution.contribution.encode(), stored.encode());
		assert_eq!(
			view(pallet_datanets::ContributionViewFunction::<Runtime>::new(0)),
			Some(stored.clone()).encode()
		);
		assert_eq!(
			view(pallet_datanets::ContributionByHashViewFunction::<Runtime>::new(
				stored.content_hash
			)),
			Some(0u64).encode()
		);
		assert_eq!(
			view(pallet_revenue::ContributionAccountViewFunction::<Runtime>::new(0)),
			api_contribution.account.encode()
		);
		assert_eq!(
			view(pallet_datanets::DatanetViewFunction::<Runtime>::new(0)),
			reads::datanet(0).map(|read| read.datanet).encode()
		);
		assert_eq!(
			view(pallet_datanets::DatanetVersionViewFunction::<Runtime>::new(0, 1)),
			reads::datanet_version(0, 1).map(|read| read.record).encode()
		);
		let api_model = reads::model(0).unwrap();
		let latest = api_model.latest.clone().unwrap();
		assert_eq!(
			view(pallet_models::ModelViewFunction::<Runtime>::new(0)),
			Some(api_model.model.clone()).encode()
		);
		assert_eq!(
			view(pallet_models::ModelVersionViewFunction::<Runtime>::new(0, 1)),
			Some(latest.record).encode()
		);
		assert_eq!(
			view(pallet_models::ModelLineageViewFunction::<Runtime>::new(0)),
			reads::model_lineage(0).encode()
		);
		assert_eq!(api_model.inference_count, 10);
		assert_eq!(
			view(pallet_attribution::InferenceCountViewFunction::<Runtime>::new(0)),
			10u32.encode()
		);
		assert!(latest.training_influence.is_some());
		assert_eq!(
			view(pallet_attribution::TrainingInfluenceOfViewFunction::<Runtime>::new(0, 1)),
			latest.training_influence.encode()
		);
		let live = reads::inference(3).unwrap();
		assert!(!live.archived);
		assert_eq!(
			view(pallet_attribution::LiveInferenceViewFunction::<Runtime>::new(3)),
			Some(live.record).encode()
		);
		let eve = reads::earnings(account(Eve));
		assert_eq!(eve.claimable, 400 * TRIB);
		assert_eq!(
			view(pallet_revenue::EarningsViewFunction::<Runtime>::new(account(Eve))),
			eve.encode()
		);

		// Everyone claims.
		for who in [Bob, Charlie, Dave, Eve, Ferdie] {
			call(who, RuntimeCall::Revenue(pallet_revenue::Call::claim {}));
		}
		assert_eq!(pallet_revenue::ContributionAccounts::<Runtime>::get(0).unsettled, 0);
		assert_eq!(Balances::balance(&TreasuryAccount::get()), treasury_start);
		assert_eq!(pallet_revenue::Flow::<Runtime>::get().treasury_due, 50 * TRIB);

		// Block 1 ends: its `on_idle` sends the treasury its due, in one transfer. The records
		// stay through their dispute period (seven days on this genesis): the next block seen
		// is the period's last.
		let period = pallet_attribution::DisputePeriod::<Runtime>::get();
		assert_eq!(period, tributary_runtime::configs::DisputePeriod::get());
		let archived = |events: &[RuntimeEvent]| -> Vec<(u64, AccountId, Balance)> {
			events
				.iter()
				.filter_map(|e| match e {
					RuntimeEvent::Attribution(pallet_attribution::Event::InferenceArchived {
						inference,
						payer,
						deposit_returned,
					}) => Some((*inference, payer.clone(), *deposit_returned)),
					_ => None,
				})
				.collect()
		};
		let events = end_block_and_open(1 + period);
		assert!(events.contains(&RuntimeEvent::Revenue(pallet_revenue::Event::TreasurySwept {
			amount: 50 * TRIB
		})));
		assert_eq!(archived(&events), vec![]);
		assert_eq!(pallet_revenue::Flow::<Runtime>::get().treasury_due, 0);
		assert_eq!(Balances::balance(&revenue), revenue_start);
		assert_eq!(Balances::balance(&TreasuryAccount::get()), treasury_start + 50 * TRIB);
		assert_noop!(
			pallet_attribution::Pallet::<Runtime>::release_record_deposit(
				RuntimeOrigin::signed(account(Bob)),
				pallet_attribution::DisputeTarget::Inference(9),
			),
			pallet_attribution::Error::<Runtime>::DisputePeriodNotOver
		);
		let events = end_block_and_open(2 + period);
		assert_eq!(archived(&events), vec![]);
		assert_eq!(pallet_attribution::Inferences::<Runtime>::iter_keys().count(), 10);
		assert_eq!(
			Balances::reserved_balance(account(Alice)),
			10 * inference_deposit + pallet_datanets::Datanets::<Runtime>::get(0).unwrap().deposit
		);

		// Past the period: anyone may archive a record at once (its deposit back to its
		// payer); the block's end archives the rest, oldest first.
		let alice_before = free(Alice);
		call(
			Bob,
			RuntimeCall::Attribution(pallet_attribution::Call::release_record_deposit {
				target: pallet_attribution::DisputeTarget::Inference(9),
			}),
		);
		System::assert_last_event(RuntimeEvent::Attribution(
			pallet_attribution::Event::InferenceArchived {
				inference: 9,
				payer: account(Alice),
				deposit_returned: inference_deposit,
			},
		));
		assert_eq!(free(Alice), alice_before + inference_deposit);
		let events = end_block_and_open(3 + period);
		assert_eq!(
			archived(&events),
			(0..9).map(|i| (i, account(Alice), inference_deposit)).collect::<Vec<_>>()
		);
		assert_eq!(pallet_attribution::Inferences::<Runtime>::iter_keys().count(), 0);
		assert_eq!(pallet_attribution::PruneHead::<Runtime>::get(), 10);
		assert_noop!(
			pallet_attribution::Pallet::<Runtime>::release_record_deposit(
				RuntimeOrigin::signed(account(Alice)),
				pallet_attribution::DisputeTarget::Inference(0),
			),
			pallet_attribution::Error::<Runtime>::UnknownRecord
		);

		// Per fee: treasury 5, operator 15, developer 40, data 40 (half attributed when any).
		// Attributed: #0 4 × 20 = 80; #1 and #2 3 × 10 = 30 each.
		// Pools: 7 × 20 + 3 × 40 = 260 TRIB over weights 1 / 3 / 6: 26, 78, 156.
		let deposit = |c: u64| pallet_datanets::Contributions::<Runtime>::get(c).unwrap().deposit;
		let model_deposit = pallet_models::Models::<Runtime>::get(0).unwrap().deposit;
		let datanet_deposit = pallet_datanets::Datanets::<Runtime>::get(0).unwrap().deposit;
		let record_deposit =
			pallet_attribution::TrainingRecords::<Runtime>::get(0, 1).unwrap().deposit;

		assert_eq!(free(Bob), ENDOWMENT - deposit(0) + 106 * TRIB);
		assert_eq!(free(Charlie), ENDOWMENT - deposit(1) + 108 * TRIB);
		assert_eq!(free(Dave), ENDOWMENT - deposit(2) + 186 * TRIB);
		assert_eq!(free(Eve), ENDOWMENT - model_deposit - record_deposit + 400 * TRIB);
		assert_eq!(free(Ferdie), ENDOWMENT + 150 * TRIB);
		// Alice paid the fees; her record deposits came back.
		assert_eq!(free(Alice), ENDOWMENT - datanet_deposit - 1_000 * TRIB);
		assert_eq!(Balances::reserved_balance(account(Alice)), datanet_deposit);
		assert_eq!(Balances::balance(&TreasuryAccount::get()), treasury_start + 50 * TRIB);

		// Conservation: every fee is claimed or in the treasury; nothing is left owed.
		let flow = pallet_revenue::Flow::<Runtime>::get();
		assert_eq!(flow.fees_in, 1_000 * TRIB);
		assert_eq!((flow.claimed, flow.to_treasury, flow.treasury_due), (950 * TRIB, 50 * TRIB, 0));
		assert_eq!(pallet_revenue::Pools::<Runtime>::get(0).balance, 0);
		assert_eq!(
			pallet_revenue::Earnings::<Runtime>::get(account(Dave)).as_contributor,
			186 * TRIB
		);
		assert_eq!(
			pallet_datanets::Contributions::<Runtime>::get(2).unwrap().status,
			ContributionStatus::Accepted
		);
		assert_eq!(pallet_revenue::ContributionAccounts::<Runtime>::get(0).attributed, 4);
		assert_eq!(pallet_attribution::ModelInferenceCount::<Runtime>::get(0), 10);
		assert_eq!(pallet_attribution::PayerInferenceCount::<Runtime>::get(account(Alice)), 10);

		// Every pallet's invariants hold in the real runtime.
		pallet_datanets::Pallet::<Runtime>::do_try_state().unwrap();
		pallet_models::Pallet::<Runtime>::do_try_state().unwrap();
		pallet_attribution::Pallet::<Runtime>::do_try_state().unwrap();
		pallet_revenue::Pallet::<Runtime>::do_try_state().unwrap();
	});
}
