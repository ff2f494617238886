//! Attribution: attestor seats, training records, paid inferences, disputes.

use std::collections::BTreeMap;

use frame_support::{traits::Get, BoundedVec};
use pallet_attribution::{
	ApprovedAttestors, AttestorStatus, Attestors, AttributionMethod, Config as AttributionConfig,
	DisputeTarget, Disputes, Error as AttributionError, InferenceRecordOf, Inferences,
	ModelAttestors, NextDisputeId, NextInferenceId, OpenDisputeOf, TrainingRecords,
	WeightInfo as AttributionWeights,
};
use pallet_revenue::ContributionAccount;
use sp_runtime::{DispatchError, Perbill};
use tributary_primitives::{
	AccountId, Balance, ContributionId, ContributionStatus, DatanetId, DatanetVersion,
	DatanetsInspect, InferenceId, ModelId, ModelStatus, ModelVersion, ModelsInspect,
};
use tributary_runtime::{
	configs::ProtectedAccounts, Datanets, Models, Runtime, RuntimeCall, RuntimeEvent, MILLI_TRIB,
};

use super::{dispute_period, idle::expired, money::entitlement, Funds, Harness};
use crate::{chain::Applied, ops::*};

type E = AttributionError<Runtime>;
type ME = pallet_models::Error<Runtime>;

fn err(e: E) -> DispatchError {
	e.into()
}

/// The deposit of every record.
fn record_deposit() -> Balance {
	<Runtime as AttributionConfig>::RecordDeposit::get()
}

/// Weights summing to exactly 100% over `n` entries (the first takes the remainder).
fn even_weights(n: usize) -> Vec<Perbill> {
	if n == 0 {
		return vec![];
	}
	let total = Perbill::one().deconstruct();
	let each = total / n as u32;
	let mut w = vec![Perbill::from_parts(each); n];
	w[0] = Perbill::from_parts(total - each * (n as u32 - 1));
	w
}

/// Weights summing to exactly 100% over `n` entries, unevenly (none zero).
fn uneven_weights(n: usize, seed: u32) -> Vec<Perbill> {
	if n == 0 {
		return vec![];
	}
	let total = Perbill::one().deconstruct() as u64;
	let raw: Vec<u64> =
		(0..n as u64).map(|i| 1 + (seed as u64 ^ (i * 0x9e37_79b9)) % 1000).collect();
	let sum: u64 = raw.iter().sum();
	let mut parts: Vec<u32> = raw.iter().map(|r| (r * total / sum).max(1) as u32).collect();
	let given: u64 = parts.iter().map(|p| *p as u64).sum();
	if given <= total {
		parts[0] += (total - given) as u32;
	} else {
		let largest = (0..n).max_by_key(|i| parts[*i]).expect("n > 0");
		parts[largest] -= (given - total) as u32;
	}
	parts.into_iter().map(Perbill::from_parts).collect()
}

/// Whether the licences along a model version's lineage admit paid inference now: none
/// expired, every one commercial. Returns the errors when not.
fn licence_errors(
	model: ModelId,
	version: ModelVersion,
	now: u32,
	paid: bool,
) -> Vec<DispatchError> {
	let Some(info) = pallet_models::ModelVersions::<Runtime>::get(model, version) else {
		return vec![];
	};
	let mut errors = vec![];
	for (i, d) in info.lineage_datanets.iter().enumerate() {
		let entry = i as u8;
		match <Datanets as DatanetsInspect<_, _>>::license(*d) {
			None => errors.push(ME::UnknownTrainingData { entry }.into()),
			Some(l) => {
				if l.expires_at.is_some_and(|e| now > e) {
					errors.push(ME::LicenseExpired { entry }.into());
				}
				if paid && !l.commercial {
					errors.push(ME::LicenseForbidsCommercialUse { entry }.into());
				}
			}
		}
	}
	errors
}

impl Harness {
	/// The model version a selector names: `1 + v % latest`, or one past the latest for 255.
	fn model_version(model: ModelId, v: u8) -> ModelVersion {
		let latest =
			pallet_models::Models::<Runtime>::get(model).map(|m| m.latest_version).unwrap_or(1);
		if v == u8::MAX {
			latest + 1
		} else {
			1 + v as u32 % latest.max(1)
		}
	}

	/// Accepted contributions in the given trained datanet versions, up to `limit`, starting
	/// at an offset chosen by `seed`.
	fn trained_contributions(
		&self,
		training: &[(DatanetId, DatanetVersion)],
		limit: usize,
		seed: u32,
	) -> Vec<ContributionId> {
		let mut out = vec![];
		for (d, v) in training {
			let Some(list) = self.by_datanet.get(d) else { continue };
			if list.is_empty() {
				continue;
			}
			let start = seed as usize % list.len();
			for k in 0..list.len() {
				if out.len() >= limit {
					return out;
				}
				let id = list[(start + k) % list.len()];
				if <Datanets as DatanetsInspect<_, _>>::contribution(id)
					.is_some_and(|c| c.status == ContributionStatus::Accepted && c.in_version(*v))
				{
					out.push(id);
				}
			}
		}
		out
	}

