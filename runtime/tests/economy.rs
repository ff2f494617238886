//! The whole economy in the real runtime: datanet, three accepted contributions, a published
//! version, a model trained on it, its training attribution, ten paid inferences with mixed
//! attributions, and everyone claiming. Every balance is asserted to the planck.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use frame_support::{assert_ok, traits::fungible::Inspect, BoundedVec};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Dispatchable, BuildStorage, Perbill};
use tributary_primitives::{ContributionStatus, DeclaredUses, LicenseTerms, RevenueSplit};
use tributary_runtime::configs::TreasuryAccount;
use tributary_runtime::{
	AccountId, Balance, Balances, Runtime, RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin,
	System, TRIB,
};

const ENDOWMENT: Balance = 1_000_000 * TRIB;

fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

fn new_chain() -> sp_io::TestExternalities {
	let mut genesis = RuntimeGenesisConfig::default();
	genesis.balances.balances =
		Sr25519Keyring::iter().map(|k| (k.to_account_id(), ENDOWMENT)).collect();
	let storage = genesis.build_storage().expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn call(who: Sr25519Keyring, call: RuntimeCall) {
	assert_ok!(call.dispatch(RuntimeOrigin::signed(account(who))));
}

fn free(who: Sr25519Keyring) -> Balance {
	Balances::balance(&account(who))
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
				license: LicenseTerms {
					train: true,
					fine_tune: true,
					retrieval: true,
					commercial: true,
					derivatives: true,
					expires_at: None,
					legal_text_hash: H256::repeat_byte(1),
				},
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

		// Everyone claims.
		for who in [Bob, Charlie, Dave, Eve, Ferdie] {
			call(who, RuntimeCall::Revenue(pallet_revenue::Call::claim {}));
		}

		// Per fee: treasury 5, operator 15, developer 40, data 40 (half attributed when any).
		// Attributed: #0 4 × 20 = 80; #1 and #2 3 × 10 = 30 each.
		// Pools: 7 × 20 + 3 × 40 = 260 TRIB over weights 1 / 3 / 6: 26, 78, 156.
		let deposit = |c: u64| pallet_datanets::Contributions::<Runtime>::get(c).unwrap().deposit;
		let model_deposit = pallet_models::Models::<Runtime>::get(0).unwrap().deposit;
		let datanet_deposit = pallet_datanets::Datanets::<Runtime>::get(0).unwrap().deposit;
		let record_deposit =
			pallet_attribution::TrainingRecords::<Runtime>::get(0, 1).unwrap().deposit;
		let inference_deposit = pallet_attribution::Inferences::<Runtime>::get(0).unwrap().deposit;

		assert_eq!(free(Bob), ENDOWMENT - deposit(0) + 106 * TRIB);
		assert_eq!(free(Charlie), ENDOWMENT - deposit(1) + 108 * TRIB);
		assert_eq!(free(Dave), ENDOWMENT - deposit(2) + 186 * TRIB);
		assert_eq!(free(Eve), ENDOWMENT - model_deposit - record_deposit + 400 * TRIB);
		assert_eq!(free(Ferdie), ENDOWMENT + 150 * TRIB);
		assert_eq!(
			free(Alice),
			ENDOWMENT - datanet_deposit - 10 * inference_deposit - 1_000 * TRIB
		);
		assert_eq!(Balances::balance(&TreasuryAccount::get()), treasury_start + 50 * TRIB);

		// Conservation: every fee is claimed or in the treasury; nothing is left owed.
		let flow = pallet_revenue::Flow::<Runtime>::get();
		assert_eq!(flow.fees_in, 1_000 * TRIB);
		assert_eq!(flow.claimed + flow.to_treasury, flow.fees_in);
		assert_eq!(pallet_revenue::PoolBalance::<Runtime>::get(0), 0);
		assert_eq!(
			pallet_revenue::Earnings::<Runtime>::get(account(Dave)).as_contributor,
			186 * TRIB
		);
		assert_eq!(
			pallet_datanets::Contributions::<Runtime>::get(2).unwrap().status,
			ContributionStatus::Accepted
		);
		assert_eq!(pallet_attribution::ContributionUsageCount::<Runtime>::get(0), 4);

		// Every pallet's invariants hold in the real runtime.
		pallet_datanets::Pallet::<Runtime>::do_try_state().unwrap();
		pallet_models::Pallet::<Runtime>::do_try_state().unwrap();
		pallet_attribution::Pallet::<Runtime>::do_try_state().unwrap();
		pallet_revenue::Pallet::<Runtime>::do_try_state().unwrap();
	});
}
