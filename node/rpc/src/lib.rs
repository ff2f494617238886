//! # Tributary RPC
//!
//! The `attribution_*` JSON-RPC methods: a thin wrapper over the `AttributionApi` runtime
//! API with no logic of its own beyond parameter checks. Each answer is the runtime API's
//! value serialised by its own `serde` derive: every record in the type its pallet stores it
//! in, read as `tributary_primitives::json` describes (hex hashes, SS58 addresses, balances as
//! decimal strings, `Perbill`s as parts per billion). Every method takes an optional block
//! hash (`at`; the best block when omitted) and goes through one path: `Attribution::call`
//! resolves the block and calls the runtime API with the node's history registered, telling
//! whether the call read it; `serve` serialises its answer, by way of `answer` (the API's
//! errors mapped) or `answer_page` (a node without history refused before any work, the page
//! checked); `inference` reads the flag to tell a record its history lacks from `null`. Unknown ids give `null`; malformed parameters, pages over the
//! maximum and unknown blocks give JSON-RPC errors.
//!
//! Parameters are taken by position (a JSON array) or by name (a JSON object) and every one
//! is bounded: see [`params`] for the limits. A parameter that breaks its bound, a missing
//! one, an unknown or repeated name and a parameter too many are refused with
//! [`INVALID_PARAMS`] before anything is decoded or any runtime API is called, so a request
//! costs time linear in its size whatever it holds. The methods are registered by hand
//! ([`Attribution::into_rpc`]) rather than through `jsonrpsee`'s `#[rpc]` macro, whose
//! generated decoding can neither name the parameter at fault nor refuse extra ones.
//!
//! Inference records leave state after their dispute period, and the lists of a
//! contribution's, a model's and a payer's inferences are not in state at all: the runtime
//! reads them from the node's attribution history (its offchain database, filled by
//! offchain indexing at import). Every call registers that history with the runtime API, read
//! only ([`history`]). A node without it (no offchain storage, or indexing off) answers the
//! methods that need it with [`NO_HISTORY`]; a node that has it but not for some blocks (it
//! did not execute them with indexing on, e.g. it was warp-synced) reports the positions it
//! lacks in a page's `unavailable` and an archived record it lacks with [`NOT_IN_HISTORY`].

use std::sync::{atomic::Ordering, Arc};

