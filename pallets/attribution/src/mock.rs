//! A test runtime: system, balances, and the real dataset registry, model registry and
//! revenue pallets under attribution.

use crate as pallet_attribution;
#[cfg(feature = "runtime-benchmarks")]
use frame_support::{assert_ok, BoundedVec};
use frame_support::{
	derive_impl, parameter_types,
	traits::{Contains, UnixTime},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, DispatchError, Perbill};
#[cfg(feature = "runtime-benchmarks")]
use tributary_primitives::{ContributionId, DatanetVersion, RevenueSplit};
use tributary_primitives::{
	DatanetId, LicensedUse, ModelId, ModelPaymentView, ModelVersion, ModelsInspect,
};

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

/// The treasury and the revenue pallet's account: never attestors.
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
	type DepositBase = frame_support::traits::ConstU128<10>;
	type DepositPerByte = frame_support::traits::ConstU128<0>;
	type DepositPerWeight = frame_support::traits::ConstU128<0>;
	type ProtectedAccounts = Protected;
	type OnFlagged = Revenue;
	type MaxNameLength = frame_support::traits::ConstU32<32>;
	type MaxUriLength = frame_support::traits::ConstU32<64>;
	type MaxMetadataLength = frame_support::traits::ConstU32<64>;
	type MaxVersions = frame_support::traits::ConstU32<16>;
	type MaxContributionWeight = frame_support::traits::ConstU64<1_000>;
	type WeightInfo = ();
}

/// Most datanet versions a model version is trained on (as in the runtime).
pub const MAX_TRAINING_DATANETS: u32 = 16;

impl pallet_models::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datanets = Datanets;
	type DatanetUsage = Datanets;
	type ProtectedAccounts = Protected;
	type TreasuryCut = TreasuryCut;
	type DepositBase = frame_support::traits::ConstU128<10>;
	type DepositPerByte = frame_support::traits::ConstU128<0>;
	type MaxNameLength = frame_support::traits::ConstU32<32>;
	type MaxUriLength = frame_support::traits::ConstU32<64>;
	type MaxTrainingDatanets = frame_support::traits::ConstU32<MAX_TRAINING_DATANETS>;
	type MaxOperators = frame_support::traits::ConstU32<4>;
	type MaxModelVersions = frame_support::traits::ConstU32<8>;
	type MaxLineageDepth = frame_support::traits::ConstU32<2>;
	/// `MaxTrainingDatanets × (MaxLineageDepth + 1)`: no lineage is refused.
	type MaxLineageDatanets = frame_support::traits::ConstU32<48>;
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
	type MaxVersions = frame_support::traits::ConstU32<16>;
	type MaxClaimBatch = frame_support::traits::ConstU32<16>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
	type WeightInfo = ();
}

parameter_types! {
	/// The licence use `MockModels::ensure_licensed` refuses (with the model registry's
	/// error), if any; otherwise the real registry decides.
	pub storage RefusedLicence: Option<LicensedUse> = None;
	/// How many times `MockModels::ensure_licensed` was asked, per use.
	pub storage LicenceChecks: (u32, u32) = (0, 0);
}

/// The real model registry, with a licence state the tests control: `ensure_licensed`
/// refuses `RefusedLicence` with the registry's own error and otherwise asks the registry.
pub struct MockModels;
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
		let (training, paid) = LicenceChecks::get();
		LicenceChecks::set(&match purpose {
			LicensedUse::TrainingRecord => (training + 1, paid),
			LicensedUse::PaidInference => (training, paid + 1),
		});
		if RefusedLicence::get() == Some(purpose) {
			return Err(licence_refusal(purpose));
		}
		<Models as ModelsInspect<AccountId, Balance>>::ensure_licensed(model, version, purpose)
	}
	fn check_licences(lineage: &[DatanetId], purpose: LicensedUse) -> Result<(), DispatchError> {
		let (training, paid) = LicenceChecks::get();
		LicenceChecks::set(&match purpose {
			LicensedUse::TrainingRecord => (training + 1, paid),
			LicensedUse::PaidInference => (training, paid + 1),
		});
		if RefusedLicence::get() == Some(purpose) {
			return Err(licence_refusal(purpose));
		}
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
	type AttestorBond = frame_support::traits::ConstU128<1_000>;
	type RecordDeposit = frame_support::traits::ConstU128<10>;
	type ChallengeBond = frame_support::traits::ConstU128<500>;
	type DefaultDisputePeriod = frame_support::traits::ConstU64<DISPUTE_PERIOD>;
	type MaxIdlePruneWeight = MaxIdlePruneWeight;
	type MaxLineageDepth = frame_support::traits::ConstU32<2>;
	type MaxAttributionsPerInference = frame_support::traits::ConstU32<64>;
	type MaxTrainingDatanets = frame_support::traits::ConstU32<MAX_TRAINING_DATANETS>;
	type MaxPageSize = frame_support::traits::ConstU32<10>;
	type MaxModelAttestors = frame_support::traits::ConstU32<MAX_MODEL_ATTESTORS>;
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

/// The test weight of archiving one record (any number of attributions).
pub const PRUNE_WEIGHT: u64 = 1_000;
/// The test weight `on_idle` pays once per block that looks at the head.
pub const PRUNE_BASE_WEIGHT: u64 = 100;

/// Zero weights but for archiving, so the tests see `on_idle` stop at its cap.
pub struct TestWeights;
impl crate::WeightInfo for TestWeights {
	fn add_attestor() -> frame_support::weights::Weight {
		<() as crate::WeightInfo>::add_attestor()
	}
	fn remove_attestor() -> frame_support::weights::Weight {
		<() as crate::WeightInfo>::remove_attestor()
	}
	fn record_training_attribution() -> frame_support::weights::Weight {
		<() as crate::WeightInfo>::record_training_attribution()
	}
	fn pay_inference(a: u32, t: u32, d: u32) -> frame_support::weights::Weight {
		<() as crate::WeightInfo>::pay_inference(a, t, d)
	}
	fn challenge() -> frame_support::weights::Weight {
		<() as crate::WeightInfo>::challenge()
	}
	fn resolve_dispute() -> frame_support::weights::Weight {
		<() as crate::WeightInfo>::resolve_dispute()
	}
	fn release_record_deposit() -> frame_support::weights::Weight {
		<() as crate::WeightInfo>::release_record_deposit()
	}
	fn prune_inference(_a: u32) -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(PRUNE_WEIGHT, 0)
	}
	fn prune_idle_base() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(PRUNE_BASE_WEIGHT, 0)
	}
	fn bond_attestor() -> frame_support::weights::Weight {
		<() as crate::WeightInfo>::bond_attestor()
	}
	fn unbond_attestor() -> frame_support::weights::Weight {
		<() as crate::WeightInfo>::unbond_attestor()
	}
	fn withdraw_attestor_bond() -> frame_support::weights::Weight {
		<() as crate::WeightInfo>::withdraw_attestor_bond()
	}
	fn name_attestor() -> frame_support::weights::Weight {
		<() as crate::WeightInfo>::name_attestor()
	}
	fn unname_attestor() -> frame_support::weights::Weight {
		<() as crate::WeightInfo>::unname_attestor()
	}
}

