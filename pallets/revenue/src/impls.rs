//! The rules of revenue splitting: previewing and applying the split of a fee, settling pool
//! shares, claims, flagged contributions, and the pallet's invariants.

use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Preservation, Provenance},
	},
};
use sp_arithmetic::{FixedU128, Perbill};
use tributary_primitives::{
	ContributionId, ContributionStatus, DatanetId, DatanetVersion, DatanetsInspect, FeeBreakdown,
	InferenceId, ModelId, ModelVersion, ModelsInspect, OnContributionFlagged, RevenueHandler,
	TrainingInfluence,
};

use crate::{math, *};

/// What a payment writes to one datanet pool.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PoolUpdate {
	/// The datanet.
	pub datanet: DatanetId,
	/// The version paid into (its reward tree node).
	pub version: DatanetVersion,
	/// The reward-per-weight increment added at `version`.
	pub increment: FixedU128,
	/// The pool's liability after the payment.
	pub liability: Liability,
	/// The pool's balance after the payment: its liability rounded up.
	pub balance: Balance,
}

/// A fee's split together with what applying it writes to the pools.
pub struct PlannedSplit<AccountId> {
	/// The receipt: who gets what.
	pub breakdown: FeeBreakdown<Balance>,
	/// The model owner, paid the developer share.
	pub developer: AccountId,
	/// Owners of the attributed contributions, in the breakdown's order.
	pub contribution_owners: Vec<AccountId>,
	/// What each pool part writes, in the breakdown's order.
	pub pools: Vec<PoolUpdate>,
}

/// Settling one contribution's pending pool share.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Settlement {
	/// The contribution.
	pub contribution: ContributionId,
	/// Its datanet, whose pool pays.
	pub datanet: DatanetId,
	/// The reward per weight summed over its versions now: its new settled point.
	pub reward_per_weight: FixedU128,
	/// Its pool share accrued since it was last settled.
	pub amount: Balance,
	/// The contribution is flagged malicious: `amount` goes to the treasury, not its owner.
	pub forfeited: bool,
}

/// What the next `claim` of an account does, computed without writing anything: the one
/// source of both `claim` and the earnings query.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct ClaimPlan {
	/// The contributions settled, in order (at most `MaxClaimBatch`); those with no version
	/// are not listed but still count in `settled`.
	pub settlements: Vec<Settlement>,
	/// How many contributions the claim goes through.
	pub settled: u32,
	/// The claim cursor before the claim.
	pub cursor_before: Option<ContributionId>,
	/// The claim cursor after it: the last contribution gone through when more remain.
	pub cursor_after: Option<ContributionId>,
	/// More contributions remain after this batch: claim again.
	pub more: bool,
	/// Pool shares settled to the account.
	pub to_owner: Balance,
	/// Pool shares of flagged contributions, sent to the treasury.
	pub forfeited: Balance,
	/// Everything accrued to the account after settling: its claimable balance plus
	/// `to_owner`.
	pub accrued: Balance,
	/// What the claim transfers to the account: `accrued`, or nothing when the account
	/// cannot receive it (a payout below the existential deposit to an account that does not
	/// exist); then it stays claimable.
	pub payout: Balance,
}

impl ClaimPlan {
	/// Whether the claim changes anything: pays, settles a share or moves the cursor. A
	/// claim that would change nothing is refused.
	pub fn makes_progress(&self) -> bool {
		self.payout > 0
			|| self.to_owner > 0
			|| self.forfeited > 0
			|| self.cursor_before != self.cursor_after
	}
}

