//! Ids and SCALE types shared by the Tributary pallets.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_arithmetic::Perbill;
use sp_runtime::traits::{IdentifyAccount, Verify};

/// The chain's transaction signature scheme.
pub type Signature = sp_runtime::MultiSignature;
/// The chain's account id: the public key of the signature scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance in plancks of TRIB (10^-12 TRIB): the chain's, and the one the pallets that
/// move money (attribution, revenue) are written for.
pub type Balance = u128;
/// The chain's block number.
pub type BlockNumber = u32;

/// Decimals of the chain's token, TRIB.
pub const TOKEN_DECIMALS: u8 = 12;
/// One TRIB in plancks: 10^[`TOKEN_DECIMALS`].
pub const TRIB: Balance = 1_000_000_000_000;
/// A thousandth of a TRIB.
pub const MILLI_TRIB: Balance = 1_000_000_000;
/// A millionth of a TRIB.
pub const MICRO_TRIB: Balance = 1_000_000;

/// Identifies a datanet (a community dataset).
pub type DatanetId = u32;
/// Identifies a contribution (one piece of registered data), unique across the chain.
pub type ContributionId = u64;
/// A published version of a datanet, counted from 1.
pub type DatanetVersion = u32;
/// Identifies a registered model.
pub type ModelId = u32;
/// A version of a model, counted from 1.
pub type ModelVersion = u32;
/// Identifies an inference record.
pub type InferenceId = u64;
/// The weight of a contribution in its datanet: its share of the datanet's pool rewards.
pub type ContributionWeight = u64;
/// A 32-byte content hash (e.g. blake2-256 or sha2-256 of the data).
pub type ContentHash = sp_core::H256;

/// Where a contribution is in its life.
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
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum ContributionStatus {
	/// Submitted to a `CuratorReview` datanet, waiting for the curator.
	Pending,
	/// Part of the datanet: included in every version published while it stays accepted.
	Accepted,
	/// Refused by the curator; its deposit was returned (or slashed if flagged malicious).
	Rejected,
	/// Consent revoked by its owner: out of every future version, history kept.
	Withdrawn,
	/// Flagged malicious by the curator (while pending or accepted): deposit slashed to the
	/// treasury, out of every future version, earns nothing from the flag on; its content
	/// hash stays bound to it.
	Flagged,
}

/// What a model is being used for when value moves, for licence checks at that moment.
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
pub enum LicensedUse {
	/// Writing a training attribution record for a model version.
	TrainingRecord,
	/// Taking a fee for a paid inference: commercial use of every datanet drawn on.
	PaidInference,
}

/// The license terms of a datanet, written for AI uses. The model registry enforces them.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct LicenseTerms<BlockNumber> {
	/// Models may be trained (pre-trained) on the data.
	pub train: bool,
	/// Models may be fine-tuned on the data.
	pub fine_tune: bool,
	/// The data may be used for retrieval-augmented generation (RAG).
	pub retrieval: bool,
	/// Models using the data may be served commercially.
	pub commercial: bool,
	/// Derivative models (with a base model: adapters, merges) may use the data.
	pub derivatives: bool,
	/// After this block the license no longer admits new model registrations.
	pub expires_at: Option<BlockNumber>,
	/// Hash of the legal text of the license.
	pub legal_text_hash: sp_core::H256,
}

/// One term of a license, as named in refusals.
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
pub enum LicenseTerm {
	/// `train` is off.
	Train,
	/// `fine_tune` is off.
	FineTune,
	/// `retrieval` is off.
	Retrieval,
	/// `commercial` is off.
	Commercial,
	/// `derivatives` is off.
	Derivatives,
	/// The license has expired.
	Expired,
}

/// What a model declares it does with its training data (besides training on it).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct DeclaredUses {
	/// The model is a fine-tune on the data.
	pub fine_tune: bool,
	/// The model retrieves the data at inference time (RAG).
	pub retrieval: bool,
	/// The model is served commercially.
	pub commercial: bool,
}

