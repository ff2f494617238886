//! Readable JSON for the runtime API's views: hex hashes, SS58 addresses, balances as
//! decimal strings, `Perbill`s as parts per billion.

use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, H256};
use sp_runtime::{AccountId32, Perbill};
use tributary_primitives::{api::*, FeeBreakdown, LicenseTerms};

/// The SS58 prefix addresses are rendered with.
pub const SS58_PREFIX: u16 = 42;

/// Balances in plancks.
pub type Balance = u128;
/// Block numbers.
pub type BlockNumber = u32;

/// An SS58 address.
pub fn account(a: &AccountId32) -> Value {
	Value::String(a.to_ss58check_with_version(SS58_PREFIX.into()))
}

/// A decimal string (JSON numbers lose precision past 2^53).
pub fn balance(b: Balance) -> Value {
	Value::String(b.to_string())
}

/// `0x`-prefixed hex.
pub fn hash(h: &H256) -> Value {
	Value::String(format!("{h:?}"))
}

/// UTF-8 text (invalid bytes replaced).
pub fn text(bytes: &[u8]) -> Value {
	Value::String(String::from_utf8_lossy(bytes).into_owned())
}

/// Parts per billion.
pub fn perbill(p: &Perbill) -> Value {
	json!(p.deconstruct())
}

fn weighted<K: serde::Serialize>(entries: &[(K, Perbill)], key: &str) -> Value {
	Value::Array(entries.iter().map(|(k, w)| json!({ key: k, "weight": perbill(w) })).collect())
}

fn license(l: &LicenseTerms<BlockNumber>) -> Value {
	json!({
		"train": l.train, "fineTune": l.fine_tune, "retrieval": l.retrieval,
		"commercial": l.commercial, "derivatives": l.derivatives,
		"expiresAt": l.expires_at, "legalTextHash": hash(&l.legal_text_hash),
	})
}

/// The JSON of a view.
pub fn datanet(d: &DatanetInfo<AccountId32, Balance, BlockNumber>) -> Value {
	json!({
		"id": d.id, "curator": account(&d.curator), "name": text(&d.name),
		"metadataUri": text(&d.metadata_uri),
		"policy": if d.curator_review { "CuratorReview" } else { "Open" },
		"open": d.open, "license": license(&d.license), "legalTextUri": text(&d.legal_text_uri),
		"deposit": balance(d.deposit), "createdAt": d.created_at,
	})
}

/// The JSON of a view.
pub fn datanet_stats(s: &DatanetStats<Balance>) -> Value {
	json!({
		"datanet": s.datanet, "submitted": s.submitted, "accepted": s.accepted,
		"acceptedWeight": s.accepted_weight.to_string(), "latestVersion": s.latest_version,
		"poolBalance": balance(s.pool_balance),
	})
}

/// The JSON of a view.
pub fn datanet_version(v: &DatanetVersionInfo<BlockNumber>) -> Value {
	json!({
		"datanet": v.datanet, "version": v.version, "root": hash(&v.root),
		"contributionCount": v.contribution_count, "totalWeight": v.total_weight.to_string(),
		"publishedAt": v.published_at,
	})
}

/// The JSON of a view.
pub fn contribution(c: &ContributionInfo<AccountId32, Balance, BlockNumber>) -> Value {
	json!({
		"id": c.id, "datanet": c.datanet, "owner": account(&c.owner),
		"contentHash": hash(&c.content_hash), "size": c.size, "uri": text(&c.uri),
		"weight": c.weight, "status": format!("{:?}", c.status),
		"registeredAt": c.registered_at, "registeredAtMs": c.registered_at_ms,
		"leafIndex": c.leaf_index,
		"versions": c.versions.map(|(first, last)| json!({ "first": first, "last": last })),
		"earned": balance(c.earned),
	})
}

/// The JSON of a view.
pub fn model_version(v: &ModelVersionInfo<BlockNumber>) -> Value {
	json!({
		"version": v.version, "artifactHash": hash(&v.artifact_hash),
		"trainingData": v.training_data.iter()
			.map(|(d, ver)| json!({ "datanet": d, "version": ver })).collect::<Vec<_>>(),
		"trainingInfluence": v.training_influence.as_ref().map(|i| weighted(i, "datanet")),
		"createdAt": v.created_at,
	})
}

/// The JSON of a view.
pub fn model(m: &ModelInfo<AccountId32, Balance, BlockNumber>) -> Value {
	json!({
		"id": m.id, "owner": account(&m.owner), "name": text(&m.name),
		"metadataUri": text(&m.metadata_uri), "baseModel": m.base_model,
		"uses": { "fineTune": m.uses.fine_tune, "retrieval": m.uses.retrieval, "commercial": m.uses.commercial },
		"price": balance(m.price),
		"split": {
			"developer": perbill(&m.split.developer), "operators": perbill(&m.split.operators),
			"data": perbill(&m.split.data), "inferenceData": perbill(&m.split.inference_data),
		},
		"status": format!("{:?}", m.status),
		"operators": m.operators.iter().map(account).collect::<Vec<_>>(),
		"latestVersion": m.latest_version,
		"latest": m.latest.as_ref().map(model_version),
		"inferenceCount": m.inference_count,
	})
}

/// The JSON of a view.
pub fn lineage(steps: &[LineageEntry]) -> Value {
	Value::Array(
		steps
			.iter()
			.map(|s| {
				json!({
					"model": s.model, "version": s.version,
					"trainingData": s.training_data.iter()
						.map(|(d, v)| json!({ "datanet": d, "version": v })).collect::<Vec<_>>(),
				})
			})
			.collect(),
	)
}

/// The JSON of a view.
pub fn inference(i: &InferenceInfo<AccountId32, Balance, BlockNumber>) -> Value {
	json!({
		"id": i.id, "model": i.model, "version": i.version, "payer": account(&i.payer),
		"operator": account(&i.operator), "fee": balance(i.fee), "ioHash": hash(&i.io_hash),
		"attributions": weighted(&i.attributions, "contribution"),
		"recordedAt": i.recorded_at, "disputed": i.disputed, "archived": i.archived,
	})
}

/// The JSON of a view: `unavailable` counts the positions asked for (below `total`) that
/// this node's history does not hold.
pub fn page(p: &InferencePage) -> Value {
	json!({ "inferences": p.inferences, "total": p.total, "unavailable": p.unavailable })
}

/// The JSON of a view (the page's fields as in [`page`]).
pub fn usage(u: &ContributionUsage<Balance>) -> Value {
	json!({
		"inferences": u.page.inferences, "total": u.page.total,
		"unavailable": u.page.unavailable,
		"earned": balance(u.earned), "pendingPoolShare": balance(u.pending_pool_share),
	})
}

/// The JSON of a view.
pub fn earnings(e: &AccountEarnings<Balance>) -> Value {
	json!({
		"claimable": balance(e.claimable), "claimed": balance(e.claimed),
		"asContributor": balance(e.as_contributor), "asDeveloper": balance(e.as_developer),
		"asOperator": balance(e.as_operator),
	})
}

/// The JSON of a view.
pub fn breakdown(b: &FeeBreakdown<Balance>) -> Value {
	json!({
		"fee": balance(b.fee), "treasury": balance(b.treasury), "operator": balance(b.operator),
		"developer": balance(b.developer),
		"contributions": b.contributions.iter()
			.map(|(c, a)| json!({ "contribution": c, "amount": balance(*a) })).collect::<Vec<_>>(),
		"pools": b.pools.iter()
			.map(|(d, v, a)| json!({ "datanet": d, "version": v, "amount": balance(*a) })).collect::<Vec<_>>(),
	})
}