impl<T: Config> Pallet<T> {
	/// The exact split of `fee` for an inference of `model` at `version` attributed to
	/// `attributions`, without moving money (the dry run behind the runtime API).
	/// Attributions that name no accepted contribution (none, or a flagged, withdrawn,
	/// pending or rejected one) get nothing: their
	/// part goes to the treasury (the attribution pallet refuses them before paying). Each
	/// pool keeps just enough to stay at its exact liability rounded up; the rest of its part
	/// is swept to the treasury.
	pub fn preview(
		model: ModelId,
		version: ModelVersion,
		fee: Balance,
		attributions: &[(ContributionId, Perbill)],
	) -> Result<PlannedSplit<T::AccountId>, Error<T>> {
		let view =
			T::Models::payment_view(model, version).ok_or(Error::<T>::UnknownModelVersion)?;
		let parts = math::split_fee(fee, &view.split);
		let mut treasury = parts.treasury;

		// The data share: first the inference's own attributions, the rest to the pools.
		let (to_contributions, to_pools) = if attributions.is_empty() {
			(0, parts.data)
		} else {
			let direct = view.split.inference_data.mul_floor(parts.data);
			(direct, parts.data.saturating_sub(direct))
		};
		let (contributions, rest) = math::divide_by_weights(to_contributions, attributions);
		treasury = treasury.saturating_add(rest);
		let mut paid_contributions = Vec::with_capacity(contributions.len());
		let mut contribution_owners = Vec::with_capacity(contributions.len());
		for (id, amount) in contributions {
			match T::Datanets::contribution(id) {
				Some(c) if c.status == ContributionStatus::Accepted => {
					paid_contributions.push((id, amount));
					contribution_owners.push(c.owner);
				}
				_ => treasury = treasury.saturating_add(amount),
			}
		}

		// The pools: by recorded training influence, or equally.
		let datanets: Vec<DatanetId> = view.training_data.iter().map(|(d, _)| *d).collect();
		let (pool_parts, rest) = match T::Influence::training_influence(model, version) {
			Some(influence) => math::divide_by_weights(to_pools, &influence),
			None => math::divide_equally(to_pools, &datanets),
		};
		treasury = treasury.saturating_add(rest);
		let mut pools = Vec::with_capacity(pool_parts.len());
		let mut updates: Vec<PoolUpdate> = Vec::with_capacity(pool_parts.len());
		for (datanet, amount) in pool_parts {
			// A datanet paid twice in one fee builds on its first update.
			let (liability, balance) = updates
				.iter()
				.rev()
				.find(|u| u.datanet == datanet)
				.map(|u| (u.liability, u.balance))
				.unwrap_or_else(|| {
					(PoolLiability::<T>::get(datanet), PoolBalance::<T>::get(datanet))
				});
			let planned = view
				.training_data
				.iter()
				.find(|(d, _)| *d == datanet)
				.and_then(|(d, v)| Some((*v, T::Datanets::version(*d, *v)?)))
				.filter(|(v, _)| *v >= 1 && *v <= T::MaxVersions::get())
				.and_then(|(v, summary)| {
					math::pool_payment(amount, summary.total_weight, liability, balance)
						.map(|(increment, liability, kept)| (v, increment, liability, kept))
				});
			match planned {
				Some((v, increment, liability, kept)) => {
					treasury = treasury.saturating_add(amount.saturating_sub(kept));
					pools.push((datanet, v, kept));
					updates.push(PoolUpdate {
						datanet,
						version: v,
						increment,
						liability,
						balance: balance.saturating_add(kept),
					});
				}
				None => treasury = treasury.saturating_add(amount),
			}
		}

		Ok(PlannedSplit {
			breakdown: FeeBreakdown {
				fee,
				treasury,
				operator: parts.operator,
				developer: parts.developer,
				contributions: paid_contributions,
				pools,
			},
			developer: view.owner,
			contribution_owners,
			pools: updates,
		})
	}

	/// Adds `amount` to `who`'s claimable balance and to its earnings in `role`.
	fn credit(
		who: &T::AccountId,
		amount: Balance,
		role: impl FnOnce(&mut EarningsStats) -> &mut Balance,
	) {
		if amount == 0 {
			return;
		}
		Claimable::<T>::mutate(who, |c| *c = c.saturating_add(amount));
		Earnings::<T>::mutate(who, |e| {
			let earned = role(e);
			*earned = earned.saturating_add(amount);
		});
	}

