//! The namespace served from a mock client: every parameter bound (the limit passes, one past
//! it fails), refusals named and fast, refused requests never reaching the runtime API; and
//! the attribution history: registered with every call, its gaps reported, its absence a
//! clear error rather than the runtime's trap.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod records;

use std::{
	any::Any,
	cell::RefCell,
	future::Future,
	sync::{Arc, Mutex},
	task::{Context, Poll, Wake, Waker},
	time::{Duration, Instant},
};

use codec::{Decode, Encode};
use serde_json::{json, Value};
// What `ApiExt` names that `sp_api` exports only for its macros (the mock implements it by
// hand, as `mock_impl_runtime_apis!` does, but keeps the extensions registered with it).
use sp_api::__private::{Extension, OverlayedChanges, RuntimeVersion, StateBackend};
use sp_api::{
	ApiError, ApiExt, ApiRef, CallContext, ProofRecorder, ProvideRuntimeApi, RuntimeApiInfo,
	StorageChanges, StorageProof, TransactionOutcome,
};
use sp_blockchain::{BlockStatus, HeaderBackend, Info};
use sp_core::{
	crypto::{Ss58AddressFormat, Ss58Codec},
	offchain::{
		storage::InMemOffchainStorage, DbExternalities, OffchainDbExt, OffchainStorage,
		StorageKind, STORAGE_PREFIX,
	},
	H256,
};
use sp_runtime::{
	generic,
	traits::{BlakeTwo256, Block as BlockT, HashingFor, Header as _},
	AccountId32, DispatchError, ExtrinsicInclusionMode, OpaqueExtrinsic, Perbill,
};
use tributary_primitives::{
	api::{
		AccountEarnings, AttributionApi, ContributionRead, ContributionUsage, DatanetRead,
		DatanetStats, InferencePage, InferenceRead, ModelRead, ModelVersionRead, SplitRefused,
		VersionRead,
	},
	ContributionId, DatanetId, DatanetVersion, FeeBreakdown, InferenceId, ModelId, ModelVersion,
};
use tributary_runtime::reads::*;

use crate::{
	history::HistoryReader, params::*, Attribution, INVALID_PARAMS, METHODS, NOT_IN_HISTORY,
	NO_HISTORY, NO_HISTORY_MESSAGE, SPLIT_REFUSED, UNKNOWN_BLOCK,
};

type Header = generic::Header<u32, BlakeTwo256>;
type Block = generic::Block<Header, OpaqueExtrinsic>;
type Record = InferenceRecord;

/// The best block of the mock chain.
const BEST: H256 = H256([0xbb; 32]);
/// Another block the mock chain knows.
const KNOWN: H256 = H256([0xab; 32]);
/// What the runtime API mock returns from `max_page_size`.
const MAX_PAGE: u32 = 100;
/// The model whose fee preview the runtime API mock refuses.
const REFUSED_MODEL: u32 = 13;
/// Inference ids below this are archived: the mock reads them from the history.
const ARCHIVED_BELOW: u64 = 5;
/// The next inference id: ids from [`ARCHIVED_BELOW`] up to it are in state, later ones
/// unknown.
const NEXT_INFERENCE: u64 = 10;
/// The one archived inference the test history holds.
const HELD: u64 = 3;
/// A live inference (in state).
const LIVE: u64 = 6;
/// How many inferences each list holds on chain: the history holds positions 0 ([`HELD`])
/// and 2 ([`LIVE`]) of the lists of contribution 7, model 7 and Alice, not position 1.
const LIST_LEN: u32 = 3;
/// Contributions below this exist.
const CONTRIBUTIONS: u64 = 10;
/// What the mock logs of a call made without the history extension registered.
const WITHOUT_HISTORY: &str = " without the history extension";

/// The runtime API calls made, as `method(args)`.
type Log = Arc<Mutex<Vec<String>>>;

#[derive(Clone, Default)]
struct Client {
	log: Log,
}

/// The runtime API mock. Like the runtime, it reads the history only through the
/// `OffchainDbExt` registered with it, and fails without one (where the runtime traps). It
/// answers `null`/empty for everything except inferences, contribution usage, pages,
/// earnings and the page size, and logs each call with its arguments.
struct RuntimeApi {
	log: Log,
	history: RefCell<Option<OffchainDbExt>>,
	/// The proof recorder a caller asked for (the mock reads no trie, so it records nothing).
	recorder: Option<ProofRecorder<Block>>,
}

impl RuntimeApi {
	fn note(&self, call: String) {
		let registered = self.history.borrow().is_some();
		let call = if registered { call } else { format!("{call}{WITHOUT_HISTORY}") };
		self.log.lock().unwrap().push(call);
	}

	/// `sp_io::offchain::local_storage_get(PERSISTENT, key)`.
	fn history(&self, key: String) -> Result<Option<Vec<u8>>, ApiError> {
		let mut history = self.history.borrow_mut();
		let db = history.as_mut().ok_or_else(|| {
			ApiError::Application(
				"local_storage_get can be called only in the offchain call context with \
				 OffchainDb extension"
					.into(),
			)
		})?;
		Ok(db.local_storage_get(StorageKind::PERSISTENT, key.as_bytes()))
	}

	/// A page of `list` (keys `{list}/{position}`), as the runtime reads one.
	fn list(&self, list: String, start: u32, limit: u32) -> Result<InferencePage, ApiError> {
		let end = start.saturating_add(limit.min(MAX_PAGE)).min(LIST_LEN);
		let mut page = InferencePage { total: LIST_LEN, ..Default::default() };
		for position in start..end {
			match self.history(format!("{list}/{position}"))? {
				Some(raw) => page.inferences.push(u64::decode(&mut &raw[..]).unwrap()),
				None => page.unavailable += 1,
			}
		}
		Ok(page)
	}
}

/// Inference record `id` of the mock chain.
fn record(id: InferenceId) -> Record {
	InferenceRecord {
		model: 7,
		version: 1,
		payer: AccountId32::new([1; 32]),
		operator: AccountId32::new([2; 32]),
		fee: 1000,
		io_hash: H256([0x10; 32]),
		attributions: vec![(7, Perbill::from_percent(100))].try_into().unwrap(),
		positions: vec![0].try_into().unwrap(),
		model_position: u32::try_from(id).unwrap(),
		payer_position: 0,
		recorded_at: 4,
		deposit: 0,
		disputed: false,
	}
}

/// The history of a node that executed every block but one with offchain indexing on.
fn history() -> InMemOffchainStorage {
	let mut db = InMemOffchainStorage::default();
	db.set(STORAGE_PREFIX, format!("infer/{HELD}").as_bytes(), &record(HELD).encode());
	for list in ["usage/7".to_string(), "model/7".into(), format!("payer/{}", alice())] {
		db.set(STORAGE_PREFIX, format!("{list}/0").as_bytes(), &HELD.encode());
		db.set(STORAGE_PREFIX, format!("{list}/2").as_bytes(), &LIVE.encode());
	}
	db
}