	/// The attributions a selector names for an inference of a version trained on `training`.
	fn attributions(
		&self,
		a: Attributions,
		training: &[(DatanetId, DatanetVersion)],
	) -> Vec<(ContributionId, Perbill)> {
		let max = <<Runtime as AttributionConfig>::MaxAttributionsPerInference as Get<u32>>::get()
			as usize;
		let with = |ids: Vec<ContributionId>, weights: Vec<Perbill>| {
			ids.into_iter().zip(weights).collect()
		};
		match a {
			Attributions::None => vec![],
			Attributions::Even(n) => {
				let ids = self.trained_contributions(training, 1 + n as usize % max, n as u32);
				let w = even_weights(ids.len());
				with(ids, w)
			}
			Attributions::Uneven(n, seed) => {
				let ids = self.trained_contributions(training, 1 + n as usize % max, seed);
				let w = uneven_weights(ids.len(), seed);
				with(ids, w)
			}
			Attributions::Max => {
				let ids = self.trained_contributions(training, max, 0);
				let w = even_weights(ids.len());
				with(ids, w)
			}
			Attributions::BadSum(n) => {
				let ids = self.trained_contributions(training, 1 + n as usize % 8, n as u32);
				let mut w = even_weights(ids.len());
				if let Some(first) = w.first_mut() {
					*first = Perbill::from_parts(first.deconstruct() - 1);
				}
				with(ids, w)
			}
			Attributions::Duplicate => match self.trained_contributions(training, 1, 0).first() {
				Some(c) => vec![(*c, Perbill::from_percent(50)), (*c, Perbill::from_percent(50))],
				None => vec![],
			},
			Attributions::ZeroWeight => {
				let ids = self.trained_contributions(training, 2, 1);
				match ids.as_slice() {
					[a, b] => vec![(*a, Perbill::one()), (*b, Perbill::zero())],
					[a] => vec![(*a, Perbill::one()), (a + 1_000_000, Perbill::zero())],
					_ => vec![],
				}
			}
			Attributions::Anything(n) => {
				let count = pallet_datanets::NextContributionId::<Runtime>::get();
				let k = 1 + n as u64 % 8;
				let ids: Vec<ContributionId> =
					(0..k).map(|i| (n as u64 * 31 + i * 17) % (count + 2)).collect();
				let mut ids = ids;
				ids.sort();
				ids.dedup();
				let w = even_weights(ids.len());
				with(ids, w)
			}
		}
	}

	pub(super) fn record_training(
		&mut self,
		by: Actor,
		model: Pick,
		version: u8,
		influences: Influences,
	) {
		let count = pallet_models::NextModelId::<Runtime>::get() as u64;
		let id = Self::pick(model, count, |id| {
			pallet_models::Models::<Runtime>::get(id as ModelId).is_some_and(|m| {
				(1..=m.latest_version)
					.any(|v| !TrainingRecords::<Runtime>::contains_key(id as ModelId, v))
			})
		}) as ModelId;
		let owner = <Models as ModelsInspect<_, _>>::owner(id);
		let s = self.signer(by, owner.as_ref());
		// Three times in four the first version with no record yet, else any.
		let unrecorded = pallet_models::Models::<Runtime>::get(id).and_then(|m| {
			(1..=m.latest_version).find(|v| !TrainingRecords::<Runtime>::contains_key(id, v))
		});
		let version = match unrecorded {
			Some(v) if !version.is_multiple_of(4) => v,
			_ => Self::model_version(id, version),
		};
		let view = <Models as ModelsInspect<_, _>>::payment_view(id, version);
		let datanets: Vec<DatanetId> = view
			.as_ref()
			.map(|v| v.training_data.iter().map(|(d, _)| *d).collect())
			.unwrap_or_default();
		let first = datanets.first().copied().unwrap_or(0);
		let foreign =
			(0..).find(|d| !datanets.contains(d)).expect("some datanet is not trained on");
		let influences: Vec<(DatanetId, Perbill)> = match influences {
			Influences::Even => {
				datanets.iter().copied().zip(even_weights(datanets.len())).collect()
			}
			Influences::First => vec![(first, Perbill::one())],
			Influences::BadSum => vec![(first, Perbill::from_percent(99))],
			Influences::Duplicate => {
				vec![(first, Perbill::from_percent(50)), (first, Perbill::from_percent(50))]
			}
			Influences::Foreign => vec![(foreign, Perbill::one())],
			Influences::ZeroWeight => vec![(first, Perbill::one()), (foreign, Perbill::zero())],
		};
		let call = pallet_attribution::Call::record_training_attribution {
			model: id,
			version,
			influences: BoundedVec::truncate_from(influences.clone()),
			contributions_root: Some(crate::chain::hash_of((b"root", id, version))),
			method: AttributionMethod::InfluenceFunctions,
		};
		let recorded = TrainingRecords::<Runtime>::contains_key(id, version);
		// Named by the model's current owner (a previous owner's list names no one).
		let named = Self::named_attestors(id).contains(&self.id(s));
		let bonded = Attestors::<Runtime>::get(self.id(s))
			.is_some_and(|x| x.status == AttestorStatus::Bonded);
		let Some(a) = self.submit(s, RuntimeCall::Attribution(call)) else { return };
		let mut must_fail = vec![];
		let by_attestor = owner.as_ref() != Some(&a.signer);
		match &owner {
			None => must_fail.push(err(E::UnknownModel)),
			Some(_) if by_attestor => {
				// Only the owner, or a bonded attestor the owner named for this model.
				if !named {
					must_fail.push(err(E::NotOwnerOrNamedAttestor));
				}
				if !bonded {
					must_fail.push(err(E::NotBondedAttestor));
				}
			}
			Some(_) => {}
		}
		if owner.is_some() && view.is_none() {
			must_fail.push(err(E::UnknownVersion));
		}
		if recorded {
			must_fail.push(err(E::AlreadyRecorded));
		}
		let mut seen = vec![];
		for (d, w) in &influences {
			if seen.contains(d) {
				must_fail.push(err(E::DuplicateEntry));
			}
			seen.push(*d);
			if w.is_zero() {
				must_fail.push(err(E::ZeroWeight));
			}
			if !datanets.contains(d) {
				must_fail.push(err(E::NotTrainingDatanet));
			}
		}
		if !tributary_primitives::weights_sum_to_one(&influences) {
			must_fail.push(err(E::WeightsDoNotSumToOne));
		}
		if view.is_some() {
			must_fail.extend(licence_errors(id, version, self.now(), false));
		}
		let funds = Funds::judge(self.free_after_fee(&a), record_deposit(), record_deposit());
		if !self.judge("record_training_attribution", &a, &must_fail, funds) {
			return;
		}
		let r = TrainingRecords::<Runtime>::get(id, version).expect("the record is stored");
		assert_eq!(
			(&r.submitter, r.deposit, r.by_attestor),
			(&a.signer, record_deposit(), by_attestor)
		);
		if by_attestor {
			let seat = Attestors::<Runtime>::get(&a.signer).expect("a bonded attestor");
			let window = self.now() + dispute_period();
			assert!(seat.accountable_until >= window, "the attestor answers for its record");
		}
		let d = record_deposit() as i128;
		self.expect_deltas("record_training_attribution", &a, &[(a.signer.clone(), -d, d)]);
	}

