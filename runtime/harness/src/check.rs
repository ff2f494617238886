//! Invariants checked after every block.

use std::collections::BTreeMap;

use frame_support::traits::{fungible::Inspect, VariantCount};
use tributary_primitives::{AccountId, Balance};
use tributary_runtime::{Runtime, RuntimeHoldReason};

use crate::chain::{revenue_account, treasury_account, ED};

/// Every Tributary pallet's own invariants (`do_try_state`, called directly: the harness
/// enables the pallets' `try-runtime` feature, not the runtime's, so no try-runtime build of
/// the runtime is needed); with `guarded`, under a guard that fails if one writes (it
/// computes the storage root before and after, so not after every block).
pub fn pallets_try_state(block: u32, guarded: bool) {
	let _guard = guarded.then(|| {
		frame_support::StorageNoopGuard::from_error_message("a try_state wrote to storage")
	});
	let checks: [(&str, fn() -> Result<(), sp_runtime::TryRuntimeError>); 4] = [
		("datanets", pallet_datanets::Pallet::<Runtime>::do_try_state),
		("models", pallet_models::Pallet::<Runtime>::do_try_state),
		("attribution", pallet_attribution::Pallet::<Runtime>::do_try_state),
		("revenue", pallet_revenue::Pallet::<Runtime>::do_try_state),
	];
	for (pallet, check) in checks {
		if let Err(e) = check() {
			panic!("block {block}: pallet-{pallet} try_state failed: {e:?}");
		}
	}
}

/// pallet-balances' invariants (its own `try_state` is behind `try-runtime`), and money
/// conserved to the planck: the total issuance is the sum of every account's free and
/// reserved balance.
///
/// Per account: the holds sum to its reserved balance exactly (nothing in this runtime
/// reserves outside holds), each hold is non-zero and at most one per reason, there are no
/// locks or freezes and so nothing frozen, an account with holds has a consumer reference,
/// no account has consumers without providers, and every live account keeps at least the
/// existential deposit free.
pub fn balances(block: u32) -> Balance {
	let mut total: Balance = 0;
	let mut accounts = 0u32;
	let known = crate::chain::known_accounts();
	for (who, info) in frame_system::Account::<Runtime>::iter() {
		accounts += 1;
		assert!(
			known.binary_search(&who).is_ok(),
			"block {block}: an account no op names came to exist: {who}"
		);
		let data = info.data;
		total = total
			.checked_add(data.free)
			.and_then(|t| t.checked_add(data.reserved))
			.unwrap_or_else(|| panic!("block {block}: balances overflow u128"));
		let holds = pallet_balances::Holds::<Runtime>::get(&who);
		let held: Balance = holds.iter().map(|h| h.amount).sum();
		assert_eq!(
			held, data.reserved,
			"block {block}: {who}: holds {held} != reserved {}",
			data.reserved
		);
		let mut reasons: Vec<RuntimeHoldReason> = holds.iter().map(|h| h.id).collect();
		reasons.sort_by_key(codec::Encode::encode);
		reasons.dedup();
		assert_eq!(reasons.len(), holds.len(), "block {block}: {who}: two holds for one reason");
		assert!(
			holds.len() as u32 <= RuntimeHoldReason::VARIANT_COUNT,
			"block {block}: {who}: more holds than reasons"
		);
		assert!(holds.iter().all(|h| h.amount > 0), "block {block}: {who}: an empty hold");
		assert!(
			pallet_balances::Locks::<Runtime>::get(&who).is_empty()
				&& pallet_balances::Freezes::<Runtime>::get(&who).is_empty(),
			"block {block}: {who}: locks or freezes appeared"
		);
		assert_eq!(data.frozen, 0, "block {block}: {who}: frozen without locks or freezes");
		assert!(
			info.consumers == 0 || info.providers > 0,
			"block {block}: {who}: consumers without providers"
		);
		assert!(
			holds.is_empty() || info.consumers > 0,
			"block {block}: {who}: holds without a consumer reference"
		);
		assert!(
			data.free >= ED || (data.free == 0 && data.reserved == 0),
			"block {block}: {who}: free {} below the existential deposit (reserved {})",
			data.free,
			data.reserved
		);
	}
	let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
	assert_eq!(
		issuance, total,
		"block {block}: total issuance {issuance} != sum of {accounts} accounts' balances {total}"
	);
	assert_eq!(
		pallet_balances::InactiveIssuance::<Runtime>::get(),
		0,
		"block {block}: inactive issuance appeared"
	);
	issuance
}

/// What the harness expects the two protocol accounts to hold, from the events it saw.
#[derive(Default, Debug, Clone)]
pub struct Ledger {
	/// Revenue account: what it held at genesis plus what users sent it outside the revenue
	/// pallet (it then holds exactly that plus everything the revenue pallet owes).
	pub revenue_surplus: Balance,
	/// Treasury: what it held at genesis, every sweep of its due, every slash the events
	/// reported, and what users sent it.
	pub treasury: Balance,
	/// Every fee paid into the revenue pallet (`FeeSplit` events).
	pub fees_in: Balance,
	/// Every claim paid (`Claimed` events).
	pub claimed: Balance,
	/// Everything the revenue pallet sent the treasury (`TreasurySwept` at the end of
	/// blocks, each checked against the due before it).
	pub to_treasury: Balance,
	/// What the revenue pallet owes the treasury and has not sent yet: every fee's treasury
	/// part (`FeeSplit`) and every forfeited pool share (`PoolShareForfeited`), less the
	/// sweeps.
	pub treasury_due: Balance,
}