impl ProvideRuntimeApi<Block> for Client {
	type Api = RuntimeApi;
	fn runtime_api(&self) -> ApiRef<'_, Self::Api> {
		RuntimeApi { log: self.log.clone(), history: RefCell::new(None), recorder: None }.into()
	}
}

impl HeaderBackend<Block> for Client {
	fn header(&self, hash: H256) -> sp_blockchain::Result<Option<Header>> {
		Ok((hash == KNOWN || hash == BEST).then(|| {
			Header::new(
				1,
				Default::default(),
				Default::default(),
				Default::default(),
				Default::default(),
			)
		}))
	}
	fn info(&self) -> Info<Block> {
		Info {
			best_hash: BEST,
			best_number: 1,
			genesis_hash: KNOWN,
			finalized_hash: BEST,
			finalized_number: 1,
			finalized_state: None,
			number_leaves: 1,
			block_gap: None,
		}
	}
	fn status(&self, _: H256) -> sp_blockchain::Result<BlockStatus> {
		Ok(BlockStatus::Unknown)
	}
	fn number(&self, _: H256) -> sp_blockchain::Result<Option<u32>> {
		Ok(None)
	}
	fn hash(&self, _: u32) -> sp_blockchain::Result<Option<H256>> {
		Ok(None)
	}
}

// What `mock_impl_runtime_apis!` generates, except that extensions are kept, not refused.
impl ApiExt<Block> for RuntimeApi {
	fn execute_in_transaction<F: FnOnce(&Self) -> TransactionOutcome<R>, R>(&self, call: F) -> R {
		call(self).into_inner()
	}
	fn has_api<A: RuntimeApiInfo + ?Sized>(&self, _: H256) -> Result<bool, ApiError> {
		Ok(true)
	}
	fn has_api_with<A: RuntimeApiInfo + ?Sized, P: Fn(u32) -> bool>(
		&self,
		_: H256,
		pred: P,
	) -> Result<bool, ApiError> {
		Ok(pred(A::VERSION))
	}
	fn api_version<A: RuntimeApiInfo + ?Sized>(&self, _: H256) -> Result<Option<u32>, ApiError> {
		Ok(Some(A::VERSION))
	}
	fn record_proof(&mut self) {
		self.recorder = Some(ProofRecorder::<Block>::default());
	}
	fn record_proof_with_recorder(&mut self, recorder: ProofRecorder<Block>) {
		self.recorder = Some(recorder);
	}
	fn extract_proof(&mut self) -> Option<StorageProof> {
		self.recorder.take().map(|recorder| recorder.drain_storage_proof())
	}
	fn proof_recorder(&self) -> Option<ProofRecorder<Block>> {
		self.recorder.clone()
	}
	fn into_storage_changes<B: StateBackend<HashingFor<Block>>>(
		&self,
		_: &B,
		_: H256,
	) -> Result<StorageChanges<Block>, String> {
		Err("the mock runtime keeps no storage, so it has no changes to give".into())
	}
	fn set_call_context(&mut self, _: CallContext) {
		// Its answers are the same on chain and off chain: nothing to set.
	}
	fn register_extension<E: Extension>(&mut self, extension: E) {
		let extension: Box<dyn Any> = Box::new(extension);
		let db = extension.downcast::<OffchainDbExt>().expect("only the history is registered");
		*self.history.get_mut() = Some(*db);
	}
	fn set_overlayed_changes(&mut self, _: OverlayedChanges<HashingFor<Block>>) {
		// It keeps no storage: changes made elsewhere have nothing here to apply to.
	}
}

/// What the mock answers to a runtime call other than the attribution API's: an error that
/// says so (the RPC under test makes none).
fn not_in_mock(call: &str) -> ApiError {
	ApiError::Application(
		format!("the mock runtime answers the attribution API only, not {call}").into(),
	)
}

impl sp_api::Core<Block> for RuntimeApi {
	fn __runtime_api_internal_call_api_at(
		&self,
		_: H256,
		_: Vec<u8>,
		_: &dyn Fn(RuntimeVersion) -> &'static str,
	) -> Result<Vec<u8>, ApiError> {
		Err(not_in_mock("an encoded Core call"))
	}
	fn version(&self, _: H256) -> Result<RuntimeVersion, ApiError> {
		Err(not_in_mock("Core_version"))
	}
	fn execute_block(&self, _: H256, _: <Block as BlockT>::LazyBlock) -> Result<(), ApiError> {
		Err(not_in_mock("Core_execute_block"))
	}
	fn initialize_block(&self, _: H256, _: &Header) -> Result<ExtrinsicInclusionMode, ApiError> {
		Err(not_in_mock("Core_initialize_block"))
	}
}

type Answer<T> = Result<T, ApiError>;

