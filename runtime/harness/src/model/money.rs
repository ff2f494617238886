//! Balances, system, sudo and revenue claims.

use sp_runtime::{DispatchError, MultiAddress};
use tributary_primitives::{AccountId, Balance, ContributionId};
use tributary_runtime::{Runtime, RuntimeCall, RuntimeEvent, TRIB};

use super::{Funds, Harness};
use crate::{
	chain::{Applied, Snapshot, ED},
	ops::*,
};

/// The most root may set a balance to (keeps the sum of all balances far from `u128::MAX`).
const ROOT_BALANCE_CAP: Balance = 1_000_000_000 * TRIB;

/// What a transfer out of an account with `free` (after the fee) and `consumers` does.
struct Outflow {
	/// Whether it can happen.
	possible: bool,
	/// How much the source's free balance drops (the amount, or everything when the account
	/// is reaped and its dust lost).
	debit: Balance,
}

/// The rules of `fungible::Mutate::{transfer, burn_from}` for the source: keep-alive keeps
/// the existential deposit; allow-death may take everything, reaping the account (the
/// remainder below the existential deposit is lost as dust) unless it has consumers
/// (holds), which keep it alive.
fn outflow(free: Balance, consumers: u32, amount: Balance, keep_alive: bool) -> Outflow {
	let may_die = !keep_alive && consumers == 0;
	let withdrawable = if may_die { free } else { free.saturating_sub(ED) };
	let possible = amount <= withdrawable;
	let debit = if may_die && free - amount.min(free) < ED { free } else { amount };
	Outflow { possible, debit }
}

/// Free balance of `who` in a snapshot.
fn free_in(s: &Snapshot, who: &AccountId) -> Balance {
	s.get(who).map(|b| b.0).unwrap_or_default()
}

/// Consumer references of `who` in a snapshot.
fn consumers_in(s: &Snapshot, who: &AccountId) -> u32 {
	s.get(who).map(|b| b.2 as u32).unwrap_or_default()
}

/// Whether `who` exists (has any balance) in a snapshot.
fn exists_in(s: &Snapshot, who: &AccountId) -> bool {
	s.get(who).is_some_and(|b| b.0 > 0 || b.1 > 0)
}

/// What `who` is owed in all: what it may claim now (earned in every role, less claimed)
/// plus, for every contribution it owns, what settling it would pay its owner — its pool
/// share (none for a flagged or withdrawn one) and its attributed shares not yet settled.
/// Checked against the revenue pallet's own `pending_pool_share`.
pub fn entitlement(who: &AccountId) -> Balance {
	let mut pending: Balance = 0;
	for id in pallet_datanets::Pallet::<Runtime>::owned_contributions(who, None) {
		let Some(s) = pallet_revenue::Pallet::<Runtime>::settlement(id) else { continue };
		let account = pallet_revenue::ContributionAccounts::<Runtime>::get(id);
		assert_eq!(s.direct, account.unsettled, "contribution {id}'s unsettled shares");
		let owed = if s.forfeited { 0 } else { s.amount } + account.unsettled;
		assert_eq!(
			pallet_revenue::Pallet::<Runtime>::pending_pool_share(id).map(|p| p.0),
			Some(owed),
			"contribution {id}: pending share other than its pool share and unsettled shares"
		);
		pending += owed;
	}
	let earnings = pallet_revenue::Earnings::<Runtime>::get(who);
	let claimable =
		earnings.as_contributor + earnings.as_developer + earnings.as_operator - earnings.claimed;
	assert_eq!(pallet_revenue::Pallet::<Runtime>::claimable(who), claimable);
	claimable + pending
}

impl Harness {
	/// Checks a transfer of `amount` from `source` to `dest` that `a` applied, whose source
	/// paid `fee_of_source` of the extrinsic's fee. Returns whether it happened.
	fn check_transfer(
		&mut self,
		what: &str,
		a: &Applied,
		source: &AccountId,
		dest: &AccountId,
		amount: Balance,
		keep_alive: bool,
		inner: &Result<(), DispatchError>,
	) -> bool {
		let fee_of_source = if *source == a.signer { a.fee } else { 0 };
		let free = free_in(&a.before, source) - fee_of_source;
		let consumers = consumers_in(&a.before, source);
		let out = outflow(free, consumers, amount, keep_alive);
		let dest_ok = amount == 0 || exists_in(&a.before, dest) || amount >= ED;
		let at = format!("block {}: {what} of {amount} from {source} to {dest}", self.now());
		if source == dest {
			// Moves nothing whatever it returns.
			self.expect_deltas(what, a, &[]);
			return inner.is_ok();
		}
		match inner {
			Ok(()) => {
				assert!(out.possible && dest_ok, "{at} succeeded though impossible (free {free})");
				self.expect_deltas(
					what,
					a,
					&[(source.clone(), -(out.debit as i128), 0), (dest.clone(), amount as i128, 0)],
				);
				self.note_donation(dest, amount);
				true
			}
			Err(e) => {
				assert!(
					!(out.possible && dest_ok) && super::is_funds_error(e),
					"{at} failed with {e:?} though possible (free {free})"
				);
				self.expect_deltas(what, a, &[]);
				false
			}
		}
	}

