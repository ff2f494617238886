//! SCALE types of the dataset registry.

use codec::{
	Compact, Decode, DecodeWithMemTracking, Encode, EncodeAsRef, HasCompact, MaxEncodedLen,
};
use frame_support::{pallet_prelude::*, traits::fungible};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use tributary_primitives::{
	ContentHash, ContributionStatus, ContributionWeight, DatanetId, DatanetVersion, LicenseTerms,
};

use crate::Config;

/// A balance of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A datanet or version name.
pub type NameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLength>;
/// A URI (IPFS CID, https URL, ...).
pub type UriOf<T> = BoundedVec<u8, <T as Config>::MaxUriLength>;
/// Free-form contribution metadata (e.g. a JSON blob or a hash of one).
pub type MetadataOf<T> = BoundedVec<u8, <T as Config>::MaxMetadataLength>;
/// A datanet as stored.
pub type DatanetOf<T> = Datanet<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	<T as Config>::MaxNameLength,
	<T as Config>::MaxUriLength,
>;
/// A contribution as stored.
pub type ContributionOf<T> = Contribution<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	<T as Config>::MaxUriLength,
	<T as Config>::MaxMetadataLength,
>;

/// How a datanet admits contributions.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
pub enum ContributionPolicy {
	/// Accepted on submit, with the default weight.
	Open,
	/// Pending until the curator accepts or rejects.
	CuratorReview,
}

/// Whether a datanet takes new contributions.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
pub enum DatanetStatus {
	/// Takes contributions.
	Open,
	/// Closed to new contributions; pending ones can still be reviewed and versions published.
	Closed,
	/// Retired: closed, with no contribution left and no model trained on it, its deposit
	/// returned. A tombstone: its record and versions stay readable, nothing changes it.
	Retired,
}

/// A datanet: a community dataset with a curator, a license and a contribution policy.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxName, MaxUri))]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, BlockNumber: serde::Serialize"
		)
	)
)]
pub struct Datanet<AccountId, Balance, BlockNumber, MaxName: Get<u32>, MaxUri: Get<u32>> {
	/// Reviews contributions, publishes versions, sets terms.
	pub curator: AccountId,
	/// Human-readable name.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::text"))]
	pub name: BoundedVec<u8, MaxName>,
	/// Off-chain description (datasheet) of the datanet.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::text"))]
	pub metadata_uri: BoundedVec<u8, MaxUri>,
	/// How contributions are admitted.
	pub policy: ContributionPolicy,
	/// The license for AI uses; changes apply to future model registrations only.
	pub license: LicenseTerms<BlockNumber>,
	/// Where the legal text of the license lives.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::text"))]
	pub legal_text_uri: BoundedVec<u8, MaxUri>,
	/// Open or closed to new contributions, or retired.
	pub status: DatanetStatus,
	/// The curator's deposit held for this record (zero once retired).
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub deposit: Balance,
	/// Contributions ever submitted.
	pub submitted: u64,
	/// Contributions currently accepted (withdrawn ones leave this count).
	pub accepted: u64,
	/// Sum of the weights of the currently accepted contributions.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub accepted_weight: u128,
	/// Merkle leaves used so far (one per acceptance; never reused).
	pub leaves: u64,
	/// The newest published version (0 before the first).
	pub latest_version: DatanetVersion,
	/// Block of creation.
	pub created_at: BlockNumber,
}

/// A datanet's curatorship changes hands by the shared two-step transfer.
impl<AccountId, Balance: Copy, BlockNumber, MaxName: Get<u32>, MaxUri: Get<u32>>
	tributary_primitives::transfer::Transferable<AccountId, Balance>
	for Datanet<AccountId, Balance, BlockNumber, MaxName, MaxUri>
{
	fn holder(&self) -> &AccountId {
		&self.curator
	}

	fn set_holder(&mut self, to: AccountId) -> AccountId {
		core::mem::replace(&mut self.curator, to)
	}

	fn deposit(&self) -> Balance {
		self.deposit
	}

	fn is_retired(&self) -> bool {
		self.status == DatanetStatus::Retired
	}
}