	/// Writes what a payment does to one pool: the reward tree, the liability and the
	/// balance.
	pub(crate) fn apply_pool_update(update: &PoolUpdate) -> Result<(), Error<T>> {
		if update.increment.into_inner() > 0 {
			Self::tree_add(update.datanet, update.version, update.increment)?;
		}
		PoolLiability::<T>::insert(update.datanet, update.liability);
		PoolBalance::<T>::insert(update.datanet, update.balance);
		Ok(())
	}

	/// Pays `fee` and splits it; see [`RevenueHandler::pay`].
	pub fn do_pay(
		inference: InferenceId,
		payer: &T::AccountId,
		model: ModelId,
		version: ModelVersion,
		operator: &T::AccountId,
		fee: Balance,
		attributions: &[(ContributionId, Perbill)],
	) -> Result<FeeBreakdown<Balance>, DispatchError> {
		ensure!(fee > 0, Error::<T>::ZeroFee);
		let plan = Self::preview(model, version, fee, attributions)?;
		let breakdown = plan.breakdown;
		let kept = fee.saturating_sub(breakdown.treasury);
		T::Currency::transfer(payer, &Self::account_id(), kept, Preservation::Preserve)?;
		if breakdown.treasury > 0 {
			T::Currency::transfer(
				payer,
				&T::TreasuryAccount::get(),
				breakdown.treasury,
				Preservation::Preserve,
			)?;
		}
		for update in &plan.pools {
			Self::apply_pool_update(update)?;
		}
		Self::credit(operator, breakdown.operator, |e| &mut e.as_operator);
		Self::credit(&plan.developer, breakdown.developer, |e| &mut e.as_developer);
		for ((id, amount), owner) in breakdown.contributions.iter().zip(&plan.contribution_owners) {
			Self::credit(owner, *amount, |e| &mut e.as_contributor);
			ContributionEarnings::<T>::mutate(id, |e| *e = e.saturating_add(*amount));
		}
		Flow::<T>::mutate(|f| {
			f.fees_in = f.fees_in.saturating_add(fee);
			f.to_treasury = f.to_treasury.saturating_add(breakdown.treasury);
		});
		Self::deposit_event(Event::FeeSplit {
			inference,
			model,
			version,
			payer: payer.clone(),
			operator: operator.clone(),
			developer: plan.developer,
			breakdown: breakdown.clone(),
		});
		Ok(breakdown)
	}

	/// What settling contribution `id` now would move, read-only: its pool share accrued
	/// since it was last settled, `floor(weight × summed reward)` minus what it was paid
	/// before. `None` when it does not exist or is in no version. O(log V).
	pub fn settlement(id: ContributionId) -> Option<Settlement> {
		let c = T::Datanets::contribution(id)?;
		let (first, last) = c.versions?;
		let now = Self::reward_per_weight(c.datanet, first, last);
		let before = FixedU128::from_inner(SettledRewardPerWeight::<T>::get(id));
		let amount = math::accrued(c.weight, before, now)?;
		Some(Settlement {
			contribution: id,
			datanet: c.datanet,
			reward_per_weight: now,
			amount,
			// Flagged or withdrawn, it was settled to its owner when it stopped (see
			// `contribution_flagged`); whatever it accrues after goes to the treasury.
			forfeited: matches!(
				c.status,
				ContributionStatus::Flagged | ContributionStatus::Withdrawn
			),
		})
	}

	/// A contribution's pool earnings not yet settled that its owner will receive (nothing
	/// for a flagged contribution), the summed reward per weight to settle it at, and its
	/// datanet. O(log V).
	pub fn pending_pool_share(id: ContributionId) -> Option<(Balance, FixedU128, DatanetId)> {
		Self::settlement(id)
			.map(|s| (if s.forfeited { 0 } else { s.amount }, s.reward_per_weight, s.datanet))
	}

