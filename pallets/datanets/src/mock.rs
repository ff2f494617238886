//! A test runtime: system, balances and the dataset registry.

use crate as pallet_datanets;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::Contains};
use sp_runtime::BuildStorage;
pub use tributary_primitives::testing::{FrozenClock, FROZEN_NOW_MS as NOW_MS};
use tributary_primitives::{ContributionId, ContributionStatus, OnContributionFlagged};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub use tributary_primitives::Balance;

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

parameter_types! {
	pub const ExistentialDeposit: Balance = 1;
	pub const Treasury: AccountId = TREASURY;
	pub const DepositBase: Balance = 100;
	pub const DepositPerByte: Balance = 1;
	pub const DepositPerWeight: Balance = 10;
	/// Settable so that a test can break it (`integrity_test` must refuse 0).
	pub static MaxVersions: u32 = 8;
	pub const MaxContributionWeight: u64 = 1_000;
}

impl pallet_datanets::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = FrozenClock;
	type TreasuryAccount = Treasury;
	type DepositBase = DepositBase;
	type DepositPerByte = DepositPerByte;
	type DepositPerWeight = DepositPerWeight;
	type ProtectedAccounts = Protected;
	type OnFlagged = FlagRecorder;
	type MaxNameLength = frame_support::traits::ConstU32<32>;
	type MaxUriLength = frame_support::traits::ConstU32<64>;
	type MaxMetadataLength = frame_support::traits::ConstU32<64>;
	type MaxVersions = MaxVersions;
	type MaxContributionWeight = MaxContributionWeight;
	type WeightInfo = ();
}

/// The treasury of the mock.
pub const TREASURY: AccountId = 999;
/// A pallet account (as the revenue pallet's would be): funded, and never a recipient.
pub const PALLET_ACCOUNT: AccountId = 777;

/// The treasury and the pallet account.
pub struct Protected;
impl Contains<AccountId> for Protected {
	fn contains(who: &AccountId) -> bool {
		*who == TREASURY || *who == PALLET_ACCOUNT
	}
}

/// What `OnFlagged` saw when it was told: the contribution, its owner, and the
/// contribution's status and its datanet's accepted count at that moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagSeen {
	pub contribution: ContributionId,
	pub owner: AccountId,
	pub status: ContributionStatus,
	pub datanet_accepted: u64,
}

thread_local! {
	static FLAGS_SEEN: RefCell<Vec<FlagSeen>> = const { RefCell::new(Vec::new()) };
}

/// Records every `contribution_flagged` call with the state it saw.
pub struct FlagRecorder;
impl OnContributionFlagged<AccountId> for FlagRecorder {
	fn contribution_flagged(id: ContributionId, owner: &AccountId) {
		let c = crate::Contributions::<Test>::get(id).expect("told of a stored contribution");
		let datanet_accepted =
			crate::Datanets::<Test>::get(c.datanet).expect("of a stored datanet").accepted;
		FLAGS_SEEN.with(|seen| {
			seen.borrow_mut().push(FlagSeen {
				contribution: id,
				owner: *owner,
				status: c.status,
				datanet_accepted,
			})
		});
	}
}

/// Every `contribution_flagged` call so far in this test.
pub fn flags_seen() -> Vec<FlagSeen> {
	FLAGS_SEEN.with(|seen| seen.borrow().clone())
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const POOR: AccountId = 4;
/// What each funded test account starts with.
pub const ENDOWMENT: Balance = 1_000_000;

/// A fresh chain at block 1 with Alice, Bob, Charlie, the pallet account and the treasury
/// funded, and `POOR` nearly broke.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, ENDOWMENT),
			(BOB, ENDOWMENT),
			(CHARLIE, ENDOWMENT),
			(TREASURY, 1),
			(PALLET_ACCOUNT, ENDOWMENT),
			(POOR, 10),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	FLAGS_SEEN.with(|seen| seen.borrow_mut().clear());
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
