//! # Tributary runtime
//!
//! The WASM runtime of the Tributary appchain: FRAME system pallets (timestamp, Aura, GRANDPA,
//! balances, transaction payment, sudo), the governed validator set (sessions, historical
//! key roots, offences) plus the AI data economy — datanets, models,
//! proof-of-attribution records and revenue splitting.
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime`-style macros expand to code that trips these lints.
#![allow(clippy::arithmetic_side_effects)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod reads;
pub mod weights;

use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256, MultiAddress};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node needs without knowing the runtime's concrete extrinsic format.
pub mod opaque {
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys of a Tributary validator: Aura for authoring, GRANDPA for finality.
	pub struct SessionKeys {
		/// Block authoring key.
		pub aura: Aura,
		/// Finality voting key.
		pub grandpa: Grandpa,
	}
}

/// The runtime version, written for one `spec_version` (the attribute takes only literals).
macro_rules! runtime_version {
	($spec_version:tt) => {
		/// The runtime version: bump `spec_version` on every runtime upgrade.
		#[sp_version::runtime_version]
		pub const VERSION: RuntimeVersion = RuntimeVersion {
			spec_name: alloc::borrow::Cow::Borrowed("tributary"),
			impl_name: alloc::borrow::Cow::Borrowed("tributary"),
			authoring_version: 1,
			spec_version: $spec_version,
			impl_version: 1,
			apis: apis::RUNTIME_API_VERSIONS,
			transaction_version: 2,
			system_version: 1,
		};
	};
}
#[cfg(not(feature = "increment-spec-version"))]
runtime_version!(105);
// The upgrade-test runtime (built by `build.rs` for the forkless-upgrade test): one higher.
#[cfg(feature = "increment-spec-version")]
runtime_version!(106);

/// Target block time: 6 seconds.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura slot duration; it cannot change once the chain runs.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;
/// How many recent block hashes `frame_system` keeps.
#[cfg(not(feature = "increment-spec-version"))]
pub const BLOCK_HASH_COUNT: BlockNumber = 2400;
/// The upgrade-test runtime's visible change: the forkless-upgrade test reads this constant
/// from the upgraded chain's metadata.
#[cfg(feature = "increment-spec-version")]
pub const BLOCK_HASH_COUNT: BlockNumber = 4096;

/// The smallest balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_TRIB;

/// Token symbol shown by wallets.
pub const TOKEN_SYMBOL: &str = "TRIB";
/// SS58 address prefix (generic Substrate) on dev chains.
pub const SS58_PREFIX: u16 = 42;

/// The chain's signature scheme, account id (the public key of the signature scheme),
/// balance (plancks of TRIB, 10^-12 TRIB) and block number, defined once for the pallets,
/// the node and the tests.
pub use tributary_primitives::{
	AccountId, Balance, BlockNumber, Signature, MICRO_TRIB, MILLI_TRIB, TOKEN_DECIMALS, TRIB,
};
/// A transaction index.
pub type Nonce = u32;
/// A block or state hash.
pub type Hash = sp_core::H256;
/// The address format of extrinsics.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block with its justifications.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The standard transaction extensions (no custom ones, so polkadot.js signs without help).
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run by `Executive` on a runtime upgrade, in order. Each checks the
/// pallet's on-chain storage version and does nothing once it has run (on a chain built from
/// this runtime's genesis every pallet is already at its in-code version). The dataset
/// registry goes first: the model registry's migration counts each version's training
/// datanets through `DatanetUsage`, which is dataset-registry storage.
type Migrations = (
	pallet_datanets::migration::v2::MigrateV1ToV2<Runtime>,
	pallet_models::migration::v2::MigrateV1ToV2<Runtime>,
);

/// Dispatches extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(7)]
	pub type Authorship = pallet_authorship;

	// The set builds its genesis before the session pallet, whose genesis asks it for the
	// first validators: keep its index below `Session`'s.
	#[runtime::pallet_index(8)]
	pub type ValidatorSet = pallet_validator_set;

	#[runtime::pallet_index(9)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(10)]
	pub type Datanets = pallet_datanets;

	#[runtime::pallet_index(11)]
	pub type Models = pallet_models;

	#[runtime::pallet_index(12)]
	pub type Attribution = pallet_attribution;

	#[runtime::pallet_index(13)]
	pub type Revenue = pallet_revenue;

	#[runtime::pallet_index(14)]
	pub type Historical = pallet_session::historical;

	#[runtime::pallet_index(15)]
	pub type Offences = pallet_offences;
}
