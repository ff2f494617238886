//! The `AttributionApi` runtime API: every read apps need about datanets, contributions,
//! models, inference records and earnings. polkadot.js calls it from metadata as
//! `api.call.attributionApi.<method>`; the node's `attribution_*` JSON-RPC methods wrap it.
//!
//! Every method is bounded: paginated methods cap `limit` at the runtime's maximum page
//! size, and lineage at the model registry's maximum depth.

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;
use sp_arithmetic::Perbill;
use sp_core::H256;

use crate::types::*;

/// A datanet as apps see it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct DatanetInfo<AccountId, Balance, BlockNumber> {
	/// The datanet id.
	pub id: DatanetId,
	/// Its curator.
	pub curator: AccountId,
	/// Its name (UTF-8 as submitted).
	pub name: Vec<u8>,
	/// Its metadata URI.
	pub metadata_uri: Vec<u8>,
	/// `true` when contributions need the curator's review.
	pub curator_review: bool,
	/// `false` once closed to new contributions.
	pub open: bool,
	/// Its license terms.
	pub license: LicenseTerms<BlockNumber>,
	/// Where the license's legal text lives.
	pub legal_text_uri: Vec<u8>,
	/// The curator's deposit held for it.
	pub deposit: Balance,
	/// Block of creation.
	pub created_at: BlockNumber,
}

/// A contribution as apps see it: the ownership proof.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ContributionInfo<AccountId, Balance, BlockNumber> {
	/// The contribution id.
	pub id: ContributionId,
	/// Its datanet.
	pub datanet: DatanetId,
	/// Its owner: who registered the content hash first.
	pub owner: AccountId,
	/// The content hash.
	pub content_hash: ContentHash,
	/// Size in bytes.
	pub size: u64,
	/// Where the data lives.
	pub uri: Vec<u8>,
	/// Its weight.
	pub weight: ContributionWeight,
	/// Its status.
	pub status: ContributionStatus,
	/// Block of registration.
	pub registered_at: BlockNumber,
	/// Unix time of registration, in milliseconds.
	pub registered_at_ms: u64,
	/// Its Merkle leaf, once accepted.
	pub leaf_index: Option<u64>,
	/// The versions it belongs to (`first ..= last`), if any.
	pub versions: Option<(DatanetVersion, DatanetVersion)>,
	/// What it has earned in all (attributed shares and settled pool shares).
	pub earned: Balance,
}

/// A published datanet version.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct DatanetVersionInfo<BlockNumber> {
	/// The datanet.
	pub datanet: DatanetId,
	/// The version number.
	pub version: DatanetVersion,
	/// Merkle root over (contribution id, weight) leaves.
	pub root: H256,
	/// Contributions in the version.
	pub contribution_count: u64,
	/// Their total weight.
	pub total_weight: u128,
	/// Block of publication.
	pub published_at: BlockNumber,
}

/// Live counters of a datanet.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct DatanetStats<Balance> {
	/// The datanet.
	pub datanet: DatanetId,
	/// Contributions ever submitted.
	pub submitted: u64,
	/// Contributions accepted now.
	pub accepted: u64,
	/// Their total weight.
	pub accepted_weight: u128,
	/// The newest published version (0 before the first).
	pub latest_version: DatanetVersion,
	/// What its pool holds for contributors and has not settled to them yet.
	pub pool_balance: Balance,
}

/// One version of a model.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ModelVersionInfo<BlockNumber> {
	/// The version number.
	pub version: ModelVersion,
	/// The artifact hash.
	pub artifact_hash: H256,
	/// The datanet versions it was trained on.
	pub training_data: Vec<(DatanetId, DatanetVersion)>,
	/// Its recorded training influence per datanet, if any (and not found false).
	pub training_influence: Option<Vec<(DatanetId, Perbill)>>,
	/// Block of registration.
	pub created_at: BlockNumber,
}

/// A model as apps see it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ModelInfo<AccountId, Balance, BlockNumber> {
	/// The model id.
	pub id: ModelId,
	/// Its owner (developer).
	pub owner: AccountId,
	/// Its name.
	pub name: Vec<u8>,
	/// Its model card URI.
	pub metadata_uri: Vec<u8>,
	/// Its base model, if derived.
	pub base_model: Option<ModelId>,
	/// Its declared uses.
	pub uses: DeclaredUses,
	/// Its inference price.
	pub price: Balance,
	/// Its revenue split.
	pub split: RevenueSplit,
	/// Its status.
	pub status: ModelStatus,
	/// Its inference operators.
	pub operators: Vec<AccountId>,
	/// Its newest version.
	pub latest_version: ModelVersion,
	/// The newest version's details.
	pub latest: Option<ModelVersionInfo<BlockNumber>>,
	/// Inferences it has served.
	pub inference_count: u32,
}

/// One step of a model's lineage.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct LineageEntry {
	/// The model.
	pub model: ModelId,
	/// Its newest version.
	pub version: ModelVersion,
	/// The datanet versions under it.
	pub training_data: Vec<(DatanetId, DatanetVersion)>,
}

/// An inference record as apps see it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct InferenceInfo<AccountId, Balance, BlockNumber> {
	/// The inference id.
	pub id: InferenceId,
	/// The model.
	pub model: ModelId,
	/// The model version.
	pub version: ModelVersion,
	/// Who paid.
	pub payer: AccountId,
	/// Who served it.
	pub operator: AccountId,
	/// The fee.
	pub fee: Balance,
	/// Hash of input and output.
	pub io_hash: H256,
	/// Attributed contributions and weights.
	pub attributions: Vec<(ContributionId, Perbill)>,
	/// Block of recording.
	pub recorded_at: BlockNumber,
	/// A challenge against it was upheld.
	pub disputed: bool,
	/// Its dispute period is over: it left state and was read from the node's history.
	pub archived: bool,
}

