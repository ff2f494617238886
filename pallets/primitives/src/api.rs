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

use crate::types::*;

/// A datanet: its record as the dataset registry stores it, with its id.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
pub struct DatanetRead<Datanet> {
	/// The datanet id.
	pub id: DatanetId,
	/// Its record.
	#[cfg_attr(feature = "std", serde(flatten))]
	pub datanet: Datanet,
}

/// A datanet's record with what its reward pool holds.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(serialize = "Datanet: serde::Serialize, Balance: core::fmt::Display"))
)]
pub struct DatanetStats<Datanet, Balance> {
	/// The datanet id.
	pub datanet: DatanetId,
	/// Its record: its live counters among the rest.
	#[cfg_attr(feature = "std", serde(flatten))]
	pub record: Datanet,
	/// What its pool holds for contributors and has not settled to them yet.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::json::balance"))]
	pub pool_balance: Balance,
}

/// A published datanet version: its record, with its datanet and number.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
pub struct VersionRead<Version> {
	/// The datanet.
	pub datanet: DatanetId,
	/// The version number.
	pub version: DatanetVersion,
	/// Its record.
	#[cfg_attr(feature = "std", serde(flatten))]
	pub record: Version,
}

/// A contribution: the dataset registry's record (the ownership proof) and the revenue
/// pallet's account of what it earned, with its id.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
pub struct ContributionRead<Contribution, Account> {
	/// The contribution id.
	pub id: ContributionId,
	/// Its record.
	#[cfg_attr(feature = "std", serde(flatten))]
	pub contribution: Contribution,
	/// What it earned (its account with the revenue pallet).
	#[cfg_attr(feature = "std", serde(flatten))]
	pub account: Account,
}

/// One version of a model: the model registry's record, with its number and the training
/// influence recorded for it by the attribution pallet.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ModelVersionRead<ModelVersionRecord> {
	/// The version number.
	pub version: ModelVersion,
	/// Its record.
	#[cfg_attr(feature = "std", serde(flatten))]
	pub record: ModelVersionRecord,
	/// Its recorded training influence per datanet, if any (and not found false).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::json::datanet_weights"))]
	pub training_influence: Option<Vec<(DatanetId, Perbill)>>,
}

/// A model: the model registry's record with its id, its newest version and how many
/// inferences it served.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ModelRead<Model, ModelVersionRecord> {
	/// The model id.
	pub id: ModelId,
	/// Its record.
	#[cfg_attr(feature = "std", serde(flatten))]
	pub model: Model,
	/// The newest version.
	pub latest: Option<ModelVersionRead<ModelVersionRecord>>,
	/// Inferences it has served.
	pub inference_count: u32,
}

/// An inference record as the attribution pallet stores it, with its id.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
pub struct InferenceRead<Inference> {
	/// The inference id.
	pub id: InferenceId,
	/// Its record.
	#[cfg_attr(feature = "std", serde(flatten))]
	pub record: Inference,
	/// Its dispute period is over: it left state and was read from the node's history.
	pub archived: bool,
}

/// A page of a list of inference ids (a contribution's, a model's or a payer's), read from
/// the node's attribution history: the lists are not kept in state (see the attribution
/// pallet's `history`).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Default)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
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
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "std", serde(bound(serialize = "Balance: core::fmt::Display")))]
pub struct ContributionUsage<Balance> {
	/// The inferences that attributed it (a page).
	#[cfg_attr(feature = "std", serde(flatten))]
	pub page: InferencePage,
	/// Earned in all: attributed shares (from the payment on; they reach the owner's
	/// claimable balance when the contribution is next settled) plus settled pool shares.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::json::balance"))]
	pub earned: Balance,
	/// Pool share accrued and not yet settled (none of a flagged or withdrawn contribution's):
	/// not in `earned`.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::json::balance"))]
	pub pending_pool_share: Balance,
}

