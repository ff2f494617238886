//! A test runtime: system, balances and the model registry over a mock dataset registry
//! that counts the model versions trained on each datanet.

use crate as pallet_models;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::Contains, PalletId};
use sp_runtime::{traits::AccountIdConversion, BuildStorage, DispatchError, Perbill};
use std::collections::{BTreeMap, BTreeSet};
use tributary_primitives::*;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub use tributary_primitives::Balance;

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
	static REFUSE_USE: RefCell<BTreeSet<DatanetId>> = const { RefCell::new(BTreeSet::new()) };
}

/// Publishes `version` of `datanet` in the mock registry, with `license`.
pub fn publish(datanet: DatanetId, version: DatanetVersion, license: LicenseTerms<u64>) {
	VERSIONS.with(|v| v.borrow_mut().insert((datanet, version)));
	LICENSES.with(|l| l.borrow_mut().insert(datanet, license));
}

/// Changes the current licence of `datanet` (as its curator would).
pub fn set_license(datanet: DatanetId, license: LicenseTerms<u64>) {
	LICENSES.with(|l| l.borrow_mut().insert(datanet, license));
}

/// The storage key of a datanet's usage count. Counts live in storage, as in
/// `pallet-datanets`, so a refused call rolls them back with everything else.
fn usage_key(datanet: DatanetId) -> Vec<u8> {
	codec::Encode::encode(&(b"mock/usage", datanet))
}

fn set_usage(datanet: DatanetId, count: u32) {
	frame_support::storage::unhashed::put(&usage_key(datanet), &count);
}

/// How many model versions the mock registry was told are trained on `datanet`.
pub fn usage(datanet: DatanetId) -> u32 {
	frame_support::storage::unhashed::get(&usage_key(datanet)).unwrap_or_default()
}

/// Every non-zero usage count of a known datanet.
pub fn usage_counts() -> BTreeMap<DatanetId, u32> {
	let known: Vec<DatanetId> = LICENSES.with(|l| l.borrow().keys().copied().collect());
	known.into_iter().map(|d| (d, usage(d))).filter(|(_, n)| *n > 0).collect()
}

/// Makes `note_used(datanet)` fail, as a closed datanet would.
pub fn refuse_use(datanet: DatanetId) {
	REFUSE_USE.with(|r| r.borrow_mut().insert(datanet));
}

/// The error the mock registry refuses a use with.
pub const USE_REFUSED: DispatchError = DispatchError::Other("datanet refuses new models");

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
	fn latest_version(datanet: DatanetId) -> DatanetVersion {
		VERSIONS
			.with(|v| v.borrow().iter().filter(|(d, _)| *d == datanet).map(|(_, n)| *n).max())
			.unwrap_or_default()
	}
	fn license(datanet: DatanetId) -> Option<LicenseTerms<u64>> {
		LICENSES.with(|l| l.borrow().get(&datanet).cloned())
	}
	fn contributions_of(_: &AccountId, _: Option<ContributionId>, _: u32) -> Vec<ContributionId> {
		Vec::new()
	}
}

