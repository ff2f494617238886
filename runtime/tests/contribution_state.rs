//! What one contribution costs in state on the real runtime (its types and dataset-registry
//! parameters), measured as `scripts/bench/load.mjs` measures `stateBytes.contribution`, and
//! that its deposit pays for what it stores.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use codec::{Compact, Encode, MaxEncodedLen};
use frame_support::{assert_ok, storage::unhashed, traits::Get, BoundedVec};
use pallet_datanets::{
	ContributionByHash, ContributionOf, ContributionPolicy, Contributions, ContributionsByOwner,
	NextContributionId, NextDatanetId,
};
use sp_core::H256;
use sp_runtime::BuildStorage;
use tributary_primitives::{
	testing::FROZEN_NOW_MS, AccountId, ContributionStatus, LicenseTerms, TRIB,
};
use tributary_runtime::{Datanets, Runtime, RuntimeGenesisConfig, RuntimeOrigin, System};

fn bounded<S: Get<u32>>(bytes: &[u8]) -> BoundedVec<u8, S> {
	BoundedVec::try_from(bytes.to_vec()).unwrap()
}

/// A funded account.
fn account(n: u8) -> AccountId {
	AccountId::new([n; 32])
}

/// The runtime's genesis with accounts 1 and 2 funded, at block 1 and a time of this era
/// (`FROZEN_NOW_MS`, 2026-11-22: seven bytes compact, as in the load run).
fn new_test_ext() -> sp_io::TestExternalities {
	let mut genesis = RuntimeGenesisConfig::default();
	genesis.balances.balances = vec![(account(1), 1_000 * TRIB), (account(2), 1_000 * TRIB)];
	let mut ext = sp_io::TestExternalities::new(genesis.build_storage().unwrap());
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(FROZEN_NOW_MS);
	});
	ext
}

/// The longest contribution the runtime admits encodes in exactly its `MaxEncodedLen`, and
/// its deposit counts every byte of it.
#[test]
fn the_longest_contribution_is_its_max_encoded_len_and_pays_for_it() {
	let record = ContributionOf::<Runtime>::longest(account(0xff), u32::MAX);
	assert_eq!(record.encoded_size(), ContributionOf::<Runtime>::max_encoded_len());
	assert_eq!(record.deposit_bytes(), record.encoded_size());
}

/// The state one contribution costs, measured as `scripts/bench/load.mjs` measures
/// `stateBytes.contribution`: (key, value) lengths of its `Contributions` record and its
/// `ContributionByHash` entry, and the key length of its `ContributionsByOwner` entry
/// (whose value, `()`, is empty).
fn state_bytes(id: u64, hash: H256) -> [(usize, usize); 3] {
	let owner = Contributions::<Runtime>::get(id).expect("stored").owner;
	let raw = |key: Vec<u8>| {
		let value = unhashed::get_raw(&key).expect("stored").len();
		(key.len(), value)
	};
	let owned = raw(ContributionsByOwner::<Runtime>::hashed_key_for(&owner, id));
	assert_eq!(owned.1, 0, "the owner index stores no value");
	[
		raw(Contributions::<Runtime>::hashed_key_for(id)),
		raw(ContributionByHash::<Runtime>::hashed_key_for(hash)),
		owned,
	]
}

fn total(parts: [(usize, usize); 3]) -> usize {
	parts.iter().map(|(key, value)| key + value).sum()
}

/// The load run's contribution (4 KiB, URI `ipfs://x`, no metadata, default weight 4)
/// to an open datanet made as the load run makes it, accepted on submit, then version 1
/// published. Returns the contribution's id.
fn load_run_contribution(uri: &[u8], metadata: &[u8]) -> u64 {
	let curator = account(1);
	let datanet = NextDatanetId::<Runtime>::get();
	assert_ok!(Datanets::create_datanet(
		RuntimeOrigin::signed(curator.clone()),
		bounded(b"load"),
		bounded(b"ipfs://load"),
		ContributionPolicy::Open,
		LicenseTerms::permissive(),
		bounded(b"ipfs://l"),
	));
	let id = NextContributionId::<Runtime>::get();
	assert_ok!(Datanets::contribute(
		RuntimeOrigin::signed(account(2)),
		datanet,
		H256::repeat_byte(0x42),
		4096,
		bounded(uri),
		bounded(metadata),
	));
	assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(curator), datanet));
	let c = Contributions::<Runtime>::get(id).unwrap();
	assert_eq!((c.status, c.weight), (ContributionStatus::Accepted, 4));
	id
}