	#[allow(clippy::too_many_arguments)]
	pub(super) fn pay_inference(
		&mut self,
		payer: Who,
		model: Pick,
		version: u8,
		operator: Server,
		fee: Fee,
		attributions: Attributions,
	) {
		let s = self.who(payer);
		let id =
			self.pick_model(model, |m| m.status == ModelStatus::Active && !m.operators.is_empty());
		let record = pallet_models::Models::<Runtime>::get(id);
		let version = Self::model_version(id, version);
		let view = <Models as ModelsInspect<_, _>>::payment_view(id, version);
		let operator = match operator {
			Server::Other(t) => self.target(t),
			Server::Registered => record
				.as_ref()
				.and_then(|m| m.operators.get(version as usize % m.operators.len().max(1)).cloned())
				.unwrap_or_else(|| self.id(0)),
		};
		let price = view.as_ref().map(|v| v.price).unwrap_or_default();
		let fee = match fee {
			Fee::Price => price,
			Fee::Above(n) => price.saturating_add(n as Balance * MILLI_TRIB),
			Fee::Below => price.saturating_sub(1),
			Fee::Zero => 0,
			Fee::Max => Balance::MAX,
		};
		let training = view.as_ref().map(|v| v.training_data.clone()).unwrap_or_default();
		let attributions = self.attributions(attributions, &training);
		let call = pallet_attribution::Call::pay_inference {
			model: id,
			version,
			operator: operator.clone(),
			fee,
			io_hash: crate::chain::hash_of((b"io", self.fresh_hash())),
			attributions: BoundedVec::truncate_from(attributions.clone()),
		};
		let involved: Vec<AccountId> = std::iter::once(operator.clone())
			.chain(view.as_ref().map(|v| v.owner.clone()))
			.chain(attributions.iter().filter_map(|(c, _)| Self::contribution_owner(*c)))
			.collect();
		let claimable_before: BTreeMap<AccountId, Balance> = involved
			.iter()
			.map(|w| (w.clone(), pallet_revenue::Pallet::<Runtime>::claimable(w)))
			.collect();
		let accounts_before: BTreeMap<ContributionId, ContributionAccount> = attributions
			.iter()
			.map(|(c, _)| (*c, pallet_revenue::ContributionAccounts::<Runtime>::get(c)))
			.collect();
		let pools_before: BTreeMap<DatanetId, Balance> = training
			.iter()
			.map(|(d, _)| (*d, pallet_revenue::Pools::<Runtime>::get(d).balance))
			.collect();
		let flow_before = pallet_revenue::Flow::<Runtime>::get();
		let payer = self.id(s);
		let model_position = pallet_attribution::ModelInferenceCount::<Runtime>::get(id);
		let payer_position = pallet_attribution::PayerInferenceCount::<Runtime>::get(&payer);
		let next = NextInferenceId::<Runtime>::get();
		let Some(a) = self.submit(s, RuntimeCall::Attribution(call)) else { return };

		let mut must_fail = vec![];
		match (&record, &view) {
			(None, _) => must_fail.push(err(E::UnknownModel)),
			(Some(_), None) => must_fail.push(err(E::UnknownVersion)),
			(Some(m), Some(v)) => {
				if v.status != ModelStatus::Active {
					must_fail.push(err(E::ModelNotActive));
				}
				if !m.operators.contains(&operator) {
					must_fail.push(err(E::NotOperator));
				}
				if fee < v.price {
					must_fail.push(err(E::FeeBelowPrice));
				}
				if fee == 0 {
					must_fail.push(err(E::ZeroFee));
				}
				let mut seen = vec![];
				for (c, w) in &attributions {
					if seen.contains(c) {
						must_fail.push(err(E::DuplicateEntry));
					}
					seen.push(*c);
					if w.is_zero() {
						must_fail.push(err(E::ZeroWeight));
					}
					match <Datanets as DatanetsInspect<_, _>>::contribution(*c) {
						None => must_fail.push(err(E::UnknownContribution)),
						Some(view) => match view.status {
							ContributionStatus::Accepted => {
								if !training
									.iter()
									.any(|(d, v)| *d == view.datanet && view.in_version(*v))
								{
									must_fail.push(err(E::NotInTrainingData));
								}
							}
							ContributionStatus::Withdrawn => {
								must_fail.push(err(E::ContributionWithdrawn))
							}
							ContributionStatus::Flagged => {
								must_fail.push(err(E::ContributionFlagged))
							}
							ContributionStatus::Pending | ContributionStatus::Rejected => {
								must_fail.push(err(E::ContributionNotAccepted))
							}
						},
					}
				}
				if !attributions.is_empty()
					&& !tributary_primitives::weights_sum_to_one(&attributions)
				{
					must_fail.push(err(E::WeightsDoNotSumToOne));
				}
				must_fail.extend(licence_errors(id, version, self.now(), true));
			}
		}
		let need = fee.saturating_add(record_deposit());
		let funds = Funds::judge(self.free_after_fee(&a), need, need);
		if !self.judge("pay_inference", &a, &must_fail, funds) {
			return;
		}

		let (m, v) = (record.expect("it existed"), view.expect("it existed"));
		let b = a
			.events
			.iter()
			.find_map(|e| match e {
				RuntimeEvent::Revenue(pallet_revenue::Event::FeeSplit {
					breakdown,
					inference,
					..
				}) if *inference == next => Some(breakdown.clone()),
				_ => None,
			})
			.expect("a payment reports its split");
		// The split, to the planck.
		let to_contributions: Balance = b.contributions.iter().map(|(_, x)| x).sum();
		let to_pools: Balance = b.pools.iter().map(|(_, _, x)| x).sum();
		assert_eq!(b.fee, fee);
		assert_eq!(
			b.treasury + b.operator + b.developer + to_contributions + to_pools,
			fee,
			"the split does not add up to the fee: {b:?}"
		);
		assert_eq!(b.operator, v.split.operators.mul_floor(fee), "operator share");
		assert_eq!(b.developer, v.split.developer.mul_floor(fee), "developer share");
		let data = v.split.data.mul_floor(fee);
		let direct =
			if attributions.is_empty() { 0 } else { v.split.inference_data.mul_floor(data) };
		assert_eq!(
			b.contributions,
			attributions.iter().map(|(c, w)| (*c, w.mul_floor(direct))).collect::<Vec<_>>(),
			"attributed shares"
		);
		assert!(to_pools <= data - direct, "the pools got more than the data share left");
		for (d, ver, _) in &b.pools {
			assert!(training.contains(&(*d, *ver)), "a pool of a datanet version not trained on");
		}
		assert_eq!(b.treasury, fee - b.operator - b.developer - to_contributions - to_pools);
		let r = Inferences::<Runtime>::get(next).expect("the inference is stored");
		// The record: what was paid, its position in each list (the lists' lengths before),
		// its deposit held through its dispute period.
		let positions: Vec<u32> = attributions
			.iter()
			.map(|(c, _)| accounts_before.get(c).expect("read before").attributed)
			.collect();
		assert_eq!(
			(&r.payer, &r.operator, r.fee, r.deposit, r.model, r.version),
			(&a.signer, &operator, fee, record_deposit(), id, version)
		);
		assert_eq!((r.recorded_at, r.disputed), (self.now(), false));
		assert_eq!(r.attributions.to_vec(), attributions, "the attributions recorded");
		assert_eq!(r.positions.to_vec(), positions, "the usage list positions");
		assert_eq!((r.model_position, r.payer_position), (model_position, payer_position));
		assert_eq!(pallet_attribution::ModelInferenceCount::<Runtime>::get(id), model_position + 1);
		assert_eq!(
			pallet_attribution::PayerInferenceCount::<Runtime>::get(&a.signer),
			payer_position + 1
		);
		assert_eq!(NextInferenceId::<Runtime>::get(), next + 1);
		// The operator's and the developer's shares are claimable at once.
		let mut credit: BTreeMap<AccountId, Balance> = BTreeMap::new();
		*credit.entry(operator.clone()).or_default() += b.operator;
		*credit.entry(m.owner.clone()).or_default() += b.developer;
		for (who, before) in &claimable_before {
			assert_eq!(
				pallet_revenue::Pallet::<Runtime>::claimable(who),
				before + credit.get(who).copied().unwrap_or_default(),
				"{who}'s claimable did not grow by its operator and developer shares (and only \
				 by them)"
			);
		}
		// Attributed shares wait in each contribution's record, unsettled, until the
		// contribution is next settled to its owner; each contribution counts one more use.
		for (c, x) in &b.contributions {
			let before = accounts_before.get(c).expect("read before");
			let after = pallet_revenue::ContributionAccounts::<Runtime>::get(c);
			assert_eq!(
				after,
				ContributionAccount {
					earned: before.earned + x,
					unsettled: before.unsettled + x,
					attributed: before.attributed + 1,
					..*before
				},
				"contribution {c}'s revenue record after an attributed share of {x}"
			);
			assert!(
				pallet_revenue::Pallet::<Runtime>::pending_pool_share(*c)
					.is_some_and(|(owed, _, _)| owed >= after.unsettled),
				"contribution {c}'s owner is not owed its unsettled shares"
			);
		}
		for (d, before) in &pools_before {
			let added: Balance = b.pools.iter().filter(|(x, _, _)| x == d).map(|(_, _, x)| x).sum();
			assert_eq!(
				pallet_revenue::Pools::<Runtime>::get(d).balance,
				before + added,
				"pool {d}"
			);
		}
		// The treasury's part waits in the revenue account until the block ends.
		let flow = pallet_revenue::Flow::<Runtime>::get();
		assert_eq!(
			(flow.fees_in, flow.treasury_due, flow.to_treasury, flow.claimed),
			(
				flow_before.fees_in + fee,
				flow_before.treasury_due + b.treasury,
				flow_before.to_treasury,
				flow_before.claimed
			),
			"the money flow after a payment of {fee}"
		);
		// The whole fee into the revenue account, nothing to the treasury yet; the deposit
		// held from the payer.
		let dep = record_deposit() as i128;
		self.expect_deltas(
			"pay_inference",
			&a,
			&[
				(a.signer.clone(), -(fee as i128) - dep, dep),
				(crate::chain::revenue_account(), fee as i128, 0),
			],
		);
		// Charged for the most training datanets and the deepest lineage, refunded to the
		// version's own: its training datanets, and its inherited licences in base models of
		// at most `MaxTrainingDatanets` datanets each.
		if let Some((Ok(()), actual)) = a.dry_run {
			let max_training =
				<<Runtime as AttributionConfig>::MaxTrainingDatanets as Get<u32>>::get();
			let own = v.training_data.len() as u32;
			let inherited = (v.lineage_datanets.len() as u32).saturating_sub(own);
			let expected =
				<<Runtime as AttributionConfig>::WeightInfo as AttributionWeights>::pay_inference(
					attributions.len() as u32,
					own,
					inherited.div_ceil(max_training),
				);
			assert_eq!(
				actual,
				Some(expected),
				"pay_inference's weight is not refunded to its model's"
			);
		}
		// Nobody's entitlement moves but by what the split gave them (checked above); the
		// developer and operator can always claim what they were credited.
		assert!(entitlement(&m.owner) >= b.developer);
		// The node's history lists it at once (checked once the block's changes persist).
		self.chain.history.push((next, r));
	}