	/// Writes a settlement: the contribution's new settled point, and its share out of its
	/// pool (balance and liability alike, so the pool stays at its liability rounded up).
	/// The caller credits the owner or the treasury.
	fn apply_settlement(s: &Settlement) {
		SettledRewardPerWeight::<T>::insert(s.contribution, s.reward_per_weight.into_inner());
		if s.amount == 0 {
			return;
		}
		PoolBalance::<T>::mutate(s.datanet, |b| *b = b.saturating_sub(s.amount));
		// Never short: the pool owes at least `floor(liability)` and pays at most that.
		PoolLiability::<T>::mutate(s.datanet, |l| {
			*l = math::liability_sub(*l, s.amount).unwrap_or_default()
		});
		if !s.forfeited {
			ContributionEarnings::<T>::mutate(s.contribution, |e| *e = e.saturating_add(s.amount));
		}
	}

	/// What `who`'s next `claim` does, without writing anything: the same batch from the same
	/// cursor, the same settlement maths and the same payout rule as `claim`. Reads at most
	/// `MaxClaimBatch + 1` of its contributions (the one past the batch tells whether more
	/// remain). O(B log V).
	pub fn next_claim(who: &T::AccountId) -> ClaimPlan {
		let batch = T::MaxClaimBatch::get().max(1);
		let cursor_before = ClaimCursor::<T>::get(who);
		let mut ids = T::Datanets::contributions_of(who, cursor_before, batch.saturating_add(1));
		let more = ids.len() > batch as usize;
		ids.truncate(batch as usize);
		let cursor_after = if more { ids.last().copied() } else { None };
		let settlements: Vec<Settlement> =
			ids.iter().filter_map(|id| Self::settlement(*id)).collect();
		let (to_owner, forfeited) = settlements.iter().fold((0u128, 0u128), |(o, f), s| {
			if s.forfeited {
				(o, f.saturating_add(s.amount))
			} else {
				(o.saturating_add(s.amount), f)
			}
		});
		let accrued = Claimable::<T>::get(who).saturating_add(to_owner);
		let payout = if accrued > 0
			&& T::Currency::can_deposit(who, accrued, Provenance::Extant).into_result().is_ok()
		{
			accrued
		} else {
			0
		};
		ClaimPlan {
			settlements,
			settled: ids.len() as u32,
			cursor_before,
			cursor_after,
			more,
			to_owner,
			forfeited,
			accrued,
			payout,
		}
	}

	/// Settles up to `MaxClaimBatch` of `who`'s contributions and pays everything accrued.
	/// Returns how many contributions were gone through.
	///
	/// Always makes progress: it fails only when it would change nothing at all (nothing to
	/// pay or settle, and no cursor to move), so a failure never throws away a settlement.
	pub(crate) fn do_claim(who: T::AccountId) -> Result<u32, DispatchError> {
		let plan = Self::next_claim(&who);
		if !plan.makes_progress() {
			if plan.accrued > 0 {
				// Accrued, but the account cannot receive it: say why.
				T::Currency::can_deposit(&who, plan.accrued, Provenance::Extant).into_result()?;
			}
			return Err(Error::<T>::NothingToClaim.into());
		}

		for s in &plan.settlements {
			Self::apply_settlement(s);
		}
		match plan.cursor_after {
			Some(last) => ClaimCursor::<T>::insert(&who, last),
			None => ClaimCursor::<T>::remove(&who),
		}
		if plan.payout > 0 {
			T::Currency::transfer(&Self::account_id(), &who, plan.payout, Preservation::Preserve)?;
		}
		if plan.forfeited > 0 {
			T::Currency::transfer(
				&Self::account_id(),
				&T::TreasuryAccount::get(),
				plan.forfeited,
				Preservation::Preserve,
			)?;
		}
		let left = plan.accrued.saturating_sub(plan.payout);
		if left > 0 {
			Claimable::<T>::insert(&who, left);
		} else {
			Claimable::<T>::remove(&who);
		}
		if plan.to_owner > 0 || plan.payout > 0 {
			Earnings::<T>::mutate(&who, |e| {
				e.as_contributor = e.as_contributor.saturating_add(plan.to_owner);
				e.claimed = e.claimed.saturating_add(plan.payout);
			});
		}
		Flow::<T>::mutate(|f| {
			f.claimed = f.claimed.saturating_add(plan.payout);
			f.to_treasury = f.to_treasury.saturating_add(plan.forfeited);
		});
		for s in plan.settlements.iter().filter(|s| s.forfeited && s.amount > 0) {
			Self::deposit_event(Event::PoolShareForfeited {
				contribution: s.contribution,
				datanet: s.datanet,
				amount: s.amount,
			});
		}
		Self::deposit_event(Event::Claimed {
			who,
			amount: plan.payout,
			settled: plan.settled,
			more: plan.more,
		});
		Ok(plan.settled)
	}

