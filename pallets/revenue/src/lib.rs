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
pub mod math;
#[cfg(test)]
mod mock;
pub mod rewards;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use impls::{ClaimPlan, PlannedSplit, PoolUpdate, Settlement};
pub use pallet::*;
pub use rewards::{MaxPages, PageLen, VERSIONS_PER_PAGE};
pub use types::*;
pub use weights::WeightInfo;

// The pallet macros expand `#[pallet::constant]` metadata into code that calls `expect`; the
// rules themselves live outside this module, where the lint applies in full.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, Mutate},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{traits::AccountIdConversion, Perbill};
	use tributary_primitives::{
		api::AccountEarnings, ContributionId, DatanetId, DatanetsInspect, FeeBreakdown,
		InferenceId, ModelId, ModelVersion, TrainingInfluence,
	};

	/// The in-code storage version. Version 3 keeps each contribution's revenue in one record,
	/// each pool in one record with its page totals, and claimable balances as earnings less
	/// claims (no chain was live on version 2, so there is no migration).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency fees are paid in.
		type Currency: Inspect<Self::AccountId, Balance = Balance> + Mutate<Self::AccountId>;

		/// The dataset registry: contribution owners, weights and version ranges; version
		/// weights.
		type Datanets: DatanetsInspect<Self::AccountId, BlockNumberFor<Self>>;

		/// Training attribution: how each training datanet's pool share is weighted.
		type Influence: TrainingInfluence;

		/// The protocol treasury, which receives its cut and every rounding remainder.
		#[pallet::constant]
		type TreasuryAccount: Get<Self::AccountId>;

		/// The treasury's cut of every fee.
		#[pallet::constant]
		type TreasuryCut: Get<Perbill>;

		/// Derives the account that holds fees until they are claimed.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Versions each datanet's reward counters cover: the most versions a datanet can have. At
		/// least the dataset registry's `MaxVersions`.
		#[pallet::constant]
		type MaxVersions: Get<u32>;

		/// Most contributions one `claim` settles; an owner of more claims again to go on. At
		/// least 1.
		#[pallet::constant]
		type MaxClaimBatch: Get<u32>;

		/// Builds a payable model for the benchmarks, records its training influence and
		/// flags contributions.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: tributary_primitives::RevenueBenchmarkHelper<Self::AccountId>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Each account's earnings by role and its claims: what it may claim is earnings less
	/// claims. Crediting a developer or operator is one write here.
	#[pallet::storage]
	pub type Earnings<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, EarningsStats, ValueQuery>;

	/// Each datanet's reward pool: balance, exact liability and page totals of its reward
	/// counters.
	#[pallet::storage]
	pub type Pools<T: Config> = StorageMap<_, Twox64Concat, DatanetId, PoolOf<T>, ValueQuery>;

	/// Each datanet's reward counters, a page of `VERSIONS_PER_PAGE` versions per entry: the
	/// reward per weight (`FixedU128` inner) paid into each version in all.
	#[pallet::storage]
	pub type RewardPages<T> = StorageDoubleMap<
		_,
		Twox64Concat,
		DatanetId,
		Twox64Concat,
		u32,
		BoundedVec<u128, PageLen>,
		ValueQuery,
	>;

	/// Each contribution's revenue: earned, attributed shares not yet settled to its owner,
	/// its settled point and how many inferences attributed it. A payment writes it once per
	/// attribution and nothing per contribution owner.
	#[pallet::storage]
	pub type ContributionAccounts<T> =
		StorageMap<_, Twox64Concat, ContributionId, ContributionAccount, ValueQuery>;

	/// Where an account's next `claim` resumes settling its contributions (after this id).
	#[pallet::storage]
	pub type ClaimCursor<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ContributionId>;

	/// A datanet's pool as stored.
	pub type PoolOf<T> = Pool<MaxPages<T>>;

	/// Chain-wide totals for the conservation invariant. Every payment and claim reads and
	/// writes it: one of the [`Pallet::keys_committed_once_per_block`].
	#[pallet::storage]
	pub type Flow<T> = StorageValue<_, MoneyFlow, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		_config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// The revenue account must exist before the first fee smaller than the
			// existential deposit arrives.
			// So must the treasury, which receives rounding remainders of a few plancks.
			let minimum = T::Currency::minimum_balance();
			for account in [Pallet::<T>::account_id(), T::TreasuryAccount::get()] {
				if T::Currency::balance(&account) < minimum {
					assert!(
						T::Currency::mint_into(&account, minimum).is_ok(),
						"genesis: cannot endow the revenue and treasury accounts"
					);
				}
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The receipt of one inference payment: the exact split of its fee.
		FeeSplit {
			inference: InferenceId,
			model: ModelId,
			version: ModelVersion,
			payer: T::AccountId,
			operator: T::AccountId,
			developer: T::AccountId,
			breakdown: FeeBreakdown<Balance>,
		},
		/// What payments owed the treasury was sent to it.
		TreasurySwept { amount: Balance },
		/// An account claimed: `amount` was paid out (zero when the claim only settled or
		/// moved on, or the account cannot yet receive what it accrued) after going through
		/// `settled` of its contributions. `more` says contributions remain: claim again.
		Claimed { who: T::AccountId, amount: Balance, settled: u32, more: bool },
		/// A contribution about to be flagged malicious, or withdrawn by its owner, had what it
		/// earned until then settled to its owner's claimable balance.
		SettledBeforeFlag { contribution: ContributionId, owner: T::AccountId, amount: Balance },
		/// A flagged or withdrawn contribution's pool share, accrued after it stopped, went to
		/// the treasury.
		PoolShareForfeited { contribution: ContributionId, datanet: DatanetId, amount: Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such model version.
		UnknownModelVersion,
		/// The fee is zero.
		ZeroFee,
		/// The claim would change nothing: nothing accrued to the caller, none of its
		/// contributions has a pool share to settle and there is no claim cursor to move.
		NothingToClaim,
		/// A datanet version beyond what the reward counters cover.
		VersionOutOfRange,
		/// A sum would overflow.
		Overflow,
	}

	/// The revenue pallet's reads: each record in the type it is stored in. Apps call them
	/// through the `RuntimeViewFunction` runtime API (polkadot.js / PAPI view functions); the
	/// runtime's `AttributionApi` forwards to them.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// What a contribution earned, what of it is unsettled, how often it was attributed.
		pub fn contribution_account(id: ContributionId) -> ContributionAccount {
			ContributionAccounts::<T>::get(id)
		}

		/// A contribution's pool share accrued and not yet settled (none of a flagged or
		/// withdrawn contribution's).
		pub fn unsettled_pool_share(id: ContributionId) -> Balance {
			Self::settlement(id).map(|s| if s.forfeited { 0 } else { s.amount }).unwrap_or_default()
		}

		/// What a datanet's pool holds for its contributors and has not settled to them.
		pub fn pool_balance(datanet: DatanetId) -> Balance {
			Pools::<T>::get(datanet).balance
		}

		/// An account's earnings record, with exactly what its next `claim` pays (the same
		/// batch from the same claim cursor, computed by the same function as the claim).
		pub fn earnings(account: T::AccountId) -> AccountEarnings<EarningsStats, Balance> {
			AccountEarnings {
				claimable: Self::next_claim(&account).payout,
				stats: Earnings::<T>::get(&account),
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Charges the block's one read and one write of each of the
		/// [`Pallet::keys_committed_once_per_block`], which the benchmarks leave out of every
		/// call's weight.
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			let keys = KEYS_COMMITTED_ONCE_PER_BLOCK as u64;
			T::DbWeight::get().reads_writes(keys, keys)
		}

		/// Sends what payments owed the treasury on to it: one transfer per block however
		/// many payments, within the weight left.
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let weight = T::WeightInfo::sweep_treasury();
			if !remaining.all_gte(weight) {
				return Weight::zero();
			}
			Self::sweep_treasury();
			weight
		}

		fn integrity_test() {
			use tributary_primitives::integrity::{assert_call_fits, assert_hook_fits};
			assert!(T::MaxClaimBatch::get() >= 1, "a claim must settle at least one contribution");
			assert!(T::MaxVersions::get() >= 1, "the reward counters need at least one version");
			assert_call_fits::<T>("claim", T::WeightInfo::claim(T::MaxClaimBatch::get()));
			// Charged on top of the dataset registry's flag and withdrawal.
			assert_call_fits::<T>("contribution_flagged", T::WeightInfo::contribution_flagged());
			let keys = KEYS_COMMITTED_ONCE_PER_BLOCK as u64;
			let on_initialize = T::DbWeight::get().reads_writes(keys, keys);
			assert_hook_fits::<T>("on_initialize", on_initialize);
			assert_hook_fits::<T>(
				"on_initialize and on_idle",
				on_initialize.saturating_add(T::WeightInfo::sweep_treasury()),
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Pay out everything accrued to the caller: direct shares (as developer, operator or
		/// attributed contributor) and the pool shares of the contributions it owns. Settles
		/// at most `MaxClaimBatch` contributions per call, resuming after the claim cursor;
		/// when `more` is true in `Claimed`, call again for the rest. Every claim makes
		/// progress whatever the number of contributions: it pays, settles or moves the
		/// cursor, and after the last batch the cursor starts over. Pool shares of flagged
		/// contributions go to the treasury. The revenue account stays alive; a payout the
		/// caller cannot receive (below the existential deposit to an account that does not
		/// exist) stays claimable while the settlement and the cursor still go ahead.
		/// `Pallet::next_claim` tells exactly what the call will do.
		///
		/// - Origin: signed, by the account claiming for itself.
		///
		/// Emits `PoolShareForfeited` for each flagged contribution with a share, then
		/// `Claimed`.
		///
		/// # Errors
		/// `NothingToClaim` when the claim would change nothing; the currency's
		/// `BelowMinimum` when all there is to do is a payout the caller cannot receive.
		///
		/// O(B) for B settled contributions (the pool record and at most two pages each).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::claim(T::MaxClaimBatch::get()))]
		pub fn claim(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let settled = Self::do_claim(who)?;
			Ok(Some(T::WeightInfo::claim(settled)).into())
		}
	}

	/// How many [`Pallet::keys_committed_once_per_block`] there are.
	pub const KEYS_COMMITTED_ONCE_PER_BLOCK: usize = 2;

	impl<T: Config> Pallet<T> {
		/// The account that holds fees until they are claimed.
		pub fn account_id() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		/// The storage keys every payment and claim reads and writes: the money totals
		/// (`Flow`) and the revenue account's balance. A block commits each once however many
		/// calls touch it, so the runtime whitelists them in the benchmarks (they are not in
		/// any call's weight) and `on_initialize` charges one read and one write for each,
		/// every block.
		pub fn keys_committed_once_per_block(
		) -> [alloc::vec::Vec<u8>; KEYS_COMMITTED_ONCE_PER_BLOCK] {
			[
				Flow::<T>::hashed_key().to_vec(),
				frame_system::Account::<T>::hashed_key_for(Self::account_id()),
			]
		}
	}
}