	/// The dispute target a selector names. Inference records stay in state only through
	/// their dispute period (and while a dispute against them is open): three times in four
	/// the pick is among those in state, preferring one for which `prefer` holds; else any
	/// id ever recorded, most of them archived by now (`UnknownRecord`).
	fn record(
		&self,
		r: Record,
		prefer: impl Fn(InferenceId, &InferenceRecordOf<Runtime>) -> bool,
	) -> DisputeTarget {
		match r {
			Record::Training(p) => match Self::pick_in(p, &self.training_records, |_| true) {
				Some((m, v)) => DisputeTarget::Training(m, v),
				None => DisputeTarget::Training(u32::MAX, 1),
			},
			Record::Inference(p) => {
				let count = NextInferenceId::<Runtime>::get();
				let mut live: Vec<(InferenceId, InferenceRecordOf<Runtime>)> =
					Inferences::<Runtime>::iter().collect();
				live.sort_by_key(|(id, _)| *id);
				let id = match p {
					Pick::Live(n) if n.is_multiple_of(4) || live.is_empty() => {
						Self::pick(p, count, |_| true)
					}
					Pick::Unknown => Self::pick(p, count, |_| true),
					_ => {
						let at: Vec<usize> = (0..live.len()).collect();
						Self::pick_in(p, &at, |i| prefer(live[*i].0, &live[*i].1))
							.map_or(count, |i| live[i].0)
					}
				};
				DisputeTarget::Inference(id)
			}
		}
	}