impl
	AttributionApi<
		Block,
		AccountId32,
		u128,
		DatanetRecord,
		VersionRecord,
		ContributionRecord,
		ContributionAccount,
		ModelRecord,
		ModelVersionRecord,
		LineageStep,
		InferenceRecord,
		EarningsRecord,
	> for RuntimeApi
{
	fn __runtime_api_internal_call_api_at(
		&self,
		_: H256,
		_: Vec<u8>,
		_: &dyn Fn(RuntimeVersion) -> &'static str,
	) -> Result<Vec<u8>, ApiError> {
		// Every method is implemented below; only an encoded call would come here.
		Err(not_in_mock("an encoded AttributionApi call"))
	}
	fn datanet(&self, _: H256, id: DatanetId) -> Answer<Option<DatanetRead<DatanetRecord>>> {
		self.note(format!("datanet({id})"));
		Ok(None)
	}
	fn datanet_stats(
		&self,
		_: H256,
		id: DatanetId,
	) -> Answer<Option<DatanetStats<DatanetRecord, u128>>> {
		self.note(format!("datanet_stats({id})"));
		Ok(None)
	}
	fn datanet_version(
		&self,
		_: H256,
		datanet: DatanetId,
		version: DatanetVersion,
	) -> Answer<Option<VersionRead<VersionRecord>>> {
		self.note(format!("datanet_version({datanet}, {version})"));
		Ok(None)
	}
	fn contribution(
		&self,
		_: H256,
		id: ContributionId,
	) -> Answer<Option<ContributionRead<ContributionRecord, ContributionAccount>>> {
		self.note(format!("contribution({id})"));
		Ok(None)
	}
	fn contribution_by_hash(
		&self,
		_: H256,
		hash: H256,
	) -> Answer<Option<ContributionRead<ContributionRecord, ContributionAccount>>> {
		self.note(format!("contribution_by_hash({hash:?})"));
		Ok(None)
	}
	fn model(
		&self,
		_: H256,
		id: ModelId,
	) -> Answer<Option<ModelRead<ModelRecord, ModelVersionRecord>>> {
		self.note(format!("model({id})"));
		Ok(None)
	}
	fn model_version(
		&self,
		_: H256,
		id: ModelId,
		version: ModelVersion,
	) -> Answer<Option<ModelVersionRead<ModelVersionRecord>>> {
		self.note(format!("model_version({id}, {version})"));
		Ok(None)
	}
	fn model_lineage(&self, _: H256, id: ModelId) -> Answer<Vec<LineageStep>> {
		self.note(format!("model_lineage({id})"));
		Ok(Vec::new())
	}
	// As the runtime: state first, the history only for a recorded id no longer in state.
	fn inference(&self, _: H256, id: InferenceId) -> Answer<Option<InferenceRead<Record>>> {
		self.note(format!("inference({id})"));
		if id >= NEXT_INFERENCE {
			return Ok(None);
		}
		if id >= ARCHIVED_BELOW {
			return Ok(Some(InferenceRead { id, record: record(id), archived: false }));
		}
		let archived = self.history(format!("infer/{id}"))?;
		Ok(archived.map(|raw| InferenceRead {
			id,
			record: Record::decode(&mut &raw[..]).unwrap(),
			archived: true,
		}))
	}
	fn contribution_usage(
		&self,
		_: H256,
		id: ContributionId,
		start: u32,
		limit: u32,
	) -> Answer<Option<ContributionUsage<u128>>> {
		self.note(format!("contribution_usage({id}, {start}, {limit})"));
		if id >= CONTRIBUTIONS {
			return Ok(None);
		}
		let page = self.list(format!("usage/{id}"), start, limit)?;
		Ok(Some(ContributionUsage { page, earned: 5, pending_pool_share: 1 }))
	}
	fn model_inferences(
		&self,
		_: H256,
		id: ModelId,
		start: u32,
		limit: u32,
	) -> Answer<InferencePage> {
		self.note(format!("model_inferences({id}, {start}, {limit})"));
		self.list(format!("model/{id}"), start, limit)
	}
	fn payer_inferences(
		&self,
		_: H256,
		payer: AccountId32,
		start: u32,
		limit: u32,
	) -> Answer<InferencePage> {
		self.note(format!("payer_inferences({payer}, {start}, {limit})"));
		self.list(format!("payer/{payer}"), start, limit)
	}
	fn earnings(
		&self,
		_: H256,
		account: AccountId32,
	) -> Answer<AccountEarnings<EarningsRecord, u128>> {
		self.note(format!("earnings({account})"));
		let first = AsRef::<[u8]>::as_ref(&account).first().copied().unwrap_or_default();
		Ok(AccountEarnings {
			claimable: u128::from(first),
			stats: EarningsRecord {
				claimed: 1,
				as_contributor: 2,
				as_developer: 3,
				as_operator: 4,
			},
		})
	}
	fn preview_split(
		&self,
		_: H256,
		model: ModelId,
		version: ModelVersion,
		fee: u128,
		attributions: Vec<(ContributionId, Perbill)>,
	) -> Answer<Result<FeeBreakdown<u128>, SplitRefused>> {
		let weights: Vec<_> = attributions.iter().map(|(c, w)| (*c, w.deconstruct())).collect();
		self.note(format!("preview_split({model}, {version}, {fee}, {weights:?})"));
		if model == REFUSED_MODEL {
			return Ok(Err(DispatchError::Other("UnknownModel").into()));
		}
		Ok(Ok(FeeBreakdown {
			fee,
			treasury: fee,
			operator: 0,
			developer: 0,
			contributions: Vec::new(),
			pools: Vec::new(),
		}))
	}
	fn max_page_size(&self, _: H256) -> Answer<u32> {
		self.note("max_page_size()".into());
		Ok(MAX_PAGE)
	}
}

/// Runs a future to completion on this thread (the module's synchronous methods never
/// wait on anything).
fn block_on<F: Future>(future: F) -> F::Output {
	struct Unpark(std::thread::Thread);
	impl Wake for Unpark {
		fn wake(self: Arc<Self>) {
			self.0.unpark();
		}
	}
	let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
	let mut cx = Context::from_waker(&waker);
	let mut future = std::pin::pin!(future);
	loop {
		match future.as_mut().poll(&mut cx) {
			Poll::Ready(output) => return output,
			Poll::Pending => std::thread::park(),
		}
	}
}

type Module = jsonrpsee::RpcModule<Attribution<Client, Block, InMemOffchainStorage>>;

/// A module over a fresh mock client and `history` (`None`: a node that keeps none), and the
/// client's log of runtime API calls.
fn setup_with(history: Option<InMemOffchainStorage>) -> (Module, Log) {
	let client = Client::default();
	let log = client.log.clone();
	(Attribution::new(Arc::new(client), history).into_rpc().unwrap(), log)
}

/// A module over a fresh mock client and the test [`history`].
fn setup() -> (Module, Log) {
	setup_with(Some(history()))
}

/// One request with `params` as raw JSON text (`None`: no `params` member) to a node with
/// the test [`history`]; the response, the runtime API calls it made and how long it took.
fn request(method: &str, params: Option<&str>) -> (Value, Vec<String>, Duration) {
	request_with(Some(history()), method, params)
}