impl<BlockNumber> LicenseTerms<BlockNumber> {
	/// Terms that allow every use and never expire, with the legal text hashed as
	/// `H256::repeat_byte(1)`: what benchmarks and tests license their datanets under.
	pub const fn permissive() -> Self {
		Self {
			train: true,
			fine_tune: true,
			retrieval: true,
			commercial: true,
			derivatives: true,
			expires_at: None,
			legal_text_hash: sp_core::H256::repeat_byte(1),
		}
	}
}

impl<BlockNumber: PartialOrd> LicenseTerms<BlockNumber> {
	/// The first term that forbids a model with `uses` (and a base model when `derivative`)
	/// from registering at block `now`, or `None` when the license admits it.
	pub fn first_violation(
		&self,
		uses: &DeclaredUses,
		derivative: bool,
		now: &BlockNumber,
	) -> Option<LicenseTerm> {
		if self.expires_at.as_ref().is_some_and(|expiry| now > expiry) {
			return Some(LicenseTerm::Expired);
		}
		if !self.train {
			return Some(LicenseTerm::Train);
		}
		if uses.fine_tune && !self.fine_tune {
			return Some(LicenseTerm::FineTune);
		}
		if uses.retrieval && !self.retrieval {
			return Some(LicenseTerm::Retrieval);
		}
		if uses.commercial && !self.commercial {
			return Some(LicenseTerm::Commercial);
		}
		if derivative && !self.derivatives {
			return Some(LicenseTerm::Derivatives);
		}
		None
	}
}

/// What other pallets may know about a contribution.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ContributionView<AccountId> {
	/// Its datanet.
	pub datanet: DatanetId,
	/// Its owner: the account that registered it first.
	pub owner: AccountId,
	/// Its weight in the datanet.
	pub weight: ContributionWeight,
	/// Its status.
	pub status: ContributionStatus,
	/// The versions it belongs to, `first ..= last` (`None` when in none yet).
	pub versions: Option<(DatanetVersion, DatanetVersion)>,
}

impl<AccountId> ContributionView<AccountId> {
	/// Whether the contribution is part of `version` of its datanet.
	pub fn in_version(&self, version: DatanetVersion) -> bool {
		self.versions.is_some_and(|(first, last)| first <= version && version <= last)
	}
}

/// What other pallets may know about a published datanet version.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct VersionView {
	/// Accepted contributions in the version.
	pub contribution_count: u64,
	/// Sum of their weights.
	pub total_weight: u128,
	/// Merkle root over the (contribution id, weight) leaves of the version.
	pub root: sp_core::H256,
}

/// How a model's fees split. Together with the runtime's treasury cut, `developer`,
/// `operators` and `data` make exactly 100%.
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
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct RevenueSplit {
	/// The model owner's share of each fee.
	pub developer: Perbill,
	/// The serving operator's share of each fee.
	pub operators: Perbill,
	/// The data contributors' share of each fee.
	pub data: Perbill,
	/// Of the data share, the part paid to the contributions attributed by the inference
	/// itself; the rest goes to the pools of the model version's training datanets.
	pub inference_data: Perbill,
}

impl RevenueSplit {
	/// Whether the split, with `treasury_cut`, makes exactly 100%.
	pub fn is_complete(&self, treasury_cut: Perbill) -> bool {
		weights_sum_to_one(&[
			((), self.developer),
			((), self.operators),
			((), self.data),
			((), treasury_cut),
		])
	}
}

/// Whether a model can be paid.
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
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum ModelStatus {
	/// Serving: inferences can be paid.
	Active,
	/// Temporarily not serving.
	Paused,
	/// Permanently out of service.
	Retired,
}

/// What other pallets may know about a model version when paying for it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ModelPaymentView<AccountId, Balance> {
	/// The model owner (the developer paid by the split).
	pub owner: AccountId,
	/// The model's status.
	pub status: ModelStatus,
	/// The minimum fee of one inference.
	pub price: Balance,
	/// The split of each fee.
	pub split: RevenueSplit,
	/// The datanet versions this model version was trained on.
	pub training_data: alloc::vec::Vec<(DatanetId, DatanetVersion)>,
	/// Every datanet the version draws on, its own training data first, then along its
	/// lineage (a datanet shared by several entries is listed once per entry): the licences
	/// a paid inference checks.
	pub lineage_datanets: alloc::vec::Vec<DatanetId>,
	/// The model's registered inference operators.
	pub operators: alloc::vec::Vec<AccountId>,
}