	/// Submitter, recording block, held deposit, disputed flag and attestor flag of a record.
	fn facts(target: DisputeTarget) -> Option<(AccountId, u32, Balance, bool, bool)> {
		match target {
			DisputeTarget::Training(m, v) => TrainingRecords::<Runtime>::get(m, v)
				.map(|r| (r.submitter, r.recorded_at, r.deposit, r.disputed, r.by_attestor)),
			DisputeTarget::Inference(i) => Inferences::<Runtime>::get(i)
				.map(|r| (r.payer, r.recorded_at, r.deposit, r.disputed, false)),
		}
	}

	/// The inference record a target names, while it is in state.
	fn inference_of(target: DisputeTarget) -> Option<(InferenceId, InferenceRecordOf<Runtime>)> {
		match target {
			DisputeTarget::Inference(id) => Inferences::<Runtime>::get(id).map(|r| (id, r)),
			DisputeTarget::Training(..) => None,
		}
	}

	/// Checks that `a` archived inference record `id` (`record` as it was in state, with
	/// `disputed` as it must be archived): it left state, `InferenceArchived` returned
	/// `returned` to its payer, and the history must hold it.
	fn check_archived(
		&mut self,
		what: &str,
		a: &Applied,
		id: InferenceId,
		mut record: InferenceRecordOf<Runtime>,
		returned: Balance,
	) {
		assert!(
			!Inferences::<Runtime>::contains_key(id),
			"block {}: {what} left inference {id} in state after its period",
			self.now()
		);
		let archived: Vec<_> = a
			.events
			.iter()
			.filter_map(|e| match e {
				RuntimeEvent::Attribution(pallet_attribution::Event::InferenceArchived {
					inference,
					payer,
					deposit_returned,
				}) => Some((*inference, payer.clone(), *deposit_returned)),
				_ => None,
			})
			.collect();
		assert_eq!(
			archived,
			vec![(id, record.payer.clone(), returned)],
			"block {}: {what} archived inference {id}",
			self.now()
		);
		record.deposit = 0;
		self.chain.expect_archived(id, record);
	}

