//! The storage items the benchmarks leave out of every call's weight (whitelisted, because a
//! block commits each once however many calls touch it) are charged once per block: every
//! whitelisted key is FRAME's own or one of Tributary's three, the blocks the node builds carry
//! one read and one write per Tributary key in their mandatory weight (through
//! `Executive::initialize_block`, as the node opens a block), and the generated weights were
//! benchmarked with the whitelist (their storage notes no longer list the items).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use codec::Encode;
use frame_support::{dispatch::DispatchClass, traits::WhitelistedStorageKeys};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::H256;
use sp_runtime::{
	generic::{Digest, DigestItem},
	traits::Header as _,
	BuildStorage,
};
use tributary_runtime::{
	configs::benchmark_whitelist, Attribution, Aura, Authorship, Balances, Datanets, Executive,
	Grandpa, Header, Historical, Models, Offences, Revenue, Runtime, RuntimeGenesisConfig, Session,
	Sudo, System, Timestamp, TransactionPayment, ValidatorSet,
};

/// Tributary's whitelisted keys: the next inference id, the money totals, the revenue account.
fn tributary_keys() -> Vec<Vec<u8>> {
	vec![
		pallet_attribution::NextInferenceId::<Runtime>::hashed_key().to_vec(),
		pallet_revenue::Flow::<Runtime>::hashed_key().to_vec(),
		frame_system::Account::<Runtime>::hashed_key_for(Revenue::account_id()),
	]
}

#[test]
fn the_whitelist_is_frames_own_and_tributarys_three() {
	type Frame = (
		System,
		Timestamp,
		Aura,
		Grandpa,
		Balances,
		TransactionPayment,
		Sudo,
		Authorship,
		Session,
		Historical,
		Offences,
	);
	let frame: Vec<Vec<u8>> = <Frame as WhitelistedStorageKeys>::whitelisted_storage_keys()
		.into_iter()
		.map(|k| k.key)
		.collect();
	assert!(
		<(Datanets, Models, ValidatorSet) as WhitelistedStorageKeys>::whitelisted_storage_keys()
			.is_empty()
	);
	let mut expected: Vec<Vec<u8>> = frame.into_iter().chain(tributary_keys()).collect();
	let mut got: Vec<Vec<u8>> = benchmark_whitelist().into_iter().map(|k| k.key).collect();
	let listed = got.len();
	expected.sort();
	got.sort();
	got.dedup();
	assert_eq!(got.len(), listed, "a key whitelisted twice");
	assert_eq!(got, expected, "the whitelist is not FRAME's keys and Tributary's three");
}

#[test]
fn every_block_is_charged_one_read_and_write_per_tributary_key() {
	let db = <Runtime as frame_system::Config>::DbWeight::get();
	let keys = tributary_keys().len() as u64;
	let storage = RuntimeGenesisConfig::default().build_storage().expect("genesis builds");
	sp_io::TestExternalities::new(storage).execute_with(|| {
		let digest = Digest {
			logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(1u64).encode())],
		};
		let parent = frame_system::BlockHash::<Runtime>::get(0);
		Executive::initialize_block(&Header::new(1, H256::zero(), H256::zero(), parent, digest));
		let mandatory = *System::block_weight().get(DispatchClass::Mandatory);
		let base = <Runtime as frame_system::Config>::BlockWeights::get().base_block;
		// What the hooks charge, and nothing of it twice: the block's mandatory weight holds
		// the base block and every pallet's `on_initialize`, ours among them.
		assert!(
			mandatory.all_gte(base.saturating_add(db.reads_writes(keys, keys))),
			"{mandatory:?}"
		);
		use frame_support::traits::Hooks;
		let ours = Attribution::on_initialize(1).saturating_add(Revenue::on_initialize(1));
		assert_eq!(ours, db.reads_writes(keys, keys));
	});
}

#[test]
fn the_weights_were_benchmarked_with_the_whitelist() {
	// Each generated file lists, per call, the storage items its benchmark counted.
	let revenue = include_str!("../src/weights/pallet_revenue.rs");
	let attribution = include_str!("../src/weights/pallet_attribution.rs");
	for (file, item) in [
		(revenue, "`Revenue::Flow`"),
		(attribution, "`Revenue::Flow`"),
		(attribution, "`Attribution::NextInferenceId`"),
	] {
		assert!(!file.contains(item), "{item} is still counted: regenerate the weights");
	}
	assert!(revenue.contains("fn claim(") && attribution.contains("fn pay_inference("));
}
