//! # Tributary RPC
//!
//! The `attribution_*` JSON-RPC methods: a thin wrapper over the `AttributionApi` runtime
//! API with no logic of its own beyond parameter checks and readable JSON (hex hashes, SS58
//! addresses, balances as decimal strings, `Perbill`s as parts per billion). Every method
//! takes an optional block hash (`at`; the best block when omitted). Unknown ids give `null`;
//! malformed parameters, pages over the maximum and unknown blocks give JSON-RPC errors.

use std::sync::Arc;

use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{error::ErrorObjectOwned, ErrorObject},
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_runtime::{traits::Block as BlockT, AccountId32, Perbill};
use tributary_primitives::{
	api::AttributionApi as AttributionRuntimeApi, ContributionId, DatanetId, DatanetVersion,
	InferenceId, ModelId, ModelVersion,
};

pub mod json;
use json::{Balance, BlockNumber};

/// Invalid method parameters (JSON-RPC 2.0).
pub const INVALID_PARAMS: i32 = -32602;
/// The block asked for is unknown.
pub const UNKNOWN_BLOCK: i32 = 4001;
/// The runtime API call failed.
pub const RUNTIME_ERROR: i32 = 4002;

/// A page of a paginated read: `start` (default 0) and `limit` (default and maximum: the
/// runtime's `max_page_size`).
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
	/// Position of the first item.
	pub start: Option<u32>,
	/// How many items at most.
	pub limit: Option<u32>,
}

/// One attribution of a fee preview: a contribution and its weight in parts per billion.
#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionParam {
	/// The contribution id.
	pub contribution: ContributionId,
	/// Its weight, in parts per billion (1,000,000,000 = 100%).
	pub weight: u32,
}

