//! The one test runtime where Tributary's pallets need each other: system, balances, the
//! dataset registry, the model registry, attribution and revenue, all real, configured small.
//!
//! A pallet whose tests need another pallet tests against this runtime from its integration
//! tests (`tests/*.rs`), never from unit tests: the runtime links the pallet's library, so an
//! integration test and the runtime share one copy of it. The tests speak to the other
//! pallets only through [`fixtures`] (set-up and reads in their terms) and the
//! `tributary-primitives` traits; they import no other pallet's crate.
//!
//! The model registry is wrapped ([`MockModels`]) so a test can make it refuse a licence.

// Test code: panicking on a broken set-up is the point.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod fixtures;
mod weights;

#[cfg(feature = "runtime-benchmarks")]
pub use benchmarks::BenchmarkHelper;
pub use weights::{TestWeights, PRUNE_BASE_WEIGHT, PRUNE_WEIGHT};

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, Contains},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, DispatchError, Perbill};
pub use tributary_primitives::Balance;
use tributary_primitives::{
	DatanetId, LicensedUse, ModelId, ModelPaymentView, ModelVersion, ModelsInspect,
};

type Block = frame_system::mocking::MockBlock<Test>;
/// Accounts are plain numbers.
pub type AccountId = u64;
/// Blocks are plain numbers.
pub type BlockNumber = u64;

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

/// A clock stopped at 2026-11-22 00:00 UTC (`tributary_primitives::testing::FROZEN_NOW_MS`).
pub use tributary_primitives::testing::FrozenClock;

parameter_types! {
	/// The treasury account.
	pub const Treasury: AccountId = 999;
	/// The treasury's cut of every fee.
	pub const TreasuryCut: Perbill = Perbill::from_percent(5);
	/// The revenue pallet's id (its account).
	pub const RevenuePalletId: PalletId = PalletId(*b"trb/rvnu");
}

/// The treasury and the revenue pallet's account: never attestors, contributors or operators.
pub struct Protected;
impl Contains<AccountId> for Protected {
	fn contains(who: &AccountId) -> bool {
		*who == Treasury::get() || *who == Revenue::account_id()
	}
}

impl pallet_datanets::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = FrozenClock;
	type TreasuryAccount = Treasury;
	type DepositBase = ConstU128<10>;
	type DepositPerByte = ConstU128<0>;
	type DepositPerWeight = ConstU128<0>;
	type ProtectedAccounts = Protected;
	type OnFlagged = Revenue;
	type MaxNameLength = ConstU32<32>;
	type MaxUriLength = ConstU32<64>;
	type MaxMetadataLength = ConstU32<64>;
	type MaxVersions = ConstU32<16>;
	type MaxContributionWeight = ConstU64<1_000>;
	type WeightInfo = ();
}

/// Most datanet versions a model version is trained on (as in the runtime).
pub const MAX_TRAINING_DATANETS: u32 = 16;
/// Most base models above a model version.
pub const MAX_LINEAGE_DEPTH: u32 = 2;
/// Most datanets a model version draws on along its lineage:
/// `MAX_TRAINING_DATANETS × (MAX_LINEAGE_DEPTH + 1)`, so no lineage is refused.
pub const MAX_LINEAGE_DATANETS: u32 = MAX_TRAINING_DATANETS * (MAX_LINEAGE_DEPTH + 1);

impl pallet_models::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datanets = Datanets;
	type DatanetUsage = Datanets;
	type ProtectedAccounts = Protected;
	type TreasuryCut = TreasuryCut;
	type DepositBase = ConstU128<10>;
	type DepositPerByte = ConstU128<0>;
	type MaxNameLength = ConstU32<32>;
	type MaxUriLength = ConstU32<64>;
	type MaxTrainingDatanets = ConstU32<MAX_TRAINING_DATANETS>;
	type MaxOperators = ConstU32<4>;
	type MaxModelVersions = ConstU32<8>;
	type MaxLineageDepth = ConstU32<MAX_LINEAGE_DEPTH>;
	type MaxLineageDatanets = ConstU32<MAX_LINEAGE_DATANETS>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Datanets;
	type WeightInfo = ();
}

impl pallet_revenue::Config for Test {
	type Currency = Balances;
	type Datanets = Datanets;
	type Influence = Attribution;
	type TreasuryAccount = Treasury;
	type TreasuryCut = TreasuryCut;
	type PalletId = RevenuePalletId;
	type MaxVersions = ConstU32<16>;
	type MaxClaimBatch = ConstU32<16>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
	type WeightInfo = ();
}

parameter_types! {
	/// The licence use `MockModels::ensure_licensed` refuses (with the model registry's
	/// error), if any; otherwise the real registry decides.
	pub storage RefusedLicence: Option<LicensedUse> = None;
	/// How many times `MockModels` was asked to check a licence, per use (training records,
	/// paid inferences).
	pub storage LicenceChecks: (u32, u32) = (0, 0);
}

/// The real model registry, with a licence state the tests control: the licence checks
/// refuse `RefusedLicence` with the registry's own error and otherwise ask the registry.
pub struct MockModels;

impl MockModels {
	/// Counts a licence check for `purpose`; the refusal `RefusedLicence` asks for, if any.
	fn note_check(purpose: LicensedUse) -> Result<(), DispatchError> {
		let (training, paid) = LicenceChecks::get();
		LicenceChecks::set(&match purpose {
			LicensedUse::TrainingRecord => (training + 1, paid),
			LicensedUse::PaidInference => (training, paid + 1),
		});
		if RefusedLicence::get() == Some(purpose) {
			return Err(licence_refusal(purpose));
		}
		Ok(())
	}
}