/// Blocks a record can be challenged after it is recorded.
pub const DISPUTE_PERIOD: u64 = 100;
/// Most attestors named per model.
pub const MAX_MODEL_ATTESTORS: u32 = 4;

/// Builds payable models from the real registries for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper {
	/// A funded benchmark account.
	fn funded(name: &'static str, index: u32) -> AccountId {
		use frame_support::traits::fungible::Mutate;
		let who: AccountId = frame_benchmarking::account(name, index, 0);
		assert_ok!(Balances::mint_into(&who, FUNDS));
		who
	}

	/// `count` published datanets, each with a distinct funded curator (`first` contributions
	/// in the first, one in each other).
	fn datanets(
		count: u32,
		first: u32,
	) -> (Vec<(ContributionId, AccountId)>, Vec<(DatanetId, DatanetVersion)>) {
		use tributary_primitives::DatanetsBenchmarkHelper;
		let mut contributions = Vec::new();
		let mut training_data = Vec::new();
		for i in 0..count.max(1) {
			let curator = Self::funded("curator", pallet_datanets::NextDatanetId::<Test>::get());
			let (datanet, version, ids) =
				Datanets::published_datanet(&curator, if i == 0 { first } else { 1 });
			if i == 0 {
				contributions = ids;
			}
			training_data.push((datanet, version));
		}
		(contributions, training_data)
	}

	/// Registers an active model of `developer` on `training_data`, derived from `base`.
	fn register(
		developer: AccountId,
		base: Option<ModelId>,
		training_data: &[(DatanetId, DatanetVersion)],
	) -> ModelId {
		let model = pallet_models::NextModelId::<Test>::get();
		assert_ok!(Models::register_model(
			RuntimeOrigin::signed(developer),
			Default::default(),
			Default::default(),
			Default::default(),
			base,
			BoundedVec::truncate_from(training_data.to_vec()),
			Default::default(),
			1,
			RevenueSplit {
				developer: Perbill::from_percent(40),
				operators: Perbill::from_percent(15),
				data: Perbill::from_percent(40),
				inference_data: Perbill::from_percent(50),
			},
		));
		model
	}

	/// The model on top of `base`, with an operator.
	fn payable(
		base: Option<ModelId>,
		contributions: u32,
		training_datanets: u32,
	) -> tributary_primitives::PayableModel<AccountId> {
		let developer = Self::funded("developer", pallet_models::NextModelId::<Test>::get());
		let operator = Self::funded("operator", pallet_models::NextModelId::<Test>::get());
		let (contributions, training_data) = Self::datanets(training_datanets, contributions);
		let model = Self::register(developer, base, &training_data);
		assert_ok!(Models::add_operator(RuntimeOrigin::signed(developer), model, operator));
		tributary_primitives::PayableModel {
			model,
			version: 1,
			developer,
			operator,
			contributions,
			training_data,
		}
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl tributary_primitives::RevenueBenchmarkHelper<AccountId> for BenchmarkHelper {
	fn payable_model(
		contributions: u32,
		training_datanets: u32,
	) -> tributary_primitives::PayableModel<AccountId> {
		Self::payable(None, contributions, training_datanets)
	}

	fn payable_model_longest_lineage(
		contributions: u32,
		training_datanets: u32,
	) -> tributary_primitives::PayableModel<AccountId> {
		use frame_support::traits::Get;
		let depth = <Test as pallet_models::Config>::MaxLineageDepth::get();
		Self::payable_model_with_lineage(contributions, training_datanets, depth)
	}

	fn payable_model_with_lineage(
		contributions: u32,
		training_datanets: u32,
		depth: u32,
	) -> tributary_primitives::PayableModel<AccountId> {
		let mut base = None;
		for _ in 0..depth {
			let developer = Self::funded("base", pallet_models::NextModelId::<Test>::get());
			let (_, training_data) = Self::datanets(MAX_TRAINING_DATANETS, 1);
			base = Some(Self::register(developer, base, &training_data));
		}
		Self::payable(base, contributions, training_datanets)
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

/// Every pallet's `try_state`.
pub fn check_all_invariants() {
	Attribution::do_try_state().unwrap();
	Revenue::do_try_state().unwrap();
	Datanets::do_try_state().unwrap();
	Models::do_try_state().unwrap();
}
