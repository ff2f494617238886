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
use sp_arithmetic::FixedU128;
use tributary_primitives::{
	CheckedPayment, ContributionId, ContributionStatus, DatanetId, DatanetVersion, DatanetsInspect,
	FeeBreakdown, InferenceId, OnContributionFlagged, PaymentReceipt, RevenueHandler,
	TrainingInfluence,
};

use crate::{math, *};

/// What a payment writes to one datanet pool.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PoolUpdate<T: Config> {
	/// The datanet.
	pub datanet: DatanetId,
	/// The version paid into (its reward counter).
	pub version: DatanetVersion,
	/// The reward-per-weight increment added at `version`.
	pub increment: FixedU128,
	/// The pool after the payment: its balance its new liability rounded up, the total of
	/// `version`'s page raised by `increment`.
	pub pool: PoolOf<T>,
}

/// A fee's split together with what applying it writes to the pools.
pub struct PlannedSplit<T: Config> {
	/// The receipt: who gets what.
	pub breakdown: FeeBreakdown<Balance>,
	/// What each pool part writes, in the breakdown's order.
	pub pools: Vec<PoolUpdate<T>>,
}

/// Settling one contribution: its pending pool share and its attributed shares not yet
/// credited to its owner.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Settlement {
	/// The contribution.
	pub contribution: ContributionId,
	/// Its datanet, whose pool pays the pool share.
	pub datanet: DatanetId,
	/// The reward per weight summed over its versions now: its new settled point.
	pub reward_per_weight: FixedU128,
	/// Its pool share accrued since it was last settled.
	pub amount: Balance,
	/// Its attributed shares not yet credited to its owner (always the owner's).
	pub direct: Balance,
	/// The contribution is flagged malicious or withdrawn: `amount` goes to the treasury,
	/// not its owner.
	pub forfeited: bool,
	/// Its revenue record before the settlement.
	pub account: ContributionAccount,
}

impl Settlement {
	/// What its owner receives.
	pub fn to_owner(&self) -> Balance {
		let pool = if self.forfeited { 0 } else { self.amount };
		pool.saturating_add(self.direct)
	}

	/// Whether settling writes anything (the settled point moves or something is paid).
	pub fn changes_anything(&self) -> bool {
		self.amount > 0
			|| self.direct > 0
			|| self.reward_per_weight.into_inner() != self.account.settled_reward_per_weight
	}
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
	/// The exact split of the checked inference `payment`'s fee, without moving money (the
	/// dry run behind the runtime API, and the plan `pay` applies). The attribution pallet's
	/// validation built `payment`: every attributed contribution is accepted, so each gets
	/// its share. Each pool keeps just enough to stay at its exact liability rounded up; the
	/// rest of its part, and every rounding remainder, goes to the treasury. Reads each pool,
	/// each trained version's totals and the training influence once.
	pub fn preview(
		payment: &CheckedPayment<T::AccountId, Balance>,
	) -> Result<PlannedSplit<T>, Error<T>> {
		let view = &payment.view;
		let fee = payment.fee;
		let parts = math::split_fee(fee, &view.split);
		let mut treasury = parts.treasury;

		// The data share: first the inference's own attributions, the rest to the pools.
		let (to_contributions, to_pools) = if payment.attributions.is_empty() {
			(0, parts.data)
		} else {
			let direct = view.split.inference_data.mul_floor(parts.data);
			(direct, parts.data.saturating_sub(direct))
		};
		let (contributions, rest) =
			math::divide_by_weights(to_contributions, &payment.attributions);
		treasury = treasury.saturating_add(rest);

		// The pools: by recorded training influence, or equally.
		let datanets: Vec<DatanetId> = view.training_data.iter().map(|(d, _)| *d).collect();
		let (pool_parts, rest) =
			match T::Influence::training_influence(payment.model, payment.version) {
				Some(influence) => math::divide_by_weights(to_pools, &influence),
				None => math::divide_equally(to_pools, &datanets),
			};
		treasury = treasury.saturating_add(rest);
		let mut pools = Vec::with_capacity(pool_parts.len());
		let mut updates: Vec<PoolUpdate<T>> = Vec::with_capacity(pool_parts.len());
		for (datanet, amount) in pool_parts {
			// A datanet paid twice in one fee builds on its first update.
			let pool = updates
				.iter()
				.rev()
				.find(|u| u.datanet == datanet)
				.map(|u| u.pool.clone())
				.unwrap_or_else(|| Pools::<T>::get(datanet));
			let planned = view
				.training_data
				.iter()
				.find(|(d, _)| *d == datanet)
				.and_then(|(d, v)| Some((*v, T::Datanets::version(*d, *v)?)))
				.filter(|(v, _)| *v >= 1 && *v <= T::MaxVersions::get())
				.and_then(|(v, summary)| {
					math::pool_payment(amount, summary.total_weight, pool.liability, pool.balance)
						.map(|(increment, liability, kept)| (v, increment, liability, kept))
				});
			match planned {
				Some((v, increment, liability, kept)) => {
					treasury = treasury.saturating_add(amount.saturating_sub(kept));
					pools.push((datanet, v, kept));
					let balance = pool.balance.saturating_add(kept);
					let mut after = Pool { balance, liability, page_totals: pool.page_totals };
					Self::raise_page_total(v, increment, &mut after)?;
					updates.push(PoolUpdate { datanet, version: v, increment, pool: after });
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
				contributions,
				pools,
			},
			pools: updates,
		})
	}

