//! The end of a block: what `Executive::finalize_block` must do through the pallets'
//! `on_idle` hooks, given the state and the weight the block's extrinsics left.
//!
//! - The attribution pallet archives inference records whose dispute period is over
//!   (`now > recorded_at + DisputePeriod`), oldest first from `PruneHead`, passing over those
//!   with a dispute open and stopping at the first record still in its period. It spends at
//!   most `MaxIdlePruneWeight` and the weight left: its base weight first, then a look at each
//!   id (two reads), and it starts a record only while the worst case (the most
//!   attributions) still fits; an archived record costs its benchmarked weight. Each archived
//!   record's deposit goes back to its payer, exactly, and the record leaves state for the
//!   node's history.
//! - The revenue pallet sends the treasury everything payments and forfeits left owed to it
//!   (`treasury_due`), in one transfer, when its weight fits in what is left.
//!
//! `on_idle` hooks run in the order of the runtime's pallets, rotated by the block number
//! (frame-support's `OnIdle` for tuples), each given what the ones before it left.

use std::collections::BTreeMap;

use frame_support::{
	traits::{Get, PalletsInfoAccess},
	weights::Weight,
};
use pallet_attribution::{
	DisputePeriod, DisputeTarget, InferenceRecordOf, Inferences, NextInferenceId, OpenDisputeOf,
	PruneHead, WeightInfo as _,
};
use pallet_revenue::WeightInfo as _;
use tributary_primitives::{AccountId, Balance, BlockNumber, InferenceId};
use tributary_runtime::{AllPalletsWithSystem, Runtime, RuntimeEvent};

use crate::{
	chain::{revenue_account, treasury_account, Snapshot},
	check::Ledger,
	stats::Stats,
};

type AttributionWeights = <Runtime as pallet_attribution::Config>::WeightInfo;
type RevenueWeights = <Runtime as pallet_revenue::Config>::WeightInfo;

/// What the attribution pallet's `on_idle` must do.
#[derive(Debug, Clone, Default)]
pub struct Prune {
	/// The weight it may spend: the least of what is left and `MaxIdlePruneWeight`.
	pub limit: Weight,
	/// The records it archives, in order, as they were in state.
	pub archived: Vec<(InferenceId, InferenceRecordOf<Runtime>)>,
	/// `PruneHead` after it.
	pub head: InferenceId,
	/// The weight it spends.
	pub weight: Weight,
	/// It stopped because its weight ran out (not because it reached a record still in its
	/// period, or the last record).
	pub out_of_weight: bool,
}

/// What the end of the block must do.
#[derive(Debug, Clone)]
pub struct IdlePlan {
	/// The block.
	pub now: BlockNumber,
	/// The weight the block's extrinsics left (what `on_idle` is given in all).
	pub remaining: Weight,
	/// The attribution pallet's part.
	pub prune: Prune,
	/// The revenue pallet's hook had the weight to run.
	pub sweep_runs: bool,
	/// What is owed the treasury before the block ends.
	pub due: Balance,
}

/// Whether a record recorded at `recorded_at` is past its dispute period at `now`.
pub fn expired(recorded_at: BlockNumber, now: BlockNumber) -> bool {
	now > recorded_at.saturating_add(DisputePeriod::<Runtime>::get())
}

/// Inference records in state past their period at `now` with no dispute open: what
/// `on_idle` owes the chain.
pub fn overdue(now: BlockNumber) -> Vec<InferenceId> {
	let mut ids: Vec<InferenceId> = Inferences::<Runtime>::iter()
		.filter(|(id, r)| {
			expired(r.recorded_at, now)
				&& !OpenDisputeOf::<Runtime>::contains_key(DisputeTarget::Inference(*id))
		})
		.map(|(id, _)| id)
		.collect();
	ids.sort();
	ids
}

