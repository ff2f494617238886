//! A test runtime: system, balances, this pallet as pallet-session's manager (through the
//! historical wrapper, as in the runtime) and pallet-session with test keys.

use crate as pallet_validator_set;
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use sp_runtime::{impl_opaque_keys, testing::UintAuthorityId, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

/// Every account the tests use is endowed with this much.
pub const ENDOWMENT: Balance = 1_000;
/// `session.set_keys` holds this much.
pub const KEY_DEPOSIT: Balance = 10;
/// The genesis validators; 9 has keys but is not in the set; 7 has no keys.
pub const GENESIS: [AccountId; 4] = [1, 2, 3, 4];
/// Accounts with genesis session keys outside the set.
pub const CANDIDATE: AccountId = 9;
/// An account without keys.
pub const KEYLESS: AccountId = 7;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ValidatorSet: pallet_validator_set,
		Session: pallet_session,
		Historical: pallet_session::historical,
	}
);

impl_opaque_keys! {
	pub struct MockKeys {
		pub dummy: UintAuthorityId,
	}
}

/// The test keys of `account`.
pub fn keys_of(account: AccountId) -> MockKeys {
	MockKeys { dummy: UintAuthorityId(account) }
}

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

parameter_types! {
	pub const KeyDeposit: Balance = KEY_DEPOSIT;
}

impl pallet_session::Config for Test {
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = ValidatorSet;
	type NextSessionRotation = ValidatorSet;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Test, ValidatorSet>;
	type SessionHandler = pallet_session::TestSessionHandler;
	type Keys = MockKeys;
	type DisablingStrategy = pallet_session::disabling::UpToLimitWithReEnablingDisablingStrategy;
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = KeyDeposit;
	type RuntimeEvent = RuntimeEvent;
}

impl pallet_session::historical::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = crate::NoIdentification;
}

/// The mock's maximum set size.
pub const MAX_VALIDATORS: u32 = 6;
/// The mock's session length bounds.
pub const MIN_SESSION: u64 = 2;
pub const MAX_SESSION: u64 = 100;
/// Sessions of historical roots the mock keeps.
pub const HISTORY_DEPTH: u32 = 3;
/// The genesis session length.
pub const GENESIS_SESSION: u64 = 5;
/// The genesis floor.
pub const GENESIS_FLOOR: u32 = 2;

parameter_types! {
	pub const MinSessionLength: u64 = MIN_SESSION;
	pub const MaxSessionLength: u64 = MAX_SESSION;
}

impl pallet_validator_set::Config for Test {
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type MinSessionLength = MinSessionLength;
	type MaxSessionLength = MaxSessionLength;
	type HistoryDepth = ConstU32<HISTORY_DEPTH>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = FreshKeys;
	type WeightInfo = ();
}

/// Fresh test keys on every call, with their owner's proof.
#[cfg(feature = "runtime-benchmarks")]
pub struct FreshKeys;

#[cfg(feature = "runtime-benchmarks")]
impl crate::SessionKeysGenerator<AccountId, MockKeys> for FreshKeys {
	fn generate(owner: &AccountId) -> (MockKeys, Vec<u8>) {
		use codec::Encode;
		use sp_runtime::RuntimeAppPublic;
		thread_local!(static NEXT: core::cell::Cell<u64> = const { core::cell::Cell::new(1_000) });
		let id = NEXT.with(|next| next.replace(next.get() + 1));
		let key = UintAuthorityId(id);
		let proof = key.sign(&owner.encode()).unwrap().encode();
		(MockKeys { dummy: key }, proof)
	}
}

/// The genesis of the tests: `GENESIS` validate, `CANDIDATE` has keys, everyone is endowed.
pub fn genesis() -> pallet_validator_set::GenesisConfig<Test> {
	pallet_validator_set::GenesisConfig {
		validators: GENESIS.to_vec(),
		min_validators: GENESIS_FLOOR,
		session_length: GENESIS_SESSION,
	}
}

/// Externalities built from `set`'s genesis (block 1, events recorded).
pub fn new_test_ext_with(
	set: pallet_validator_set::GenesisConfig<Test>,
) -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let endowed: Vec<AccountId> = (1..=12).collect();
	pallet_balances::GenesisConfig::<Test> {
		balances: endowed.iter().map(|a| (*a, ENDOWMENT)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let with_keys = set.validators.iter().copied().chain([CANDIDATE]);
	let keys = with_keys.map(|a| (a, a, keys_of(a))).collect();
	set.assimilate_storage(&mut storage).unwrap();
	pallet_session::GenesisConfig::<Test> { keys, non_authority_keys: vec![] }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Externalities from the tests' genesis.
pub fn new_test_ext() -> sp_io::TestExternalities {
	new_test_ext_with(genesis())
}

/// Runs blocks until block `n`, with the hooks pallet-session needs.
pub fn run_to_block(n: u64) {
	use frame_support::traits::{OnFinalize, OnInitialize};
	while System::block_number() < n {
		let next = System::block_number() + 1;
		Session::on_finalize(System::block_number());
		System::set_block_number(next);
		ValidatorSet::on_initialize(next);
		Session::on_initialize(next);
	}
}

/// Runs blocks until session `index` has begun.
pub fn run_to_session(index: u32) {
	while Session::current_index() < index {
		run_to_block(System::block_number() + 1);
	}
}