/// The `attribution_` namespace.
#[rpc(client, server)]
pub trait AttributionApi<BlockHash> {
	/// A datanet.
	#[method(name = "attribution_datanet")]
	fn datanet(&self, id: DatanetId, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// A datanet's live counters and pool balance.
	#[method(name = "attribution_datanetStats")]
	fn datanet_stats(&self, id: DatanetId, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// A published datanet version (Merkle root, count, total weight).
	#[method(name = "attribution_datanetVersion")]
	fn datanet_version(
		&self,
		datanet: DatanetId,
		version: DatanetVersion,
		at: Option<BlockHash>,
	) -> RpcResult<Option<Value>>;

	/// A contribution.
	#[method(name = "attribution_contribution")]
	fn contribution(&self, id: ContributionId, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// The contribution that registered a content hash first: owner, block and time.
	#[method(name = "attribution_contributionByHash")]
	fn contribution_by_hash(&self, hash: H256, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// A model with its newest version.
	#[method(name = "attribution_model")]
	fn model(&self, id: ModelId, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// One version of a model.
	#[method(name = "attribution_modelVersion")]
	fn model_version(
		&self,
		id: ModelId,
		version: ModelVersion,
		at: Option<BlockHash>,
	) -> RpcResult<Option<Value>>;

	/// A model and its ancestors with the datanet versions under each (`null` if unknown).
	#[method(name = "attribution_modelLineage")]
	fn model_lineage(&self, id: ModelId, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// An inference record.
	#[method(name = "attribution_inference")]
	fn inference(&self, id: InferenceId, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// The inferences that used a contribution (a page) and what it earned.
	#[method(name = "attribution_contributionUsage")]
	fn contribution_usage(
		&self,
		id: ContributionId,
		page: Option<Page>,
		at: Option<BlockHash>,
	) -> RpcResult<Option<Value>>;

	/// The inferences of a model (a page).
	#[method(name = "attribution_modelInferences")]
	fn model_inferences(
		&self,
		id: ModelId,
		page: Option<Page>,
		at: Option<BlockHash>,
	) -> RpcResult<Value>;

	/// An account's earnings by role: claimable now, claimed, earned as contributor,
	/// developer and operator.
	#[method(name = "attribution_earnings")]
	fn earnings(&self, account: String, at: Option<BlockHash>) -> RpcResult<Value>;

	/// The exact split of a fee (decimal string, plancks) for an inference of a model
	/// version with the given attributions, without paying.
	#[method(name = "attribution_previewSplit")]
	fn preview_split(
		&self,
		model: ModelId,
		version: ModelVersion,
		fee: String,
		attributions: Option<Vec<AttributionParam>>,
		at: Option<BlockHash>,
	) -> RpcResult<Option<Value>>;

	/// The largest page the paginated methods return.
	#[method(name = "attribution_maxPageSize")]
	fn max_page_size(&self, at: Option<BlockHash>) -> RpcResult<u32>;
}

/// Serves the `attribution_` namespace from a client's runtime API.
pub struct Attribution<C, Block> {
	client: Arc<C>,
	_block: std::marker::PhantomData<Block>,
}

impl<C, Block> Attribution<C, Block> {
	/// The RPC handler over `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: Default::default() }
	}
}

fn invalid_params(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObject::owned(INVALID_PARAMS, message.into(), None::<()>)
}

fn runtime_error(e: impl std::fmt::Debug) -> ErrorObjectOwned {
	ErrorObject::owned(RUNTIME_ERROR, "runtime API call failed", Some(format!("{e:?}")))
}

impl<C, Block> Attribution<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: AttributionRuntimeApi<Block, AccountId32, Balance, BlockNumber>,
{
	/// The block to read at: `at` if the node knows it, else the best block.
	fn block(&self, at: Option<Block::Hash>) -> RpcResult<Block::Hash> {
		match at {
			None => Ok(self.client.info().best_hash),
			Some(hash) => match self.client.header(hash) {
				Ok(Some(_)) => Ok(hash),
				Ok(None) => Err(ErrorObject::owned(
					UNKNOWN_BLOCK,
					format!("unknown block {hash:?}"),
					None::<()>,
				)),
				Err(e) => Err(runtime_error(e)),
			},
		}
	}

	/// Checks a page against the runtime's maximum page size.
	fn page(&self, at: Block::Hash, page: Option<Page>) -> RpcResult<(u32, u32)> {
		let max = self.client.runtime_api().max_page_size(at).map_err(runtime_error)?;
		let page = page.unwrap_or_default();
		let limit = page.limit.unwrap_or(max);
		if limit > max {
			return Err(invalid_params(format!(
				"page limit {limit} exceeds the maximum page size {max}"
			)));
		}
		Ok((page.start.unwrap_or(0), limit))
	}
}

impl<C, Block> AttributionApiServer<Block::Hash> for Attribution<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: AttributionRuntimeApi<Block, AccountId32, Balance, BlockNumber>,
{
	fn datanet(&self, id: DatanetId, at: Option<Block::Hash>) -> RpcResult<Option<Value>> {
		let at = self.block(at)?;
		let view = self.client.runtime_api().datanet(at, id).map_err(runtime_error)?;
		Ok(view.as_ref().map(json::datanet))
	}

	fn datanet_stats(&self, id: DatanetId, at: Option<Block::Hash>) -> RpcResult<Option<Value>> {
		let at = self.block(at)?;
		let view = self.client.runtime_api().datanet_stats(at, id).map_err(runtime_error)?;
		Ok(view.as_ref().map(json::datanet_stats))
	}

	fn datanet_version(
		&self,
		datanet: DatanetId,
		version: DatanetVersion,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<Value>> {
		let at = self.block(at)?;
		let view = self
			.client
			.runtime_api()
			.datanet_version(at, datanet, version)
			.map_err(runtime_error)?;
		Ok(view.as_ref().map(json::datanet_version))
	}

	fn contribution(
		&self,
		id: ContributionId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<Value>> {
		let at = self.block(at)?;
		let view = self.client.runtime_api().contribution(at, id).map_err(runtime_error)?;
		Ok(view.as_ref().map(json::contribution))
	}

	fn contribution_by_hash(
		&self,
		hash: H256,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<Value>> {
		let at = self.block(at)?;
		let view =
			self.client.runtime_api().contribution_by_hash(at, hash).map_err(runtime_error)?;
		Ok(view.as_ref().map(json::contribution))
	}

	fn model(&self, id: ModelId, at: Option<Block::Hash>) -> RpcResult<Option<Value>> {
		let at = self.block(at)?;
		let view = self.client.runtime_api().model(at, id).map_err(runtime_error)?;
		Ok(view.as_ref().map(json::model))
	}

	fn model_version(
		&self,
		id: ModelId,
		version: ModelVersion,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<Value>> {
		let at = self.block(at)?;
		let view =
			self.client.runtime_api().model_version(at, id, version).map_err(runtime_error)?;
		Ok(view.as_ref().map(json::model_version))
	}

	fn model_lineage(&self, id: ModelId, at: Option<Block::Hash>) -> RpcResult<Option<Value>> {
		let at = self.block(at)?;
		let steps = self.client.runtime_api().model_lineage(at, id).map_err(runtime_error)?;
		Ok((!steps.is_empty()).then(|| json::lineage(&steps)))
	}

	fn inference(&self, id: InferenceId, at: Option<Block::Hash>) -> RpcResult<Option<Value>> {
		let at = self.block(at)?;
		let view = self.client.runtime_api().inference(at, id).map_err(runtime_error)?;
		Ok(view.as_ref().map(json::inference))
	}

	fn contribution_usage(
		&self,
		id: ContributionId,
		page: Option<Page>,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<Value>> {
		let at = self.block(at)?;
		let (start, limit) = self.page(at, page)?;
		let view = self
			.client
			.runtime_api()
			.contribution_usage(at, id, start, limit)
			.map_err(runtime_error)?;
		Ok(view.as_ref().map(json::usage))
	}

	fn model_inferences(
		&self,
		id: ModelId,
		page: Option<Page>,
		at: Option<Block::Hash>,
	) -> RpcResult<Value> {
		let at = self.block(at)?;
		let (start, limit) = self.page(at, page)?;
		let view = self
			.client
			.runtime_api()
			.model_inferences(at, id, start, limit)
			.map_err(runtime_error)?;
		Ok(json::page(&view))
	}

	fn earnings(&self, account: String, at: Option<Block::Hash>) -> RpcResult<Value> {
		use sp_core::crypto::Ss58Codec;
		let who = AccountId32::from_ss58check(&account)
			.map_err(|e| invalid_params(format!("`{account}` is not an SS58 address: {e:?}")))?;
		let at = self.block(at)?;
		let view = self.client.runtime_api().earnings(at, who).map_err(runtime_error)?;
		Ok(json::earnings(&view))
	}

	fn preview_split(
		&self,
		model: ModelId,
		version: ModelVersion,
		fee: String,
		attributions: Option<Vec<AttributionParam>>,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<Value>> {
		let fee: Balance = fee.parse().map_err(|_| {
			invalid_params(format!("fee `{fee}` is not a decimal number of plancks"))
		})?;
		let attributions = attributions.unwrap_or_default();
		if let Some(bad) = attributions.iter().find(|a| a.weight > 1_000_000_000) {
			return Err(invalid_params(format!(
				"weight {} of contribution {} exceeds 1,000,000,000 parts per billion",
				bad.weight, bad.contribution
			)));
		}
		let attributions: Vec<(ContributionId, Perbill)> =
			attributions.iter().map(|a| (a.contribution, Perbill::from_parts(a.weight))).collect();
		let at = self.block(at)?;
		let view = self
			.client
			.runtime_api()
			.preview_split(at, model, version, fee, attributions)
			.map_err(runtime_error)?;
		Ok(view.as_ref().map(json::breakdown))
	}

	fn max_page_size(&self, at: Option<Block::Hash>) -> RpcResult<u32> {
		let at = self.block(at)?;
		self.client.runtime_api().max_page_size(at).map_err(runtime_error)
	}
}