/// An account's earnings: the revenue pallet's record of them, with what its next claim pays.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(
	feature = "std",
	serde(bound(serialize = "Earnings: serde::Serialize, Balance: core::fmt::Display"))
)]
pub struct AccountEarnings<Earnings, Balance> {
	/// Exactly what the account's next `claim` pays: what it earned as developer, operator
	/// and from settled contributions and has not claimed, plus the unsettled shares (pool
	/// shares, none of a flagged contribution's, and attributed shares) of the batch of up to
	/// `MaxClaimBatch` contributions after its claim cursor; zero when the claim would pay
	/// nothing (e.g. a payout below the existential deposit to an account that does not
	/// exist).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::json::balance"))]
	pub claimable: Balance,
	/// Its record: earned by role, and claimed.
	#[cfg_attr(feature = "std", serde(flatten))]
	pub stats: Earnings,
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
	/// Reads of Tributary's AI data economy. Every record is returned in the type its pallet
	/// stores it in (`Datanet`, `Version`, `Contribution`, `ContributionAccount`, `Model`,
	/// `ModelVersion`, `LineageStep`, `Inference`, `Earnings`: the runtime names them), with
	/// its key and what other pallets count about it.
	///
	/// Version 2: the records in their stored types (version 1 returned view types of its
	/// own, e.g. `ContributionInfo`).
	#[api_version(2)]
	pub trait AttributionApi<
		AccountId,
		Balance,
		Datanet,
		Version,
		Contribution,
		ContributionAccount,
		Model,
		ModelVersionRecord,
		LineageStep,
		Inference,
		Earnings,
	>
	where
		AccountId: Codec,
		Balance: Codec,
		Datanet: Codec,
		Version: Codec,
		Contribution: Codec,
		ContributionAccount: Codec,
		Model: Codec,
		ModelVersionRecord: Codec,
		LineageStep: Codec,
		Inference: Codec,
		Earnings: Codec,
	{
		/// A datanet.
		fn datanet(id: DatanetId) -> Option<DatanetRead<Datanet>>;
		/// A datanet with its pool balance.
		fn datanet_stats(id: DatanetId) -> Option<DatanetStats<Datanet, Balance>>;
		/// A published datanet version.
		fn datanet_version(datanet: DatanetId, version: DatanetVersion) -> Option<VersionRead<Version>>;
		/// A contribution and what it earned.
		fn contribution(id: ContributionId) -> Option<ContributionRead<Contribution, ContributionAccount>>;
		/// The contribution that registered a content hash first: the ownership proof.
		fn contribution_by_hash(hash: ContentHash) -> Option<ContributionRead<Contribution, ContributionAccount>>;
		/// A model, with its newest version.
		fn model(id: ModelId) -> Option<ModelRead<Model, ModelVersionRecord>>;
		/// One version of a model.
		fn model_version(id: ModelId, version: ModelVersion) -> Option<ModelVersionRead<ModelVersionRecord>>;
		/// A model and its ancestors, each with the datanet versions under it (empty for an
		/// unknown model).
		fn model_lineage(id: ModelId) -> Vec<LineageStep>;
		/// An inference record: from state through its dispute period, then from the node's
		/// attribution history. Reading an archived record needs the offchain database
		/// extension, which the node's `attribution_` RPC registers (a plain `state_call`
		/// of an archived id fails).
		fn inference(id: InferenceId) -> Option<InferenceRead<Inference>>;
		/// The inferences that used a contribution (a page, from the node's history: needs
		/// the offchain database extension) and what it earned.
		fn contribution_usage(id: ContributionId, start: u32, limit: u32) -> Option<ContributionUsage<Balance>>;
		/// The inferences of a model (a page, from the node's history).
		fn model_inferences(id: ModelId, start: u32, limit: u32) -> InferencePage;
		/// The inferences an account paid for (a page, from the node's history).
		fn payer_inferences(payer: AccountId, start: u32, limit: u32) -> InferencePage;
		/// An account's earnings by role.
		fn earnings(account: AccountId) -> AccountEarnings<Earnings, Balance>;
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