/// One piece of registered data. Raw data never goes on chain: only its hash and URI.
///
/// Every contribution is a record of state that stays for good, so its numbers are stored
/// compact (SCALE `Compact`): a small datanet id, size, weight, block, time, deposit, leaf
/// index or version takes one to a few bytes rather than its full width. `MaxEncodedLen` is
/// implemented by hand below: the derive counts a `#[codec(compact)]` field at its plain
/// width, one byte short of its longest compact encoding.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxUri, MaxMetadata))]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, BlockNumber: serde::Serialize"
		)
	)
)]
pub struct Contribution<AccountId, Balance, BlockNumber, MaxUri: Get<u32>, MaxMetadata: Get<u32>> {
	/// The datanet it was submitted to.
	#[codec(compact)]
	pub datanet: DatanetId,
	/// Who registered it first: the owner.
	pub owner: AccountId,
	/// The 32-byte content hash: registered once across the whole chain.
	pub content_hash: ContentHash,
	/// Size of the data in bytes.
	#[codec(compact)]
	pub size: u64,
	/// Where the data lives (e.g. an IPFS CID).
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::text"))]
	pub uri: BoundedVec<u8, MaxUri>,
	/// Optional free-form metadata.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::text"))]
	pub metadata: BoundedVec<u8, MaxMetadata>,
	/// Share of the datanet's pool rewards: by default one unit per KiB, or set by the
	/// curator on review. Fixed once accepted. Each unit holds `DepositPerWeight`.
	#[codec(compact)]
	pub weight: ContributionWeight,
	/// Pending, accepted, rejected, withdrawn or flagged.
	pub status: ContributionStatus,
	/// Block of registration.
	#[codec(compact)]
	pub registered_at: BlockNumber,
	/// Unix time (ms) of registration.
	#[codec(compact)]
	pub registered_at_ms: u64,
	/// The owner's deposit held while the contribution is pending or accepted:
	/// `DepositBase + DepositPerByte × deposit_bytes (as submitted) + DepositPerWeight ×
	/// weight` (see [`Contribution::deposit_bytes`]).
	#[codec(compact)]
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub deposit: Balance,
	/// Its leaf in the datanet's Merkle tree, once accepted.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::compact"))]
	pub leaf_index: Option<Compact<u64>>,
	/// The first version that includes it (set on acceptance).
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::compact"))]
	pub first_version: Option<Compact<DatanetVersion>>,
	/// The last version that includes it (set on withdrawal or flagging: the latest version
	/// published then).
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::compact"))]
	pub last_version: Option<Compact<DatanetVersion>>,
}

/// The longest compact encoding of a `T` that compact-encodes as an unsigned integer of its
/// own width (`u8` ..= `u128`, or a `CompactAs` wrapper of one): below 2^30 a compact
/// integer takes at most 4 bytes, above it a length byte and at most its plain bytes.
pub fn compact_max_len<T: MaxEncodedLen>() -> usize {
	T::max_encoded_len().saturating_add(1).max(4)
}

/// A bounded vector of `byte` at the bound's length.
#[cfg(feature = "std")]
fn filled<S: Get<u32>>(byte: u8) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(alloc::vec![byte; usize::try_from(S::get()).unwrap_or_default()])
}

