//! Who validates: the governed validator set, sessions and their keys, block authorship and
//! GRANDPA equivocation offences.
//!
//! `ValidatorSet` (our pallet) decides who validates and when a session ends; `Session`
//! hands each session's keys to Aura and GRANDPA, two sessions after a change; `Historical`
//! keeps the sessions' key roots, so a GRANDPA equivocation report proves whose key signed
//! twice; `Offences` records the offence and `ValidatorSet` disables and removes the offender.

use frame_support::{
	parameter_types,
	traits::{ConstU32, KeyOwnerProofSystem},
};
use sp_core::crypto::KeyTypeId;
use sp_runtime::traits::{ConvertInto, OpaqueKeys};

use super::super::{
	AccountId, Aura, Balance, BlockNumber, Historical, Offences, Runtime, RuntimeEvent,
	SessionKeys, ValidatorSet, DAYS, TRIB,
};
use pallet_grandpa::AuthorityId as GrandpaId;

/// The most validators the chain has: the set's maximum and the authority limit of Aura and
/// GRANDPA alike, so a full set never overflows either.
pub const MAX_VALIDATORS: u32 = 32;

/// The shortest session governance may set: five blocks (30 seconds), enough for GRANDPA to
/// finalize a session's first block before the next one begins on a healthy network.
pub const MIN_SESSION_LENGTH: BlockNumber = 5;

/// The longest session governance may set: a week.
pub const MAX_SESSION_LENGTH: BlockNumber = 7 * DAYS;

/// How many sessions GRANDPA remembers the set id of, and the validator set keeps the
/// historical key roots of, so an equivocation report is accepted that long after the fact
/// (a week of hour-long sessions).
pub const EQUIVOCATION_SESSIONS: u64 = 168;

parameter_types! {
	/// What `session.set_keys` holds from the account registering keys, until `purge_keys`:
	/// the keys and their owner record are state that someone pays for.
	pub const KeyDeposit: Balance = 10 * TRIB;
	/// How long an equivocation report stays valid, in blocks: a week (`EQUIVOCATION_SESSIONS`
	/// hour-long sessions; with shorter sessions the kept history ends it sooner).
	pub const ReportLongevity: u64 = 7 * DAYS as u64;
}

impl pallet_validator_set::Config for Runtime {
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type MinSessionLength = ConstU32<MIN_SESSION_LENGTH>;
	type MaxSessionLength = ConstU32<MAX_SESSION_LENGTH>;
	type HistoryDepth = ConstU32<{ EQUIVOCATION_SESSIONS as u32 }>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = KeystoreSessionKeys;
	type WeightInfo = crate::weights::pallet_validator_set::WeightInfo<Runtime>;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// A validator is its account: anyone may register keys (holding `KeyDeposit`).
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = ValidatorSet;
	type NextSessionRotation = ValidatorSet;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Runtime, ValidatorSet>;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// An offender is disabled at once, at most a third of the set at a time.
	type DisablingStrategy = pallet_session::disabling::UpToLimitWithReEnablingDisablingStrategy;
	/// pallet-session's own benchmarks need pallet-staking: its calls are benchmarked by the
	/// validator-set pallet, on this runtime.
	type WeightInfo = pallet_validator_set::SessionWeights<Runtime>;
	type Currency = crate::Balances;
	type KeyDeposit = KeyDeposit;
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = pallet_validator_set::NoIdentification;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = ValidatorSet;
}

impl pallet_authorship::Config for Runtime {
	/// The author of a block is the session validator at the Aura authority index.
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = ();
}

/// Session keys generated in the benchmark's keystore, with their proof, as the node's
/// `author_rotateKeysWithOwner` makes them.
#[cfg(feature = "runtime-benchmarks")]
pub struct KeystoreSessionKeys;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_validator_set::SessionKeysGenerator<AccountId, SessionKeys> for KeystoreSessionKeys {
	fn generate(owner: &AccountId) -> (SessionKeys, alloc::vec::Vec<u8>) {
		use codec::Encode;
		let generated = SessionKeys::generate(&owner.encode(), None);
		(generated.keys, generated.proof.encode())
	}
}

/// What GRANDPA's equivocation reports prove key ownership with.
pub type GrandpaKeyOwnerProof = <Historical as KeyOwnerProofSystem<(KeyTypeId, GrandpaId)>>::Proof;

/// GRANDPA equivocations: checked against the historical key roots and reported as offences.
pub type GrandpaEquivocationReports =
	pallet_grandpa::EquivocationReportSystem<Runtime, Offences, Historical, ReportLongevity>;

/// Unsigned transactions the runtime creates itself: GRANDPA's equivocation reports.
impl<LocalCall> frame_system::offchain::CreateTransactionBase<LocalCall> for Runtime
where
	crate::RuntimeCall: From<LocalCall>,
{
	type Extrinsic = crate::UncheckedExtrinsic;
	type RuntimeCall = crate::RuntimeCall;
}

impl<LocalCall> frame_system::offchain::CreateBare<LocalCall> for Runtime
where
	crate::RuntimeCall: From<LocalCall>,
{
	fn create_bare(call: crate::RuntimeCall) -> crate::UncheckedExtrinsic {
		crate::UncheckedExtrinsic::new_bare(call)
	}
}
