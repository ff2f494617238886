//! Every record's JSON, as its own `serde` derive writes it: the shape docs/rpc.md shows, from
//! the runtime's real record types (no JSON is written by hand anywhere in this crate).

use serde_json::json;
use sp_core::{crypto::Ss58Codec, H256};
use sp_runtime::{AccountId32, Perbill};
use tributary_primitives::{
	api::{
		AccountEarnings, ContributionRead, ContributionUsage, DatanetRead, DatanetStats,
		InferencePage, InferenceRead, ModelRead, ModelVersionRead, VersionRead,
	},
	ContributionStatus, DeclaredUses, FeeBreakdown, LicenseTerms, ModelStatus, RevenueSplit,
};
use tributary_runtime::reads::*;

fn account(byte: u8) -> AccountId32 {
	AccountId32::new([byte; 32])
}

fn ss58(byte: u8) -> String {
	account(byte).to_ss58check()
}

fn license() -> LicenseTerms<u32> {
	LicenseTerms {
		train: true,
		fine_tune: false,
		retrieval: true,
		commercial: true,
		derivatives: false,
		expires_at: Some(900),
		legal_text_hash: H256([0xaa; 32]),
	}
}

fn datanet() -> DatanetRecord {
	DatanetRecord {
		curator: account(1),
		name: b"clinical-notes".to_vec().try_into().unwrap(),
		metadata_uri: b"ipfs://meta".to_vec().try_into().unwrap(),
		policy: pallet_datanets::ContributionPolicy::CuratorReview,
		license: license(),
		legal_text_uri: b"ipfs://legal".to_vec().try_into().unwrap(),
		status: pallet_datanets::DatanetStatus::Open,
		deposit: u128::MAX,
		submitted: 3,
		accepted: 2,
		accepted_weight: 10,
		leaves: 2,
		latest_version: 1,
		created_at: 5,
	}
}

fn datanet_json() -> serde_json::Value {
	json!({
		"curator": ss58(1), "name": "clinical-notes", "metadataUri": "ipfs://meta",
		"policy": "CuratorReview",
		"license": {
			"train": true, "fineTune": false, "retrieval": true, "commercial": true,
			"derivatives": false, "expiresAt": 900, "legalTextHash": format!("0x{}", "aa".repeat(32)),
		},
		"legalTextUri": "ipfs://legal", "status": "Open",
		"deposit": "340282366920938463463374607431768211455",
		"submitted": 3, "accepted": 2, "acceptedWeight": "10", "leaves": 2, "latestVersion": 1,
		"createdAt": 5,
	})
}

#[test]
fn a_datanet_and_its_stats_are_its_record_with_its_id_and_pool() {
	let mut expected = datanet_json();
	expected["id"] = json!(0);
	assert_eq!(serde_json::to_value(DatanetRead { id: 0, datanet: datanet() }).unwrap(), expected);
	let stats = DatanetStats { datanet: 0, record: datanet(), pool_balance: 7u128 };
	let mut expected = datanet_json();
	expected["datanet"] = json!(0);
	expected["poolBalance"] = json!("7");
	assert_eq!(serde_json::to_value(stats).unwrap(), expected);
}

#[test]
fn a_version_is_its_record_with_its_datanet_and_number() {
	let version = VersionRead {
		datanet: 2,
		version: 3,
		record: VersionRecord {
			root: H256([0x0f; 32]),
			contribution_count: 4,
			total_weight: u128::MAX,
			published_at: 9,
		},
	};
	assert_eq!(
		serde_json::to_value(version).unwrap(),
		json!({
			"datanet": 2, "version": 3, "root": format!("0x{}", "0f".repeat(32)),
			"contributionCount": 4, "totalWeight": "340282366920938463463374607431768211455",
			"publishedAt": 9,
		})
	);
}

#[test]
fn a_contribution_is_its_record_and_its_earnings_account() {
	let read = ContributionRead {
		id: 11,
		contribution: ContributionRecord {
			datanet: 0,
			owner: account(2),
			content_hash: H256([0x11; 32]),
			size: 4096,
			uri: b"ipfs://x".to_vec().try_into().unwrap(),
			metadata: b"\xff".to_vec().try_into().unwrap(),
			weight: 4,
			status: ContributionStatus::Accepted,
			registered_at: 3,
			registered_at_ms: 1_700_000_000_000,
			deposit: 12,
			leaf_index: Some(codec::Compact(0)),
			first_version: Some(codec::Compact(1)),
			last_version: None,
		},
		account: ContributionAccount {
			earned: 106,
			unsettled: 6,
			settled_reward_per_weight: 1 << 100,
			attributed: 4,
		},
	};
	assert_eq!(
		serde_json::to_value(read).unwrap(),
		json!({
			"id": 11, "datanet": 0, "owner": ss58(2), "contentHash": format!("0x{}", "11".repeat(32)),
			"size": 4096, "uri": "ipfs://x", "metadata": "\u{fffd}", "weight": 4,
			"status": "Accepted", "registeredAt": 3, "registeredAtMs": 1_700_000_000_000u64,
			"deposit": "12", "leafIndex": 0, "firstVersion": 1, "lastVersion": null,
			"earned": "106", "unsettled": "6",
			"settledRewardPerWeight": "1267650600228229401496703205376", "attributed": 4,
		})
	);
}