/// A page of a list of inference ids (a contribution's, a model's or a payer's), read from
/// the node's attribution history: the lists are not kept in state (see the attribution
/// pallet's `history`).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Default)]
pub struct InferencePage {
	/// The ids at the positions asked for that this node's history holds, in list
	/// (recording) order.
	pub inferences: Vec<InferenceId>,
	/// How many inferences the list holds in all (counted on chain).
	pub total: u32,
	/// Positions asked for (below `total`) that this node's history does not hold: it did not
	/// execute their blocks with offchain indexing on (e.g. it was warp-synced).
	pub unavailable: u32,
}

/// How a contribution was used and what it earned.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ContributionUsage<Balance> {
	/// The inferences that attributed it (a page).
	pub page: InferencePage,
	/// Earned in all: attributed shares (from the payment on; they reach the owner's
	/// claimable balance when the contribution is next settled) plus settled pool shares.
	pub earned: Balance,
	/// Pool share accrued and not yet settled (none of a flagged or withdrawn contribution's):
	/// not in `earned`.
	pub pending_pool_share: Balance,
}

/// An account's earnings.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct AccountEarnings<Balance> {
	/// Exactly what the account's next `claim` pays: what it earned as developer, operator
	/// and from settled contributions and has not claimed, plus the unsettled shares (pool
	/// shares, none of a flagged contribution's, and attributed shares) of the batch of up to
	/// `MaxClaimBatch` contributions after its claim cursor; zero when the claim would pay
	/// nothing (e.g. a payout below the existential deposit to an account that does not
	/// exist).
	pub claimable: Balance,
	/// Paid out so far.
	pub claimed: Balance,
	/// Earned as a contributor (settled).
	pub as_contributor: Balance,
	/// Earned as a developer.
	pub as_developer: Balance,
	/// Earned as an operator.
	pub as_operator: Balance,
}

/// Why `preview_split` refused an input: exactly the error `pay_inference` fails with on
/// the same model, version, fee and attributions (both run the attribution pallet's
/// `validate_inference`).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct SplitRefused {
	/// The dispatch error; for a pallet's error, the pallet's index and the error's encoding
	/// (its first byte is the variant's index).
	pub error: sp_runtime::DispatchError,
	/// Its name: the error variant (e.g. `WeightsDoNotSumToOne`, `LicenseExpired`), or the
	/// dispatch error's description for other kinds.
	pub name: Vec<u8>,
}

impl From<sp_runtime::DispatchError> for SplitRefused {
	fn from(error: sp_runtime::DispatchError) -> Self {
		let name: &'static str = error.into();
		Self { error, name: name.as_bytes().to_vec() }
	}
}

sp_api::decl_runtime_apis! {
	/// Reads of Tributary's AI data economy.
	pub trait AttributionApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// A datanet.
		fn datanet(id: DatanetId) -> Option<DatanetInfo<AccountId, Balance, BlockNumber>>;
		/// A datanet's live counters and pool balance.
		fn datanet_stats(id: DatanetId) -> Option<DatanetStats<Balance>>;
		/// A published datanet version.
		fn datanet_version(datanet: DatanetId, version: DatanetVersion) -> Option<DatanetVersionInfo<BlockNumber>>;
		/// A contribution.
		fn contribution(id: ContributionId) -> Option<ContributionInfo<AccountId, Balance, BlockNumber>>;
		/// The contribution that registered a content hash first: the ownership proof.
		fn contribution_by_hash(hash: ContentHash) -> Option<ContributionInfo<AccountId, Balance, BlockNumber>>;
		/// A model, with its newest version.
		fn model(id: ModelId) -> Option<ModelInfo<AccountId, Balance, BlockNumber>>;
		/// One version of a model.
		fn model_version(id: ModelId, version: ModelVersion) -> Option<ModelVersionInfo<BlockNumber>>;
		/// A model and its ancestors, each with the datanet versions under it.
		fn model_lineage(id: ModelId) -> Vec<LineageEntry>;
		/// An inference record: from state through its dispute period, then from the node's
		/// attribution history. Reading an archived record needs the offchain database
		/// extension, which the node's `attribution_` RPC registers (a plain `state_call`
		/// of an archived id fails).
		fn inference(id: InferenceId) -> Option<InferenceInfo<AccountId, Balance, BlockNumber>>;
		/// The inferences that used a contribution (a page, from the node's history: needs
		/// the offchain database extension) and what it earned.
		fn contribution_usage(id: ContributionId, start: u32, limit: u32) -> Option<ContributionUsage<Balance>>;
		/// The inferences of a model (a page, from the node's history).
		fn model_inferences(id: ModelId, start: u32, limit: u32) -> InferencePage;
		/// The inferences an account paid for (a page, from the node's history).
		fn payer_inferences(payer: AccountId, start: u32, limit: u32) -> InferencePage;
		/// An account's earnings by role.
		fn earnings(account: AccountId) -> AccountEarnings<Balance>;
		/// The exact split of `fee` for an inference of `model` at `version` with
		/// `attributions`, without paying (dry run). Refuses every input `pay_inference`
		/// refuses, with the same error (the operator is not checked: none is named).
		fn preview_split(
			model: ModelId,
			version: ModelVersion,
			fee: Balance,
			attributions: Vec<(ContributionId, Perbill)>,
		) -> Result<FeeBreakdown<Balance>, SplitRefused>;
		/// The largest page the paginated methods return.
		fn max_page_size() -> u32;
	}
}