/// Whether the attribution pallet's `on_idle` runs before the revenue pallet's in block
/// `now`.
fn attribution_first(now: BlockNumber) -> bool {
	let infos = <AllPalletsWithSystem as PalletsInfoAccess>::infos();
	let position = |name: &str| {
		infos.iter().position(|i| i.name == name).expect("the pallet is in the runtime")
	};
	let start = now as usize % infos.len();
	let rank = |p: usize| (p + infos.len() - start) % infos.len();
	rank(position("Attribution")) < rank(position("Revenue"))
}

/// The attribution pallet's `on_idle` within `limit` at `now`.
fn prune(now: BlockNumber, limit: Weight) -> Prune {
	let head = PruneHead::<Runtime>::get();
	let mut plan = Prune { limit, head, ..Default::default() };
	let base = AttributionWeights::prune_idle_base();
	if !limit.all_gte(base) {
		plan.out_of_weight = true;
		return plan;
	}
	let mut used = base;
	let max =
		<<Runtime as pallet_attribution::Config>::MaxAttributionsPerInference as Get<u32>>::get();
	let worst = AttributionWeights::prune_inference(max);
	let look = <Runtime as frame_system::Config>::DbWeight::get().reads(2);
	let next = NextInferenceId::<Runtime>::get();
	let mut id = head;
	while id < next {
		if !limit.all_gte(used.saturating_add(worst).saturating_add(look)) {
			plan.out_of_weight = true;
			break;
		}
		used = used.saturating_add(look);
		let Some(record) = Inferences::<Runtime>::get(id) else {
			id += 1;
			continue;
		};
		if !expired(record.recorded_at, now) {
			break;
		}
		if !OpenDisputeOf::<Runtime>::contains_key(DisputeTarget::Inference(id)) {
			used = used.saturating_add(AttributionWeights::prune_inference(
				record.attributions.len() as u32,
			));
			plan.archived.push((id, record));
		}
		id += 1;
	}
	plan.head = id;
	plan.weight = used;
	plan
}

/// What the end of block `now` must do, read before `Executive::finalize_block`.
pub fn plan(now: BlockNumber) -> IdlePlan {
	let max = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
	let used = frame_system::Pallet::<Runtime>::block_weight().total();
	let remaining = max.saturating_sub(used);
	let cap = <Runtime as pallet_attribution::Config>::MaxIdlePruneWeight::get();
	let sweep = RevenueWeights::sweep_treasury();
	let due = pallet_revenue::Flow::<Runtime>::get().treasury_due;
	if !remaining.all_gt(Weight::zero()) {
		// No `on_idle` at all.
		let prune =
			Prune { head: PruneHead::<Runtime>::get(), out_of_weight: true, ..Default::default() };
		return IdlePlan { now, remaining, prune, sweep_runs: false, due };
	}
	let (prune, sweep_runs) = if attribution_first(now) {
		let p = prune(now, remaining.min(cap));
		let runs = remaining.saturating_sub(p.weight).all_gte(sweep);
		(p, runs)
	} else {
		let runs = remaining.all_gte(sweep);
		let left = if runs { remaining.saturating_sub(sweep) } else { remaining };
		(prune(now, left.min(cap)), runs)
	};
	IdlePlan { now, remaining, prune, sweep_runs, due }
}

impl IdlePlan {
	/// What the treasury receives.
	pub fn swept(&self) -> Option<Balance> {
		(self.sweep_runs && self.due > 0).then_some(self.due)
	}

	/// The weight the hooks use.
	pub fn weight(&self) -> Weight {
		let sweep = if self.sweep_runs { RevenueWeights::sweep_treasury() } else { Weight::zero() };
		self.prune.weight.saturating_add(sweep)
	}

