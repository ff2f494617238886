//! The reads behind the `AttributionApi` runtime API: storage of the four Tributary pallets
//! turned into the API's views. Every function is bounded (pages capped, lineage bounded).

use alloc::vec::Vec;
use frame_support::traits::Get;
use sp_runtime::Perbill;
use tributary_primitives::{
	api::*, ContentHash, ContributionId, DatanetId, DatanetVersion, DatanetsInspect, FeeBreakdown,
	InferenceId, ModelId, ModelVersion, TrainingInfluence,
};

use crate::{AccountId, Balance, BlockNumber, Runtime};

type Datanets = pallet_datanets::Pallet<Runtime>;
type Models = pallet_models::Pallet<Runtime>;
type Attribution = pallet_attribution::Pallet<Runtime>;
type Revenue = pallet_revenue::Pallet<Runtime>;

/// The largest page the paginated reads return.
pub fn max_page_size() -> u32 {
	<Runtime as pallet_attribution::Config>::MaxPageSize::get()
}

pub fn datanet(id: DatanetId) -> Option<DatanetInfo<AccountId, Balance, BlockNumber>> {
	let d = pallet_datanets::Datanets::<Runtime>::get(id)?;
	Some(DatanetInfo {
		id,
		curator: d.curator,
		name: d.name.into_inner(),
		metadata_uri: d.metadata_uri.into_inner(),
		curator_review: d.policy == pallet_datanets::ContributionPolicy::CuratorReview,
		open: d.status == pallet_datanets::DatanetStatus::Open,
		license: d.license,
		legal_text_uri: d.legal_text_uri.into_inner(),
		deposit: d.deposit,
		created_at: d.created_at,
	})
}

pub fn datanet_stats(id: DatanetId) -> Option<DatanetStats<Balance>> {
	let d = pallet_datanets::Datanets::<Runtime>::get(id)?;
	Some(DatanetStats {
		datanet: id,
		submitted: d.submitted,
		accepted: d.accepted,
		accepted_weight: d.accepted_weight,
		latest_version: d.latest_version,
		pool_balance: pallet_revenue::Pools::<Runtime>::get(id).balance,
	})
}

pub fn datanet_version(
	datanet: DatanetId,
	version: DatanetVersion,
) -> Option<DatanetVersionInfo<BlockNumber>> {
	let v = pallet_datanets::Versions::<Runtime>::get(datanet, version)?;
	Some(DatanetVersionInfo {
		datanet,
		version,
		root: v.root,
		contribution_count: v.contribution_count,
		total_weight: v.total_weight,
		published_at: v.published_at,
	})
}

pub fn contribution(
	id: ContributionId,
) -> Option<ContributionInfo<AccountId, Balance, BlockNumber>> {
	let c = pallet_datanets::Contributions::<Runtime>::get(id)?;
	let versions = <Datanets as DatanetsInspect<_, _>>::contribution(id).and_then(|v| v.versions);
	Some(ContributionInfo {
		id,
		datanet: c.datanet,
		owner: c.owner,
		content_hash: c.content_hash,
		size: c.size,
		uri: c.uri.into_inner(),
		weight: c.weight,
		status: c.status,
		registered_at: c.registered_at,
		registered_at_ms: c.registered_at_ms,
		leaf_index: c.leaf_index.map(u64::from),
		versions,
		earned: pallet_revenue::ContributionAccounts::<Runtime>::get(id).earned,
	})
}

pub fn contribution_by_hash(
	hash: ContentHash,
) -> Option<ContributionInfo<AccountId, Balance, BlockNumber>> {
	contribution(pallet_datanets::ContributionByHash::<Runtime>::get(hash)?.0)
}

pub fn model_version(id: ModelId, version: ModelVersion) -> Option<ModelVersionInfo<BlockNumber>> {
	let v = pallet_models::ModelVersions::<Runtime>::get(id, version)?;
	Some(ModelVersionInfo {
		version,
		artifact_hash: v.artifact_hash,
		training_data: v.training_data.into_inner(),
		training_influence: Attribution::training_influence(id, version),
		created_at: v.created_at,
	})
}

pub fn model(id: ModelId) -> Option<ModelInfo<AccountId, Balance, BlockNumber>> {
	let m = pallet_models::Models::<Runtime>::get(id)?;
	Some(ModelInfo {
		id,
		owner: m.owner,
		name: m.name.into_inner(),
		metadata_uri: m.metadata_uri.into_inner(),
		base_model: m.base_model,
		uses: m.uses,
		price: m.price,
		split: m.split,
		status: m.status,
		operators: m.operators.into_inner(),
		latest_version: m.latest_version,
		latest: model_version(id, m.latest_version),
		inference_count: pallet_attribution::ModelInferenceCount::<Runtime>::get(id),
	})
}

pub fn model_lineage(id: ModelId) -> Vec<LineageEntry> {
	Models::lineage(id)
		.into_iter()
		.map(|step| LineageEntry {
			model: step.model,
			version: step.version,
			training_data: step.training_data,
		})
		.collect()
}

/// An inference record: from state through its dispute period, then from the node's history
/// (which needs the offchain database extension: the node's RPC registers it).
pub fn inference(id: InferenceId) -> Option<InferenceInfo<AccountId, Balance, BlockNumber>> {
	let live = pallet_attribution::Inferences::<Runtime>::get(id);
	let archived = live.is_none();
	let r = live.or_else(|| Attribution::inference_record(id))?;
	Some(InferenceInfo {
		id,
		model: r.model,
		version: r.version,
		payer: r.payer,
		operator: r.operator,
		fee: r.fee,
		io_hash: r.io_hash,
		attributions: r.attributions.into_inner(),
		recorded_at: r.recorded_at,
		disputed: r.disputed,
		archived,
	})
}

/// A page of a contribution's usage list (from the node's history) and what it earned.
pub fn contribution_usage(
	id: ContributionId,
	start: u32,
	limit: u32,
) -> Option<ContributionUsage<Balance>> {
	pallet_datanets::Contributions::<Runtime>::get(id)?;
	Some(ContributionUsage {
		page: Attribution::usage_of(id, start, limit),
		earned: pallet_revenue::ContributionAccounts::<Runtime>::get(id).earned,
		pending_pool_share: Revenue::settlement(id)
			.map(|s| if s.forfeited { 0 } else { s.amount })
			.unwrap_or_default(),
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

/// An account's earnings; `claimable` is exactly what its next `claim` pays (the same batch
/// from the same claim cursor, computed by the same function as the claim).
pub fn earnings(account: AccountId) -> AccountEarnings<Balance> {
	let stats = pallet_revenue::Earnings::<Runtime>::get(&account);
	AccountEarnings {
		claimable: Revenue::next_claim(&account).payout,
		claimed: stats.claimed,
		as_contributor: stats.as_contributor,
		as_developer: stats.as_developer,
		as_operator: stats.as_operator,
	}
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