	/// Adds `amount` to `who`'s earnings in `role` (what it may claim grows with them): one
	/// write.
	fn credit(
		who: &T::AccountId,
		amount: Balance,
		role: impl FnOnce(&mut EarningsStats) -> &mut Balance,
	) {
		if amount == 0 {
			return;
		}
		Earnings::<T>::mutate(who, |e| {
			let earned = role(e);
			*earned = earned.saturating_add(amount);
		});
	}

	/// Everything `who` has earned and not been paid.
	pub fn claimable(who: &T::AccountId) -> Balance {
		Earnings::<T>::get(who).claimable()
	}

	/// Writes what a payment does to one pool: its page of reward counters and the pool.
	pub(crate) fn apply_pool_update(update: PoolUpdate<T>) -> Result<(), Error<T>> {
		if update.increment.into_inner() > 0 {
			Self::add_to_page(update.datanet, update.version, update.increment)?;
		}
		Pools::<T>::insert(update.datanet, update.pool);
		Ok(())
	}

	/// Pays the checked inference `payment` and splits its fee; see [`RevenueHandler::pay`].
	/// Writes: the payer's and the revenue account's balances (one transfer), each pool and
	/// its page, each attributed contribution's record once, the operator's and the
	/// developer's earnings, the flow totals. The treasury's part stays in the revenue
	/// account as `treasury_due` until `on_idle` sends it on.
	pub fn do_pay(
		inference: InferenceId,
		payer: &T::AccountId,
		operator: &T::AccountId,
		payment: &CheckedPayment<T::AccountId, Balance>,
	) -> Result<PaymentReceipt<Balance>, DispatchError> {
		ensure!(payment.fee > 0, Error::<T>::ZeroFee);
		let plan = Self::preview(payment)?;
		let breakdown = plan.breakdown;
		T::Currency::transfer(payer, &Self::account_id(), payment.fee, Preservation::Preserve)?;
		for update in plan.pools {
			Self::apply_pool_update(update)?;
		}
		Self::credit(operator, breakdown.operator, |e| &mut e.as_operator);
		Self::credit(&payment.view.owner, breakdown.developer, |e| &mut e.as_developer);
		let mut positions = Vec::with_capacity(breakdown.contributions.len());
		for (id, amount) in breakdown.contributions.iter() {
			let position = ContributionAccounts::<T>::try_mutate(id, |account| {
				let position = account.attributed;
				account.attributed = position.checked_add(1).ok_or(Error::<T>::Overflow)?;
				account.earned = account.earned.saturating_add(*amount);
				account.unsettled = account.unsettled.saturating_add(*amount);
				Ok::<_, Error<T>>(position)
			})?;
			positions.push(position);
		}
		Flow::<T>::mutate(|f| {
			f.fees_in = f.fees_in.saturating_add(payment.fee);
			f.treasury_due = f.treasury_due.saturating_add(breakdown.treasury);
		});
		Self::deposit_event(Event::FeeSplit {
			inference,
			model: payment.model,
			version: payment.version,
			payer: payer.clone(),
			operator: operator.clone(),
			developer: payment.view.owner.clone(),
			breakdown: breakdown.clone(),
		});
		Ok(PaymentReceipt { breakdown, positions })
	}

