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
pub mod migration;
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
	use codec::Compact;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			Contains, UnixTime,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::traits::Zero;
	use tributary_primitives::{
		ContentHash, ContributionId, ContributionWeight, DatanetId, DatanetVersion, LicenseTerms,
		OnContributionFlagged,
	};

	/// The in-code storage version. 2 added the curatorship offers, the pending and
	/// model-use counts and the `Flagged`/`Retired` statuses (`migration::v2`).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

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

		/// Deposit held per unit of a contribution's weight, on top of the per-record and
		/// per-byte parts: the share of a datanet's rewards a contribution can claim costs
		/// money in proportion (see "Weights against grinding" in the README). A quality
		/// weight set on acceptance re-holds this part to the new weight.
		#[pallet::constant]
		type DepositPerWeight: Get<BalanceOf<Self>>;

		/// Accounts that can never be offered a datanet's curatorship: the treasury and
		/// pallet accounts, which cannot sign to accept it or to release its deposit.
		type ProtectedAccounts: Contains<Self::AccountId>;

		/// Told just before an accepted contribution is flagged malicious or withdrawn, so
		/// that what it earned until then is settled to its owner and nothing after (the
		/// runtime wires the revenue pallet). Its weight (`contribution_flagged_weight`) is
		/// charged on top of `flag_malicious` and `withdraw_contribution`.
		type OnFlagged: OnContributionFlagged<Self::AccountId>;

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
	///
	/// `Identity`-keyed: ids are assigned by the chain one after the other, never chosen by
	/// a caller, so they cannot be ground into a deep trie branch, and the key carries the
	/// id itself (32 + 8 bytes).
	#[pallet::storage]
	pub type Contributions<T: Config> = StorageMap<_, Identity, ContributionId, ContributionOf<T>>;

	/// The chain-wide content-hash index: the contribution that registered a hash first.
	/// This is the ownership proof, looked up in O(1).
	///
	/// The hash is chosen by whoever submits it, so it is hashed again (`Blake2_128`) to
	/// keep the trie balanced; lookups are by hash and nothing needs the hash back from the
	/// key, so it is not concatenated. The id is stored compact.
	#[pallet::storage]
	pub type ContributionByHash<T> =
		StorageMap<_, Blake2_128, ContentHash, Compact<ContributionId>>;

	/// The contributions each account owns, for paged listing.
	///
	/// Only ever iterated under one known owner's prefix, so the owner is hashed without
	/// being concatenated (`Blake2_128`); the id is the `Identity` suffix of the key. The
	/// iteration order is key order: the order of the ids' SCALE (little-endian) bytes, not
	/// their numeric order (255 comes after 256).
	#[pallet::storage]
	pub type ContributionsByOwner<T: Config> =
		StorageDoubleMap<_, Blake2_128, T::AccountId, Identity, ContributionId, (), OptionQuery>;

	/// The touched nodes of each datanet's sparse Merkle tree, by (height, index); height 0
	/// holds the leaves. Missing nodes are empty subtrees.
	#[pallet::storage]
	pub type MerkleNodes<T> =
		StorageDoubleMap<_, Twox64Concat, DatanetId, Twox64Concat, (u8, u64), H256, OptionQuery>;

	/// The open curatorship offer of each datanet: the account that may accept it. At most
	/// one per datanet (a new offer replaces the old), so the map is bounded by the number
	/// of datanets; closing or retiring the datanet removes it.
	#[pallet::storage]
	pub type CuratorshipOffers<T: Config> =
		StorageMap<_, Twox64Concat, DatanetId, T::AccountId, OptionQuery>;

	/// How many contributions of each datanet wait for review (no entry when none). A
	/// datanet retires only when this and its accepted count are zero.
	#[pallet::storage]
	pub type PendingContributions<T> = StorageMap<_, Twox64Concat, DatanetId, u64, OptionQuery>;

	/// How many model versions are trained on each datanet (no entry when none), kept by the
	/// model registry through `DatanetUsage`. A datanet in use cannot retire.
	#[pallet::storage]
	pub type ModelUses<T> = StorageMap<_, Twox64Concat, DatanetId, u32, OptionQuery>;

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
		/// The curator offered the datanet to `to`; `replaced` is the offer this one replaced.
		CuratorshipOffered {
			datanet: DatanetId,
			from: T::AccountId,
			to: T::AccountId,
			replaced: Option<T::AccountId>,
		},
		/// The open curatorship offer to `to` was withdrawn (by the curator, or by closing
		/// or retiring the datanet).
		CuratorshipOfferCancelled { datanet: DatanetId, to: T::AccountId },
		/// `to` accepted the curatorship: it now holds the datanet deposit, released from
		/// `from`.
		CuratorshipTransferred {
			datanet: DatanetId,
			from: T::AccountId,
			to: T::AccountId,
			deposit: BalanceOf<T>,
		},
		/// A datanet no longer takes contributions.
		DatanetClosed { datanet: DatanetId },
		/// A closed datanet with nothing left depending on it was retired: its deposit went
		/// back to the curator; the record stays as a tombstone.
		DatanetRetired { datanet: DatanetId, curator: T::AccountId, released: BalanceOf<T> },
		/// Data was registered: its content hash now belongs to `owner`.
		ContributionSubmitted {
			contribution: ContributionId,
			datanet: DatanetId,
			owner: T::AccountId,
			content_hash: ContentHash,
			deposit: BalanceOf<T>,
		},
		/// A contribution joined its datanet (it will be in the next version). `deposit` is
		/// what its owner now holds for it (re-held to the accepted weight).
		ContributionAccepted {
			contribution: ContributionId,
			datanet: DatanetId,
			weight: ContributionWeight,
			leaf_index: u64,
			deposit: BalanceOf<T>,
		},
		/// A contribution was refused; its deposit was returned. Its content hash stays bound
		/// to its owner.
		ContributionRejected { contribution: ContributionId, datanet: DatanetId },
		/// A pending or accepted contribution was flagged as malicious: its deposit went to
		/// the treasury, it left every future version (`was_accepted`) and its content hash
		/// stays blocked.
		ContributionFlaggedMalicious {
			contribution: ContributionId,
			datanet: DatanetId,
			slashed: BalanceOf<T>,
			was_accepted: bool,
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
		/// This content hash was registered by another account and rejected: only that
		/// account may register it again.
		ContentOwnedByAnother,
		/// This content hash was flagged malicious: no one may register it again.
		ContentFlagged,
		/// The datanet is closed: it takes no new contributions.
		DatanetNotOpen,
		/// The datanet is already closed.
		AlreadyClosed,
		/// The contribution is not pending review.
		NotPending,
		/// The contribution is neither pending nor accepted, so it cannot be withdrawn.
		NotWithdrawable,
		/// The contribution is neither pending nor accepted, so it cannot be flagged.
		NotFlaggable,
		/// A quality weight may only lower the weight the contributor declared (and paid the
		/// deposit for), never raise it.
		WeightAboveDeclared,
		/// The datanet's deposit is more than the `max_deposit` the signer accepts.
		DepositAboveMax,
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
		/// The account offered the curatorship is already the curator.
		AlreadyCurator,
		/// The treasury and pallet accounts can never be offered a curatorship.
		ProtectedAccount,
		/// The datanet has no open curatorship offer.
		NoCuratorshipOffer,
		/// Only the account offered the curatorship may accept it.
		NotOfferedCuratorship,
		/// The datanet is retired: nothing can be contributed, published, offered or changed.
		DatanetIsRetired,
		/// Only a closed datanet can be retired.
		NotClosed,
		/// The datanet still has pending or accepted contributions.
		ContributionsRemain,
		/// Model versions are still trained on the datanet.
		InUseByModels,
		/// An update call changed nothing.
		NothingToUpdate,
		/// A counter or sum would overflow.
		Overflow,
	}

	/// The registry's reads: each record in the type it is stored in. Apps call them through
	/// the `RuntimeViewFunction` runtime API (polkadot.js / PAPI view functions) without any
	/// RPC of ours; the runtime's `AttributionApi` forwards to them.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A datanet's record.
		pub fn datanet(id: DatanetId) -> Option<DatanetOf<T>> {
			Datanets::<T>::get(id)
		}

		/// A published version of a datanet.
		pub fn datanet_version(
			datanet: DatanetId,
			version: DatanetVersion,
		) -> Option<Version<BlockNumberFor<T>>> {
			Versions::<T>::get(datanet, version)
		}

		/// A contribution's record: the ownership proof of its content hash.
		pub fn contribution(id: ContributionId) -> Option<ContributionOf<T>> {
			Contributions::<T>::get(id)
		}

		/// The contribution that registered a content hash first.
		pub fn contribution_by_hash(hash: ContentHash) -> Option<ContributionId> {
			ContributionByHash::<T>::get(hash).map(|Compact(id)| id)
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLength::get() >= 1, "a datanet must be able to have a name");
			assert!(T::MaxUriLength::get() >= 1, "a datanet must be able to point at its data");
			assert!(T::MaxVersions::get() >= 1, "a datanet must be able to publish a version");
			assert!(
				T::MaxContributionWeight::get() >= 1,
				"a contribution must be able to weigh at least 1"
			);
			assert!(
				!T::DepositBase::get().is_zero(),
				"every record must hold a deposit, or state is free to fill"
			);
			let flagged = T::OnFlagged::contribution_flagged_weight();
			for (call, weight) in [
				("create_datanet", T::WeightInfo::create_datanet()),
				("update_datanet", T::WeightInfo::update_datanet()),
				("close_datanet", T::WeightInfo::close_datanet()),
				("contribute", T::WeightInfo::contribute()),
				("accept_contribution", T::WeightInfo::accept_contribution()),
				("reject_contribution", T::WeightInfo::reject_contribution()),
				("flag_malicious", T::WeightInfo::flag_malicious().saturating_add(flagged)),
				(
					"withdraw_contribution",
					T::WeightInfo::withdraw_contribution().saturating_add(flagged),
				),
				("publish_version", T::WeightInfo::publish_version()),
				("offer_curatorship", T::WeightInfo::offer_curatorship()),
				("cancel_curatorship_offer", T::WeightInfo::cancel_curatorship_offer()),
				("accept_curatorship", T::WeightInfo::accept_curatorship()),
				("retire_datanet", T::WeightInfo::retire_datanet()),
			] {
				tributary_primitives::integrity::assert_call_fits::<T>(call, weight);
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a datanet with the caller as curator.
		///
		/// - Origin: signed; the signer becomes the curator and holds the datanet deposit
		///   (`DepositBase + DepositPerByte × encoded size`).
		/// - `name`, `metadata_uri`: how people find and read about it.
		/// - `policy`: `Open` accepts on submit; `CuratorReview` waits for the curator.
		/// - `license`: what models may do with the data, enforced by the model registry.
		/// - `legal_text_uri`: where the legal text hashed in `license` lives.
		///
		/// Emits `DatanetCreated`.
		///
		/// # Errors
		/// `Overflow` when datanet ids run out; a token error when the deposit cannot be held.
		///
		/// O(1).
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
		/// License changes apply to future uses checked by the model registry.
		///
		/// - Origin: signed by the curator, whose datanet deposit is re-held to the new size.
		/// - `metadata_uri`, `license`: the new values; at least one must be given.
		///
		/// Emits `DatanetUpdated`.
		///
		/// # Errors
		/// `NothingToUpdate`, `UnknownDatanet`, `NotCurator`, `DatanetIsRetired`; a token error
		/// when a larger deposit cannot be held.
		///
		/// O(1).
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

		// Call index 2 was `transfer_curatorship` (one step, holding the deposit from an
		// account that did not sign): retired, never to be reused.

		/// Close a datanet to new contributions. Pending ones can still be reviewed and
		/// versions published. An open curatorship offer is cancelled.
		///
		/// - Origin: signed by the curator.
		///
		/// Emits `CuratorshipOfferCancelled` (when an offer was open), then `DatanetClosed`.
		///
		/// # Errors
		/// `UnknownDatanet`, `NotCurator`, `AlreadyClosed` (also when retired).
		///
		/// O(1).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::close_datanet())]
		pub fn close_datanet(origin: OriginFor<T>, datanet: DatanetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_datanet(who, datanet)
		}

		/// Register data in a datanet. In an `Open` datanet the contribution is accepted at
		/// once with the default weight (one unit per KiB of `size`, at least 1, at most
		/// `MaxContributionWeight`).
		///
		/// - Origin: signed; the signer becomes the owner and holds the contribution deposit
		///   `DepositBase + DepositPerByte × encoded size + DepositPerWeight × weight`.
		/// - `content_hash`: must be new to the whole chain, or a hash the signer registered
		///   before that was rejected (the index then points at the new contribution).
		/// - `size`: the data's size in bytes (self-declared: its weight costs deposit).
		/// - `uri`, `metadata`: where the data lives and what it is.
		///
		/// Emits `ContributionSubmitted` (and `ContributionAccepted` when open).
		///
		/// # Errors
		/// `UnknownDatanet`, `DatanetNotOpen`, `DatanetIsRetired`, `ZeroSize`,
		/// `DuplicateContent`, `ContentOwnedByAnother`, `ContentFlagged`, `DatanetFull`,
		/// `Overflow`; a token error when the deposit cannot be held.
		///
		/// O(1), plus one Merkle path (O(log n), depth 24) when accepted.
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

		/// Accept a pending contribution, optionally with a quality weight instead of its
		/// declared weight. It joins the Merkle tree and every version published from now on.
		/// A quality weight may only lower the declared weight (the owner paid the deposit for
		/// that much and signed for nothing more); the weight part of the deposit above the
		/// accepted weight (`DepositPerWeight` per unit) is released to the owner.
		///
		/// - Origin: signed by the curator.
		/// - `quality_weight`: `1 ..=` the declared weight, or `None` for the declared one.
		///
		/// Emits `ContributionAccepted`.
		///
		/// # Errors
		/// `UnknownContribution`, `NotCurator`, `NotPending`, `InvalidWeight`,
		/// `WeightAboveDeclared`, `DatanetFull`, `Overflow`.
		///
		/// O(log n): one Merkle path (depth 24).
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

		/// Reject a pending contribution: its deposit goes back to its owner. Its content
		/// hash stays bound to the owner: only the owner may register it again.
		///
		/// - Origin: signed by the curator.
		///
		/// Emits `ContributionRejected`.
		///
		/// # Errors
		/// `UnknownContribution`, `NotCurator`, `NotPending`.
		///
		/// O(1).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::reject_contribution())]
		pub fn reject_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_review(who, contribution, Review::Reject)
		}

		/// Flag a pending or accepted contribution as malicious: its whole deposit goes to
		/// the treasury and its content hash stays blocked for everyone. An accepted one is
		/// first reported to `OnFlagged` (its earnings so far are settled), then leaves the
		/// Merkle tree and the datanet's totals as a withdrawal does: it stays in the
		/// versions already published and is in no later one.
		///
		/// - Origin: signed by the curator.
		///
		/// Emits `ContributionFlaggedMalicious`.
		///
		/// # Errors
		/// `UnknownContribution`, `NotCurator`, `NotFlaggable`, `Overflow`.
		///
		/// O(log n): one Merkle path (depth 24) when accepted, plus `OnFlagged`.
		#[pallet::call_index(7)]
		#[pallet::weight(
			T::WeightInfo::flag_malicious().saturating_add(T::OnFlagged::contribution_flagged_weight())
		)]
		pub fn flag_malicious(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_flag(who, contribution)
		}

		/// Revoke consent: the contribution leaves every future version. Versions already
		/// published, records that used it and revenue it earned until now stay: what it
		/// earned is settled to the owner first (`OnFlagged`), and from then on it earns
		/// nothing, since the deposit that priced its weight is released (otherwise a weight
		/// could be held just long enough to enter a version, then earn for free). The content
		/// hash stays bound to the contribution.
		///
		/// - Origin: signed by the owner.
		///
		/// Emits `ContributionWithdrawn`.
		///
		/// # Errors
		/// `UnknownContribution`, `NotContributionOwner`, `NotWithdrawable`, `Overflow`.
		///
		/// O(log n): one Merkle path (depth 24) when accepted, plus `OnFlagged`.
		#[pallet::call_index(8)]
		#[pallet::weight(
			T::WeightInfo::withdraw_contribution()
				.saturating_add(T::OnFlagged::contribution_flagged_weight())
		)]
		pub fn withdraw_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(who, contribution)
		}

		/// Publish an immutable version: the current Merkle root, contribution count and
		/// total weight.
		///
		/// - Origin: signed by the curator.
		///
		/// Emits `VersionPublished`.
		///
		/// # Errors
		/// `UnknownDatanet`, `NotCurator`, `DatanetIsRetired`, `EmptyVersion`,
		/// `TooManyVersions`.
		///
		/// O(1): the root is maintained incrementally.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::publish_version())]
		pub fn publish_version(origin: OriginFor<T>, datanet: DatanetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish_version(who, datanet).map(|_| ())
		}

		/// Offer the datanet's curatorship to `to`. Nothing is held from `to` until it
		/// accepts. A datanet has at most one open offer: this one replaces any other.
		///
		/// - Origin: signed by the curator.
		/// - `to`: the account that may accept; never the curator itself, the treasury or a
		///   pallet account (`ProtectedAccounts`).
		///
		/// Emits `CuratorshipOffered`.
		///
		/// # Errors
		/// `UnknownDatanet`, `NotCurator`, `DatanetIsRetired`, `AlreadyCurator`,
		/// `ProtectedAccount`.
		///
		/// O(1).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::offer_curatorship())]
		pub fn offer_curatorship(
			origin: OriginFor<T>,
			datanet: DatanetId,
			to: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_offer_curatorship(who, datanet, to)
		}

		/// Withdraw the datanet's open curatorship offer.
		///
		/// - Origin: signed by the curator.
		///
		/// Emits `CuratorshipOfferCancelled`.
		///
		/// # Errors
		/// `UnknownDatanet`, `NotCurator`, `NoCuratorshipOffer`.
		///
		/// O(1).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::cancel_curatorship_offer())]
		pub fn cancel_curatorship_offer(
			origin: OriginFor<T>,
			datanet: DatanetId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_curatorship_offer(who, datanet)
		}

		/// Accept the curatorship offered to the signer. The signer holds the datanet deposit
		/// from its own balance; the old curator's deposit is released. The offer is used up.
		///
		/// - Origin: signed by the account the offer names.
		/// - `max_deposit`: the most the signer agrees to hold. The curator can still grow the
		///   deposit after offering (`update_datanet`); a bigger deposit refuses the accept
		///   (`DepositAboveMax`) and nothing changes.
		///
		/// Emits `CuratorshipTransferred`.
		///
		/// # Errors
		/// `UnknownDatanet`, `NoCuratorshipOffer`, `NotOfferedCuratorship`,
		/// `DepositAboveMax`; a token error when the signer cannot hold the deposit (nothing
		/// changes).
		///
		/// O(1).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::accept_curatorship())]
		pub fn accept_curatorship(
			origin: OriginFor<T>,
			datanet: DatanetId,
			max_deposit: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_curatorship(who, datanet, max_deposit)
		}

		/// Retire a closed datanet nothing depends on any more: no pending or accepted
		/// contribution is left and no model version is trained on it. Its deposit goes back
		/// to the curator. The record stays as a tombstone (status `Retired`), with its
		/// versions, so history reads keep working; nothing can be contributed, published,
		/// offered or changed on it afterwards.
		///
		/// - Origin: signed by the curator.
		///
		/// Emits `DatanetRetired`.
		///
		/// # Errors
		/// `UnknownDatanet`, `NotCurator`, `DatanetIsRetired`, `NotClosed`,
		/// `ContributionsRemain`, `InUseByModels`.
		///
		/// O(1).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::retire_datanet())]
		pub fn retire_datanet(origin: OriginFor<T>, datanet: DatanetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_retire_datanet(who, datanet)
		}
	}
}
