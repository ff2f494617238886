//! The runtime's `Migrations`, run as `Executive` runs them on an upgrade: on a chain built
//! from this runtime's genesis every pallet is already at its in-code storage version, so
//! each versioned migration must skip itself and change nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use frame_support::traits::GetStorageVersion;
use sp_runtime::BuildStorage;
use tributary_runtime::{Attribution, Datanets, Executive, Models, Revenue, RuntimeGenesisConfig};

#[test]
fn migrations_are_a_no_op_on_a_chain_at_the_current_versions() {
	let storage = RuntimeGenesisConfig::default().build_storage().expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		let versions = || {
			[
				Datanets::on_chain_storage_version(),
				Models::on_chain_storage_version(),
				Revenue::on_chain_storage_version(),
				Attribution::on_chain_storage_version(),
			]
		};
		assert_eq!(
			[
				Datanets::in_code_storage_version(),
				Models::in_code_storage_version(),
				Revenue::in_code_storage_version(),
				Attribution::in_code_storage_version(),
			],
			versions(),
			"genesis writes the in-code versions"
		);
		let at_genesis = versions();
		let root_before = sp_io::storage::root(sp_runtime::StateVersion::V1);
		Executive::execute_on_runtime_upgrade();
		// The upgrade bumps frame-system's `LastRuntimeUpgrade` only when the spec changes,
		// and the pallets' migrations skip themselves: nothing is written.
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root_before);
		assert_eq!(versions(), at_genesis);
	});
}
