//! The traits through which Tributary's pallets see each other. Each pallet names the
//! others only through these, so it is tested alone against a mock.

use alloc::vec::Vec;
use sp_arithmetic::Perbill;
use sp_runtime::DispatchError;

use crate::types::*;

/// Read access to the dataset registry (implemented by `pallet-datanets`).
pub trait DatanetsInspect<AccountId, BlockNumber> {
	/// A contribution, if it exists.
	fn contribution(id: ContributionId) -> Option<ContributionView<AccountId>>;
	/// A published datanet version, if it exists.
	fn version(datanet: DatanetId, version: DatanetVersion) -> Option<VersionView>;
	/// The newest published version of a datanet (0 when none).
	fn latest_version(datanet: DatanetId) -> DatanetVersion;
	/// The current license terms of a datanet, if it exists.
	fn license(datanet: DatanetId) -> Option<LicenseTerms<BlockNumber>>;
	/// Up to `limit` contributions owned by `owner`, in id order, after `after`.
	fn contributions_of(
		owner: &AccountId,
		after: Option<ContributionId>,
		limit: u32,
	) -> Vec<ContributionId>;
}

/// Read access to the model registry (implemented by `pallet-models`).
pub trait ModelsInspect<AccountId, Balance> {
	/// Everything needed to pay for an inference of `model` at `version`, if both exist: one
	/// read of the model and one of the version.
	fn payment_view(
		model: ModelId,
		version: ModelVersion,
	) -> Option<ModelPaymentView<AccountId, Balance>>;
	/// Whether `who` is a registered inference operator of `model`.
	fn is_operator(model: ModelId, who: &AccountId) -> bool;
	/// The owner of `model`, if it exists.
	fn owner(model: ModelId) -> Option<AccountId>;
	/// Checks, at the current block, the licence of every datanet `model` at `version` draws
	/// on — its own training data and, along its whole lineage, its base models' — for
	/// `purpose`: none expired; for `PaidInference`, every one allows commercial use. The
	/// error is the model registry's and names the datanet (by position) and the term.
	fn ensure_licensed(
		model: ModelId,
		version: ModelVersion,
		purpose: LicensedUse,
	) -> Result<(), DispatchError>;
	/// The same check over a lineage list already read (`ModelPaymentView::lineage_datanets`):
	/// one licence read per entry.
	fn check_licences(lineage: &[DatanetId], purpose: LicensedUse) -> Result<(), DispatchError>;
}

/// Reference counting of datanets by the models trained on them (implemented by
/// `pallet-datanets`, called by `pallet-models`), so a datanet is retired only when no
/// model depends on it.
pub trait DatanetUsage {
	/// One more model version is trained on `datanet`.
	fn note_used(datanet: DatanetId) -> Result<(), DispatchError>;
	/// One model version trained on `datanet` is gone.
	fn note_released(datanet: DatanetId);
}

/// Told when a curator flags a contribution malicious (implemented by `pallet-revenue`):
/// called before the flag takes effect, so what the contribution earned until then is
/// settled to its owner, and nothing after.
pub trait OnContributionFlagged<AccountId> {
	/// `id`, owned by `owner`, is about to be flagged malicious or withdrawn by its owner:
	/// either way it stops earning.
	fn contribution_flagged(id: ContributionId, owner: &AccountId);

	/// The most weight `contribution_flagged` can take; the flagging call charges it on top
	/// of its own benchmarked weight. Zero unless the implementation says otherwise.
	fn contribution_flagged_weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
}

/// Nobody listens: for mocks.
impl<AccountId> OnContributionFlagged<AccountId> for () {
	fn contribution_flagged(_: ContributionId, _: &AccountId) {}
}

/// No reference counting: for mocks.
impl DatanetUsage for () {
	fn note_used(_: DatanetId) -> Result<(), DispatchError> {
		Ok(())
	}
	fn note_released(_: DatanetId) {}
}

/// The recorded training attribution of model versions (implemented by
/// `pallet-attribution`): how much each training datanet influenced the version.
pub trait TrainingInfluence {
	/// The influence of each training datanet on `model` at `version` (summing to 100%), if
	/// recorded.
	fn training_influence(
		model: ModelId,
		version: ModelVersion,
	) -> Option<Vec<(DatanetId, Perbill)>>;
}

/// Splitting and booking inference fees (implemented by `pallet-revenue`).
pub trait RevenueHandler<AccountId, Balance> {
	/// Moves the fee of the checked inference `payment`, recorded as `inference`, from
	/// `payer` into the revenue account and splits it between the treasury, `operator`, the
	/// model's developer, the attributed contributions and the model version's training
	/// datanet pools. Returns the exact breakdown and each attribution's position in its
	/// contribution's usage list. All or nothing.
	fn pay(
		inference: InferenceId,
		payer: &AccountId,
		operator: &AccountId,
		payment: &CheckedPayment<AccountId, Balance>,
	) -> Result<PaymentReceipt<Balance>, DispatchError>;