	/// Sends `treasury_due` from the revenue account to the treasury. Returns whether it
	/// sent anything. A transfer the treasury cannot receive yet (below the existential
	/// deposit of an account that does not exist) waits for more.
	pub fn sweep_treasury() -> bool {
		let mut flow = Flow::<T>::get();
		if flow.treasury_due == 0 {
			return false;
		}
		let sent = T::Currency::transfer(
			&Self::account_id(),
			&T::TreasuryAccount::get(),
			flow.treasury_due,
			Preservation::Preserve,
		);
		if sent.is_err() {
			return false;
		}
		let amount = flow.treasury_due;
		flow.to_treasury = flow.to_treasury.saturating_add(amount);
		flow.treasury_due = 0;
		Flow::<T>::put(flow);
		Self::deposit_event(Event::TreasurySwept { amount });
		true
	}

	/// What settling contribution `id` now would move, read-only: its pool share accrued
	/// since it was last settled, `floor(weight × summed reward)` minus what it was paid
	/// before, and its attributed shares not yet credited. `None` when it does not exist.
	/// Reads the contribution, its revenue record, its pool and at most two pages.
	pub fn settlement(id: ContributionId) -> Option<Settlement> {
		let c = T::Datanets::contribution(id)?;
		let account = ContributionAccounts::<T>::get(id);
		let before = FixedU128::from_inner(account.settled_reward_per_weight);
		let (now, amount) = match c.versions {
			Some((first, last)) => {
				let pool = Pools::<T>::get(c.datanet);
				let now = Self::reward_per_weight(c.datanet, &pool, first, last);
				(now, math::accrued(c.weight, before, now)?)
			}
			None => (before, 0),
		};
		Some(Settlement {
			contribution: id,
			datanet: c.datanet,
			reward_per_weight: now,
			amount,
			direct: account.unsettled,
			// Flagged or withdrawn, it was settled to its owner when it stopped (see
			// `contribution_flagged`); whatever it accrues after goes to the treasury.
			forfeited: matches!(
				c.status,
				ContributionStatus::Flagged | ContributionStatus::Withdrawn
			),
			account,
		})
	}

	/// What settling contribution `id` would give its owner (its pool share, nothing of it
	/// for a flagged contribution, plus its unsettled attributed shares), the summed reward
	/// per weight to settle it at, and its datanet.
	pub fn pending_pool_share(id: ContributionId) -> Option<(Balance, FixedU128, DatanetId)> {
		Self::settlement(id).map(|s| (s.to_owner(), s.reward_per_weight, s.datanet))
	}

	/// Writes a settlement: the contribution's record (new settled point, attributed shares
	/// credited, pool share earned unless forfeited), and its pool share out of its pool
	/// (balance and liability alike, so the pool stays at its liability rounded up). The
	/// caller credits the owner or the treasury.
	fn apply_settlement(s: &Settlement) {
		if !s.changes_anything() {
			return;
		}
		let mut account = s.account;
		account.settled_reward_per_weight = s.reward_per_weight.into_inner();
		account.unsettled = 0;
		if !s.forfeited {
			account.earned = account.earned.saturating_add(s.amount);
		}
		ContributionAccounts::<T>::insert(s.contribution, account);
		if s.amount == 0 {
			return;
		}
		Pools::<T>::mutate(s.datanet, |pool| {
			pool.balance = pool.balance.saturating_sub(s.amount);
			// Never short: the pool owes at least `floor(liability)` and pays at most that.
			pool.liability = math::liability_sub(pool.liability, s.amount).unwrap_or_default();
		});
	}