impl Ledger {
	/// The ledger at genesis.
	pub fn at_genesis() -> Self {
		Ledger {
			revenue_surplus: pallet_balances::Pallet::<Runtime>::balance(&revenue_account()),
			treasury: pallet_balances::Pallet::<Runtime>::balance(&treasury_account()),
			..Default::default()
		}
	}
}

/// The revenue pallet's books against the harness's ledger, to the planck: the revenue
/// account holds exactly what the pallet owes (claimable, attributed shares not yet settled,
/// pools, the treasury's due) plus its surplus; the treasury holds exactly what the events
/// sent it; the pallet's money-flow totals match the events; and money is conserved:
/// `fees_in == claimed + Σ claimable + Σ unsettled + Σ pools + to_treasury + treasury_due`.
pub fn revenue_books(block: u32, ledger: &Ledger) {
	let claimable: Balance =
		pallet_revenue::Earnings::<Runtime>::iter_values().map(|e| e.claimable()).sum();
	let unsettled: Balance =
		pallet_revenue::ContributionAccounts::<Runtime>::iter_values().map(|a| a.unsettled).sum();
	let pooled: Balance = pallet_revenue::Pools::<Runtime>::iter_values().map(|p| p.balance).sum();
	let flow = pallet_revenue::Flow::<Runtime>::get();
	let revenue = pallet_balances::Pallet::<Runtime>::balance(&revenue_account());
	assert_eq!(
		revenue,
		ledger.revenue_surplus + claimable + unsettled + pooled + flow.treasury_due,
		"block {block}: the revenue account holds {revenue}, it owes {claimable} claimable + \
		 {unsettled} unsettled + {pooled} pooled + {} due the treasury on top of its surplus {}",
		flow.treasury_due,
		ledger.revenue_surplus
	);
	let treasury = pallet_balances::Pallet::<Runtime>::balance(&treasury_account());
	assert_eq!(
		treasury, ledger.treasury,
		"block {block}: the treasury holds other than what the events sent it"
	);
	assert_eq!(flow.fees_in, ledger.fees_in, "block {block}: fees in != the FeeSplit events' fees");
	assert_eq!(flow.claimed, ledger.claimed, "block {block}: claimed != the Claimed events");
	assert_eq!(
		flow.to_treasury, ledger.to_treasury,
		"block {block}: sent to the treasury != the TreasurySwept events"
	);
	assert_eq!(
		flow.treasury_due, ledger.treasury_due,
		"block {block}: due the treasury != the FeeSplit and PoolShareForfeited events less \
		 the sweeps"
	);
	assert_eq!(
		flow.fees_in,
		flow.claimed + claimable + unsettled + pooled + flow.to_treasury + flow.treasury_due,
		"block {block}: money is not conserved in the revenue pallet"
	);
}

/// Every datanet's pool can pay what its contributions have accrued and not yet settled
/// (their pool shares, forfeited ones included; attributed shares are not the pool's).
/// O(contributions): run every few blocks and at the end.
pub fn pools_solvent(block: u32) {
	let mut pending: BTreeMap<u32, Balance> = BTreeMap::new();
	for id in pallet_datanets::Contributions::<Runtime>::iter_keys() {
		if let Some(s) = pallet_revenue::Pallet::<Runtime>::settlement(id) {
			*pending.entry(s.datanet).or_default() += s.amount;
		}
	}
	for (datanet, owed) in pending {
		let pool = pallet_revenue::Pools::<Runtime>::get(datanet).balance;
		assert!(
			pool >= owed,
			"block {block}: datanet {datanet}'s pool holds {pool} but owes {owed} unsettled"
		);
	}
}

/// Checks that every account's balances moved from `before` to `after` exactly by
/// `expected` (free, reserved), and that no other account changed at all.
pub fn deltas(
	what: &str,
	before: &crate::chain::Snapshot,
	after: &crate::chain::Snapshot,
	expected: &BTreeMap<AccountId, (i128, i128)>,
) {
	let mut accounts: Vec<&AccountId> = before.keys().chain(after.keys()).collect();
	accounts.extend(expected.keys());
	accounts.sort();
	accounts.dedup();
	for who in accounts {
		let (f0, r0, _) = before.get(who).copied().unwrap_or_default();
		let (f1, r1, _) = after.get(who).copied().unwrap_or_default();
		let actual = (f1 as i128 - f0 as i128, r1 as i128 - r0 as i128);
		let want = expected.get(who).copied().unwrap_or_default();
		assert_eq!(
			actual, want,
			"{what}: {who} moved (free, reserved) by {actual:?}, the model says {want:?}"
		);
	}
}

/// Accounts other than the signer whose balances changed, for messages.
pub fn changed(before: &crate::chain::Snapshot, after: &crate::chain::Snapshot) -> Vec<AccountId> {
	let mut keys: Vec<&AccountId> = before.keys().chain(after.keys()).collect();
	keys.sort();
	keys.dedup();
	keys.into_iter().filter(|k| before.get(*k) != after.get(*k)).cloned().collect()
}