	/// How many inferences have attributed `contribution`: the length of its usage list.
	fn times_attributed(contribution: ContributionId) -> u32;
}

/// Nothing to read: for mocks of pallets that do not need training influence.
impl TrainingInfluence for () {
	fn training_influence(_: ModelId, _: ModelVersion) -> Option<Vec<(DatanetId, Perbill)>> {
		None
	}
}

/// Builds dataset-registry state for other pallets' benchmarks.
pub trait DatanetsBenchmarkHelper<AccountId> {
	/// Creates an `Open` datanet with licence terms that allow every use, curated by a funded
	/// `curator`, with `contributions` accepted contributions each owned by a distinct funded
	/// account, and publishes version 1. Returns the datanet, the version and the
	/// contributions with their owners.
	fn published_datanet(
		curator: &AccountId,
		contributions: u32,
	) -> (DatanetId, DatanetVersion, Vec<(ContributionId, AccountId)>);

	/// A funded `owner` contributes `count` accepted contributions to the open `datanet`.
	/// Returns their ids.
	fn contribute(owner: &AccountId, datanet: DatanetId, count: u32) -> Vec<ContributionId>;

	/// Publishes the next version of `datanet` as its `curator`. Returns the version.
	fn publish(curator: &AccountId, datanet: DatanetId) -> DatanetVersion;

	/// Rewrites a published version's totals as if it held `contribution_count`
	/// contributions of `total_weight` in all, without creating them (to show that costs do
	/// not grow with them).
	fn inflate_version(
		datanet: DatanetId,
		version: DatanetVersion,
		contribution_count: u64,
		total_weight: u128,
	);
}

/// A payable model built for benchmarks.
pub struct PayableModel<AccountId> {
	/// The model.
	pub model: ModelId,
	/// Its version.
	pub version: ModelVersion,
	/// The model owner, funded.
	pub developer: AccountId,
	/// A registered operator of the model, funded.
	pub operator: AccountId,
	/// Accepted contributions of the first training datanet version, each owned by a
	/// distinct funded account.
	pub contributions: Vec<(ContributionId, AccountId)>,
	/// Every training datanet version of the model version: distinct datanets with distinct
	/// curators, each published.
	pub training_data: Vec<(DatanetId, DatanetVersion)>,
}

/// Builds a payable model for revenue and attribution benchmarks.
pub trait RevenueBenchmarkHelper<AccountId> {
	/// Registers an active model owned by a funded developer, with a funded operator,
	/// trained on `training_datanets` (at least one) distinct published datanets; the first
	/// holds `contributions` accepted contributions with distinct owners.
	fn payable_model(contributions: u32, training_datanets: u32) -> PayableModel<AccountId>;

	/// Records `influence` as the training attribution of `model` at `version`, where the
	/// revenue pallet reads it (`TrainingInfluence`), as the model owner would. The default
	/// records nothing and says so.
	fn record_training_influence(
		_model: ModelId,
		_version: ModelVersion,
		_influence: Vec<(DatanetId, Perbill)>,
	) -> Result<(), DispatchError> {
		Err(DispatchError::Other("recording training influence is not supported"))
	}

	/// Flags contribution `id` malicious as `curator`, the curator of its datanet, as the
	/// dataset registry does (settling it first through `OnContributionFlagged`). The default
	/// flags nothing and says so.
	fn flag_contribution(_curator: &AccountId, _id: ContributionId) -> Result<(), DispatchError> {
		Err(DispatchError::Other("flagging contributions is not supported"))
	}

	/// Like `payable_model`, but the model is derived at the end of the longest lineage the
	/// model registry allows (`MaxLineageDepth` base models, each trained on datanets of its
	/// own), so that its version draws on the most datanets (`MaxLineageDatanets`): the worst
	/// case of the licence check (`ModelsInspect::ensure_licensed`) in every training record
	/// and paid inference. `training_data` lists the returned version's own training data
	/// only. The default builds the plain `payable_model` (no lineage).
	fn payable_model_longest_lineage(
		contributions: u32,
		training_datanets: u32,
	) -> PayableModel<AccountId> {
		Self::payable_model(contributions, training_datanets)
	}

	/// Like `payable_model_longest_lineage`, but with `depth` base models above the returned
	/// one (at most the registry's `MaxLineageDepth`), each trained on `MaxTrainingDatanets`
	/// datanets of its own: the licence check reads `training_datanets + depth ×
	/// MaxTrainingDatanets` licences. The default builds the plain `payable_model`.
	fn payable_model_with_lineage(
		contributions: u32,
		training_datanets: u32,
		_depth: u32,
	) -> PayableModel<AccountId> {
		Self::payable_model(contributions, training_datanets)
	}
}
