//! SCALE types of proof-of-attribution records.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::pallet_prelude::*;
use sp_core::H256;
use sp_runtime::Perbill;
use tributary_primitives::{ContributionId, DatanetId, InferenceId, ModelId, ModelVersion};

/// A balance in plancks (10^-12 TRIB): the chain's.
pub use tributary_primitives::Balance;
/// Identifies a dispute.
pub type DisputeId = u64;

/// How off-chain attribution scores were computed.
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
pub enum AttributionMethod {
	/// Influence functions (Koh & Liang style).
	InfluenceFunctions,
	/// Span / n-gram matching of outputs against training data.
	SpanMatching,
	/// Gradient tracing (TracIn and relatives).
	GradientTracing,
	/// Data Shapley values.
	DataShapley,
	/// Another method, named off chain.
	Other,
}

/// The training attribution of one model version.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxDatanets))]
pub struct TrainingRecord<AccountId, BlockNumber, MaxDatanets: Get<u32>> {
	/// The model owner or attestor who recorded it.
	pub submitter: AccountId,
	/// Influence of each training datanet; sums to exactly 100%.
	pub influences: BoundedVec<(DatanetId, Perbill), MaxDatanets>,
	/// Merkle root over per-contribution influence scores computed off chain.
	pub contributions_root: Option<H256>,
	/// How the scores were computed.
	pub method: AttributionMethod,
	/// Block of recording.
	pub recorded_at: BlockNumber,
	/// The submitter's deposit still held (zero once released or slashed).
	pub deposit: Balance,
	/// Governance upheld a challenge: the record is flagged false in every read.
	pub disputed: bool,
	/// Submitted by an attestor the owner named for the model (not by the owner): the
	/// attestor's bond answers for it until its dispute window closes.
	pub by_attestor: bool,
}

/// Whether an attestor may sign records.
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
pub enum AttestorStatus {
	/// Bonded: may sign the training records of the models whose owners named it.
	Bonded,
	/// Removed by governance, left of its own accord, or slashed: signs nothing more; its
	/// bond (if any is left) stays held until it is accountable for nothing.
	Unbonding,
}

/// An attestor's seat: its bond and what it still answers for.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct AttestorInfo<BlockNumber> {
	/// The bond held from it (zero once slashed).
	pub bond: Balance,
	/// Whether it may still sign.
	pub status: AttestorStatus,
	/// The last block at which a record it signed can still be challenged (the end of the
	/// latest dispute window among its records; zero before its first record). The bond can
	/// be withdrawn from the block after.
	pub accountable_until: BlockNumber,
	/// Open disputes against records it signed.
	pub open_disputes: u32,
}

/// The attestors a model's owner named to write its training records. A naming belongs to
/// the owner who made it: once the model changes hands it names no one (the new owner's
/// first `name_attestor` starts a fresh list).
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(Max))]
pub struct NamedAttestors<AccountId, Max: Get<u32>> {
	/// The owner who named them.
	pub named_by: AccountId,
	/// The named attestors, each once.
	pub attestors: BoundedVec<AccountId, Max>,
}

/// The record of one paid inference. It stays in state through its dispute period only;
/// then the chain archives it in the node's offchain database (see `history`), returns its
/// deposit and removes it. Immutable but for the dispute flag and the deposit.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxAttributions))]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(serialize = "AccountId: serde::Serialize, BlockNumber: serde::Serialize")
	)
)]
pub struct InferenceRecord<AccountId, BlockNumber, MaxAttributions: Get<u32>> {
	/// The model.
	pub model: ModelId,
	/// The model version that served it.
	pub version: ModelVersion,
	/// Who paid (and signed).
	pub payer: AccountId,
	/// The operator that served it.
	pub operator: AccountId,
	/// The fee paid.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub fee: Balance,
	/// Hash of the input and output (never the content).
	pub io_hash: H256,
	/// The contributions that influenced the output, weights summing to exactly 100%.
	#[cfg_attr(
		feature = "std",
		serde(serialize_with = "tributary_primitives::json::contribution_weights")
	)]
	pub attributions: BoundedVec<(ContributionId, Perbill), MaxAttributions>,
	/// For each attribution, in the same order, the inference's position in that
	/// contribution's usage list.
	#[cfg_attr(feature = "std", serde(skip))]
	pub positions: BoundedVec<u32, MaxAttributions>,
	/// The inference's position in its model's list of inferences.
	#[cfg_attr(feature = "std", serde(skip))]
	pub model_position: u32,
	/// The inference's position in its payer's list of inferences.
	#[cfg_attr(feature = "std", serde(skip))]
	pub payer_position: u32,
	/// Block of recording.
	pub recorded_at: BlockNumber,
	/// The payer's record deposit still held (zero once returned or slashed).
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub deposit: Balance,
	/// Governance upheld a challenge: the record is flagged false in every read.
	pub disputed: bool,
}

/// What a dispute challenges.
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
pub enum DisputeTarget {
	/// The training attribution of a model version.
	Training(ModelId, ModelVersion),
	/// An inference record.
	Inference(InferenceId),
}

/// An open challenge.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Dispute<AccountId, BlockNumber> {
	/// Who challenged, with a bond held.
	pub challenger: AccountId,
	/// The challenged record.
	pub target: DisputeTarget,
	/// Hash of the evidence, published off chain.
	pub evidence_hash: H256,
	/// The challenger's bond.
	pub bond: Balance,
	/// Block of the challenge.
	pub opened_at: BlockNumber,
}
