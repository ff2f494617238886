//! Configuration of every pallet in the runtime.

mod tributary;
mod validators;
pub use tributary::*;
pub use validators::*;

use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, IdentityFee, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::One, Perbill};
use sp_version::RuntimeVersion;

use super::{
	AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask,
	System, EXISTENTIAL_DEPOSIT, SLOT_DURATION, SS58_PREFIX, VERSION,
};

/// Two seconds of compute per block, no proof-size limit (a solochain).
const MAX_BLOCK_WEIGHT: Weight = Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

/// Share of a block's weight that normal (user) extrinsics may use.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	pub const BlockHashCount: BlockNumber = super::BLOCK_HASH_COUNT;
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of compute per 6-second block, 75% of it for normal extrinsics; the
	/// empty-block and per-extrinsic base weights are this machine's, measured by
	/// `benchmark overhead` (`crate::weights::{block_weights, extrinsic_weights}`).
	pub RuntimeBlockWeights: BlockWeights = block_weights(MAX_BLOCK_WEIGHT);
	/// 5 MiB blocks, 75% of them for normal extrinsics.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(frame_support::dispatch::DispatchClass::Normal, |m| {
			*m = NORMAL_DISPATCH_RATIO * *m
		})
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

/// The block weight limits: `max_block` in all, `NORMAL_DISPATCH_RATIO` of it for normal
/// extrinsics, the rest reserved for operational ones, with the benchmarked base weights.
fn block_weights(max_block: Weight) -> BlockWeights {
	// Validity is checked by `block_weights_are_valid` below; an invalid set would stop
	// the chain at genesis, never in a running block.
	block_weights_builder(max_block).build_or_panic()
}

/// The builder behind [`block_weights`].
fn block_weights_builder(max_block: Weight) -> frame_system::limits::BlockWeightsBuilder {
	let normal = NORMAL_DISPATCH_RATIO * max_block;
	BlockWeights::builder()
		.base_block(crate::weights::block_weights::BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |class| {
			class.base_extrinsic = crate::weights::extrinsic_weights::ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |class| class.max_total = Some(normal))
		.for_class(DispatchClass::Operational, |class| {
			class.max_total = Some(max_block);
			class.reserved = Some(max_block.saturating_sub(normal));
		})
		.avg_block_initialization(Perbill::from_percent(10))
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// This machine's ParityDB read/write cost, measured on the load run's database
	/// (`scripts/bench/storage-weights.sh`), not the SDK's generic `ParityDbWeight`.
	type DbWeight = crate::weights::paritydb_weights::constants::ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	type SystemWeightInfo = crate::weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	/// A disabled validator's slots stay empty.
	type DisabledValidators = super::Session;
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<EQUIVOCATION_SESSIONS>;
	type KeyOwnerProof = GrandpaKeyOwnerProof;
	type EquivocationReportSystem = GrandpaEquivocationReports;
}

impl pallet_timestamp::Config for Runtime {
	/// Aura reads the slot from the timestamp.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = crate::weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = IdentityFee<Balance>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = crate::weights::pallet_transaction_payment::WeightInfo<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = crate::weights::pallet_sudo::WeightInfo<Runtime>;
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn block_weights_are_valid() {
		let max_block = MAX_BLOCK_WEIGHT;
		let weights = RuntimeBlockWeights::get();
		assert_eq!(weights.max_block, max_block);
		let normal = weights.get(DispatchClass::Normal);
		assert_eq!(normal.max_total, Some(NORMAL_DISPATCH_RATIO * max_block));
		assert_eq!(
			normal.base_extrinsic,
			crate::weights::extrinsic_weights::ExtrinsicBaseWeight::get()
		);
		assert_eq!(weights.base_block, crate::weights::block_weights::BlockExecutionWeight::get());
		// `build_or_panic` would stop the chain on what `build` refuses.
		assert!(block_weights_builder(max_block).build().is_ok());
	}
}