	/// Checks the pallet's invariants, chief among them the conservation of money:
	/// `fees_in == claimed + Σ claimable + Σ pool balances + to_treasury`, with the revenue
	/// account holding at least what it owes, and every pool holding exactly its liability
	/// rounded up.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let flow = Flow::<T>::get();
		let claimable = Claimable::<T>::iter_values().fold(0u128, |s, v| s.saturating_add(v));
		let pooled = PoolBalance::<T>::iter_values().fold(0u128, |s, v| s.saturating_add(v));
		let accounted = flow
			.claimed
			.checked_add(claimable)
			.and_then(|s| s.checked_add(pooled))
			.and_then(|s| s.checked_add(flow.to_treasury))
			.ok_or("money totals overflow")?;
		ensure!(flow.fees_in == accounted, "fees in != claimed + claimable + pools + treasury");
		let owed = claimable.saturating_add(pooled);
		ensure!(
			T::Currency::balance(&Self::account_id()) >= owed,
			"the revenue account holds less than it owes"
		);
		for (datanet, balance) in PoolBalance::<T>::iter() {
			ensure!(
				balance == PoolLiability::<T>::get(datanet).ceil(),
				"a pool holds other than its liability rounded up"
			);
		}
		for (datanet, liability) in PoolLiability::<T>::iter() {
			ensure!(
				PoolBalance::<T>::get(datanet) == liability.ceil(),
				"a pool's liability is not backed by its balance"
			);
		}
		for (who, stats) in Earnings::<T>::iter() {
			let earned = stats
				.as_contributor
				.saturating_add(stats.as_developer)
				.saturating_add(stats.as_operator);
			ensure!(
				earned == stats.claimed.saturating_add(Claimable::<T>::get(&who)),
				"an account's earnings != its claims + claimable"
			);
		}
		Ok(())
	}
}

impl<T: Config> RevenueHandler<T::AccountId, Balance> for Pallet<T> {
	fn pay(
		inference: InferenceId,
		payer: &T::AccountId,
		model: ModelId,
		version: ModelVersion,
		operator: &T::AccountId,
		fee: Balance,
		attributions: &[(ContributionId, Perbill)],
	) -> Result<FeeBreakdown<Balance>, DispatchError> {
		Self::do_pay(inference, payer, model, version, operator, fee, attributions)
	}
}

impl<T: Config> OnContributionFlagged<T::AccountId> for Pallet<T> {
	/// Settles what `id` earned up to the flag (or withdrawal) to `owner` (its claimable
	/// balance): from then on its pool share is forfeited to the treasury whenever it is
	/// settled. Called before the change takes effect; a contribution already stopped is
	/// left alone. O(log V).
	fn contribution_flagged(id: ContributionId, owner: &T::AccountId) {
		let Some(s) = Self::settlement(id) else { return };
		if s.forfeited {
			return;
		}
		Self::apply_settlement(&s);
		if s.amount > 0 {
			Self::credit(owner, s.amount, |e| &mut e.as_contributor);
			Self::deposit_event(Event::SettledBeforeFlag {
				contribution: id,
				owner: owner.clone(),
				amount: s.amount,
			});
		}
	}

	/// The benchmarked worst case: the costliest reward-tree reads and every write.
	fn contribution_flagged_weight() -> Weight {
		T::WeightInfo::contribution_flagged()
	}
}
