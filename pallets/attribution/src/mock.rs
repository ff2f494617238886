//! A test runtime: system, balances, and the real dataset registry, model registry and
//! revenue pallets under attribution.

use crate as pallet_attribution;
use frame_support::{derive_impl, parameter_types, traits::UnixTime, PalletId};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, Perbill};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub use crate::Balance;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Datanets: pallet_datanets,
		Models: pallet_models,
		Revenue: pallet_revenue,
		Attribution: pallet_attribution,
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

pub struct FrozenClock;
impl UnixTime for FrozenClock {
	fn now() -> core::time::Duration {
		core::time::Duration::from_secs(1_795_305_600)
	}
}

parameter_types! {
	pub const Treasury: AccountId = 999;
	pub const TreasuryCut: Perbill = Perbill::from_percent(5);
	pub const RevenuePalletId: PalletId = PalletId(*b"trb/rvnu");
}

impl pallet_datanets::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = FrozenClock;
	type TreasuryAccount = Treasury;
	type DepositBase = frame_support::traits::ConstU128<10>;
	type DepositPerByte = frame_support::traits::ConstU128<0>;
	type MaxNameLength = frame_support::traits::ConstU32<32>;
	type MaxUriLength = frame_support::traits::ConstU32<64>;
	type MaxMetadataLength = frame_support::traits::ConstU32<64>;
	type MaxVersions = frame_support::traits::ConstU32<16>;
	type MaxContributionWeight = frame_support::traits::ConstU64<1_000>;
	type WeightInfo = ();
}

impl pallet_models::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datanets = Datanets;
	type TreasuryCut = TreasuryCut;
	type DepositBase = frame_support::traits::ConstU128<10>;
	type DepositPerByte = frame_support::traits::ConstU128<0>;
	type MaxNameLength = frame_support::traits::ConstU32<32>;
	type MaxUriLength = frame_support::traits::ConstU32<64>;
	type MaxTrainingDatanets = frame_support::traits::ConstU32<4>;
	type MaxOperators = frame_support::traits::ConstU32<4>;
	type MaxModelVersions = frame_support::traits::ConstU32<8>;
	type MaxLineageDepth = frame_support::traits::ConstU32<4>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Datanets;
	type WeightInfo = ();
}

impl pallet_revenue::Config for Test {
	type Currency = Balances;
	type Models = Models;
	type Datanets = Datanets;
	type Influence = Attribution;
	type TreasuryAccount = Treasury;
	type TreasuryCut = TreasuryCut;
	type PalletId = RevenuePalletId;
	type MaxVersions = frame_support::traits::ConstU32<16>;
	type MaxClaimBatch = frame_support::traits::ConstU32<16>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
	type WeightInfo = ();
}

impl pallet_attribution::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datanets = Datanets;
	type Models = Models;
	type Revenue = Revenue;
	type AttestorOrigin = EnsureRoot<AccountId>;
	type DisputeOrigin = EnsureRoot<AccountId>;
	type TreasuryAccount = Treasury;
	type AttestorBond = frame_support::traits::ConstU128<1_000>;
	type RecordDeposit = frame_support::traits::ConstU128<10>;
	type ChallengeBond = frame_support::traits::ConstU128<500>;
	type DisputePeriod = frame_support::traits::ConstU64<100>;
	type MaxAttributionsPerInference = frame_support::traits::ConstU32<64>;
	type MaxTrainingDatanets = frame_support::traits::ConstU32<4>;
	type MaxPageSize = frame_support::traits::ConstU32<10>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
	type WeightInfo = ();
}

/// Builds payable models from the real registries for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl tributary_primitives::RevenueBenchmarkHelper<AccountId> for BenchmarkHelper {
	fn payable_model(contributions: u32) -> tributary_primitives::PayableModel<AccountId> {
		use tributary_primitives::DatanetsBenchmarkHelper;
		let (datanet, datanet_version, ids) = Datanets::published_datanet(&BOB, contributions);
		let model = pallet_models::NextModelId::<Test>::get();
		let split = tributary_primitives::RevenueSplit {
			developer: Perbill::from_percent(40),
			operators: Perbill::from_percent(15),
			data: Perbill::from_percent(40),
			inference_data: Perbill::from_percent(50),
		};
		let registered = Models::do_register_model(
			ALICE,
			Default::default(),
			Default::default(),
			Default::default(),
			None,
			frame_support::BoundedVec::truncate_from(vec![(datanet, datanet_version)]),
			Default::default(),
			1,
			split,
		);
		assert!(registered.is_ok());
		let _ = Models::add_operator(RuntimeOrigin::signed(ALICE), model, OPERATOR);
		tributary_primitives::PayableModel {
			model,
			version: 1,
			operator: OPERATOR,
			contributor: BOB,
			contributions: ids,
			datanet,
			datanet_version,
		}
	}
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const OPERATOR: AccountId = 5;
pub const PAYER: AccountId = 6;
pub const POOR: AccountId = 7;
/// What each funded account starts with.
pub const FUNDS: Balance = 1_000_000_000;

/// A fresh chain at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ALICE, BOB, CHARLIE, DAVE, OPERATOR, PAYER]
			.into_iter()
			.map(|a| (a, FUNDS))
			.chain([(POOR, 20)])
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_revenue::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a fresh chain, then checks every pallet's invariants.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Attribution::do_try_state().unwrap();
		Revenue::do_try_state().unwrap();
		Datanets::do_try_state().unwrap();
		Models::do_try_state().unwrap();
	});
}