/// Counts uses like `pallet-datanets`; a released count below zero is a bug of the models
/// pallet and panics the test.
impl DatanetUsage for MockDatanets {
	fn note_used(datanet: DatanetId) -> Result<(), DispatchError> {
		if REFUSE_USE.with(|r| r.borrow().contains(&datanet)) {
			return Err(USE_REFUSED);
		}
		set_usage(datanet, usage(datanet) + 1);
		Ok(())
	}
	fn note_released(datanet: DatanetId) {
		let count = usage(datanet).checked_sub(1).expect("released more often than used");
		set_usage(datanet, count);
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl DatanetsBenchmarkHelper<AccountId> for MockDatanets {
	fn published_datanet(
		_: &AccountId,
		contributions: u32,
	) -> (DatanetId, DatanetVersion, Vec<(ContributionId, AccountId)>) {
		let datanet = LICENSES.with(|l| l.borrow().keys().max().map_or(0, |max| max + 1));
		publish(datanet, 1, LicenseTerms::permissive());
		let owned = (0..contributions).map(|n| (n as u64, 1_000 + n as u64)).collect();
		(datanet, 1, owned)
	}
	fn contribute(_: &AccountId, _: DatanetId, count: u32) -> Vec<ContributionId> {
		(0..count as u64).collect()
	}
	fn publish(_: &AccountId, datanet: DatanetId) -> DatanetVersion {
		let next = MockDatanets::latest_version(datanet) + 1;
		let license = MockDatanets::license(datanet).unwrap_or_else(LicenseTerms::permissive);
		publish(datanet, next, license);
		next
	}
	fn inflate_version(_: DatanetId, _: DatanetVersion, _: u64, _: u128) {}
}

parameter_types! {
	pub const TreasuryCut: Perbill = Perbill::from_percent(5);
	/// Settable so that a test can break it (`integrity_test` must refuse 0).
	pub static MaxModelVersions: u32 = 5;
	/// The revenue pallet's account, where pooled earnings wait for their claims.
	pub RevenueAccount: AccountId = PalletId(*b"trb/rvnu").into_account_truncating();
}

/// The treasury (protected like every pallet account).
pub const TREASURY: AccountId = 99;

/// The treasury and the revenue pallet's account.
pub struct Protected;
impl Contains<AccountId> for Protected {
	fn contains(who: &AccountId) -> bool {
		*who == TREASURY || *who == RevenueAccount::get()
	}
}

impl pallet_models::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datanets = MockDatanets;
	type DatanetUsage = MockDatanets;
	type ProtectedAccounts = Protected;
	type TreasuryCut = TreasuryCut;
	type DepositBase = frame_support::traits::ConstU128<100>;
	type DepositPerByte = frame_support::traits::ConstU128<1>;
	type MaxNameLength = frame_support::traits::ConstU32<32>;
	type MaxUriLength = frame_support::traits::ConstU32<64>;
	type MaxTrainingDatanets = frame_support::traits::ConstU32<4>;
	type MaxOperators = frame_support::traits::ConstU32<3>;
	type MaxModelVersions = MaxModelVersions;
	type MaxLineageDepth = frame_support::traits::ConstU32<3>;
	/// Smaller than 4 × (3 + 1) = 16, so the bound can be reached.
	type MaxLineageDatanets = frame_support::traits::ConstU32<12>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockDatanets;
	type WeightInfo = ();
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const POOR: AccountId = 4;
pub const DAVE: AccountId = 5;

/// Every funded account and its genesis balance.
pub fn genesis_balances() -> Vec<(AccountId, Balance)> {
	vec![
		(ALICE, 1_000_000),
		(BOB, 1_000_000),
		(CHARLIE, 1_000_000),
		(POOR, 10),
		(DAVE, 1_000_000),
		(TREASURY, 1_000_000),
		(RevenueAccount::get(), 1_000_000),
	]
}

/// A fresh chain at block 1; datanets 0..16 publish version 1 under open licenses.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> { balances: genesis_balances(), ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	VERSIONS.with(|v| v.borrow_mut().clear());
	LICENSES.with(|l| l.borrow_mut().clear());
	REFUSE_USE.with(|r| r.borrow_mut().clear());
	for datanet in 0..16 {
		publish(datanet, 1, LicenseTerms::permissive());
	}
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The usage counts the stored versions imply: one per version per training datanet.
pub fn expected_usage() -> BTreeMap<DatanetId, u32> {
	let mut counts = BTreeMap::new();
	for (_, _, info) in crate::ModelVersions::<Test>::iter() {
		for (datanet, _) in info.training_data {
			*counts.entry(datanet).or_default() += 1;
		}
	}
	counts
}

/// Checks every invariant: the pallet's own and the mock registry's usage counts.
pub fn check_invariants() {
	Models::do_try_state().unwrap();
	assert_eq!(usage_counts(), expected_usage(), "datanet usage counts drifted");
}

/// Runs `test` on a fresh chain, then checks every invariant.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		check_invariants();
	});
}
