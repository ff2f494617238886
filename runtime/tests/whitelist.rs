//! The storage items the benchmarks leave out of every call's weight (whitelisted, because a
//! block commits each once however many calls touch it) are charged once per block: every
//! whitelisted key is FRAME's own or one that Tributary's pallets charge in `on_initialize`,
//! and those hooks charge one read and one write per key.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use frame_support::traits::{Hooks, WhitelistedStorageKeys};
use tributary_runtime::{
	configs::benchmark_whitelist, Attribution, Aura, Balances, Datanets, Grandpa, Models, Revenue,
	Runtime, Sudo, System, Timestamp, TransactionPayment,
};

fn key_of(key: &[u8]) -> Vec<u8> {
	key.to_vec()
}

#[test]
fn every_whitelisted_key_is_charged_once_per_block() {
	let db = <Runtime as frame_system::Config>::DbWeight::get();
	let whitelist: Vec<Vec<u8>> = benchmark_whitelist().into_iter().map(|k| k.key).collect();
	// FRAME's pallets whitelist what every block reads and writes (charged in the block's
	// base weight); Tributary's registries whitelist nothing.
	type Frame = (System, Timestamp, Aura, Grandpa, Balances, TransactionPayment, Sudo);
	let frame: Vec<Vec<u8>> = <Frame as WhitelistedStorageKeys>::whitelisted_storage_keys()
		.into_iter()
		.map(|k| k.key)
		.collect();
	assert!(<(Datanets, Models) as WhitelistedStorageKeys>::whitelisted_storage_keys().is_empty());

	// Attribution: the next inference id, charged by its own `on_initialize`.
	let attribution = vec![key_of(&pallet_attribution::NextInferenceId::<Runtime>::hashed_key())];
	assert_eq!(
		<Attribution as WhitelistedStorageKeys>::whitelisted_storage_keys()
			.into_iter()
			.map(|k| k.key)
			.collect::<Vec<_>>(),
		attribution
	);
	let n = attribution.len() as u64;
	assert_eq!(Attribution::on_initialize(1), db.reads_writes(n, n));

	// Revenue: the money totals (its whitelisted item) and its account's balance (the
	// runtime's addition), both charged by its `on_initialize`.
	let account = frame_system::Account::<Runtime>::hashed_key_for(Revenue::account_id());
	let revenue = vec![key_of(&pallet_revenue::Flow::<Runtime>::hashed_key()), account];
	let n = revenue.len() as u64;
	assert_eq!(Revenue::on_initialize(1), db.reads_writes(n, n));

	// Nothing else is whitelisted, and nothing twice.
	let mut expected: Vec<Vec<u8>> =
		frame.iter().cloned().chain(attribution).chain(revenue).collect();
	let mut got = whitelist.clone();
	expected.sort();
	got.sort();
	assert_eq!(
		got, expected,
		"a whitelisted key no hook charges, or a charged key not whitelisted"
	);
	got.dedup();
	assert_eq!(got.len(), whitelist.len(), "a key whitelisted twice");
}