	pub(super) fn transfer(&mut self, from: Who, to: Target, amount: Amount, keep_alive: bool) {
		let s = self.spender(from);
		let (source, dest) = (self.id(s), self.target(to));
		let amount = self.amount(amount, &source);
		let call = if keep_alive {
			pallet_balances::Call::transfer_keep_alive {
				dest: MultiAddress::Id(dest.clone()),
				value: amount,
			}
		} else {
			pallet_balances::Call::transfer_allow_death {
				dest: MultiAddress::Id(dest.clone()),
				value: amount,
			}
		};
		let Some(a) = self.submit(s, RuntimeCall::Balances(call)) else { return };
		let result = a.result;
		self.check_transfer("transfer", &a, &source, &dest, amount, keep_alive, &result);
	}

	pub(super) fn transfer_all(&mut self, from: Who, to: Target, keep_alive: bool) {
		let s = self.spender(from);
		let (source, dest) = (self.id(s), self.target(to));
		let call = pallet_balances::Call::transfer_all {
			dest: MultiAddress::Id(dest.clone()),
			keep_alive,
		};
		let Some(a) = self.submit(s, RuntimeCall::Balances(call)) else { return };
		// It transfers the reducible balance after the fee: everything above the existential
		// deposit, or everything when the account may die (no consumers).
		let free = free_in(&a.before, &source) - a.fee;
		let consumers = consumers_in(&a.before, &source);
		let amount = if !keep_alive && consumers == 0 { free } else { free.saturating_sub(ED) };
		let result = a.result;
		self.check_transfer("transfer_all", &a, &source, &dest, amount, keep_alive, &result);
	}

	pub(super) fn burn(&mut self, from: Who, amount: Amount, keep_alive: bool) {
		let s = self.spender(from);
		let source = self.id(s);
		let amount = self.amount(amount, &source);
		let call = pallet_balances::Call::burn { value: amount, keep_alive };
		let Some(a) = self.submit(s, RuntimeCall::Balances(call)) else { return };
		let free = free_in(&a.before, &source) - a.fee;
		let consumers = consumers_in(&a.before, &source);
		let out = outflow(free, consumers, amount, keep_alive);
		let funds = if out.possible { Funds::Enough } else { Funds::Short };
		if self.judge("burn", &a, &[], funds) {
			self.expect_deltas("burn", &a, &[(source, -(out.debit as i128), 0)]);
		}
	}

	pub(super) fn remark(&mut self, from: Who, kib: u8) {
		let s = self.who(from);
		let remark = vec![kib; kib as usize * 1024];
		let Some(a) = self.submit(s, RuntimeCall::System(frame_system::Call::remark { remark }))
		else {
			return;
		};
		if self.judge("remark", &a, &[], Funds::Enough) {
			self.expect_deltas("remark", &a, &[]);
		}
	}

	/// `Sudo::sudo(call)`: only the sudo key (Alice) may; the inner call runs as root and its
	/// result is in the `Sudid` event.
	pub(super) fn sudo(&mut self, by: Actor, op: RootOp) {
		let (call, check) = self.root_call(op);
		self.sudo_call(by, call, check);
	}