#[test]
fn a_model_is_its_record_with_its_newest_version_and_inference_count() {
	let version = ModelVersionRead {
		version: 1,
		record: ModelVersionRecord {
			artifact_hash: H256([0x22; 32]),
			training_data: vec![(0, 1)].try_into().unwrap(),
			created_at: 8,
			lineage_datanets: vec![0].try_into().unwrap(),
		},
		training_influence: Some(vec![(0, Perbill::from_percent(100))]),
	};
	let read = ModelRead {
		id: 0,
		model: ModelRecord {
			owner: account(4),
			name: b"m".to_vec().try_into().unwrap(),
			metadata_uri: b"ipfs://card".to_vec().try_into().unwrap(),
			base_model: None,
			lineage_depth: 0,
			uses: DeclaredUses { fine_tune: true, retrieval: false, commercial: true },
			price: 1_000_000_000_000,
			split: RevenueSplit {
				developer: Perbill::from_percent(40),
				operators: Perbill::from_percent(15),
				data: Perbill::from_percent(40),
				inference_data: Perbill::from_percent(50),
			},
			status: ModelStatus::Active,
			operators: vec![account(5)].try_into().unwrap(),
			latest_version: 1,
			deposit: 3,
			created_at: 7,
			derived_models: 0,
		},
		latest: Some(version),
		inference_count: 10,
	};
	assert_eq!(
		serde_json::to_value(read).unwrap(),
		json!({
			"id": 0, "owner": ss58(4), "name": "m", "metadataUri": "ipfs://card",
			"baseModel": null, "lineageDepth": 0,
			"uses": { "fineTune": true, "retrieval": false, "commercial": true },
			"price": "1000000000000",
			"split": {
				"developer": 400_000_000, "operators": 150_000_000, "data": 400_000_000,
				"inferenceData": 500_000_000,
			},
			"status": "Active", "operators": [ss58(5)], "latestVersion": 1, "deposit": "3",
			"createdAt": 7, "derivedModels": 0,
			"latest": {
				"version": 1, "artifactHash": format!("0x{}", "22".repeat(32)),
				"trainingData": [{ "datanet": 0, "version": 1 }], "createdAt": 8,
				"lineageDatanets": [0],
				"trainingInfluence": [{ "datanet": 0, "weight": 1_000_000_000 }],
			},
			"inferenceCount": 10,
		})
	);
	let lineage = vec![LineageStep { model: 3, version: 2, training_data: vec![(1, 4)] }];
	assert_eq!(
		serde_json::to_value(lineage).unwrap(),
		json!([{ "model": 3, "version": 2, "trainingData": [{ "datanet": 1, "version": 4 }] }])
	);
}

#[test]
fn an_inference_is_its_record_without_its_list_positions() {
	let read = InferenceRead {
		id: 6,
		record: InferenceRecord {
			model: 7,
			version: 1,
			payer: account(1),
			operator: account(2),
			fee: 1000,
			io_hash: H256([0x10; 32]),
			attributions: vec![(7, Perbill::from_percent(25)), (8, Perbill::from_percent(75))]
				.try_into()
				.unwrap(),
			positions: vec![0, 1].try_into().unwrap(),
			model_position: 5,
			payer_position: 2,
			recorded_at: 4,
			deposit: 9,
			disputed: false,
		},
		archived: false,
	};
	assert_eq!(
		serde_json::to_value(read).unwrap(),
		json!({
			"id": 6, "model": 7, "version": 1, "payer": ss58(1), "operator": ss58(2),
			"fee": "1000", "ioHash": format!("0x{}", "10".repeat(32)),
			"attributions": [
				{ "contribution": 7, "weight": 250_000_000 },
				{ "contribution": 8, "weight": 750_000_000 },
			],
			"recordedAt": 4, "deposit": "9", "disputed": false, "archived": false,
		})
	);
}

#[test]
fn usage_earnings_and_a_breakdown_read_as_documented() {
	let usage = ContributionUsage {
		page: InferencePage { inferences: vec![0, 1], total: 4, unavailable: 0 },
		earned: 5u128,
		pending_pool_share: 1,
	};
	assert_eq!(
		serde_json::to_value(usage).unwrap(),
		json!({ "inferences": [0, 1], "total": 4, "unavailable": 0, "earned": "5", "pendingPoolShare": "1" })
	);
	let earnings = AccountEarnings {
		claimable: 9u128,
		stats: EarningsRecord { as_contributor: 1, as_developer: 2, as_operator: 3, claimed: 4 },
	};
	assert_eq!(
		serde_json::to_value(earnings).unwrap(),
		json!({ "claimable": "9", "asContributor": "1", "asDeveloper": "2", "asOperator": "3", "claimed": "4" })
	);
	let breakdown = FeeBreakdown {
		fee: 100u128,
		treasury: 5,
		operator: 15,
		developer: 40,
		contributions: vec![(3, 20)],
		pools: vec![(0, 1, 20)],
	};
	assert_eq!(
		serde_json::to_value(breakdown).unwrap(),
		json!({
			"fee": "100", "treasury": "5", "operator": "15", "developer": "40",
			"contributions": [{ "contribution": 3, "amount": "20" }],
			"pools": [{ "datanet": 0, "version": 1, "amount": "20" }],
		})
	);
}
