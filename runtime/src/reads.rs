//! The reads behind the `AttributionApi` runtime API. Each record of state comes from the view
//! function of the pallet that stores it, in the type it is stored in; the API adds its key
//! and what the other pallets count about it. What view functions cannot reach is read where
//! it lives: archived records and the lists of inferences from the node's history (the
//! attribution pallet's `history`), the fee preview through the payment's own validation. Every function is bounded (pages capped, lineage
//! bounded).

use alloc::vec::Vec;
use frame_support::traits::Get;
use sp_runtime::Perbill;
use tributary_primitives::{
	api::*, ContentHash, ContributionId, DatanetId, DatanetVersion, FeeBreakdown, InferenceId,
	ModelId, ModelVersion,
};

use crate::{AccountId, Balance, Runtime};

type Datanets = pallet_datanets::Pallet<Runtime>;
type Models = pallet_models::Pallet<Runtime>;
type Attribution = pallet_attribution::Pallet<Runtime>;
type Revenue = pallet_revenue::Pallet<Runtime>;

/// A datanet as the dataset registry stores it.
pub type DatanetRecord = pallet_datanets::DatanetOf<Runtime>;
/// A published datanet version as the dataset registry stores it.
pub type VersionRecord = pallet_datanets::Version<crate::BlockNumber>;
/// A contribution as the dataset registry stores it.
pub type ContributionRecord = pallet_datanets::ContributionOf<Runtime>;
/// What a contribution earned, as the revenue pallet stores it.
pub type ContributionAccount = pallet_revenue::ContributionAccount;
/// A model as the model registry stores it.
pub type ModelRecord = pallet_models::ModelOf<Runtime>;
/// A model version as the model registry stores it.
pub type ModelVersionRecord = pallet_models::ModelVersionOf<Runtime>;
/// One step of a model's lineage.
pub type LineageStep = pallet_models::LineageStep;
/// An inference record as the attribution pallet stores it.
pub type InferenceRecord = pallet_attribution::InferenceRecordOf<Runtime>;
/// An account's earnings as the revenue pallet stores them.
pub type EarningsRecord = pallet_revenue::EarningsStats;

/// The largest page the paginated reads return.
pub fn max_page_size() -> u32 {
	<Runtime as pallet_attribution::Config>::MaxPageSize::get()
}

pub fn datanet(id: DatanetId) -> Option<DatanetRead<DatanetRecord>> {
	Some(DatanetRead { id, datanet: Datanets::datanet(id)? })
}

pub fn datanet_stats(id: DatanetId) -> Option<DatanetStats<DatanetRecord, Balance>> {
	Some(DatanetStats {
		datanet: id,
		record: Datanets::datanet(id)?,
		pool_balance: Revenue::pool_balance(id),
	})
}

pub fn datanet_version(
	datanet: DatanetId,
	version: DatanetVersion,
) -> Option<VersionRead<VersionRecord>> {
	Some(VersionRead { datanet, version, record: Datanets::datanet_version(datanet, version)? })
}

pub fn contribution(
	id: ContributionId,
) -> Option<ContributionRead<ContributionRecord, ContributionAccount>> {
	Some(ContributionRead {
		id,
		contribution: Datanets::contribution(id)?,
		account: Revenue::contribution_account(id),
	})
}

pub fn contribution_by_hash(
	hash: ContentHash,
) -> Option<ContributionRead<ContributionRecord, ContributionAccount>> {
	contribution(Datanets::contribution_by_hash(hash)?)
}

pub fn model_version(
	id: ModelId,
	version: ModelVersion,
) -> Option<ModelVersionRead<ModelVersionRecord>> {
	Some(ModelVersionRead {
		version,
		record: Models::model_version(id, version)?,
		training_influence: Attribution::training_influence_of(id, version),
	})
}

pub fn model(id: ModelId) -> Option<ModelRead<ModelRecord, ModelVersionRecord>> {
	let model = Models::model(id)?;
	Some(ModelRead {
		id,
		latest: model_version(id, model.latest_version),
		model,
		inference_count: Attribution::inference_count(id),
	})
}

pub fn model_lineage(id: ModelId) -> Vec<LineageStep> {
	Models::model_lineage(id)
}

/// An inference record: from state through its dispute period, then from the node's history
/// (which needs the offchain database extension: the node's RPC registers it).
pub fn inference(id: InferenceId) -> Option<InferenceRead<InferenceRecord>> {
	match Attribution::live_inference(id) {
		Some(record) => Some(InferenceRead { id, record, archived: false }),
		None => {
			Some(InferenceRead { id, record: Attribution::inference_record(id)?, archived: true })
		}
	}
}

/// A page of a contribution's usage list (from the node's history) and what it earned.
pub fn contribution_usage(
	id: ContributionId,
	start: u32,
	limit: u32,
) -> Option<ContributionUsage<Balance>> {
	Datanets::contribution(id)?;
	Some(ContributionUsage {
		page: Attribution::usage_of(id, start, limit),
		earned: Revenue::contribution_account(id).earned,
		pending_pool_share: Revenue::unsettled_pool_share(id),
	})
}

/// A page of a model's inferences (from the node's history).
pub fn model_inferences(id: ModelId, start: u32, limit: u32) -> InferencePage {
	Attribution::inferences_of_model(id, start, limit)
}

/// A page of the inferences an account paid for (from the node's history).
pub fn payer_inferences(payer: AccountId, start: u32, limit: u32) -> InferencePage {
	Attribution::inferences_of_payer(&payer, start, limit)
}

/// An account's earnings; `claimable` is exactly what its next `claim` pays.
pub fn earnings(account: AccountId) -> AccountEarnings<EarningsRecord, Balance> {
	Revenue::earnings(account)
}

/// The split `pay_inference` would make, refused with exactly the error `pay_inference`
/// would fail with: both run `pallet_attribution::Pallet::validate_inference` (the operator
/// is not checked, as the preview names none), then the revenue pallet's split.
pub fn preview_split(
	model: ModelId,
	version: ModelVersion,
	fee: Balance,
	attributions: Vec<(ContributionId, Perbill)>,
) -> Result<FeeBreakdown<Balance>, SplitRefused> {
	let payment = Attribution::validate_inference(model, version, None, fee, &attributions)?;
	Revenue::preview(&payment)
		.map(|plan| plan.breakdown)
		.map_err(|e| SplitRefused::from(sp_runtime::DispatchError::from(e)))
}