	/// What `who`'s next `claim` does, without writing anything: the same batch from the same
	/// cursor, the same settlement maths and the same payout rule as `claim`. Reads at most
	/// `MaxClaimBatch + 1` of its contributions (the one past the batch tells whether more
	/// remain). O(B): each settlement reads the pool record and at most two pages.
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
			let f = if s.forfeited { f.saturating_add(s.amount) } else { f };
			(o.saturating_add(s.to_owner()), f)
		});
		let accrued = Self::claimable(who).saturating_add(to_owner);
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
		if plan.to_owner > 0 || plan.payout > 0 {
			Earnings::<T>::mutate(&who, |e| {
				e.as_contributor = e.as_contributor.saturating_add(plan.to_owner);
				e.claimed = e.claimed.saturating_add(plan.payout);
			});
		}
		if plan.payout > 0 || plan.forfeited > 0 {
			Flow::<T>::mutate(|f| {
				f.claimed = f.claimed.saturating_add(plan.payout);
				// Forfeited shares join what is owed the treasury, sent on by `on_idle`.
				f.treasury_due = f.treasury_due.saturating_add(plan.forfeited);
			});
		}
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
	/// `fees_in == claimed + Σ claimable + Σ unsettled + Σ pool balances + to_treasury +
	/// treasury_due`, with the revenue account holding at least what it owes, every pool
	/// holding exactly its liability rounded up, and every pool's page totals the sums of its
	/// pages.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let flow = Flow::<T>::get();
		let claimable =
			Earnings::<T>::iter_values().fold(0u128, |s, e| s.saturating_add(e.claimable()));
		let unsettled = ContributionAccounts::<T>::iter_values()
			.fold(0u128, |s, a| s.saturating_add(a.unsettled));
		let pooled = Pools::<T>::iter_values().fold(0u128, |s, p| s.saturating_add(p.balance));
		let accounted = [claimable, unsettled, pooled, flow.to_treasury, flow.treasury_due]
			.iter()
			.try_fold(flow.claimed, |sum, part| sum.checked_add(*part))
			.ok_or("money totals overflow")?;
		ensure!(
			flow.fees_in == accounted,
			"fees in != claimed + claimable + unsettled + pools + treasury"
		);
		let owed = claimable
			.saturating_add(unsettled)
			.saturating_add(pooled)
			.saturating_add(flow.treasury_due);
		ensure!(
			T::Currency::balance(&Self::account_id()) >= owed,
			"the revenue account holds less than it owes"
		);
		for (datanet, pool) in Pools::<T>::iter() {
			ensure!(
				pool.balance == pool.liability.ceil(),
				"a pool holds other than its liability rounded up"
			);
			for (page, total) in pool.page_totals.iter().enumerate() {
				let counters = RewardPages::<T>::get(datanet, page as u32);
				let sum = counters.iter().try_fold(0u128, |s, c| s.checked_add(*c));
				ensure!(sum == Some(*total), "a page total differs from its page's sum");
			}
		}
		for (datanet, page, _) in RewardPages::<T>::iter() {
			ensure!(
				(page as usize) < Pools::<T>::get(datanet).page_totals.len(),
				"a page of counters has no total"
			);
		}
		for (_, stats) in Earnings::<T>::iter() {
			ensure!(stats.claimed <= stats.earned(), "an account claimed more than it earned");
		}
		for (_, account) in ContributionAccounts::<T>::iter() {
			ensure!(account.unsettled <= account.earned, "unsettled shares above earnings");
		}
		Ok(())
	}
}

impl<T: Config> RevenueHandler<T::AccountId, Balance> for Pallet<T> {
	fn pay(
		inference: InferenceId,
		payer: &T::AccountId,
		operator: &T::AccountId,
		payment: &CheckedPayment<T::AccountId, Balance>,
	) -> Result<PaymentReceipt<Balance>, DispatchError> {
		Self::do_pay(inference, payer, operator, payment)
	}

	fn times_attributed(contribution: ContributionId) -> u32 {
		ContributionAccounts::<T>::get(contribution).attributed
	}
}

impl<T: Config> OnContributionFlagged<T::AccountId> for Pallet<T> {
	/// Settles what `id` earned up to the flag (or withdrawal) to `owner` (its claimable
	/// balance): from then on its pool share is forfeited to the treasury whenever it is
	/// settled. Called before the change takes effect; a contribution already stopped is
	/// left alone. O(1): the pool record and at most two pages.
	fn contribution_flagged(id: ContributionId, owner: &T::AccountId) {
		let Some(s) = Self::settlement(id) else { return };
		if s.forfeited {
			return;
		}
		Self::apply_settlement(&s);
		let amount = s.to_owner();
		if amount > 0 {
			Self::credit(owner, amount, |e| &mut e.as_contributor);
			Self::deposit_event(Event::SettledBeforeFlag {
				contribution: id,
				owner: owner.clone(),
				amount,
			});
		}
	}

	/// The benchmarked worst case: the costliest reward-counter reads and every write.
	fn contribution_flagged_weight() -> Weight {
		T::WeightInfo::contribution_flagged()
	}
}