use jsonrpsee::{
	core::{RegisterMethodError, RpcResult},
	types::{error::ErrorObjectOwned, ErrorObject, Params},
	RpcModule,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sp_api::{ApiError, ApiExt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::{offchain::OffchainStorage, H256};
use sp_runtime::{traits::Block as BlockT, Perbill};
use tributary_primitives::{api::AttributionApi, ContributionId, InferenceId};
use tributary_runtime::{reads::*, AccountId, Balance};

pub mod history;
pub mod params;
#[cfg(test)]
mod tests;

use history::HistoryReader;
pub use params::INVALID_PARAMS;
use params::{invalid_params, split};

/// The `AttributionApi` of Tributary's runtime: its record types named (see
/// `tributary_runtime::reads`). Implemented by every runtime API instance that serves it.
pub trait RuntimeApi<Block: BlockT>:
	AttributionApi<
	Block,
	AccountId,
	Balance,
	DatanetRecord,
	VersionRecord,
	ContributionRecord,
	ContributionAccount,
	ModelRecord,
	ModelVersionRecord,
	LineageStep,
	InferenceRecord,
	EarningsRecord,
>
{
}

impl<Block: BlockT, Api> RuntimeApi<Block> for Api where
	Api: AttributionApi<
		Block,
		AccountId,
		Balance,
		DatanetRecord,
		VersionRecord,
		ContributionRecord,
		ContributionAccount,
		ModelRecord,
		ModelVersionRecord,
		LineageStep,
		InferenceRecord,
		EarningsRecord,
	>
{
}

/// The block asked for is unknown.
pub const UNKNOWN_BLOCK: i32 = 4001;
/// The runtime API call failed.
pub const RUNTIME_ERROR: i32 = 4002;
/// `attribution_previewSplit`: the runtime refuses the split, as `pay_inference` would
/// (`data.error` names the pallet error, e.g. `WeightsDoNotSumToOne`).
pub const SPLIT_REFUSED: i32 = 4003;
/// This node keeps no attribution history (it has no offchain storage, or runs without
/// offchain indexing): `attribution_contributionUsage`, `attribution_modelInferences`,
/// `attribution_payerInferences`, and `attribution_inference` of an archived record.
pub const NO_HISTORY: i32 = 4004;
/// `attribution_inference`: the record is archived (out of state) and this node's history
/// does not hold it (it did not execute the record's blocks with offchain indexing on).
pub const NOT_IN_HISTORY: i32 = 4005;
/// The message of [`NO_HISTORY`].
pub const NO_HISTORY_MESSAGE: &str =
	"this node keeps no attribution history: it runs without offchain indexing";

/// Every method of the namespace.
pub const METHODS: [&str; 15] = [
	"attribution_datanet",
	"attribution_datanetStats",
	"attribution_datanetVersion",
	"attribution_contribution",
	"attribution_contributionByHash",
	"attribution_model",
	"attribution_modelVersion",
	"attribution_modelLineage",
	"attribution_inference",
	"attribution_contributionUsage",
	"attribution_modelInferences",
	"attribution_payerInferences",
	"attribution_earnings",
	"attribution_previewSplit",
	"attribution_maxPageSize",
];

/// A page of a paginated read: `start` (default 0) and `limit` (default and maximum: the
/// runtime's `max_page_size`).
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Page {
	/// Position of the first item.
	pub start: Option<u32>,
	/// How many items at most.
	pub limit: Option<u32>,
}

/// One attribution of a fee preview: a contribution and its weight in parts per billion.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AttributionParam {
	/// The contribution id.
	pub contribution: ContributionId,
	/// Its weight, in parts per billion (1,000,000,000 = 100%).
	pub weight: u32,
}

/// Serves the `attribution_` namespace from a client's runtime API and the node's
/// attribution history.
pub struct Attribution<C, Block, S> {
	client: Arc<C>,
	history: Option<S>,
	_block: std::marker::PhantomData<Block>,
}

impl<C, Block, S> Attribution<C, Block, S> {
	/// The RPC handler over `client`, reading the attribution history from `history`: the
	/// node's offchain storage (`Backend::offchain_storage`), `None` if the node keeps no
	/// history (then the methods that need it answer [`NO_HISTORY`]).
	pub fn new(client: Arc<C>, history: Option<S>) -> Self {
		Self { client, history, _block: Default::default() }
	}
}

fn runtime_error(e: impl std::fmt::Debug) -> ErrorObjectOwned {
	ErrorObject::owned(RUNTIME_ERROR, "runtime API call failed", Some(format!("{e:?}")))
}

/// [`NO_HISTORY`].
fn no_history() -> ErrorObjectOwned {
	ErrorObject::owned(NO_HISTORY, NO_HISTORY_MESSAGE, None::<()>)
}

/// [`NOT_IN_HISTORY`] for inference `id`.
fn not_in_history(id: InferenceId) -> ErrorObjectOwned {
	ErrorObject::owned(
		NOT_IN_HISTORY,
		format!(
			"inference {id} is archived and this node's attribution history does not hold it: \
			 the node did not execute its block with offchain indexing on (e.g. it was \
			 warp-synced)"
		),
		None::<()>,
	)
}

/// An answer as JSON: the value's own `serde` form (`None` is `null`).
fn to_json<T: Serialize>(answer: &T) -> RpcResult<Value> {
	serde_json::to_value(answer).map_err(runtime_error)
}

impl<C, Block, S> Attribution<C, Block, S>
where
	Block: BlockT<Hash = H256>,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RuntimeApi<Block>,
	S: OffchainStorage + 'static,
{
	/// The module of every method of [`METHODS`], to merge into the node's RPC server.
	///
	/// # Errors
	///
	/// Only if a method name is registered twice (never: the names are distinct).
	pub fn into_rpc(self) -> Result<RpcModule<Self>, RegisterMethodError> {
		let mut m = RpcModule::new(self);
		m.register_method("attribution_datanet", |p, s, _| s.datanet(p))?;
		m.register_method("attribution_datanetStats", |p, s, _| s.datanet_stats(p))?;
		m.register_method("attribution_datanetVersion", |p, s, _| s.datanet_version(p))?;
		m.register_method("attribution_contribution", |p, s, _| s.contribution(p))?;
		m.register_method("attribution_contributionByHash", |p, s, _| s.contribution_by_hash(p))?;
		m.register_method("attribution_model", |p, s, _| s.model(p))?;
		m.register_method("attribution_modelVersion", |p, s, _| s.model_version(p))?;
		m.register_method("attribution_modelLineage", |p, s, _| s.model_lineage(p))?;
		m.register_method("attribution_inference", |p, s, _| s.inference(p))?;
		m.register_method("attribution_contributionUsage", |p, s, _| s.contribution_usage(p))?;
		m.register_method("attribution_modelInferences", |p, s, _| s.model_inferences(p))?;
		m.register_method("attribution_payerInferences", |p, s, _| s.payer_inferences(p))?;
		m.register_method("attribution_earnings", |p, s, _| s.earnings(p))?;
		m.register_method("attribution_previewSplit", |p, s, _| s.preview_split(p))?;
		m.register_method("attribution_maxPageSize", |p, s, _| s.max_page_size(p))?;
		Ok(m)
	}

	/// The block to read at: `at` if the node knows it, else the best block.
	fn block(&self, at: Option<H256>) -> RpcResult<H256> {
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

	/// Every method's one path: resolves `at`, then calls the runtime API through `call` at
	/// that block on a fresh instance with the attribution history registered
	/// ([`HistoryReader`]); the answer, and whether the runtime read the history.
	///
	/// # Errors
	///
	/// [`UNKNOWN_BLOCK`] for a block the node does not know; [`NO_HISTORY`] if the runtime
	/// read the history and this node keeps none (whatever it answered: it would have read
	/// `None` for everything); else what `call` fails with.
	fn call<R>(
		&self,
		at: Option<H256>,
		call: impl FnOnce(&C::Api, H256) -> RpcResult<R>,
	) -> RpcResult<(R, bool)> {
		let at = self.block(at)?;
		let mut api = self.client.runtime_api();
		let (extension, read) = HistoryReader::extension(self.history.clone());
		api.register_extension(extension);
		let answer = call(&api, at);
		let read = read.load(Ordering::Relaxed);
		if read && self.history.is_none() {
			return Err(no_history());
		}
		answer.map(|answer| (answer, read))
	}

	/// [`Self::call`], its answer served as JSON.
	fn serve<R: Serialize>(
		&self,
		at: Option<H256>,
		call: impl FnOnce(&C::Api, H256) -> RpcResult<R>,
	) -> RpcResult<Value> {
		to_json(&self.call(at, call)?.0)
	}

	/// [`Self::serve`] of a runtime API method.
	fn answer<R: Serialize>(
		&self,
		at: Option<H256>,
		call: impl FnOnce(&C::Api, H256) -> Result<R, ApiError>,
	) -> RpcResult<Value> {
		self.serve(at, |api, at| call(api, at).map_err(runtime_error))
	}

	/// [`Self::serve`] of a paginated runtime API method, which reads the node's history
	/// (the lists of inferences live nowhere else): refused before any work on a node that
	/// keeps none; the page checked against the runtime's maximum and passed as `start`,
	/// `limit`.
	fn answer_page<R: Serialize>(
		&self,
		at: Option<H256>,
		page: Option<Page>,
		call: impl FnOnce(&C::Api, H256, u32, u32) -> Result<R, ApiError>,
	) -> RpcResult<Value> {
		if self.history.is_none() {
			return Err(no_history());
		}
		self.serve(at, |api, at| {
			let (start, limit) = Self::page(api, at, page)?;
			call(api, at, start, limit).map_err(runtime_error)
		})
	}

	/// Checks a page against the runtime's maximum page size.
	fn page(api: &C::Api, at: H256, page: Option<Page>) -> RpcResult<(u32, u32)> {
		let max = api.max_page_size(at).map_err(runtime_error)?;
		let page = page.unwrap_or_default();
		let limit = page.limit.unwrap_or(max);
		if limit > max {
			return Err(invalid_params(format!(
				"page limit {limit} exceeds the maximum page size {max}"
			)));
		}
		Ok((page.start.unwrap_or(0), limit))
	}

	/// `attribution_datanet(id: u32, at?)`: a datanet.
	fn datanet(&self, params: Params) -> RpcResult<Value> {
		let [id, at] = split("attribution_datanet", ["id", "at"], params.as_str())?;
		let (id, at) = (id.u32()?, at.at()?);
		self.answer(at, |api, at| api.datanet(at, id))
	}

	/// `attribution_datanetStats(id: u32, at?)`: a datanet with its pool balance.
	fn datanet_stats(&self, params: Params) -> RpcResult<Value> {
		let [id, at] = split("attribution_datanetStats", ["id", "at"], params.as_str())?;
		let (id, at) = (id.u32()?, at.at()?);
		self.answer(at, |api, at| api.datanet_stats(at, id))
	}

	/// `attribution_datanetVersion(datanet: u32, version: u32, at?)`: a published version.
	fn datanet_version(&self, params: Params) -> RpcResult<Value> {
		let [datanet, version, at] =
			split("attribution_datanetVersion", ["datanet", "version", "at"], params.as_str())?;
		let (datanet, version, at) = (datanet.u32()?, version.u32()?, at.at()?);
		self.answer(at, |api, at| api.datanet_version(at, datanet, version))
	}

	/// `attribution_contribution(id: u64, at?)`: a contribution and what it earned.
	fn contribution(&self, params: Params) -> RpcResult<Value> {
		let [id, at] = split("attribution_contribution", ["id", "at"], params.as_str())?;
		let (id, at): (ContributionId, _) = (id.u64()?, at.at()?);
		self.answer(at, |api, at| api.contribution(at, id))
	}

	/// `attribution_contributionByHash(hash: 0x…32 bytes, at?)`: the contribution that
	/// registered a content hash first.
	fn contribution_by_hash(&self, params: Params) -> RpcResult<Value> {
		let [hash, at] = split("attribution_contributionByHash", ["hash", "at"], params.as_str())?;
		let (hash, at) = (hash.hash()?, at.at()?);
		self.answer(at, |api, at| api.contribution_by_hash(at, hash))
	}

	/// `attribution_model(id: u32, at?)`: a model with its newest version.
	fn model(&self, params: Params) -> RpcResult<Value> {
		let [id, at] = split("attribution_model", ["id", "at"], params.as_str())?;
		let (id, at) = (id.u32()?, at.at()?);
		self.answer(at, |api, at| api.model(at, id))
	}

	/// `attribution_modelVersion(id: u32, version: u32, at?)`: one version of a model.
	fn model_version(&self, params: Params) -> RpcResult<Value> {
		let [id, version, at] =
			split("attribution_modelVersion", ["id", "version", "at"], params.as_str())?;
		let (id, version, at) = (id.u32()?, version.u32()?, at.at()?);
		self.answer(at, |api, at| api.model_version(at, id, version))
	}

	/// `attribution_modelLineage(id: u32, at?)`: a model and its ancestors (`null` if unknown).
	fn model_lineage(&self, params: Params) -> RpcResult<Value> {
		let [id, at] = split("attribution_modelLineage", ["id", "at"], params.as_str())?;
		let (id, at) = (id.u32()?, at.at()?);
		self.answer(at, |api, at| {
			api.model_lineage(at, id).map(|steps| (!steps.is_empty()).then_some(steps))
		})
	}

	/// `attribution_inference(id: u64, at?)`: an inference record, from state through its
	/// dispute period, then from the node's history (`archived: true`). [`NO_HISTORY`] for an
	/// archived record on a node without history, [`NOT_IN_HISTORY`] for one its history
	/// lacks.
	fn inference(&self, params: Params) -> RpcResult<Value> {
		let [id, at] = split("attribution_inference", ["id", "at"], params.as_str())?;
		let (id, at): (InferenceId, _) = (id.u64()?, at.at()?);
		match self.call(at, |api, at| api.inference(at, id).map_err(runtime_error))? {
			(Some(record), _) => to_json(&record),
			// The runtime reads the history only for a recorded id that is no longer in
			// state (every record leaves state archived): a record this history lacks.
			(None, true) => Err(not_in_history(id)),
			(None, false) => Ok(Value::Null),
		}
	}

	/// `attribution_contributionUsage(id: u64, page?, at?)`: the inferences that used a
	/// contribution (a page, from the history) and what it earned.
	fn contribution_usage(&self, params: Params) -> RpcResult<Value> {
		let [id, page, at] =
			split("attribution_contributionUsage", ["id", "page", "at"], params.as_str())?;
		let (id, page, at): (ContributionId, _, _) = (id.u64()?, page.page()?, at.at()?);
		self.answer_page(at, page, |api, at, start, limit| {
			api.contribution_usage(at, id, start, limit)
		})
	}

	/// `attribution_modelInferences(id: u32, page?, at?)`: the inferences of a model (a page,
	/// from the history).
	fn model_inferences(&self, params: Params) -> RpcResult<Value> {
		let [id, page, at] =
			split("attribution_modelInferences", ["id", "page", "at"], params.as_str())?;
		let (id, page, at) = (id.u32()?, page.page()?, at.at()?);
		self.answer_page(at, page, |api, at, start, limit| {
			api.model_inferences(at, id, start, limit)
		})
	}

	/// `attribution_payerInferences(account: SS58, page?, at?)`: the inferences an account
	/// paid for (a page, from the history).
	fn payer_inferences(&self, params: Params) -> RpcResult<Value> {
		let [account, page, at] =
			split("attribution_payerInferences", ["account", "page", "at"], params.as_str())?;
		let (payer, page, at) = (account.account()?, page.page()?, at.at()?);
		self.answer_page(at, page, |api, at, start, limit| {
			api.payer_inferences(at, payer, start, limit)
		})
	}

	/// `attribution_earnings(account: SS58, at?)`: an account's earnings by role.
	fn earnings(&self, params: Params) -> RpcResult<Value> {
		let [account, at] = split("attribution_earnings", ["account", "at"], params.as_str())?;
		let (who, at) = (account.account()?, at.at()?);
		self.answer(at, |api, at| api.earnings(at, who))
	}

	/// `attribution_previewSplit(model: u32, version: u32, fee: "plancks", attributions?,
	/// at?)`: the exact split of a fee, without paying; [`SPLIT_REFUSED`] with the error
	/// `pay_inference` would fail with.
	fn preview_split(&self, params: Params) -> RpcResult<Value> {
		let [model, version, fee, attributions, at] = split(
			"attribution_previewSplit",
			["model", "version", "fee", "attributions", "at"],
			params.as_str(),
		)?;
		let (model, version) = (model.u32()?, version.u32()?);
		let (fee, attributions, at) = (fee.fee()?, attributions.attributions()?, at.at()?);
		let attributions: Vec<(ContributionId, Perbill)> =
			attributions.iter().map(|a| (a.contribution, Perbill::from_parts(a.weight))).collect();
		self.serve(at, |api, at| {
			api.preview_split(at, model, version, fee, attributions)
				.map_err(runtime_error)?
				.map_err(|refused| {
					let name = String::from_utf8_lossy(&refused.name).into_owned();
					ErrorObject::owned(
						SPLIT_REFUSED,
						format!("the split is refused: {name}"),
						Some(serde_json::json!({ "error": name })),
					)
				})
		})
	}

	/// `attribution_maxPageSize(at?)`: the largest page the paginated methods return.
	fn max_page_size(&self, params: Params) -> RpcResult<Value> {
		let [at] = split("attribution_maxPageSize", ["at"], params.as_str())?;
		let at = at.at()?;
		self.answer(at, |api, at| api.max_page_size(at))
	}
}