	pub(super) fn challenge(&mut self, by: Who, record: Record) {
		let s = self.who(by);
		let now = self.now();
		let target = self.record(record, |id, r| {
			!expired(r.recorded_at, now)
				&& !r.disputed
				&& !OpenDisputeOf::<Runtime>::contains_key(DisputeTarget::Inference(id))
		});
		let facts = Self::facts(target);
		let call = pallet_attribution::Call::challenge {
			target,
			evidence_hash: crate::chain::hash_of(b"evidence"),
		};
		let next = NextDisputeId::<Runtime>::get();
		let open = OpenDisputeOf::<Runtime>::contains_key(target);
		let Some(a) = self.submit(s, RuntimeCall::Attribution(call)) else { return };
		let must_fail = match &facts {
			None => vec![err(E::UnknownRecord)],
			Some((_, at, _, disputed, _)) => {
				let mut v = vec![];
				if *disputed {
					v.push(err(E::AlreadyDisputed));
				}
				if open {
					v.push(err(E::DisputeAlreadyOpen));
				}
				if expired(*at, self.now()) {
					v.push(err(E::DisputePeriodOver));
				}
				v
			}
		};
		let bond = <Runtime as AttributionConfig>::ChallengeBond::get();
		let funds = Funds::judge(self.free_after_fee(&a), bond, bond);
		if !self.judge("challenge", &a, &must_fail, funds) {
			return;
		}
		let d = Disputes::<Runtime>::get(next).expect("the dispute is stored");
		assert_eq!((&d.challenger, d.bond, d.target), (&a.signer, bond, target));
		self.expect_deltas("challenge", &a, &[(a.signer.clone(), -(bond as i128), bond as i128)]);
	}

	/// `release_record_deposit`. A training record's deposit goes back to its submitter
	/// after its period (`NoDeposit` once released or slashed). An inference record past
	/// its period with no dispute open is archived, as `on_idle` would at the end of the
	/// block: its deposit (what is left of it: nothing after an upheld dispute) back to its
	/// payer, the record out of state (`UnknownRecord` from then on).
	pub(super) fn release_record_deposit(&mut self, by: Who, record: Record) {
		let s = self.who(by);
		let now = self.now();
		let target = self.record(record, |id, r| {
			expired(r.recorded_at, now)
				&& !OpenDisputeOf::<Runtime>::contains_key(DisputeTarget::Inference(id))
		});
		let facts = Self::facts(target);
		let inference = Self::inference_of(target);
		let call = pallet_attribution::Call::release_record_deposit { target };
		let open = OpenDisputeOf::<Runtime>::contains_key(target);
		let Some(a) = self.submit(s, RuntimeCall::Attribution(call)) else { return };
		let must_fail = match &facts {
			None => vec![err(E::UnknownRecord)],
			Some((_, at, deposit, _, _)) => {
				let mut v = vec![];
				if *deposit == 0 && matches!(target, DisputeTarget::Training(..)) {
					v.push(err(E::NoDeposit));
				}
				if !expired(*at, self.now()) {
					v.push(err(E::DisputePeriodNotOver));
				}
				if open {
					v.push(err(E::DisputeAlreadyOpen));
				}
				v
			}
		};
		if !self.judge("release_record_deposit", &a, &must_fail, Funds::Enough) {
			return;
		}
		let (submitter, _, deposit, _, _) = facts.expect("it existed");
		match inference {
			Some((id, record)) => {
				self.check_archived("release_record_deposit", &a, id, record, deposit);
				self.chain.stats.archive.by_release += 1;
			}
			None => {
				assert_eq!(Self::facts(target).map(|f| f.2), Some(0));
				assert!(a.events.iter().any(|e| matches!(
					e,
					RuntimeEvent::Attribution(pallet_attribution::Event::RecordDepositReleased {
						target: t,
						amount,
					}) if *t == target && *amount == deposit
				)));
			}
		}
		let d = deposit as i128;
		self.expect_deltas("release_record_deposit", &a, &[(submitter, d, -d)]);
	}

	/// Root resolves a dispute. An inference record whose period ended while the dispute
	/// was open is archived right after: what is left of its deposit back to its payer.
	#[allow(clippy::type_complexity)]
	pub(super) fn root_resolve_dispute(
		&mut self,
		dispute: Pick,
		uphold: bool,
	) -> (RuntimeCall, Box<dyn FnOnce(&mut Harness, &Applied, Result<(), DispatchError>)>) {
		let count = NextDisputeId::<Runtime>::get();
		let id = Self::pick(dispute, count, Disputes::<Runtime>::contains_key);
		let d = Disputes::<Runtime>::get(id);
		let facts = d.as_ref().and_then(|d| Self::facts(d.target));
		let inference = d.as_ref().and_then(|d| Self::inference_of(d.target));
		let seat = facts.as_ref().and_then(|f| Attestors::<Runtime>::get(&f.0));
		let call = RuntimeCall::Attribution(pallet_attribution::Call::resolve_dispute {
			dispute: id,
			uphold,
		});
		(
			call,
			Box::new(move |h, a, inner| {
				let Some(d) = d else {
					assert!(
						inner.is_err_and(|e| super::same_error(&e, &err(E::UnknownDispute))),
						"resolve_dispute of nothing: {inner:?}"
					);
					h.expect_deltas("resolve_dispute", a, &[]);
					return;
				};
				assert!(inner.is_ok(), "resolve_dispute failed: {inner:?}");
				let (submitter, recorded_at, deposit, _, by_attestor) =
					facts.expect("disputed records exist");
				let archives = inference.is_some() && expired(recorded_at, h.now());
				let treasury = crate::chain::treasury_account();
				let bond = d.bond as i128;
				let mut deltas = vec![];
				if uphold {
					// The challenger's bond back; the submitter's deposit, and an attestor's
					// bond, to the treasury.
					deltas.push((d.challenger.clone(), bond, -bond));
					deltas.push((submitter.clone(), 0, -(deposit as i128)));
					deltas.push((treasury.clone(), deposit as i128, 0));
					if let (true, Some(seat)) = (by_attestor, &seat) {
						deltas.push((submitter.clone(), 0, -(seat.bond as i128)));
						deltas.push((treasury.clone(), seat.bond as i128, 0));
						let after = Attestors::<Runtime>::get(&submitter).expect("the seat stays");
						assert_eq!((after.bond, after.status), (0, AttestorStatus::Unbonding));
					}
					if !archives {
						assert_eq!(Self::facts(d.target).map(|f| (f.2, f.3)), Some((0, true)));
					}
				} else {
					deltas.push((d.challenger.clone(), 0, -bond));
					deltas.push((treasury, bond, 0));
					if archives {
						deltas.push((submitter.clone(), deposit as i128, -(deposit as i128)));
					}
				}
				assert!(
					!Disputes::<Runtime>::contains_key(id)
						&& !OpenDisputeOf::<Runtime>::contains_key(d.target)
				);
				match inference {
					Some((inference, mut record)) if archives => {
						record.disputed |= uphold;
						let returned = if uphold { 0 } else { deposit };
						h.check_archived("resolve_dispute", a, inference, record, returned);
						h.chain.stats.archive.by_resolve += 1;
					}
					_ => assert!(
						!a.events.iter().any(|e| matches!(
							e,
							RuntimeEvent::Attribution(
								pallet_attribution::Event::InferenceArchived { .. }
							)
						)),
						"resolve_dispute archived a record within its period"
					),
				}
				h.expect_deltas("resolve_dispute", a, &deltas);
			}),
		)
	}

