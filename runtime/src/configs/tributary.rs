//! Configuration of Tributary's own pallets: datanets, models, attribution, revenue.

use frame_support::{
	parameter_types,
	traits::{ConstU32, ConstU64},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::{traits::AccountIdConversion, Perbill};

use crate::{
	AccountId, Attribution, Balance, Balances, BlockNumber, Datanets, Models, Revenue, Runtime,
	RuntimeHoldReason, Timestamp, DAYS, MICRO_TRIB, MILLI_TRIB, TRIB,
};

parameter_types! {
	/// The protocol treasury: receives the treasury cut, rounding remainders and slashes.
	pub TreasuryAccount: AccountId = PalletId(*b"trb/trsy").into_account_truncating();
	/// The treasury's cut of every inference fee.
	pub const TreasuryCut: Perbill = Perbill::from_percent(5);
	/// Deposit for any user-created record, on top of the per-byte part.
	pub const RecordDepositBase: Balance = 100 * MILLI_TRIB;
	/// Deposit per byte a record stores.
	pub const RecordDepositPerByte: Balance = 10 * MICRO_TRIB;
	pub const RevenuePalletId: PalletId = PalletId(*b"trb/rvnu");
	pub const AttestorBond: Balance = 1_000 * TRIB;
	pub const InferenceRecordDeposit: Balance = 10 * MILLI_TRIB;
	pub const ChallengeBond: Balance = 100 * TRIB;
	pub const DisputePeriod: BlockNumber = 7 * DAYS;
}

/// Accounts that can never be the recipient of a user action (an ownership, curatorship or
/// attestor seat, an operator role): the treasury and every account derived from a
/// `PalletId` (their encoding starts with `modl`), such as the revenue account. None of them
/// can sign, so nothing they would be given could ever be accepted, claimed or released.
pub struct ProtectedAccounts;

impl frame_support::traits::Contains<AccountId> for ProtectedAccounts {
	fn contains(who: &AccountId) -> bool {
		let raw: &[u8] = who.as_ref();
		raw.starts_with(b"modl") || *who == TreasuryAccount::get()
	}
}

/// Most versions a datanet may publish; the revenue pallet's reward counters cover this many.
pub type MaxDatanetVersions = ConstU32<1024>;
/// Most datanet versions a model version may be trained on.
pub type MaxTrainingDatanets = ConstU32<16>;
/// Most base models above a model (its lineage).
pub type MaxLineageDepth = ConstU32<8>;

parameter_types! {
	/// What `on_idle` may spend per block archiving expired inference records: 5% of a
	/// block's weight (100 ms of the 2 s), so a block full of extrinsics plus the archiving
	/// stays within what the block may take.
	pub MaxIdlePruneWeight: frame_support::weights::Weight =
		Perbill::from_percent(5) * crate::configs::RuntimeBlockWeights::get().max_block;
}

impl pallet_datanets::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type TreasuryAccount = TreasuryAccount;
	type DepositBase = RecordDepositBase;
	type DepositPerByte = RecordDepositPerByte;
	/// 100 µTRIB per unit of weight (a default-weight KiB): a 1 MiB contribution holds
	/// ≈ 0.1 TRIB more, and `MaxContributionWeight` (1,000,000) costs 100 TRIB held.
	type DepositPerWeight = frame_support::traits::ConstU128<{ 100 * MICRO_TRIB }>;
	type ProtectedAccounts = ProtectedAccounts;
	type OnFlagged = Revenue;
	type MaxNameLength = ConstU32<64>;
	type MaxUriLength = ConstU32<256>;
	type MaxMetadataLength = ConstU32<512>;
	type MaxVersions = MaxDatanetVersions;
	type MaxContributionWeight = ConstU64<1_000_000>;
	type WeightInfo = crate::weights::pallet_datanets::WeightInfo<Runtime>;
}

impl pallet_models::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datanets = Datanets;
	type DatanetUsage = Datanets;
	type ProtectedAccounts = ProtectedAccounts;
	type TreasuryCut = TreasuryCut;
	type DepositBase = RecordDepositBase;
	type DepositPerByte = RecordDepositPerByte;
	type MaxNameLength = ConstU32<64>;
	type MaxUriLength = ConstU32<256>;
	type MaxTrainingDatanets = MaxTrainingDatanets;
	type MaxOperators = ConstU32<16>;
	type MaxModelVersions = ConstU32<256>;
	type MaxLineageDepth = MaxLineageDepth;
	/// MaxTrainingDatanets (16) × (MaxLineageDepth (8) + 1): no lineage is ever refused;
	/// each training record and paid inference reads at most this many licences.
	type MaxLineageDatanets = ConstU32<144>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Datanets;
	type WeightInfo = crate::weights::pallet_models::WeightInfo<Runtime>;
}

impl pallet_revenue::Config for Runtime {
	type Currency = Balances;
	type Datanets = Datanets;
	type Influence = Attribution;
	type TreasuryAccount = TreasuryAccount;
	type TreasuryCut = TreasuryCut;
	type PalletId = RevenuePalletId;
	type MaxVersions = MaxDatanetVersions;
	type MaxClaimBatch = ConstU32<64>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::PayableModelBuilder;
	type WeightInfo = crate::weights::pallet_revenue::WeightInfo<Runtime>;
}

impl pallet_attribution::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datanets = Datanets;
	type Models = Models;
	type Revenue = Revenue;
	type AttestorOrigin = EnsureRoot<AccountId>;
	type ProtectedAccounts = ProtectedAccounts;
	type DisputeOrigin = EnsureRoot<AccountId>;
	type TreasuryAccount = TreasuryAccount;
	type AttestorBond = AttestorBond;
	type RecordDeposit = InferenceRecordDeposit;
	type ChallengeBond = ChallengeBond;
	type DefaultDisputePeriod = DisputePeriod;
	type MaxIdlePruneWeight = MaxIdlePruneWeight;
	type MaxLineageDepth = MaxLineageDepth;
	type MaxAttributionsPerInference = ConstU32<64>;
	type MaxTrainingDatanets = MaxTrainingDatanets;
	type MaxPageSize = ConstU32<100>;
	type MaxModelAttestors = ConstU32<8>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::PayableModelBuilder;
	type WeightInfo = crate::weights::pallet_attribution::WeightInfo<Runtime>;
}

/// The storage keys the benchmarks leave out of every call's count of reads and writes: the
/// pallets' whitelisted items (FRAME's own, as upstream chose them, and
/// `Attribution::NextInferenceId`) and the revenue pallet's keys committed once per block (its
/// money totals and its account's balance). A block commits each of Tributary's once however
/// many calls touch it; the attribution and revenue pallets' `on_initialize` charge that once
/// per block. Only benchmarks and tests use it.
#[cfg(any(feature = "std", feature = "runtime-benchmarks"))]
pub fn benchmark_whitelist() -> alloc::vec::Vec<frame_support::traits::TrackedStorageKey> {
	use frame_support::traits::WhitelistedStorageKeys;
	let mut keys = crate::AllPalletsWithSystem::whitelisted_storage_keys();
	keys.extend(Revenue::keys_committed_once_per_block().map(Into::into));
	keys
}