impl<AccountId, BlockNumber, MaxUri: Get<u32>, MaxMetadata: Get<u32>>
	Contribution<AccountId, u128, BlockNumber, MaxUri, MaxMetadata>
{
	/// The longest contribution the bounds admit: every number at its largest, the URI and
	/// metadata at their longest, a leaf and both versions set. Its encoding is exactly
	/// `MaxEncodedLen` (the tests check it, here and in the runtime).
	#[cfg(feature = "std")]
	pub fn longest(owner: AccountId, registered_at: BlockNumber) -> Self {
		Contribution {
			datanet: DatanetId::MAX,
			owner,
			content_hash: H256::repeat_byte(0xff),
			size: u64::MAX,
			uri: filled(b'u'),
			metadata: filled(b'm'),
			weight: ContributionWeight::MAX,
			status: ContributionStatus::Accepted,
			registered_at,
			registered_at_ms: u64::MAX,
			deposit: u128::MAX,
			leaf_index: Some(Compact(u64::MAX)),
			first_version: Some(Compact(DatanetVersion::MAX)),
			last_version: Some(Compact(DatanetVersion::MAX)),
		}
	}
}

impl<AccountId, Balance, BlockNumber, MaxUri, MaxMetadata> MaxEncodedLen
	for Contribution<AccountId, Balance, BlockNumber, MaxUri, MaxMetadata>
where
	AccountId: MaxEncodedLen,
	Balance: MaxEncodedLen + HasCompact,
	BlockNumber: MaxEncodedLen + HasCompact,
	MaxUri: Get<u32>,
	MaxMetadata: Get<u32>,
{
	fn max_encoded_len() -> usize {
		let version = Option::<Compact<DatanetVersion>>::max_encoded_len();
		Compact::<DatanetId>::max_encoded_len()
			.saturating_add(AccountId::max_encoded_len())
			.saturating_add(ContentHash::max_encoded_len())
			.saturating_add(Compact::<u64>::max_encoded_len())
			.saturating_add(BoundedVec::<u8, MaxUri>::max_encoded_len())
			.saturating_add(BoundedVec::<u8, MaxMetadata>::max_encoded_len())
			.saturating_add(Compact::<ContributionWeight>::max_encoded_len())
			.saturating_add(ContributionStatus::max_encoded_len())
			.saturating_add(compact_max_len::<BlockNumber>())
			.saturating_add(Compact::<u64>::max_encoded_len())
			.saturating_add(compact_max_len::<Balance>())
			.saturating_add(Option::<Compact<u64>>::max_encoded_len())
			.saturating_add(version)
			.saturating_add(version)
	}
}

impl<AccountId, Balance, BlockNumber, MaxUri, MaxMetadata>
	Contribution<AccountId, Balance, BlockNumber, MaxUri, MaxMetadata>
where
	AccountId: Encode,
	Balance: MaxEncodedLen + HasCompact,
	BlockNumber: HasCompact,
	MaxUri: Get<u32>,
	MaxMetadata: Get<u32>,
{
	/// The bytes the contribution's deposit pays for: its encoded size with the `deposit`
	/// field counted at its longest ([`compact_max_len`]). A compact amount is longer the
	/// larger it is, so counting the one held would make the deposit depend on itself; this
	/// way the byte part of the deposit is the same before and after it is held, and a
	/// review that lowers the weight releases exactly the weight part.
	pub fn deposit_bytes(&self) -> usize {
		let held = <<Balance as HasCompact>::Type as EncodeAsRef<'_, Balance>>::RefType::from(
			&self.deposit,
		)
		.encoded_size();
		self.encoded_size().saturating_sub(held).saturating_add(compact_max_len::<Balance>())
	}
}

/// An immutable, published version of a datanet.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct Version<BlockNumber> {
	/// Merkle root over the (contribution id, weight) leaves of the accepted contributions.
	pub root: H256,
	/// Accepted contributions in the version.
	pub contribution_count: u64,
	/// Sum of their weights.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub total_weight: u128,
	/// Block of publication.
	pub published_at: BlockNumber,
}

/// A curator's decision on a pending contribution.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Review {
	/// Accept, with an optional quality weight (the deposit follows the weight).
	Accept(Option<ContributionWeight>),
	/// Reject: deposit returned, content hash kept bound to the owner.
	Reject,
}