	/// Root approves an attestor seat; nothing is held until the attestor bonds itself.
	#[allow(clippy::type_complexity)]
	pub(super) fn root_add_attestor(
		&mut self,
		who: Target,
	) -> (RuntimeCall, Box<dyn FnOnce(&mut Harness, &Applied, Result<(), DispatchError>)>) {
		let who = self.target(who);
		let call = RuntimeCall::Attribution(pallet_attribution::Call::add_attestor {
			attestor: who.clone(),
		});
		let mut must_fail = vec![];
		if <ProtectedAccounts as frame_support::traits::Contains<AccountId>>::contains(&who) {
			must_fail.push(err(E::ProtectedAccount));
		}
		if Attestors::<Runtime>::contains_key(&who) {
			must_fail.push(err(E::AlreadyAttestor));
		}
		if ApprovedAttestors::<Runtime>::contains_key(&who) {
			must_fail.push(err(E::AlreadyApproved));
		}
		(
			call,
			Box::new(move |h, a, inner| {
				h.root_outcome("add_attestor", &inner, &must_fail);
				if inner.is_ok() {
					assert!(ApprovedAttestors::<Runtime>::contains_key(&who));
				}
				h.expect_deltas("add_attestor", a, &[]);
			}),
		)
	}

	/// Root removes an attestor: an approval is withdrawn, a bonded attestor starts
	/// unbonding (its bond stays held until it answers for nothing).
	#[allow(clippy::type_complexity)]
	pub(super) fn root_remove_attestor(
		&mut self,
		who: Who,
	) -> (RuntimeCall, Box<dyn FnOnce(&mut Harness, &Applied, Result<(), DispatchError>)>) {
		let who = self.id(self.who(who));
		let call = RuntimeCall::Attribution(pallet_attribution::Call::remove_attestor {
			attestor: who.clone(),
		});
		let approved = ApprovedAttestors::<Runtime>::contains_key(&who);
		let seat = Attestors::<Runtime>::get(&who);
		let must_fail = match (&seat, approved) {
			(_, true) => vec![],
			(None, false) => vec![err(E::NotAttestor)],
			(Some(s), false) if s.status != AttestorStatus::Bonded => {
				vec![err(E::AlreadyUnbonding)]
			}
			(Some(_), false) => vec![],
		};
		(
			call,
			Box::new(move |h, a, inner| {
				h.root_outcome("remove_attestor", &inner, &must_fail);
				if inner.is_ok() && !approved {
					let after =
						Attestors::<Runtime>::get(&who).expect("the seat stays while unbonding");
					assert_eq!(after.status, AttestorStatus::Unbonding);
				}
				h.expect_deltas("remove_attestor", a, &[]);
			}),
		)
	}

	/// Checks a root call's inner result against the errors it must fail with.
	fn root_outcome(
		&self,
		what: &str,
		inner: &Result<(), DispatchError>,
		must_fail: &[DispatchError],
	) {
		match inner {
			Ok(()) => {
				assert!(must_fail.is_empty(), "root {what} succeeded; expected {must_fail:?}")
			}
			Err(e) => assert!(
				must_fail.iter().any(|m| super::same_error(m, e)),
				"root {what} failed with {e:?}; expected {must_fail:?}"
			),
		}
	}

	/// `bond_attestor`: an approved account bonds itself, from its own balance.
	pub(super) fn bond_attestor(&mut self, by: Who) {
		let s = self.account_where(by, |a| ApprovedAttestors::<Runtime>::contains_key(a));
		let who = self.id(s);
		let approved = ApprovedAttestors::<Runtime>::contains_key(&who);
		let seated = Attestors::<Runtime>::contains_key(&who);
		let call = pallet_attribution::Call::bond_attestor {};
		let Some(a) = self.submit(s, RuntimeCall::Attribution(call)) else { return };
		let mut must_fail = vec![];
		if !approved {
			must_fail.push(err(E::NotApproved));
		}
		if seated {
			must_fail.push(err(E::AlreadyAttestor));
		}
		let bond = <Runtime as AttributionConfig>::AttestorBond::get();
		let funds = Funds::judge(self.free_after_fee(&a), bond, bond);
		if !self.judge("bond_attestor", &a, &must_fail, funds) {
			return;
		}
		let seat = Attestors::<Runtime>::get(&who).expect("the seat is stored");
		assert_eq!((seat.bond, seat.status), (bond, AttestorStatus::Bonded));
		self.expect_deltas("bond_attestor", &a, &[(who, -(bond as i128), bond as i128)]);
	}

