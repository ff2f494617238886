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
mod inspect;
mod merkle_tree;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
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
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			UnixTime,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use tributary_primitives::{
		ContentHash, ContributionId, ContributionWeight, DatanetId, DatanetVersion, LicenseTerms,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The curator's deposit for a datanet record.
		DatanetDeposit,
		/// The owner's deposit for a pending or accepted contribution.
		ContributionDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Wall-clock time, to timestamp registrations.
		type Time: UnixTime;

		/// Receives the deposits of contributions flagged as malicious.
		#[pallet::constant]
		type TreasuryAccount: Get<Self::AccountId>;

		/// Deposit held for every datanet or contribution record, plus the per-byte part.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// Deposit held per byte a record stores.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// Longest datanet name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Longest URI, in bytes.
		#[pallet::constant]
		type MaxUriLength: Get<u32>;

		/// Longest contribution metadata, in bytes.
		#[pallet::constant]
		type MaxMetadataLength: Get<u32>;

		/// Most versions a datanet may publish (bounds the revenue pools' version index).
		#[pallet::constant]
		type MaxVersions: Get<u32>;

		/// Largest weight a contribution may have.
		#[pallet::constant]
		type MaxContributionWeight: Get<ContributionWeight>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The id the next datanet gets.
	#[pallet::storage]
	pub type NextDatanetId<T> = StorageValue<_, DatanetId, ValueQuery>;

	/// Every datanet, by id.
	#[pallet::storage]
	pub type Datanets<T: Config> = StorageMap<_, Blake2_128Concat, DatanetId, DatanetOf<T>>;

	/// The id the next contribution gets (ids are unique across all datanets).
	#[pallet::storage]
	pub type NextContributionId<T> = StorageValue<_, ContributionId, ValueQuery>;

	/// Every contribution, by id. Records stay after rejection or withdrawal (history).
	#[pallet::storage]
	pub type Contributions<T: Config> =
		StorageMap<_, Blake2_128Concat, ContributionId, ContributionOf<T>>;

	/// The chain-wide content-hash index: the contribution that registered a hash first.
	/// This is the ownership proof, looked up in O(1).
	#[pallet::storage]
	pub type ContributionByHash<T> = StorageMap<_, Identity, ContentHash, ContributionId>;

	/// The contributions each account owns, for paged listing.
	#[pallet::storage]
	pub type ContributionsByOwner<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		ContributionId,
		(),
		OptionQuery,
	>;

	/// The touched nodes of each datanet's sparse Merkle tree, by (height, index); height 0
	/// holds the leaves. Missing nodes are empty subtrees.
	#[pallet::storage]
	pub type MerkleNodes<T> =
		StorageDoubleMap<_, Twox64Concat, DatanetId, Twox64Concat, (u8, u64), H256, OptionQuery>;

	/// The published versions of each datanet: immutable once written.
	#[pallet::storage]
	pub type Versions<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		DatanetId,
		Twox64Concat,
		DatanetVersion,
		Version<BlockNumberFor<T>>,
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A datanet was created.
		DatanetCreated { datanet: DatanetId, curator: T::AccountId, deposit: BalanceOf<T> },
		/// A datanet's metadata URI or license terms changed.
		DatanetUpdated { datanet: DatanetId },
		/// A datanet has a new curator.
		CuratorshipTransferred { datanet: DatanetId, from: T::AccountId, to: T::AccountId },
		/// A datanet no longer takes contributions.
		DatanetClosed { datanet: DatanetId },
		/// Data was registered: its content hash now belongs to `owner`.
		ContributionSubmitted {
			contribution: ContributionId,
			datanet: DatanetId,
			owner: T::AccountId,
			content_hash: ContentHash,
			deposit: BalanceOf<T>,
		},
		/// A contribution joined its datanet (it will be in the next version).
		ContributionAccepted {
			contribution: ContributionId,
			datanet: DatanetId,
			weight: ContributionWeight,
			leaf_index: u64,
		},
		/// A contribution was refused; its deposit was returned.
		ContributionRejected { contribution: ContributionId, datanet: DatanetId },
		/// A contribution was flagged as malicious; its deposit went to the treasury.
		ContributionFlaggedMalicious {
			contribution: ContributionId,
			datanet: DatanetId,
			slashed: BalanceOf<T>,
		},
		/// A contribution's owner revoked consent: it leaves every future version.
		ContributionWithdrawn { contribution: ContributionId, datanet: DatanetId },
		/// A datanet version was published.
		VersionPublished {
			datanet: DatanetId,
			version: DatanetVersion,
			root: H256,
			contribution_count: u64,
			total_weight: u128,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No datanet has this id.
		UnknownDatanet,
		/// No contribution has this id.
		UnknownContribution,
		/// Only the datanet's curator may do this.
		NotCurator,
		/// Only the contribution's owner may do this.
		NotContributionOwner,
		/// This content hash is already registered: the first registration owns it.
		DuplicateContent,
		/// The datanet is closed to new contributions.
		DatanetClosed,
		/// The datanet is already closed.
		AlreadyClosed,
		/// The contribution is not pending review.
		NotPending,
		/// The contribution is neither pending nor accepted, so it cannot be withdrawn.
		NotWithdrawable,
		/// A contribution must have a size of at least one byte.
		ZeroSize,
		/// A contribution's weight must be between 1 and `MaxContributionWeight`.
		InvalidWeight,
		/// The datanet's Merkle tree is full.
		DatanetFull,
		/// The datanet has published `MaxVersions` versions.
		TooManyVersions,
		/// A version needs at least one accepted contribution.
		EmptyVersion,
		/// The new curator is already the curator.
		AlreadyCurator,
		/// An update call changed nothing.
		NothingToUpdate,
		/// A counter or sum would overflow.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a datanet with the caller as curator. Holds a deposit sized by the bytes
		/// the record stores.
		///
		/// - `name`, `metadata_uri`: how people find and read about it.
		/// - `policy`: `Open` accepts on submit; `CuratorReview` waits for the curator.
		/// - `license`: what models may do with the data; enforced at model registration.
		/// - `legal_text_uri`: where the legal text hashed in `license` lives.
		///
		/// Emits `DatanetCreated`. O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_datanet())]
		pub fn create_datanet(
			origin: OriginFor<T>,
			name: NameOf<T>,
			metadata_uri: UriOf<T>,
			policy: ContributionPolicy,
			license: LicenseTerms<BlockNumberFor<T>>,
			legal_text_uri: UriOf<T>,
		) -> DispatchResult {
			let curator = ensure_signed(origin)?;
			Self::do_create_datanet(curator, name, metadata_uri, policy, license, legal_text_uri)
		}

		/// Change a datanet's metadata URI and/or its license (terms and legal-text URI).
		/// License changes apply to future model registrations only. Curator only.
		///
		/// Emits `DatanetUpdated`. O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_datanet())]
		pub fn update_datanet(
			origin: OriginFor<T>,
			datanet: DatanetId,
			metadata_uri: Option<UriOf<T>>,
			license: Option<(LicenseTerms<BlockNumberFor<T>>, UriOf<T>)>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_datanet(who, datanet, metadata_uri, license)
		}

		/// Hand the datanet to `new_curator`. The deposit moves with it: released from the
		/// old curator, held from the new one. Curator only.
		///
		/// Emits `CuratorshipTransferred`. O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::transfer_curatorship())]
		pub fn transfer_curatorship(
			origin: OriginFor<T>,
			datanet: DatanetId,
			new_curator: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_transfer_curatorship(who, datanet, new_curator)
		}

		/// Close a datanet to new contributions. Pending ones can still be reviewed and
		/// versions published. Curator only.
		///
		/// Emits `DatanetClosed`. O(1).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::close_datanet())]
		pub fn close_datanet(origin: OriginFor<T>, datanet: DatanetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_datanet(who, datanet)
		}

		/// Register data in a datanet: its content hash (which must be new to the whole
		/// chain), size, URI and optional metadata. Holds a deposit sized by the bytes stored.
		/// In an `Open` datanet the contribution is accepted at once with the default weight
		/// (one unit per KiB, at least 1, at most `MaxContributionWeight`).
		///
		/// Emits `ContributionSubmitted` (and `ContributionAccepted` when open).
		/// O(1), or O(log n) Merkle path update when accepted.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::contribute())]
		pub fn contribute(
			origin: OriginFor<T>,
			datanet: DatanetId,
			content_hash: ContentHash,
			size: u64,
			uri: UriOf<T>,
			metadata: MetadataOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_contribute(owner, datanet, content_hash, size, uri, metadata).map(|_| ())
		}

		/// Accept a pending contribution, optionally with a quality weight instead of the
		/// default. It joins the Merkle tree and every version published from now on, until
		/// withdrawn. Curator only.
		///
		/// Emits `ContributionAccepted`. O(log n): one Merkle path.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::accept_contribution())]
		pub fn accept_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
			quality_weight: Option<ContributionWeight>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_review(who, contribution, Review::Accept(quality_weight))
		}

		/// Reject a pending contribution: its deposit goes back and its content hash is
		/// freed for registration elsewhere. Curator only.
		///
		/// Emits `ContributionRejected`. O(1).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::reject_contribution())]
		pub fn reject_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_review(who, contribution, Review::Reject)
		}

		/// Reject a pending contribution as malicious: its whole deposit goes to the
		/// treasury and its content hash stays blocked. Curator only.
		///
		/// Emits `ContributionFlaggedMalicious`. O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::flag_malicious())]
		pub fn flag_malicious(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_review(who, contribution, Review::Malicious)
		}

		/// Revoke consent: the contribution leaves every future version. Versions already
		/// published, records that used it and revenue it earned stay. The deposit is
		/// released. Owner only.
		///
		/// Emits `ContributionWithdrawn`. O(log n): one Merkle path.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::withdraw_contribution())]
		pub fn withdraw_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(who, contribution)
		}

		/// Publish an immutable version: the current Merkle root, contribution count and
		/// total weight. Curator only.
		///
		/// Emits `VersionPublished`. O(1): the root is maintained incrementally.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::publish_version())]
		pub fn publish_version(origin: OriginFor<T>, datanet: DatanetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish_version(who, datanet).map(|_| ())
		}
	}
}

/// A curator's decision on a pending contribution.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Review {
	/// Accept, with an optional quality weight.
	Accept(Option<tributary_primitives::ContributionWeight>),
	/// Reject, deposit returned.
	Reject,
	/// Reject as malicious, deposit slashed to the treasury.
	Malicious,
}
