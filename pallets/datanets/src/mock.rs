//! A test runtime: system, balances and the dataset registry.

use crate as pallet_datanets;
use frame_support::{derive_impl, parameter_types, traits::UnixTime};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Datanets: pallet_datanets,
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
	type ExistentialDeposit = ExistentialDeposit;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// Registration time the mock clock reports: 2026-11-22 00:00:00 UTC.
pub const NOW_MS: u64 = 1_795_305_600_000;

/// A clock frozen at [`NOW_MS`].
pub struct FrozenClock;
impl UnixTime for FrozenClock {
	fn now() -> core::time::Duration {
		core::time::Duration::from_millis(NOW_MS)
	}
}

parameter_types! {
	pub const ExistentialDeposit: Balance = 1;
	pub const Treasury: AccountId = 999;
	pub const DepositBase: Balance = 100;
	pub const DepositPerByte: Balance = 1;
	pub const MaxVersions: u32 = 8;
	pub const MaxContributionWeight: u64 = 1_000;
}

impl pallet_datanets::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = FrozenClock;
	type TreasuryAccount = Treasury;
	type DepositBase = DepositBase;
	type DepositPerByte = DepositPerByte;
	type MaxNameLength = frame_support::traits::ConstU32<32>;
	type MaxUriLength = frame_support::traits::ConstU32<64>;
	type MaxMetadataLength = frame_support::traits::ConstU32<64>;
	type MaxVersions = MaxVersions;
	type MaxContributionWeight = MaxContributionWeight;
	type WeightInfo = ();
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const POOR: AccountId = 4;
/// What each funded test account starts with.
pub const ENDOWMENT: Balance = 1_000_000;

/// A fresh chain at block 1 with Alice, Bob, Charlie and the treasury funded.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, ENDOWMENT),
			(BOB, ENDOWMENT),
			(CHARLIE, ENDOWMENT),
			(999, 1),
			(POOR, 10),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a fresh chain, then checks every invariant.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Datanets::do_try_state().unwrap();
	});
}