	/// `unbond_attestor`: an attestor stops signing.
	pub(super) fn unbond_attestor(&mut self, by: Who) {
		let s = self.account_where(by, |a| {
			Attestors::<Runtime>::get(a).is_some_and(|s| s.status == AttestorStatus::Bonded)
		});
		let who = self.id(s);
		let seat = Attestors::<Runtime>::get(&who);
		let call = pallet_attribution::Call::unbond_attestor {};
		let Some(a) = self.submit(s, RuntimeCall::Attribution(call)) else { return };
		let must_fail = match &seat {
			None => vec![err(E::NotAttestor)],
			Some(s) if s.status != AttestorStatus::Bonded => vec![err(E::AlreadyUnbonding)],
			Some(_) => vec![],
		};
		if self.judge("unbond_attestor", &a, &must_fail, Funds::Enough) {
			assert_eq!(
				Attestors::<Runtime>::get(&who).map(|s| s.status),
				Some(AttestorStatus::Unbonding)
			);
			self.expect_deltas("unbond_attestor", &a, &[]);
		}
	}

	/// `withdraw_attestor_bond`: only once the attestor answers for nothing — unbonding,
	/// past the dispute window of every record it signed, no dispute open.
	pub(super) fn withdraw_attestor_bond(&mut self, by: Who) {
		let s = self.account_where(by, |a| {
			Attestors::<Runtime>::get(a).is_some_and(|s| s.status == AttestorStatus::Unbonding)
		});
		let who = self.id(s);
		let seat = Attestors::<Runtime>::get(&who);
		let call = pallet_attribution::Call::withdraw_attestor_bond {};
		let Some(a) = self.submit(s, RuntimeCall::Attribution(call)) else { return };
		let must_fail = match &seat {
			None => vec![err(E::NotAttestor)],
			Some(seat) => {
				let mut v = vec![];
				if seat.status != AttestorStatus::Unbonding {
					v.push(err(E::NotUnbonding));
				}
				if self.now() <= seat.accountable_until {
					v.push(err(E::StillAccountable));
				}
				if seat.open_disputes > 0 {
					v.push(err(E::DisputesOpen));
				}
				v
			}
		};
		if !self.judge("withdraw_attestor_bond", &a, &must_fail, Funds::Enough) {
			return;
		}
		let bond = seat.expect("it existed").bond as i128;
		assert!(!Attestors::<Runtime>::contains_key(&who));
		self.expect_deltas("withdraw_attestor_bond", &a, &[(who, bond, -bond)]);
	}

	/// The attestors `model`'s current owner named (none when the list is a previous
	/// owner's).
	fn named_attestors(model: ModelId) -> Vec<AccountId> {
		let owner = <Models as ModelsInspect<_, _>>::owner(model);
		ModelAttestors::<Runtime>::get(model)
			.filter(|l| Some(&l.named_by) == owner.as_ref())
			.map(|l| l.attestors.into_inner())
			.unwrap_or_default()
	}

	/// `name_attestor` / `unname_attestor`: the model owner names (or unnames) a bonded
	/// attestor for its model.
	pub(super) fn name_attestor(&mut self, by: Actor, model: Pick, attestor: Who, name: bool) {
		let id = self.pick_model(model, |_| true);
		let owner = <Models as ModelsInspect<_, _>>::owner(id);
		let s = self.signer(by, owner.as_ref());
		let named = Self::named_attestors(id);
		let attestor = if name {
			self.id(self.account_where(attestor, |a| {
				Attestors::<Runtime>::get(a).is_some_and(|s| s.status == AttestorStatus::Bonded)
					&& !named.contains(a)
			}))
		} else {
			self.id(self.account_where(attestor, |a| named.contains(a)))
		};
		let call = if name {
			pallet_attribution::Call::name_attestor { model: id, attestor: attestor.clone() }
		} else {
			pallet_attribution::Call::unname_attestor { model: id, attestor: attestor.clone() }
		};
		let what = if name { "name_attestor" } else { "unname_attestor" };
		let Some(a) = self.submit(s, RuntimeCall::Attribution(call)) else { return };
		let mut must_fail = match &owner {
			None => vec![err(E::UnknownModel)],
			Some(o) if *o != a.signer => vec![err(E::NotModelOwner)],
			Some(_) => vec![],
		};
		if name {
			if !Attestors::<Runtime>::get(&attestor)
				.is_some_and(|s| s.status == AttestorStatus::Bonded)
			{
				must_fail.push(err(E::NotBondedAttestor));
			}
			if named.contains(&attestor) {
				must_fail.push(err(E::AlreadyNamed));
			}
			if named.len() as u32 >= <Runtime as AttributionConfig>::MaxModelAttestors::get() {
				must_fail.push(err(E::TooManyModelAttestors));
			}
		} else if !named.contains(&attestor) {
			must_fail.push(err(E::NotNamed));
		}
		if self.judge(what, &a, &must_fail, Funds::Enough) {
			assert_eq!(Self::named_attestors(id).contains(&attestor), name);
			self.expect_deltas(what, &a, &[]);
		}
	}
}
