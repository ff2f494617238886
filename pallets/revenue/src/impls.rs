//! The rules of revenue splitting: previewing and applying the split of a fee, settling pool
//! shares, claims, and the pallet's invariants.

use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::Mutate, tokens::Preservation},
};
use sp_arithmetic::{FixedU128, Perbill};
use tributary_primitives::{
	ContributionId, DatanetId, DatanetVersion, DatanetsInspect, FeeBreakdown, InferenceId, ModelId,
	ModelVersion, ModelsInspect, RevenueHandler, TrainingInfluence,
};

use crate::{math, *};

/// A fee's split together with what applying it writes to the pools.
pub struct PlannedSplit<AccountId> {
	/// The receipt: who gets what.
	pub breakdown: FeeBreakdown<Balance>,
	/// The model owner, paid the developer share.
	pub developer: AccountId,
	/// Owners of the attributed contributions, in the breakdown's order.
	pub contribution_owners: Vec<AccountId>,
	/// Per pool: datanet, version and reward-per-weight increment.
	pub increments: Vec<(DatanetId, DatanetVersion, FixedU128)>,
}

impl<T: Config> Pallet<T> {
	/// The exact split of `fee` for an inference of `model` at `version` attributed to
	/// `attributions`, without moving money (the dry run behind the runtime API).
	/// Attributions that name no existing contribution get nothing: their part goes to the
	/// treasury (the attribution pallet refuses them before paying).
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
				Some(c) => {
					paid_contributions.push((id, amount));
					contribution_owners.push(c.owner);
				}
				None => treasury = treasury.saturating_add(amount),
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
		let mut increments = Vec::with_capacity(pool_parts.len());
		for (datanet, amount) in pool_parts {
			let planned = view
				.training_data
				.iter()
				.find(|(d, _)| *d == datanet)
				.and_then(|(d, v)| Some((*v, T::Datanets::version(*d, *v)?)))
				.filter(|(v, _)| *v >= 1 && *v <= T::MaxVersions::get())
				.and_then(|(v, summary)| {
					math::pool_increment(amount, summary.total_weight)
						.map(|(inc, kept)| (v, inc, kept))
				});
			match planned {
				Some((v, increment, kept)) => {
					treasury = treasury.saturating_add(amount.saturating_sub(kept));
					pools.push((datanet, v, kept));
					increments.push((datanet, v, increment));
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
			increments,
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
		for (datanet, v, increment) in &plan.increments {
			Self::tree_add(*datanet, *v, *increment)?;
		}
		for (datanet, _, amount) in &breakdown.pools {
			PoolBalance::<T>::mutate(datanet, |b| *b = b.saturating_add(*amount));
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

	/// A contribution's pool earnings not yet settled, and the summed reward per weight to
	/// settle it at. O(log V).
	pub fn pending_pool_share(id: ContributionId) -> Option<(Balance, FixedU128, DatanetId)> {
		let c = T::Datanets::contribution(id)?;
		let (first, last) = c.versions?;
		let now = Self::reward_per_weight(c.datanet, first, last);
		let before = FixedU128::from_inner(SettledRewardPerWeight::<T>::get(id));
		let pending = math::accrued(c.weight, before, now)?;
		Some((pending, now, c.datanet))
	}

	/// Moves a contribution's pending pool share to its owner's claimable balance.
	fn settle(id: ContributionId, owner: &T::AccountId) {
		let Some((pending, now, datanet)) = Self::pending_pool_share(id) else { return };
		SettledRewardPerWeight::<T>::insert(id, now.into_inner());
		if pending == 0 {
			return;
		}
		PoolBalance::<T>::mutate(datanet, |b| *b = b.saturating_sub(pending));
		ContributionEarnings::<T>::mutate(id, |e| *e = e.saturating_add(pending));
		Self::credit(owner, pending, |e| &mut e.as_contributor);
	}

	/// Settles up to `MaxClaimBatch` of `who`'s contributions and pays everything accrued.
	/// Returns how many contributions were settled.
	pub(crate) fn do_claim(who: T::AccountId) -> Result<u32, DispatchError> {
		let batch = T::MaxClaimBatch::get();
		let after = ClaimCursor::<T>::get(&who);
		let ids = T::Datanets::contributions_of(&who, after, batch);
		let settled = ids.len() as u32;
		for id in &ids {
			Self::settle(*id, &who);
		}
		let more = settled == batch && batch > 0;
		match ids.last() {
			Some(last) if more => ClaimCursor::<T>::insert(&who, last),
			_ => ClaimCursor::<T>::remove(&who),
		}

		let amount = Claimable::<T>::get(&who);
		ensure!(amount > 0, Error::<T>::NothingToClaim);
		T::Currency::transfer(&Self::account_id(), &who, amount, Preservation::Preserve)?;
		Claimable::<T>::remove(&who);
		Earnings::<T>::mutate(&who, |e| e.claimed = e.claimed.saturating_add(amount));
		Flow::<T>::mutate(|f| f.claimed = f.claimed.saturating_add(amount));
		Self::deposit_event(Event::Claimed { who, amount, settled, more });
		Ok(settled)
	}

	/// What `who` could claim now: accrued direct shares plus the pending pool shares of up
	/// to `limit` of its contributions. Read-only, for the runtime API.
	pub fn claimable_now(who: &T::AccountId, limit: u32) -> Balance {
		T::Datanets::contributions_of(who, None, limit)
			.into_iter()
			.filter_map(|id| Self::pending_pool_share(id).map(|(pending, _, _)| pending))
			.fold(Claimable::<T>::get(who), |sum, pending| sum.saturating_add(pending))
	}

	/// Checks the pallet's invariants, chief among them the conservation of money:
	/// `fees_in == claimed + Σ claimable + Σ pool balances + to_treasury`, with the revenue
	/// account holding at least what it owes.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::Inspect;
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
