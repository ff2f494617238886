#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(
	test,
	allow(
		clippy::arithmetic_side_effects,
		clippy::indexing_slicing,
		clippy::unwrap_used,
		clippy::expect_used
	)
)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
mod session;
#[cfg(test)]
mod tests;
pub mod weights;

pub use pallet::*;
pub use session::{NoIdentification, SessionWeights};
pub use weights::WeightInfo;

/// Makes session keys with their ownership proof (the benchmarks of `session.set_keys`).
#[cfg(feature = "runtime-benchmarks")]
pub trait SessionKeysGenerator<AccountId, Keys> {
	/// Fresh keys owned by `owner`, and the proof `session.set_keys` checks.
	fn generate(owner: &AccountId) -> (Keys, alloc::vec::Vec<u8>);
}

/// The log target of this pallet.
const LOG_TARGET: &str = "runtime::validator-set";

// The pallet macros expand `#[pallet::constant]` metadata into code that calls `expect`; the
// rules themselves live outside this module, where the lint applies in full.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_staking::SessionIndex;

	/// The in-code storage version.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The set's accounts are pallet-session's validator ids: a validator is its account.
	#[pallet::config]
	pub trait Config:
		frame_system::Config
		+ pallet_session::Config<ValidatorId = <Self as frame_system::Config>::AccountId>
		+ pallet_session::historical::Config
	{
		/// Who changes the set, the session length and the floor: Root today, a council later.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The most validators the set holds. At most the authority limits of Aura and GRANDPA.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// The shortest session governance may set, in blocks. At least 1.
		#[pallet::constant]
		type MinSessionLength: Get<BlockNumberFor<Self>>;

		/// The longest session governance may set, in blocks.
		#[pallet::constant]
		type MaxSessionLength: Get<BlockNumberFor<Self>>;

		/// How many sessions' historical key roots are kept: an offence (a GRANDPA equivocation)
		/// can be proven that many sessions after the fact. Older roots are pruned as each
		/// session is planned, so the history stays bounded. At least 1.
		#[pallet::constant]
		type HistoryDepth: Get<u32>;

		/// Generates session keys and their ownership proof for the benchmarks of
		/// `session.set_keys`, as the node's keystore does.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: SessionKeysGenerator<Self::AccountId, Self::Keys>;

		/// Weights of this pallet's calls and of its offence handler, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The governed validator set, sorted: what the next planned session gets (those of them
	/// with session keys). Changes reach the active set two sessions later.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// The fewest validators the set may hold: removals below it are refused, and a planned set
	/// with fewer validators holding keys is not planned (the active one goes on).
	#[pallet::storage]
	pub type MinValidators<T> = StorageValue<_, u32, ValueQuery>;

	/// How many blocks a session lasts.
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The block the current session began in (0 in the genesis session).
	#[pallet::storage]
	pub type SessionStart<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The genesis set, floor and session length. With no validators nothing is stored: the
	/// session pallet's genesis keys validate, in a genesis session that never ends.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The validators of the first sessions. Each needs session keys in the session
		/// pallet's genesis.
		pub validators: Vec<T::AccountId>,
		/// The floor; 1 if zero.
		pub min_validators: u32,
		/// Blocks per session; `MinSessionLength` if zero.
		pub session_length: BlockNumberFor<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// Genesis builds only while a chain spec is made, never in a block: a genesis that
			// breaks these rules must not start a chain, and the panic stops that spec from
			// building, with the rule it broke. qed
			#[allow(clippy::expect_used)]
			Pallet::<T>::build_genesis(self).expect("the validator-set genesis is valid");
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A validator joined the set; it validates from two sessions on.
		ValidatorAdded {
			/// Its account.
			validator: T::AccountId,
		},
		/// A validator left the set; it stops validating two sessions on.
		ValidatorRemoved {
			/// Its account.
			validator: T::AccountId,
		},
		/// Governance set the session length, effective in the current session.
		SessionLengthSet {
			/// Blocks per session.
			length: BlockNumberFor<T>,
		},
		/// Governance set the floor.
		MinValidatorsSet {
			/// The fewest validators the set may hold.
			count: u32,
		},
		/// The set was planned for a session: it validates in that session.
		NewSetPlanned {
			/// The session it validates in.
			session: SessionIndex,
			/// How many validators it has.
			validators: u32,
		},
		/// The set changed but too few of its validators have session keys, so it was not
		/// planned; the active set goes on and planning is tried again next session.
		SetNotPlanned {
			/// The session it would have validated in.
			session: SessionIndex,
			/// How many of its validators have keys.
			with_keys: u32,
		},
		/// A validator reported for an offence was disabled and removed from the set.
		OffenderRemoved {
			/// Its account.
			validator: T::AccountId,
		},
		/// A validator reported for an offence was disabled but kept: removing it would take
		/// the set below its floor.
		OffenderKept {
			/// Its account.
			validator: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is in the set already.
		AlreadyValidator,
		/// The account is not in the set.
		NotValidator,
		/// The account has no session keys: it must call `session.set_keys` first.
		NoSessionKeys,
		/// The set holds `MaxValidators` already.
		TooManyValidators,
		/// Removing the validator would take the set below `MinValidators`.
		TooFewValidators,
		/// The session length is outside `MinSessionLength..=MaxSessionLength`.
		SessionLengthOutOfRange,
		/// The floor must be at least 1 and at most the size of the set.
		MinValidatorsOutOfRange,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// pallet-session asks every block whether the session ends: that check is charged here.
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			<T as Config>::WeightInfo::session_check()
		}

		fn integrity_test() {
			Self::check_config();
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `validator` to the set, from two sessions on. It must have set session keys.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::add_validator())]
		pub fn add_validator(origin: OriginFor<T>, validator: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_add_validator(validator)
		}

		/// Removes `validator` from the set, from two sessions on; never below the floor.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_validator())]
		pub fn remove_validator(origin: OriginFor<T>, validator: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_validator(validator)
		}

		/// Sets how many blocks a session lasts; the current session ends once it is that old.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::set_session_length())]
		pub fn set_session_length(
			origin: OriginFor<T>,
			length: BlockNumberFor<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_session_length(length)
		}

		/// Sets the fewest validators the set may hold.
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::set_min_validators())]
		pub fn set_min_validators(origin: OriginFor<T>, count: u32) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_min_validators(count)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The governed set: who validates two sessions from now if nothing changes.
		pub fn validator_set() -> Vec<T::AccountId> {
			Validators::<T>::get().into_inner()
		}

		/// The block the next session is expected to begin in; `None` while sessions never end
		/// (no set adopted yet).
		pub fn next_session_start() -> Option<BlockNumberFor<T>> {
			Self::next_session_block()
		}
	}
}
