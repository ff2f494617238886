//! A test runtime: system, balances and the model registry over a mock dataset registry.

use crate as pallet_models;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types};
use sp_runtime::{BuildStorage, Perbill};
use std::collections::{BTreeMap, BTreeSet};
use tributary_primitives::*;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Models: pallet_models,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

thread_local! {
	static VERSIONS: RefCell<BTreeSet<(DatanetId, DatanetVersion)>> = const { RefCell::new(BTreeSet::new()) };
	static LICENSES: RefCell<BTreeMap<DatanetId, LicenseTerms<u64>>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// Permissive license terms: everything allowed, no expiry.
pub fn open_license() -> LicenseTerms<u64> {
	LicenseTerms {
		train: true,
		fine_tune: true,
		retrieval: true,
		commercial: true,
		derivatives: true,
		expires_at: None,
		legal_text_hash: Default::default(),
	}
}

/// Publishes `version` of `datanet` in the mock registry, with `license`.
pub fn publish(datanet: DatanetId, version: DatanetVersion, license: LicenseTerms<u64>) {
	VERSIONS.with(|v| v.borrow_mut().insert((datanet, version)));
	LICENSES.with(|l| l.borrow_mut().insert(datanet, license));
}

/// A dataset registry that knows only what tests publish.
pub struct MockDatanets;
impl DatanetsInspect<AccountId, u64> for MockDatanets {
	fn contribution(_: ContributionId) -> Option<ContributionView<AccountId>> {
		None
	}
	fn version(datanet: DatanetId, version: DatanetVersion) -> Option<VersionView> {
		VERSIONS.with(|v| v.borrow().contains(&(datanet, version))).then(|| VersionView {
			contribution_count: 1,
			total_weight: 1,
			root: Default::default(),
		})
	}
	fn latest_version(_: DatanetId) -> DatanetVersion {
		0
	}
	fn license(datanet: DatanetId) -> Option<LicenseTerms<u64>> {
		LICENSES.with(|l| l.borrow().get(&datanet).cloned())
	}
	fn contributions_of(_: &AccountId, _: Option<ContributionId>, _: u32) -> Vec<ContributionId> {
		Vec::new()
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl DatanetsBenchmarkHelper<AccountId> for MockDatanets {
	fn published_datanet(
		_: &AccountId,
		_: u32,
	) -> (DatanetId, DatanetVersion, Vec<ContributionId>) {
		let datanet = LICENSES.with(|l| l.borrow().len() as u32);
		publish(datanet, 1, open_license());
		(datanet, 1, Vec::new())
	}
	fn inflate_version(_: DatanetId, _: DatanetVersion, _: u64, _: u128) {}
}

parameter_types! {
	pub const TreasuryCut: Perbill = Perbill::from_percent(5);
}

impl pallet_models::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datanets = MockDatanets;
	type TreasuryCut = TreasuryCut;
	type DepositBase = frame_support::traits::ConstU128<100>;
	type DepositPerByte = frame_support::traits::ConstU128<1>;
	type MaxNameLength = frame_support::traits::ConstU32<32>;
	type MaxUriLength = frame_support::traits::ConstU32<64>;
	type MaxTrainingDatanets = frame_support::traits::ConstU32<4>;
	type MaxOperators = frame_support::traits::ConstU32<3>;
	type MaxModelVersions = frame_support::traits::ConstU32<5>;
	type MaxLineageDepth = frame_support::traits::ConstU32<2>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockDatanets;
	type WeightInfo = ();
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const POOR: AccountId = 4;

/// A fresh chain at block 1; datanets 0..=3 publish version 1 under open licenses.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, 1_000_000), (BOB, 1_000_000), (CHARLIE, 1_000_000), (POOR, 10)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	VERSIONS.with(|v| v.borrow_mut().clear());
	LICENSES.with(|l| l.borrow_mut().clear());
	for datanet in 0..4 {
		publish(datanet, 1, open_license());
	}
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a fresh chain, then checks every invariant.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Models::do_try_state().unwrap();
	});
}