/// [`request`] to a node with `history`.
fn request_with(
	history: Option<InMemOffchainStorage>,
	method: &str,
	params: Option<&str>,
) -> (Value, Vec<String>, Duration) {
	let (module, log) = setup_with(history);
	let params = params.map(|p| format!(r#","params":{p}"#)).unwrap_or_default();
	let body = format!(r#"{{"jsonrpc":"2.0","id":1,"method":"{method}"{params}}}"#);
	let started = Instant::now();
	let (response, _) = block_on(module.raw_json_request(&body, 1)).unwrap();
	let elapsed = started.elapsed();
	let calls = log.lock().unwrap().clone();
	(serde_json::from_str(&response).unwrap(), calls, elapsed)
}

/// The result of a request that must succeed, and the runtime API calls it made.
fn ok(method: &str, params: &str) -> (Value, Vec<String>) {
	let (response, calls, _) = request(method, Some(params));
	assert!(response.get("error").is_none(), "{method}{params} -> {response}");
	(response["result"].clone(), calls)
}

/// The error of a request that must be refused as invalid params without calling the
/// runtime API; its message.
fn refused(method: &str, params: &str) -> String {
	let (response, calls, elapsed) = request(method, Some(params));
	let error = &response["error"];
	assert_eq!(error["code"], json!(INVALID_PARAMS), "{method} {} -> {response}", short(params));
	assert!(calls.is_empty(), "{method} {} reached the runtime: {calls:?}", short(params));
	// Linear time: even a MiB takes a fraction of this in a debug build (a quadratic
	// decoding of one took minutes).
	assert!(elapsed < Duration::from_secs(2), "{method} took {elapsed:?}");
	error["message"].as_str().unwrap().to_owned()
}

fn short(text: &str) -> String {
	if text.len() <= 120 {
		text.to_owned()
	} else {
		format!("{}… ({} bytes)", &text[..120], text.len())
	}
}

/// The kinds of parameter.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
	U32,
	U64,
	Hash,
	Account,
	Fee,
	Page,
	Attributions,
	At,
}
use Kind::*;

/// Every method, its parameters and a valid value for each.
const SIGNATURES: [(&str, &[(&str, Kind)]); 15] = [
	("attribution_datanet", &[("id", U32), ("at", At)]),
	("attribution_datanetStats", &[("id", U32), ("at", At)]),
	("attribution_datanetVersion", &[("datanet", U32), ("version", U32), ("at", At)]),
	("attribution_contribution", &[("id", U64), ("at", At)]),
	("attribution_contributionByHash", &[("hash", Hash), ("at", At)]),
	("attribution_model", &[("id", U32), ("at", At)]),
	("attribution_modelVersion", &[("id", U32), ("version", U32), ("at", At)]),
	("attribution_modelLineage", &[("id", U32), ("at", At)]),
	("attribution_inference", &[("id", U64), ("at", At)]),
	("attribution_contributionUsage", &[("id", U64), ("page", Page), ("at", At)]),
	("attribution_modelInferences", &[("id", U32), ("page", Page), ("at", At)]),
	("attribution_payerInferences", &[("account", Account), ("page", Page), ("at", At)]),
	("attribution_earnings", &[("account", Account), ("at", At)]),
	(
		"attribution_previewSplit",
		&[
			("model", U32),
			("version", U32),
			("fee", Fee),
			("attributions", Attributions),
			("at", At),
		],
	),
	("attribution_maxPageSize", &[("at", At)]),
];

/// The parameters of `method`.
fn signature(method: &str) -> &'static [(&'static str, Kind)] {
	SIGNATURES.iter().find(|(m, _)| *m == method).unwrap().1
}

/// Alice's dev account (public key 0xd43593c7…), prefix 42.
fn alice() -> String {
	"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY".into()
}

fn hex(byte: u8) -> String {
	format!("\"0x{}\"", format!("{byte:02x}").repeat(32))
}

fn valid(kind: Kind) -> String {
	match kind {
		U32 | U64 => "7".into(),
		Hash => hex(0xab),
		Account => format!("\"{}\"", alice()),
		Fee => "\"1000\"".into(),
		Page => r#"{"start":1,"limit":2}"#.into(),
		Attributions => r#"[{"contribution":3,"weight":1000000000}]"#.into(),
		At => hex(0xab),
	}
}

/// The params of `method` as a JSON array: valid values, `value` at position `at`.
fn with(signature: &[(&str, Kind)], at: usize, value: &str) -> String {
	let values: Vec<String> = signature
		.iter()
		.enumerate()
		.map(|(i, (_, kind))| if i == at { value.to_owned() } else { valid(*kind) })
		.collect();
	format!("[{}]", values.join(","))
}