/// The load run's contribution costs 244 bytes of state (it cost 362 before issue 14):
///
/// | item                   | key                                | value |
/// |------------------------|------------------------------------|-------|
/// | `Contributions`        | 40 (prefix 32 + `Identity` id 8)    | 99    |
/// | `ContributionByHash`   | 48 (prefix 32 + `Blake2_128` 16)    | 1     |
/// | `ContributionsByOwner` | 56 (32 + `Blake2_128` 16 + id 8)    | —     |
///
/// The record's 99 bytes: datanet 1, owner 32, content hash 32, size 2, URI 9, metadata
/// 1, weight 1, status 1, block 2, time 7, deposit 6, leaf index 2, first version 2,
/// last version 1. It is made at block 100 (any block from 64 to 16,383, the first 27
/// hours, costs the same); its id, 0, is one byte in the hash index up to id 63.
#[test]
fn contribution_costs_at_most_256_bytes_of_state() {
	new_test_ext().execute_with(|| {
		System::set_block_number(100);
		let id = load_run_contribution(b"ipfs://x", b"");
		let parts = state_bytes(id, H256::repeat_byte(0x42));
		println!("load run's contribution: {parts:?} = {} bytes", total(parts));
		assert_eq!(parts, [(40, 99), (48, 1), (56, 0)]);
		assert_eq!(total(parts), 244);
		assert!(total(parts) <= 256);
		// Its deposit pays for the record as submitted (pending, no leaf, no version: 2
		// bytes less), the compact deposit field counted at its longest (17 bytes, not the
		// 6 it takes). The runtime harness checks every contribution's deposit this way.
		let c = Contributions::<Runtime>::get(id).unwrap();
		let mut submitted = c.clone();
		(submitted.status, submitted.leaf_index, submitted.first_version) =
			(ContributionStatus::Pending, None, None);
		let bytes = submitted.encoded_size() - Compact(c.deposit).encoded_size()
			+ Compact::<u128>::max_encoded_len();
		assert_eq!((bytes, submitted.deposit_bytes()), (99 - 2 - 6 + 17, bytes));
		assert_eq!(
			c.deposit,
			<<Runtime as pallet_datanets::Config>::DepositBase as Get<u128>>::get()
				+ <<Runtime as pallet_datanets::Config>::DepositPerByte as Get<u128>>::get()
					* bytes as u128
				+ <<Runtime as pallet_datanets::Config>::DepositPerWeight as Get<u128>>::get() * 4
		);
		Datanets::do_try_state().unwrap();
	});
}

/// The same contribution on a chain whose every count has grown as far as a compact
/// number stays within 4 bytes (below 2^30: a billion datanets and contributions, 200
/// years of blocks), its datanet's Merkle tree all but full (leaf 2^24 - 1) and at its
/// last version (`MaxVersions` 1024), still costs at most 256 bytes. A longer URI or
/// metadata costs one byte of state per byte (and one length byte more from 64 bytes
/// on), which its owner pays for at `DepositPerByte`: with the longest (256 and 512
/// bytes) it costs 1,018.
#[test]
fn contribution_on_a_grown_chain_costs_at_most_256_bytes_of_state() {
	let grown = |uri: &[u8], metadata: &[u8]| {
		new_test_ext().execute_with(|| {
			let below = (1u32 << 30) - 1;
			System::set_block_number(below);
			NextDatanetId::<Runtime>::put(below);
			// The contribution measured is the second: id 2^30 - 1.
			NextContributionId::<Runtime>::put(u64::from(below) - 1);
			let datanet = NextDatanetId::<Runtime>::get();
			let id = load_run_contribution(b"ipfs://x", b"");
			// Grow the datanet, then contribute again to it.
			pallet_datanets::Datanets::<Runtime>::mutate(datanet, |d| {
				let d = d.as_mut().unwrap();
				(d.leaves, d.latest_version) = ((1 << 24) - 1, 1023);
			});
			let hash = H256::repeat_byte(0x43);
			assert_ok!(Datanets::contribute(
				RuntimeOrigin::signed(account(2)),
				datanet,
				hash,
				4096,
				bounded(uri),
				bounded(metadata),
			));
			let c = Contributions::<Runtime>::get(id + 1).unwrap();
			assert_eq!(c.leaf_index, Some(Compact((1 << 24) - 1)));
			assert_eq!(c.first_version, Some(Compact(1024)));
			state_bytes(id + 1, hash)
		})
	};
	let parts = grown(b"ipfs://x", b"");
	println!("on a grown chain: {parts:?} = {} bytes", total(parts));
	// The record grows by 9 bytes (datanet +3, block +2, leaf index +3, first version
	// +1), the hash index's id by 3.
	assert_eq!(parts, [(40, 108), (48, 4), (56, 0)]);
	assert!(total(parts) <= 256);
	let longest = grown(&[b'u'; 256], &[b'm'; 512]);
	println!("with the longest URI and metadata: {longest:?} = {} bytes", total(longest));
	assert_eq!(total(longest), total(parts) + (256 - 8 + 1) + (512 + 1));
}