/// A paid inference that passed every check of the attribution pallet's validation, with
/// what that validation read: the revenue pallet splits the fee from it and reads neither the
/// model nor the contributions again. Built only by that validation.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CheckedPayment<AccountId, Balance> {
	/// The model.
	pub model: ModelId,
	/// The version that served it.
	pub version: ModelVersion,
	/// The fee, at least the model's price and not zero.
	pub fee: Balance,
	/// The model version as read once.
	pub view: ModelPaymentView<AccountId, Balance>,
	/// The attributed contributions (each accepted and in a trained datanet version) and
	/// their weights, summing to exactly 100% when any.
	pub attributions: alloc::vec::Vec<(ContributionId, Perbill)>,
}

/// What a payment did: the exact split of its fee and, for each attribution (in the
/// payment's order), the position of the inference in that contribution's usage list (how
/// many inferences had attributed the contribution before it).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PaymentReceipt<Balance> {
	/// The split of the fee.
	pub breakdown: FeeBreakdown<Balance>,
	/// Usage-list positions, one per attribution.
	pub positions: alloc::vec::Vec<u32>,
}

/// The exact breakdown of one fee.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(bound(serialize = "Balance: core::fmt::Display")))]
pub struct FeeBreakdown<Balance> {
	/// The whole fee.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::json::balance"))]
	pub fee: Balance,
	/// To the treasury: its cut plus every rounding remainder.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::json::balance"))]
	pub treasury: Balance,
	/// To the operator that served the inference.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::json::balance"))]
	pub operator: Balance,
	/// To the model owner.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::json::balance"))]
	pub developer: Balance,
	/// To each contribution attributed by the inference.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::json::contribution_amounts"))]
	pub contributions: alloc::vec::Vec<(ContributionId, Balance)>,
	/// Into the reward pool of each training datanet version.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::json::pool_amounts"))]
	pub pools: alloc::vec::Vec<(DatanetId, DatanetVersion, Balance)>,
}

/// Whether `weights` sum to exactly 100% (no overflow, no shortfall).
pub fn weights_sum_to_one<K>(weights: &[(K, Perbill)]) -> bool {
	weights.iter().try_fold(0u32, |sum, (_, w)| sum.checked_add(w.deconstruct()))
		== Some(Perbill::one().deconstruct())
}

/// The deposit for a record of `bytes` bytes: `base + bytes × per_byte`, saturating.
pub fn record_deposit<Balance>(base: Balance, per_byte: Balance, bytes: usize) -> Balance
where
	Balance: sp_arithmetic::traits::Saturating + From<u32>,
{
	let bytes = u32::try_from(bytes).unwrap_or(u32::MAX);
	base.saturating_add(per_byte.saturating_mul(Balance::from(bytes)))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn weights_must_make_exactly_one_hundred_percent() {
		let half = Perbill::from_percent(50);
		assert!(weights_sum_to_one(&[(1, half), (2, half)]));
		assert!(!weights_sum_to_one(&[(1, half), (2, Perbill::from_percent(49))]));
		assert!(!weights_sum_to_one(&[(1, half), (2, half), (3, Perbill::from_parts(1))]));
		assert!(!weights_sum_to_one::<u8>(&[]));
		// Sums past u32 do not wrap around to 100%.
		assert!(!weights_sum_to_one(&[(0, Perbill::one()); 5]));
	}

	#[test]
	fn permissive_terms_admit_every_use_forever() {
		let uses = DeclaredUses { fine_tune: true, retrieval: true, commercial: true };
		assert_eq!(LicenseTerms::permissive().first_violation(&uses, true, &u32::MAX), None);
	}

	#[test]
	fn record_deposit_grows_with_bytes_and_saturates() {
		assert_eq!(record_deposit(100u128, 2, 10), 120);
		assert_eq!(record_deposit(u128::MAX, 2, 10), u128::MAX);
	}
}