	/// Checks the end of the block against the plan, to the planck: the events
	/// (`InferenceArchived` for exactly the planned records, in order, each returning the
	/// deposit still held; `TreasurySwept` for exactly the due), every account's balances
	/// (`before` and `after` the block's end), the state left behind, the weight the hooks
	/// registered. Then notes it in the ledger and the counters.
	#[allow(clippy::too_many_arguments)]
	pub fn check(
		&self,
		events: &[RuntimeEvent],
		weight_used: Weight,
		before: &Snapshot,
		after: &Snapshot,
		to_treasury_before: Balance,
		ledger: &mut Ledger,
		stats: &mut Stats,
	) {
		let block = self.now;
		assert_eq!(
			ledger.treasury_due, self.due,
			"block {block}: the revenue pallet owes the treasury other than the fee splits and \
			 forfeits said"
		);
		let mut archived = vec![];
		let mut swept = vec![];
		for event in events {
			match event {
				RuntimeEvent::Attribution(pallet_attribution::Event::InferenceArchived {
					inference,
					payer,
					deposit_returned,
				}) => archived.push((*inference, payer.clone(), *deposit_returned)),
				RuntimeEvent::Revenue(pallet_revenue::Event::TreasurySwept { amount }) => {
					swept.push(*amount)
				}
				RuntimeEvent::Attribution(e) => {
					panic!("block {block}: the attribution pallet's on_idle emitted {e:?}")
				}
				RuntimeEvent::Revenue(e) => {
					panic!("block {block}: the revenue pallet's on_idle emitted {e:?}")
				}
				_ => {}
			}
		}
		let planned: Vec<(InferenceId, AccountId, Balance)> =
			self.prune.archived.iter().map(|(id, r)| (*id, r.payer.clone(), r.deposit)).collect();
		assert_eq!(
			archived, planned,
			"block {block}: on_idle archived other records than those past their period (head \
			 {}, limit {:?}, {} left)",
			self.prune.head, self.prune.limit, self.remaining
		);
		assert_eq!(
			swept,
			self.swept().into_iter().collect::<Vec<_>>(),
			"block {block}: on_idle sent the treasury other than its due {}",
			self.due
		);
		// The state left behind.
		for (id, _) in &self.prune.archived {
			assert!(
				!Inferences::<Runtime>::contains_key(id),
				"block {block}: archived inference {id} is still in state"
			);
		}
		assert_eq!(PruneHead::<Runtime>::get(), self.prune.head, "block {block}: prune head");
		let flow = pallet_revenue::Flow::<Runtime>::get();
		let sent = self.swept().unwrap_or_default();
		assert_eq!(
			(flow.treasury_due, flow.to_treasury),
			(self.due - sent, to_treasury_before + sent),
			"block {block}: the treasury's due and what was sent it"
		);
		assert_eq!(
			weight_used,
			self.weight(),
			"block {block}: on_idle registered other than the weight of what it did"
		);
		let overdue = overdue(self.now);
		assert!(
			overdue.is_empty() || self.prune.out_of_weight,
			"block {block}: inference records {overdue:?} are past their period with no dispute \
			 open, and on_idle had weight left for them"
		);
		// Balances: each payer gets its deposit back, the treasury its due; nothing else moves.
		let mut expected: BTreeMap<AccountId, (i128, i128)> = BTreeMap::new();
		for (_, record) in &self.prune.archived {
			let e = expected.entry(record.payer.clone()).or_default();
			e.0 += record.deposit as i128;
			e.1 -= record.deposit as i128;
		}
		expected.entry(revenue_account()).or_default().0 -= sent as i128;
		expected.entry(treasury_account()).or_default().0 += sent as i128;
		crate::check::deltas(
			&format!("block {block}: its end (on_idle)"),
			before,
			after,
			&expected,
		);

		ledger.treasury += sent;
		ledger.to_treasury += sent;
		ledger.treasury_due -= sent;
		let a = &mut stats.archive;
		let n = self.prune.archived.len() as u32;
		a.by_idle += n;
		a.by_idle_slashed +=
			self.prune.archived.iter().filter(|(_, r)| r.deposit == 0).count() as u32;
		a.idle_blocks += u32::from(n > 0);
		a.most_in_a_block = a.most_in_a_block.max(n);
		a.left_for_weight += overdue.len() as u32;
		a.sweeps += u32::from(sent > 0);
		a.sweeps_missed += u32::from(self.due > 0 && !self.sweep_runs);
	}
}