	/// `Sudo::sudo(call)` with the check of the inner result.
	#[allow(clippy::type_complexity)]
	pub(super) fn sudo_call(
		&mut self,
		by: Actor,
		call: RuntimeCall,
		check: Box<dyn FnOnce(&mut Harness, &Applied, Result<(), DispatchError>)>,
	) {
		let key = pallet_sudo::Key::<Runtime>::get();
		let s = self.signer(by, key.as_ref());
		let name = crate::chain::call_name(&call);
		let Some(a) =
			self.submit(s, RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) }))
		else {
			return;
		};
		let is_key = key.as_ref() == Some(&a.signer);
		let must_fail =
			if is_key { vec![] } else { vec![pallet_sudo::Error::<Runtime>::RequireSudo.into()] };
		if !self.judge("sudo", &a, &must_fail, Funds::Enough) {
			return;
		}
		let inner = a
			.events
			.iter()
			.find_map(|e| match e {
				RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result }) => Some(*sudo_result),
				_ => None,
			})
			.expect("sudo reports the inner result");
		if inner.is_ok() {
			*self.chain.stats.root_ok.entry(name).or_default() += 1;
		}
		check(self, &a, inner);
	}

	/// The root call for `op` and the check of its outcome.
	#[allow(clippy::type_complexity)]
	fn root_call(
		&mut self,
		op: RootOp,
	) -> (RuntimeCall, Box<dyn FnOnce(&mut Harness, &Applied, Result<(), DispatchError>)>) {
		match op {
			RootOp::ForceTransfer { from, to, amount } => {
				let source = self.id(self.spender(from));
				let dest = self.target(to);
				let amount = self.amount(amount, &source);
				let call = RuntimeCall::Balances(pallet_balances::Call::force_transfer {
					source: MultiAddress::Id(source.clone()),
					dest: MultiAddress::Id(dest.clone()),
					value: amount,
				});
				(
					call,
					Box::new(move |h, a, inner| {
						// `force_transfer` allows death.
						h.check_transfer(
							"force_transfer",
							a,
							&source,
							&dest,
							amount,
							false,
							&inner,
						);
					}),
				)
			}
			RootOp::ForceSetBalance { who, amount } => {
				let target = self.id(self.spender(who));
				let amount = self.amount(amount, &target).min(ROOT_BALANCE_CAP);
				Self::set_balance(target, amount)
			}
			RootOp::AddAttestor { who } => self.root_add_attestor(who),
			RootOp::RemoveAttestor { who } => self.root_remove_attestor(who),
			RootOp::ResolveDispute { dispute, uphold } => {
				self.root_resolve_dispute(dispute, uphold)
			}
			RootOp::NoteStalled { delay } => {
				let call = RuntimeCall::Grandpa(pallet_grandpa::Call::note_stalled {
					delay: 1 + delay as u32,
					best_finalized_block_number: self.now().saturating_sub(1),
				});
				(
					call,
					Box::new(|h, a, inner| {
						assert!(inner.is_ok(), "note_stalled failed: {inner:?}");
						h.expect_deltas("note_stalled", a, &[]);
					}),
				)
			}
			RootOp::Remark => (
				RuntimeCall::System(frame_system::Call::remark { remark: b"root".to_vec() }),
				Box::new(|h, a, inner| {
					assert!(inner.is_ok(), "root remark failed: {inner:?}");
					h.expect_deltas("root remark", a, &[]);
				}),
			),
		}
	}

	/// Root's `force_set_balance(target, amount)` and the check of its outcome.
	#[allow(clippy::type_complexity)]
	pub(super) fn set_balance(
		target: AccountId,
		amount: Balance,
	) -> (RuntimeCall, Box<dyn FnOnce(&mut Harness, &Applied, Result<(), DispatchError>)>) {
		let call = RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
			who: MultiAddress::Id(target.clone()),
			new_free: amount,
		});
		(
			call,
			Box::new(move |h, a, inner| {
				// Below the existential deposit the free balance is wiped out, which an
				// account with consumers (holds) refuses.
				let new_free = if amount < ED { 0 } else { amount };
				if new_free == 0 && consumers_in(&a.before, &target) > 0 {
					if let Err(e) = inner {
						assert_eq!(
							e,
							DispatchError::ConsumerRemaining,
							"force_set_balance failed: {inner:?}"
						);
						h.expect_deltas("force_set_balance", a, &[]);
						return;
					}
				}
				assert!(inner.is_ok(), "force_set_balance failed: {inner:?}");
				let old_free =
					free_in(&a.before, &target) - if target == a.signer { a.fee } else { 0 };
				h.expect_deltas(
					"force_set_balance",
					a,
					&[(target.clone(), new_free as i128 - old_free as i128, 0)],
				);
			}),
		)
	}

	/// One `claim`. It must succeed whenever it can make progress — something is owed to
	/// the claimer, a flagged contribution's share is to be forfeited, or the claimer owns
	/// more contributions than one claim settles (its cursor moves on) — whatever the number
	/// of contributions and wherever the cursor stands, and fail with `NothingToClaim`
	/// otherwise. It pays exactly what it settles: what is owed in all drops by exactly the
	/// amount paid, and forfeited shares go to the treasury. Returns `Some(more)` when it
	/// succeeded.
	pub(super) fn claim(&mut self, s: usize) -> Option<bool> {
		let who = self.id(s);
		let owed = entitlement(&who);
		let owned: Vec<ContributionId> =
			pallet_datanets::Pallet::<Runtime>::owned_contributions(&who, None).collect();
		let forfeitable: Balance = owned
			.iter()
			.filter_map(|id| pallet_revenue::Pallet::<Runtime>::settlement(*id))
			.filter(|s| s.forfeited)
			.map(|s| s.amount)
			.sum();
		let batch =
			<<Runtime as pallet_revenue::Config>::MaxClaimBatch as Get<u32>>::get() as usize;
		let plan = pallet_revenue::Pallet::<Runtime>::next_claim(&who);
		let flow_before = pallet_revenue::Flow::<Runtime>::get();
		let call = RuntimeCall::Revenue(pallet_revenue::Call::claim {});
		let a = self.submit(s, call)?;
		let progress = owed > 0 || forfeitable > 0 || owned.len() > batch;
		let must_fail = if progress {
			vec![]
		} else {
			vec![pallet_revenue::Error::<Runtime>::NothingToClaim.into()]
		};
		if !self.judge("claim", &a, &must_fail, Funds::Enough) {
			return None;
		}
		let (amount, more) = a
			.events
			.iter()
			.find_map(|e| match e {
				RuntimeEvent::Revenue(pallet_revenue::Event::Claimed {
					who: w,
					amount,
					more,
					..
				}) if *w == who => Some((*amount, *more)),
				_ => None,
			})
			.expect("a claim reports what it paid");
		let forfeited: Balance = a
			.events
			.iter()
			.filter_map(|e| match e {
				RuntimeEvent::Revenue(pallet_revenue::Event::PoolShareForfeited {
					amount, ..
				}) => Some(*amount),
				_ => None,
			})
			.sum();
		let left = entitlement(&who);
		assert_eq!(
			owed - left,
			amount,
			"block {}: {who} was owed {owed}, claimed {amount}, is still owed {left}",
			self.now()
		);
		assert_eq!(
			(amount, forfeited, more),
			(plan.payout, plan.forfeited, plan.more),
			"block {}: {who}'s claim did other than `next_claim` said",
			self.now()
		);
		assert!(forfeited <= forfeitable, "more forfeited than flagged contributions had");
		// Every contribution the claim went through is settled: no attributed share waits.
		for s in &plan.settlements {
			assert_eq!(
				pallet_revenue::ContributionAccounts::<Runtime>::get(s.contribution).unsettled,
				0,
				"contribution {} was settled, its attributed shares still wait",
				s.contribution
			);
		}
		// Forfeited shares are owed the treasury and wait in the revenue account with the
		// fees' treasury parts until the block ends.
		let flow = pallet_revenue::Flow::<Runtime>::get();
		assert_eq!(
			(flow.claimed, flow.treasury_due),
			(flow_before.claimed + amount, flow_before.treasury_due + forfeited),
			"the money flow after a claim of {amount} forfeiting {forfeited}"
		);
		self.expect_deltas(
			"claim",
			&a,
			&[(who, amount as i128, 0), (crate::chain::revenue_account(), -(amount as i128), 0)],
		);
		Some(more)
	}

	/// Claims until the claim says there is no more: everything owed must be paid, to the
	/// planck, in at most one claim per `MaxClaimBatch` contributions (plus one).
	pub(super) fn claim_all(&mut self, by: Who) {
		let s = self.account_where(by, |a| entitlement(a) > 0);
		let who = self.id(s);
		let owned = pallet_datanets::Pallet::<Runtime>::owned_contributions(&who, None).count();
		let batch =
			<<Runtime as pallet_revenue::Config>::MaxClaimBatch as Get<u32>>::get() as usize;
		let refused = |h: &Self| h.chain.stats.calls.get("Revenue::claim").map_or(0, |o| o.invalid);
		let refused_before = refused(self);
		for _ in 0..owned / batch + 3 {
			match self.claim(s) {
				Some(more) if more || entitlement(&who) > 0 => continue,
				Some(_) | None => break,
			}
		}
		// Only an account whose claim was refused for want of the fee may stop short.
		let left = entitlement(&who);
		assert!(
			left == 0 || refused(self) > refused_before,
			"block {}: {who} still owed {left} after claiming everything (owns {owned})",
			self.now()
		);
	}
}

use frame_support::traits::Get;