/// Every (method, position, name) of a parameter of one of `kinds`.
fn params_of(
	kinds: &[Kind],
) -> Vec<(&'static str, &'static [(&'static str, Kind)], usize, &'static str)> {
	SIGNATURES
		.iter()
		.flat_map(|(method, signature)| {
			signature
				.iter()
				.enumerate()
				.filter(|(_, (_, kind))| kinds.contains(kind))
				.map(move |(i, (name, _))| (*method, *signature, i, *name))
		})
		.collect()
}

#[test]
fn into_rpc_registers_every_method() {
	let (module, _) = setup();
	let mut names: Vec<_> = module.method_names().collect();
	names.sort();
	let mut expected = METHODS.to_vec();
	expected.sort();
	assert_eq!(names, expected);
	assert_eq!(SIGNATURES.map(|(m, _)| m), METHODS);
}

#[test]
fn every_method_answers_valid_params_by_position_and_by_name() {
	for (method, signature) in SIGNATURES {
		let positional = with(signature, usize::MAX, "");
		let (by_position, calls) = ok(method, &positional);
		assert!(!calls.is_empty(), "{method} did not call the runtime");
		// Every call registers the history, whether or not the method reads it.
		assert!(!calls.iter().any(|c| c.ends_with(WITHOUT_HISTORY)), "{method}: {calls:?}");
		let named: serde_json::Map<String, Value> = signature
			.iter()
			.map(|(name, kind)| (name.to_string(), serde_json::from_str(&valid(*kind)).unwrap()))
			.collect();
		let (by_name, named_calls) = ok(method, &Value::Object(named).to_string());
		assert_eq!(by_position, by_name, "{method}");
		assert_eq!(calls, named_calls, "{method}");
		// Only the required parameters: every optional one may be left out.
		let required = signature.iter().filter(|(_, k)| !matches!(k, Page | Attributions | At));
		let values: Vec<_> = required.map(|(_, kind)| valid(*kind)).collect();
		ok(method, &format!("[{}]", values.join(",")));
	}
	assert_eq!(
		ok("attribution_earnings", &format!("[\"{}\"]", alice())).0,
		json!({ "claimable": "212", "claimed": "1", "asContributor": "2", "asDeveloper": "3",
			"asOperator": "4" })
	);
}

#[test]
fn preview_split_answers_the_breakdown_or_the_runtime_refusal() {
	let (result, _) = ok("attribution_previewSplit", r#"[0,1,"1000"]"#);
	assert_eq!(result["treasury"], json!("1000"));
	let (response, calls, _) = request("attribution_previewSplit", Some(r#"[13,1,"1000"]"#));
	assert_eq!(response["error"]["code"], json!(SPLIT_REFUSED));
	assert_eq!(response["error"]["message"], json!("the split is refused: UnknownModel"));
	assert_eq!(response["error"]["data"], json!({ "error": "UnknownModel" }));
	assert_eq!(calls, ["preview_split(13, 1, 1000, [])"]);
}

#[test]
fn u32_params_accept_u32_max_and_refuse_u32_max_plus_one() {
	for (method, signature, i, name) in params_of(&[U32]) {
		let (_, calls) = ok(method, &with(signature, i, "4294967295"));
		assert!(calls.iter().any(|c| c.contains("4294967295")), "{method}: {calls:?}");
		ok(method, &with(signature, i, "0"));
		let message = refused(method, &with(signature, i, "4294967296"));
		assert_eq!(
			message,
			format!(
				"invalid parameter `{name}`: expected an integer from 0 to 4294967295, got \
				 `4294967296`"
			)
		);
		assert!(refused(method, &with(signature, i, "99999999999")).contains(name));
	}
}

#[test]
fn u64_params_accept_u64_max_and_refuse_u64_max_plus_one() {
	for (method, signature, i, name) in params_of(&[U64]) {
		let (_, calls) = ok(method, &with(signature, i, "18446744073709551615"));
		assert!(calls.iter().any(|c| c.contains("18446744073709551615")), "{method}: {calls:?}");
		let message = refused(method, &with(signature, i, "18446744073709551616"));
		assert_eq!(
			message,
			format!(
				"invalid parameter `{name}`: expected an integer from 0 to \
				 18446744073709551615, got `18446744073709551616`"
			)
		);
	}
}

#[test]
fn integer_params_refuse_negatives_fractions_exponents_and_other_types() {
	let huge = "9".repeat(1 << 20);
	for (method, signature, i, name) in params_of(&[U32, U64]) {
		for bad in [
			"-1",
			"-0",
			"1.0",
			"1.5",
			"1e3",
			"1E3",
			"\"1\"",
			"null",
			"true",
			"[1]",
			"{}",
			"[[[[[[[[1]]]]]]]]",
			&huge,
		] {
			let message = refused(method, &with(signature, i, bad));
			assert!(
				message.starts_with(&format!("invalid parameter `{name}`: expected an integer"))
			);
		}
		let message = refused(method, &with(signature, i, &huge));
		assert!(message.ends_with("got a number of 1048576 bytes"), "{message}");
	}
}

#[test]
fn hash_params_take_exactly_0x_and_64_hex_digits() {
	// "abab…": the known block's hash at 64 digits.
	let digits = |n: usize| format!("\"0x{}\"", &"ab".repeat(33)[..n]);
	for (method, signature, i, name) in params_of(&[Hash, At]) {
		ok(method, &with(signature, i, &digits(64)));
		ok(method, &with(signature, i, &format!("\"0x{}\"", "AB".repeat(32))));
		for bad in [
			digits(63),
			digits(65),
			digits(62),
			format!("\"{}\"", "ab".repeat(32)),
			format!("\"0X{}\"", "ab".repeat(32)),
			format!("\"0x{}g\"", &"ab".repeat(32)[..63]),
			format!("\"0x{}\\u0062\"", &"ab".repeat(32)[..63]),
			format!("\" 0x{}\"", "ab".repeat(32)),
			"42".into(),
			format!("[{}]", digits(64)),
		] {
			let message = refused(method, &with(signature, i, &bad));
			assert!(message.starts_with(&format!("invalid parameter `{name}`: expected a")));
			assert!(message.contains("\"0x\" and 64 hex digits"), "{message}");
		}
	}
}

#[test]
fn at_reads_at_a_known_block_and_answers_4001_for_an_unknown_one() {
	for (method, signature, i, _) in params_of(&[At]) {
		ok(method, &with(signature, i, "null"));
		ok(method, &with(signature, i, &hex(0xab)));
		let (response, calls, _) = request(method, Some(&with(signature, i, &hex(0x99))));
		assert_eq!(response["error"]["code"], json!(UNKNOWN_BLOCK), "{method}");
		assert!(calls.is_empty());
	}
}

#[test]
fn account_accepts_the_longest_ss58_address_and_refuses_one_character_more() {
	// Prefix 255 (two bytes) and the largest account: the longest address there is.
	let account = AccountId32::new([0xff; 32]);
	let longest = account.to_ss58check_with_version(Ss58AddressFormat::custom(255));
	assert_eq!(longest.len(), MAX_ACCOUNT_LEN);
	let (result, calls) = ok("attribution_earnings", &format!("[\"{longest}\"]"));
	assert_eq!(result["claimable"], json!("255"));
	assert_eq!(calls, [format!("earnings({})", account.to_ss58check())]);

	for (method, signature, i, _) in params_of(&[Account]) {
		let (_, calls) = ok(method, &with(signature, i, &format!("\"{longest}\"")));
		assert!(calls.iter().any(|c| c.contains(&account.to_ss58check())), "{calls:?}");
		let message = refused(method, &with(signature, i, &format!("\"{longest}1\"")));
		assert_eq!(
			message,
			"invalid parameter `account`: expected an SS58 address of at most 49 characters, \
			 got a string of 50 bytes"
		);
	}
}

#[test]
fn account_refuses_what_is_not_an_ss58_address() {
	let alice = alice();
	let mut bad_checksum = alice.clone();
	bad_checksum.replace_range(47.., if alice.ends_with('Y') { "Z" } else { "Y" });
	for bad in [
		format!("\"{}\"", &alice[1..]),
		format!("\"{bad_checksum}\""),
		format!("\"0x{}\"", "d4".repeat(32)),
		"\"\"".into(),
		"\"5NotAnAddress0\"".into(),
		format!("\"{alice}\\n\""),
		"42".into(),
		"null".into(),
		format!("[\"{alice}\"]"),
	] {
		for (method, signature, i, _) in params_of(&[Account]) {
			let message = refused(method, &with(signature, i, &bad));
			assert!(message.starts_with("invalid parameter `account`: expected an SS58 address"));
		}
	}
}

/// Defect 4 of issue 13: base58 decoding takes time quadratic in the length, so a 300 KB
/// account string kept the node busy for minutes. It is refused by its length alone.
#[test]
fn account_of_300_kb_is_refused_in_under_50_ms() {
	let account = "5".repeat(300 * 1024);
	let params = format!("[\"{account}\"]");
	let (response, calls, elapsed) = request("attribution_earnings", Some(&params));
	assert_eq!(response["error"]["code"], json!(INVALID_PARAMS));
	assert_eq!(response["error"]["data"], json!({ "param": "account" }));
	assert!(calls.is_empty());
	println!("a 300 KB account refused in {elapsed:?}");
	assert!(elapsed < Duration::from_millis(50), "took {elapsed:?}");
}

#[test]
fn fee_accepts_u128_max_and_refuses_u128_max_plus_one() {
	let method = "attribution_previewSplit";
	let signature = signature(method);
	let (_, calls) = ok(method, &with(signature, 2, &format!("\"{}\"", u128::MAX)));
	assert!(calls.iter().any(|c| c.contains(&u128::MAX.to_string())), "{calls:?}");
	ok(method, &with(signature, 2, "\"0\""));
	let expected = "invalid parameter `fee`: expected a decimal string of plancks from \"0\" \
	                to \"340282366920938463463374607431768211455\", got";
	let over = refused(method, &with(signature, 2, "\"340282366920938463463374607431768211456\""));
	assert!(over.starts_with(expected), "{over}");
	// 39 digits pass, 40 are refused whatever their value.
	ok(method, &with(signature, 2, &format!("\"{}1\"", "0".repeat(38))));
	refused(method, &with(signature, 2, &format!("\"{}1\"", "0".repeat(39))));
	for bad in ["\"-5\"", "\"+5\"", "\"1.5\"", "\"1e3\"", "\"\"", "\" 5\"", "5", "null", "[\"5\"]"]
	{
		assert!(refused(method, &with(signature, 2, bad)).starts_with(expected), "{bad}");
	}
}

#[test]
fn page_accepts_128_bytes_of_json_and_refuses_129() {
	let pad = |n: usize| {
		let base = r#"{"start":1,"limit":2}"#;
		format!("{{{}{}", " ".repeat(n - base.len()), &base[1..])
	};
	for (method, signature, i, _) in params_of(&[Page]) {
		let (_, calls) = ok(method, &with(signature, i, &pad(MAX_PAGE_LEN)));
		assert!(calls.iter().any(|c| c.ends_with("1, 2)")), "{calls:?}");
		let message = refused(method, &with(signature, i, &pad(MAX_PAGE_LEN + 1)));
		assert!(
			message.starts_with("invalid parameter `page`: expected {\"start\"?: u32, \"limit\"?: u32} in at most 128 bytes"),
			"{message}"
		);
	}
}

#[test]
fn page_fields_are_u32_and_limit_at_most_the_max_page_size() {
	for (method, signature, i, _) in params_of(&[Page]) {
		let (_, calls) = ok(method, &with(signature, i, r#"{"start":4294967295,"limit":100}"#));
		assert!(calls.iter().any(|c| c.ends_with("4294967295, 100)")), "{calls:?}");
		let (_, calls) = ok(method, &with(signature, i, "{}"));
		assert!(calls.iter().any(|c| c.ends_with("0, 100)")), "{calls:?}");
		for bad in [
			r#"{"start":4294967296}"#,
			r#"{"start":-1}"#,
			r#"{"limit":1.5}"#,
			r#"{"limit":"2"}"#,
			r#"{"start":0,"bogus":1}"#,
			r#"{"start":{"start":{"start":0}}}"#,
			"[0,10]",
			"7",
			"\"page\"",
		] {
			let message = refused(method, &with(signature, i, bad));
			assert!(message.starts_with("invalid parameter `page`: expected"), "{bad}: {message}");
		}
		// Over the runtime's maximum: refused once the maximum is read.
		let (response, calls, _) = request(method, Some(&with(signature, i, r#"{"limit":101}"#)));
		assert_eq!(response["error"]["code"], json!(INVALID_PARAMS));
		assert_eq!(
			response["error"]["message"],
			json!("page limit 101 exceeds the maximum page size 100")
		);
		assert_eq!(calls, ["max_page_size()"]);
	}
}

#[test]
fn attributions_accept_64_entries_and_refuse_65() {
	let method = "attribution_previewSplit";
	let signature = signature(method);
	let list = |n: u64| {
		let entries: Vec<_> =
			(0..n).map(|c| format!(r#"{{"contribution":{c},"weight":15625000}}"#)).collect();
		format!("[{}]", entries.join(","))
	};
	let (_, calls) = ok(method, &with(signature, 3, &list(64)));
	assert!(calls.iter().any(|c| c.contains("(63, 15625000)])")), "{calls:?}");
	let message = refused(method, &with(signature, 3, &list(65)));
	assert!(message.ends_with("got 65 entries"), "{message}");
	ok(method, &with(signature, 3, "[]"));
	ok(method, &with(signature, 3, "null"));
}

#[test]
fn attributions_accept_8192_bytes_of_json_and_refuse_8193() {
	let method = "attribution_previewSplit";
	let signature = signature(method);
	let entry = r#"{"contribution":18446744073709551615,"weight":1000000000}"#;
	let pad = |n: usize| format!("[{entry}{}]", " ".repeat(n - entry.len() - 2));
	assert_eq!(pad(MAX_ATTRIBUTIONS_LEN).len(), 8192);
	let (_, calls) = ok(method, &with(signature, 3, &pad(MAX_ATTRIBUTIONS_LEN)));
	assert!(calls.iter().any(|c| c.contains("[(18446744073709551615, 1000000000)]")), "{calls:?}");
	let message = refused(method, &with(signature, 3, &pad(MAX_ATTRIBUTIONS_LEN + 1)));
	assert!(message.ends_with("got an array of 8193 bytes"), "{message}");
}

#[test]
fn attribution_weights_are_at_most_one_billion() {
	let method = "attribution_previewSplit";
	let signature = signature(method);
	ok(method, &with(signature, 3, r#"[{"contribution":0,"weight":1000000000}]"#));
	let message =
		refused(method, &with(signature, 3, r#"[{"contribution":0,"weight":1000000001}]"#));
	assert_eq!(
		message,
		"invalid parameter `attributions`: weight 1000000001 of contribution 0 exceeds \
		 1000000000 parts per billion"
	);
	for bad in [
		r#"[{"contribution":0,"weight":4294967296}]"#,
		r#"[{"contribution":-1,"weight":1}]"#,
		r#"[{"contribution":0,"weight":0.5}]"#,
		r#"[{"contribution":0}]"#,
		r#"[{"contribution":0,"weight":1,"extra":2}]"#,
		r#"{"contribution":0,"weight":1}"#,
	] {
		let message = refused(method, &with(signature, 3, bad));
		assert!(message.starts_with("invalid parameter `attributions`"), "{bad}: {message}");
	}
	let deep = format!("[{}{}]", "[".repeat(4000), "]".repeat(4000));
	refused(method, &with(signature, 3, &deep));
}

#[test]
fn every_parameter_refuses_a_1_mib_string_and_deep_json_fast() {
	let string = format!("\"{}\"", "5".repeat(1 << 20));
	let deep_array = format!("{}{}", "[".repeat(1 << 16), "]".repeat(1 << 16));
	let deep_object = format!("{}0{}", r#"{"a":"#.repeat(1 << 14), "}".repeat(1 << 14));
	for (method, signature) in SIGNATURES {
		for i in 0..signature.len() {
			for bad in [&string, &deep_array, &deep_object] {
				let (response, calls, elapsed) = request(method, Some(&with(signature, i, bad)));
				let name = signature[i].0;
				assert_eq!(response["error"]["code"], json!(INVALID_PARAMS), "{method} {name}");
				assert_eq!(response["error"]["data"], json!({ "param": name }), "{method}");
				assert!(calls.is_empty());
				assert!(elapsed < Duration::from_secs(2), "{method} {name}: {elapsed:?}");
			}
		}
	}
}

#[test]
fn one_parameter_too_many_is_refused_by_position() {
	for (method, signature) in SIGNATURES {
		let mut values: Vec<_> = signature.iter().map(|(_, kind)| valid(*kind)).collect();
		ok(method, &format!("[{}]", values.join(",")));
		values.push("0".into());
		let message = refused(method, &format!("[{}]", values.join(",")));
		let names: Vec<_> = signature.iter().map(|(n, _)| *n).collect();
		assert_eq!(
			message,
			format!(
				"too many parameters: {method}({}) takes at most {}",
				names.join(", "),
				names.len()
			)
		);
		// Sixty thousand extra ones are refused as well.
		values.extend(std::iter::repeat_n("0".to_string(), 1 << 16));
		refused(method, &format!("[{}]", values.join(",")));
	}
}

#[test]
fn named_params_refuse_unknown_and_repeated_names() {
	let message = refused("attribution_datanet", r#"{"id":0,"bogus":1}"#);
	assert_eq!(
		message,
		r#"unknown parameter "bogus": attribution_datanet(id, at) takes only these"#
	);
	let message = refused("attribution_datanet", r#"{"id":0,"id":1}"#);
	assert_eq!(message, "parameter `id` given twice");
	let long = "k".repeat(1 << 20);
	let message = refused("attribution_datanet", &format!(r#"{{"{long}":1}}"#));
	assert!(message.len() < 200, "{}", short(&message));
	let message = refused("attribution_datanet", r#""id""#);
	assert_eq!(message, "params must be an array or an object: attribution_datanet(id, at)");
}

#[test]
fn a_missing_required_parameter_is_named() {
	for (method, signature) in SIGNATURES {
		let Some((name, _)) = signature.first().filter(|(_, k)| *k != At) else { continue };
		assert_eq!(refused(method, "[]"), format!("missing parameter `{name}`"));
		assert_eq!(refused(method, "{}"), format!("missing parameter `{name}`"));
		let (response, calls, _) = request(method, None);
		assert_eq!(response["error"]["message"], json!(format!("missing parameter `{name}`")));
		assert!(calls.is_empty());
	}
	assert_eq!(ok("attribution_maxPageSize", "[]").0, json!(MAX_PAGE));
	let (response, _, _) = request("attribution_maxPageSize", None);
	assert_eq!(response["result"], json!(MAX_PAGE));
}

#[test]
fn describe_echoes_short_values_and_sizes_long_ones() {
	assert_eq!(describe("-1"), "`-1`");
	assert_eq!(describe(&format!("\"{}\"", "a".repeat(38))), format!("`\"{}\"`", "a".repeat(38)));
	assert_eq!(describe(&format!("\"{}\"", "a".repeat(39))), "a string of 39 bytes");
	assert_eq!(describe(&"[".repeat(41)), "an array of 41 bytes");
	assert_eq!(describe(&"{".repeat(41)), "an object of 41 bytes");
	assert_eq!(describe(&"1".repeat(41)), "a number of 41 bytes");
}

/// The three list methods, each with valid params asking for positions 0 to 2 of a list the
/// test history holds positions 0 and 2 of.
fn list_requests() -> [(&'static str, String); 3] {
	let page = r#"{"start":0,"limit":3}"#;
	[
		("attribution_contributionUsage", format!("[7,{page}]")),
		("attribution_modelInferences", format!("[7,{page}]")),
		("attribution_payerInferences", format!("[\"{}\",{page}]", alice())),
	]
}

#[test]
fn pages_count_the_positions_the_history_lacks_as_unavailable() {
	let [usage, model, payer] = list_requests();
	let (result, calls) = ok(usage.0, &usage.1);
	assert_eq!(
		result,
		json!({ "inferences": [HELD, LIVE], "total": 3, "unavailable": 1, "earned": "5",
			"pendingPoolShare": "1" })
	);
	assert_eq!(calls, ["max_page_size()", "contribution_usage(7, 0, 3)"]);
	let page = json!({ "inferences": [HELD, LIVE], "total": 3, "unavailable": 1 });
	assert_eq!(ok(model.0, &model.1).0, page);
	let (result, calls) = ok(payer.0, &payer.1);
	assert_eq!(result, page);
	assert_eq!(
		calls,
		["max_page_size()".to_string(), format!("payer_inferences({}, 0, 3)", alice())]
	);
	// A list the history holds nothing of: every position asked for is unavailable, the
	// page is still answered.
	assert_eq!(
		ok("attribution_modelInferences", r#"[8,{"start":1}]"#).0,
		json!({ "inferences": [], "total": 3, "unavailable": 2 })
	);
	// An unknown contribution is `null`.
	assert_eq!(ok("attribution_contributionUsage", "[10]").0, Value::Null);
}

#[test]
fn inference_answers_live_and_archived_records_and_null_for_unknown_ids() {
	let expected = |id: InferenceId, archived: bool| {
		json!({
			"id": id, "model": 7, "version": 1, "payer": AccountId32::new([1; 32]).to_ss58check(),
			"operator": AccountId32::new([2; 32]).to_ss58check(), "fee": "1000",
			"ioHash": format!("0x{}", "10".repeat(32)),
			"attributions": [{ "contribution": 7, "weight": 1_000_000_000 }],
			"recordedAt": 4, "deposit": "0", "disputed": false, "archived": archived,
		})
	};
	assert_eq!(ok("attribution_inference", &format!("[{LIVE}]")).0, expected(LIVE, false));
	let (result, calls) = ok("attribution_inference", &format!("[{HELD}]"));
	assert_eq!(result, expected(HELD, true));
	assert_eq!(calls, [format!("inference({HELD})")]);
	assert_eq!(ok("attribution_inference", &format!("[{NEXT_INFERENCE}]")).0, Value::Null);
}

#[test]
fn inference_archived_but_missing_from_the_history_is_an_error_not_null() {
	let (response, calls, _) = request("attribution_inference", Some("[4]"));
	assert_eq!(response["error"]["code"], json!(NOT_IN_HISTORY), "{response}");
	assert_eq!(
		response["error"]["message"],
		json!(
			"inference 4 is archived and this node's attribution history does not hold it: the \
			 node did not execute its block with offchain indexing on (e.g. it was warp-synced)"
		)
	);
	assert_eq!(calls, ["inference(4)"]);
}

#[test]
fn without_history_the_list_methods_answer_no_history_before_any_work() {
	for (method, params) in list_requests() {
		let (response, calls, _) = request_with(None, method, Some(&params));
		assert_eq!(
			response["error"],
			json!({ "code": NO_HISTORY, "message": NO_HISTORY_MESSAGE }),
			"{method}"
		);
		assert!(calls.is_empty(), "{method}: {calls:?}");
		// Malformed params are still refused as such first.
		let (response, _, _) = request_with(None, method, Some(r#"["x"]"#));
		assert_eq!(response["error"]["code"], json!(INVALID_PARAMS), "{method}");
	}
	assert_eq!(
		NO_HISTORY_MESSAGE,
		"this node keeps no attribution history: it runs without offchain indexing"
	);
}

#[test]
fn without_history_inference_answers_records_in_state_and_no_history_for_archived_ones() {
	let (response, calls, _) =
		request_with(None, "attribution_inference", Some(&format!("[{LIVE}]")));
	assert_eq!(response["result"]["archived"], json!(false), "{response}");
	assert_eq!(calls, [format!("inference({LIVE})")]);
	// Not the runtime's trap (4002): the history registered is empty, and reading it is
	// answered with the plain no-history error.
	for id in [HELD, 4] {
		let (response, calls, _) =
			request_with(None, "attribution_inference", Some(&format!("[{id}]")));
		assert_eq!(
			response["error"],
			json!({ "code": NO_HISTORY, "message": NO_HISTORY_MESSAGE }),
			"{id}"
		);
		assert_eq!(calls, [format!("inference({id})")]);
	}
	let (response, _, _) =
		request_with(None, "attribution_inference", Some(&format!("[{NEXT_INFERENCE}]")));
	assert_eq!(response["result"], Value::Null);
}

#[test]
fn without_history_every_other_method_answers_as_with_it() {
	let history_methods = [
		"attribution_contributionUsage",
		"attribution_modelInferences",
		"attribution_payerInferences",
	];
	for (method, signature) in SIGNATURES {
		if history_methods.contains(&method) {
			continue;
		}
		let params = with(signature, usize::MAX, "");
		let (with_history, calls, _) = request(method, Some(&params));
		let (without, calls_without, _) = request_with(None, method, Some(&params));
		assert!(without.get("error").is_none(), "{method} -> {without}");
		assert_eq!(with_history, without, "{method}");
		assert_eq!(calls, calls_without, "{method}");
	}
}

#[test]
fn payer_inferences_start_takes_every_u32_and_limit_up_to_the_max_page_size() {
	let method = "attribution_payerInferences";
	let alice = alice();
	let params = |page: &str| format!("[\"{alice}\",{page}]");
	let call = |start: u32, limit: u32| {
		vec!["max_page_size()".to_string(), format!("payer_inferences({alice}, {start}, {limit})")]
	};
	// `start`: 0, the max page size, one more, u32::MAX; past the end is an empty page.
	for (start, inferences, unavailable) in [
		(0, json!([HELD, LIVE]), 1),
		(MAX_PAGE, json!([]), 0),
		(MAX_PAGE + 1, json!([]), 0),
		(u32::MAX, json!([]), 0),
	] {
		let (result, calls) = ok(method, &params(&format!(r#"{{"start":{start}}}"#)));
		assert_eq!(
			result,
			json!({ "inferences": inferences, "total": 3, "unavailable": unavailable }),
			"start {start}"
		);
		assert_eq!(calls, call(start, MAX_PAGE));
	}
	let (_, calls) = ok(method, &params(r#"{"start":4294967295,"limit":100}"#));
	assert_eq!(calls, call(u32::MAX, MAX_PAGE));
	let message = refused(method, &params(r#"{"start":4294967296}"#));
	assert!(message.starts_with("invalid parameter `page`: expected"), "{message}");

	// `limit`: 0 and the max page size pass; one more and u32::MAX are refused once the
	// maximum is read; past u32 before anything.
	let (result, calls) = ok(method, &params(r#"{"limit":0}"#));
	assert_eq!(result, json!({ "inferences": [], "total": 3, "unavailable": 0 }));
	assert_eq!(calls, call(0, 0));
	let (result, calls) = ok(method, &params(r#"{"limit":100}"#));
	assert_eq!(result, json!({ "inferences": [HELD, LIVE], "total": 3, "unavailable": 1 }));
	assert_eq!(calls, call(0, MAX_PAGE));
	for limit in [MAX_PAGE + 1, u32::MAX] {
		let (response, calls, _) =
			request(method, Some(&params(&format!(r#"{{"limit":{limit}}}"#))));
		assert_eq!(response["error"]["code"], json!(INVALID_PARAMS));
		assert_eq!(
			response["error"]["message"],
			json!(format!("page limit {limit} exceeds the maximum page size 100"))
		);
		assert_eq!(calls, ["max_page_size()"]);
	}
	let message = refused(method, &params(r#"{"limit":4294967296}"#));
	assert!(message.starts_with("invalid parameter `page`: expected"), "{message}");
	// No page: from 0, a full page.
	assert_eq!(ok(method, &format!("[\"{alice}\"]")).1, call(0, MAX_PAGE));
}

#[test]
fn the_history_reader_reads_the_persistent_history_and_never_writes() {
	use std::sync::atomic::Ordering;
	let (mut reader, read) = HistoryReader::extension(Some(history()));
	let key = format!("infer/{HELD}");
	let get = |reader: &mut OffchainDbExt, key: &[u8]| {
		reader.local_storage_get(StorageKind::PERSISTENT, key)
	};
	assert!(!read.load(Ordering::Relaxed));
	assert_eq!(get(&mut reader, key.as_bytes()), Some(record(HELD).encode()));
	assert!(read.load(Ordering::Relaxed));
	assert_eq!(reader.local_storage_get(StorageKind::LOCAL, key.as_bytes()), None);
	// Writes through the reader change nothing it reads.
	reader.local_storage_set(StorageKind::PERSISTENT, key.as_bytes(), b"overwritten");
	reader.local_storage_clear(StorageKind::PERSISTENT, b"model/7/0");
	assert!(!reader.local_storage_compare_and_set(StorageKind::PERSISTENT, b"new", None, b"1"));
	assert_eq!(get(&mut reader, key.as_bytes()), Some(record(HELD).encode()));
	assert_eq!(get(&mut reader, b"model/7/0"), Some(HELD.encode()));
	assert_eq!(get(&mut reader, b"new"), None);

	// Without storage every read is `None`, and noted.
	let (mut reader, read) = HistoryReader::<InMemOffchainStorage>::extension(None);
	assert_eq!(get(&mut reader, key.as_bytes()), None);
	assert!(read.load(Ordering::Relaxed));
}