impl ModelsInspect<AccountId, Balance> for MockModels {
	fn payment_view(
		model: ModelId,
		version: ModelVersion,
	) -> Option<ModelPaymentView<AccountId, Balance>> {
		<Models as ModelsInspect<AccountId, Balance>>::payment_view(model, version)
	}
	fn is_operator(model: ModelId, who: &AccountId) -> bool {
		<Models as ModelsInspect<AccountId, Balance>>::is_operator(model, who)
	}
	fn owner(model: ModelId) -> Option<AccountId> {
		<Models as ModelsInspect<AccountId, Balance>>::owner(model)
	}
	fn ensure_licensed(
		model: ModelId,
		version: ModelVersion,
		purpose: LicensedUse,
	) -> Result<(), DispatchError> {
		Self::note_check(purpose)?;
		<Models as ModelsInspect<AccountId, Balance>>::ensure_licensed(model, version, purpose)
	}
	fn check_licences(lineage: &[DatanetId], purpose: LicensedUse) -> Result<(), DispatchError> {
		Self::note_check(purpose)?;
		<Models as ModelsInspect<AccountId, Balance>>::check_licences(lineage, purpose)
	}
}

/// The model registry's error for a refused `purpose`.
pub fn licence_refusal(purpose: LicensedUse) -> DispatchError {
	match purpose {
		LicensedUse::TrainingRecord => pallet_models::Error::<Test>::LicenseExpired { entry: 0 },
		LicensedUse::PaidInference => {
			pallet_models::Error::<Test>::LicenseForbidsCommercialUse { entry: 0 }
		}
	}
	.into()
}

/// Blocks a record can be challenged after it is recorded.
pub const DISPUTE_PERIOD: BlockNumber = 100;
/// Most attestors named per model.
pub const MAX_MODEL_ATTESTORS: u32 = 4;

impl pallet_attribution::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datanets = Datanets;
	type Models = MockModels;
	type Revenue = Revenue;
	type AttestorOrigin = EnsureRoot<AccountId>;
	type ProtectedAccounts = Protected;
	type DisputeOrigin = EnsureRoot<AccountId>;
	type TreasuryAccount = Treasury;
	type AttestorBond = ConstU128<1_000>;
	type RecordDeposit = ConstU128<10>;
	type ChallengeBond = ConstU128<500>;
	type DefaultDisputePeriod = ConstU64<DISPUTE_PERIOD>;
	type MaxIdlePruneWeight = MaxIdlePruneWeight;
	type MaxLineageDepth = ConstU32<MAX_LINEAGE_DEPTH>;
	type MaxAttributionsPerInference = ConstU32<64>;
	type MaxTrainingDatanets = ConstU32<MAX_TRAINING_DATANETS>;
	type MaxPageSize = ConstU32<10>;
	type MaxModelAttestors = ConstU32<MAX_MODEL_ATTESTORS>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
	type WeightInfo = TestWeights;
}

parameter_types! {
	/// What `on_idle` may spend archiving per block: room for three records at the test
	/// weights, unless a test sets another.
	pub static MaxIdlePruneWeight: frame_support::weights::Weight =
		frame_support::weights::Weight::from_parts(3 * PRUNE_WEIGHT + PRUNE_BASE_WEIGHT, 0);
}

// The accounts funded at genesis (with `FUNDS`, but `POOR`).
/// A curator and model owner in most tests.
pub const ALICE: AccountId = 1;
/// A contributor, or an attestor.
pub const BOB: AccountId = 2;
/// A contributor, challenger or buyer.
pub const CHARLIE: AccountId = 3;
/// A contributor, or an attestor.
pub const DAVE: AccountId = 4;
/// An inference operator.
pub const OPERATOR: AccountId = 5;
/// Pays for inferences.
pub const PAYER: AccountId = 6;
/// Starts with 20, less than any deposit or bond.
pub const POOR: AccountId = 7;
/// What each funded account starts with.
pub const FUNDS: Balance = 1_000_000_000;

/// A fresh chain at block 1: `ALICE` to `PAYER` funded with `FUNDS`, `POOR` with 20, and the
/// node's offchain database for the attribution history.
pub fn new_test_ext() -> sp_io::TestExternalities {
	// The genesis configs are the defaults and fixed balances of distinct accounts, each
	// above the existential deposit: building them cannot fail. qed
	let genesis = "the test runtime's fixed genesis builds";
	let mut storage =
		frame_system::GenesisConfig::<Test>::default().build_storage().expect(genesis);
	pallet_balances::GenesisConfig::<Test> {
		balances: [ALICE, BOB, CHARLIE, DAVE, OPERATOR, PAYER]
			.into_iter()
			.map(|a| (a, FUNDS))
			.chain([(POOR, 20)])
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.expect(genesis);
	pallet_revenue::GenesisConfig::<Test>::default()
		.assimilate_storage(&mut storage)
		.expect(genesis);
	let mut ext = sp_io::TestExternalities::new(storage);
	// The node's offchain database, for the history reads (writes reach it on
	// `persist_offchain_overlay`, as a node's do when it imports the block).
	let (offchain, _) =
		sp_core::offchain::testing::TestOffchainExt::with_offchain_db(ext.offchain_db());
	ext.register_extension(sp_core::offchain::OffchainDbExt::new(offchain));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a fresh chain, then checks every pallet's invariants.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		check_all_invariants();
	});
}

/// Every pallet's `try_state`: a test that breaks an invariant fails here, naming the pallet
/// and the invariant.
pub fn check_all_invariants() {
	for (pallet, checked) in [
		("attribution", Attribution::do_try_state()),
		("revenue", Revenue::do_try_state()),
		("datanets", Datanets::do_try_state()),
		("models", Models::do_try_state()),
	] {
		assert_eq!(checked, Ok(()), "{pallet}: an invariant is broken");
	}
}
