//! The model: for every op, what the call must do given the state before it — which calls
//! must succeed, which must fail and with which error, and the exact balance change of every
//! account when they succeed. Every call's result is checked against it; nothing is thrown
//! away.
//!
//! The model reads the state before each call (the items the call names, the signer's
//! balance) and states its expectation from the pallets' documented rules, written here
//! independently of the pallets' code.

mod attribution;
mod datanets;
pub mod idle;
mod models;
mod money;

use std::collections::BTreeMap;

use codec::{Encode, MaxEncodedLen};
use frame_support::BoundedVec;
use sp_core::H256;
use sp_runtime::DispatchError;
use tributary_primitives::{
	AccountId, Balance, BlockNumber, ContributionId, DatanetId, LicenseTerms, ModelId, ModelVersion,
};
use tributary_runtime::{Runtime, RuntimeCall, RuntimeEvent};

use crate::{
	chain::{self, keys, Applied, Chain, Submitted, ED},
	check::Ledger,
	ops::*,
};

/// Whether a call can be paid for, beyond the fee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Funds {
	/// The signer has comfortably more than the call needs: it must not fail for money.
	Enough,
	/// The signer cannot keep the existential deposit after what the call needs: it must fail
	/// with a token or arithmetic error (unless another error comes first).
	Short,
	/// In between (the amount needed is known only within bounds): either way.
	Unsure,
}

impl Funds {
	/// Judges `free` (after the fee) against needing between `low` and `high` more, keeping
	/// the existential deposit.
	pub fn judge(free: Balance, low: Balance, high: Balance) -> Funds {
		if free >= ED.saturating_add(high) {
			Funds::Enough
		} else if free < ED.saturating_add(low) && low > 0 {
			Funds::Short
		} else {
			Funds::Unsure
		}
	}
}

/// Whether two dispatch errors are the same variant (module errors compare pallet and
/// variant, not the variant's fields).
pub fn same_error(a: &DispatchError, b: &DispatchError) -> bool {
	match (a, b) {
		(DispatchError::Module(x), DispatchError::Module(y)) => {
			x.index == y.index && x.error[0] == y.error[0]
		}
		_ => a == b,
	}
}

/// Whether `e` is a failure to find the money (token or arithmetic error).
pub fn is_funds_error(e: &DispatchError) -> bool {
	matches!(e, DispatchError::Token(_) | DispatchError::Arithmetic(_))
}

/// The runtime's deposit for a record of `bytes` bytes.
pub fn record_deposit(bytes: usize) -> Balance {
	tributary_primitives::record_deposit(
		tributary_runtime::configs::RecordDepositBase::get(),
		tributary_runtime::configs::RecordDepositPerByte::get(),
		bytes,
	)
}

/// The largest deposit a record of type `R` (at most `extra` more bytes) can need.
pub fn max_deposit<R: MaxEncodedLen>(extra: usize) -> Balance {
	record_deposit(R::max_encoded_len().saturating_add(extra))
}

/// Expected balance changes: account, free delta, reserved delta.
pub type Deltas = Vec<(AccountId, i128, i128)>;

/// Drives the chain with ops and checks each against the model.
pub struct Harness {
	/// The chain.
	pub chain: Chain,
	/// Account ids by harness index.
	ids: Vec<AccountId>,
	/// Harness index by account id.
	index: BTreeMap<AccountId, usize>,
	/// The first account that ever registered each content hash.
	first_registrant: BTreeMap<H256, AccountId>,
	/// Contributions by datanet, in id order (from the events).
	by_datanet: BTreeMap<DatanetId, Vec<ContributionId>>,
	/// Every training record written (from the events).
	training_records: Vec<(ModelId, ModelVersion)>,
	/// Counter behind fresh content hashes.
	fresh: u64,
	/// Print every op and its outcome (`TRIBUTARY_HARNESS_TRACE=1`).
	trace: bool,
}

impl Harness {
	/// A harness over a chain at block 1 of genesis.
	pub fn new() -> Self {
		let ids = keys().ids.clone();
		let index = ids.iter().enumerate().map(|(i, id)| (id.clone(), i)).collect();
		Harness {
			chain: Chain::start(),
			ids,
			index,
			first_registrant: BTreeMap::new(),
			by_datanet: BTreeMap::new(),
			training_records: Vec::new(),
			fresh: 0,
			trace: std::env::var_os("TRIBUTARY_HARNESS_TRACE").is_some(),
		}
	}

	/// The current block number.
	pub fn now(&self) -> BlockNumber {
		self.chain.number
	}

	/// How many signing accounts there are.
	pub fn accounts(&self) -> usize {
		self.ids.len()
	}

	/// The signing account `w` names: one of the well-funded accounts (the dev keyring and
	/// the 100 TRIB ones) three times in four, else one of the poor or empty ones.
	pub fn who(&self, w: Who) -> usize {
		let funded = chain::funded_accounts();
		if w.0 < 192 {
			w.0 as usize % funded
		} else {
			funded + w.0 as usize % (self.ids.len() - funded)
		}
	}

	/// The signing account `by` names, four times in five one for which `fits` holds when
	/// there is one (for calls that only do something for the few accounts in the right
	/// state: attestors, claimants).
	/// (The first such account from index `by`, so the search usually stops early.)
	pub fn account_where(&self, by: Who, fits: impl Fn(&AccountId) -> bool) -> usize {
		if by.0.is_multiple_of(5) {
			return self.who(by);
		}
		let n = self.accounts();
		let start = by.0 as usize % n;
		(0..n).map(|k| (start + k) % n).find(|i| fits(&self.id(*i))).unwrap_or_else(|| self.who(by))
	}

	/// The account id of signing account `i`.
	pub fn id(&self, i: usize) -> AccountId {
		self.ids[i].clone()
	}

	/// The harness index of `who`, when it is a signing account.
	pub fn index_of(&self, who: &AccountId) -> Option<usize> {
		self.index.get(who).copied()
	}

	/// The account a target names.
	pub fn target(&self, t: Target) -> AccountId {
		match t {
			Target::Account(w) => self.id(self.who(w)),
			Target::Existing(n) => self.id(self.who(Who(n))),
			Target::Fresh(n) => chain::fresh_account(n),
			Target::RevenuePallet => chain::revenue_account(),
			Target::Treasury => chain::treasury_account(),
			Target::OtherPallet => chain::other_pallet_account(),
		}
	}

	/// The signer an actor stands for: the rightful account when it is one of ours.
	pub fn signer(&self, actor: Actor, rightful: Option<&AccountId>) -> usize {
		match actor {
			Actor::Rightful => rightful.and_then(|r| self.index_of(r)).unwrap_or(0),
			Actor::Stranger(w) => self.who(w),
		}
	}

	/// Free balance of `who`.
	pub fn free(&self, who: &AccountId) -> Balance {
		frame_system::Account::<Runtime>::get(who).data.free
	}

	/// Resolves an amount for signer `who`.
	pub fn amount(&self, a: Amount, who: &AccountId) -> Balance {
		let free = self.free(who);
		match a {
			Amount::Tiny(n) => n as Balance,
			Amount::Small(n) => n as Balance,
			Amount::Ed => ED,
			Amount::EdMinusOne => ED - 1,
			Amount::EdPlusOne => ED + 1,
			Amount::Trib(n) => n as Balance * tributary_runtime::TRIB,
			Amount::FractionOfFree(n) => free / 256 * n as Balance,
			Amount::AllFree => free,
			Amount::AllButEd => free.saturating_sub(ED),
			Amount::Max => Balance::MAX,
		}
	}

	/// `len` bytes (within `max`) of filler.
	pub fn bytes<B: frame_support::traits::Get<u32>>(len: Len, tag: u8) -> BoundedVec<u8, B> {
		let n = match len {
			Len::Empty => 0,
			Len::Short(n) => (n as u32).min(B::get()),
			Len::Max => B::get(),
		};
		BoundedVec::truncate_from(vec![tag; n as usize])
	}

	/// A content hash nobody has registered.
	pub fn fresh_hash(&mut self) -> H256 {
		self.fresh += 1;
		chain::hash_of((b"tributary-harness/content", self.fresh))
	}

	/// Picks an id in `0..count` (ids are dense), preferring one for which `prefer` holds
	/// (`Newest`: the newest such id among the last 24).
	pub fn pick(p: Pick, count: u64, prefer: impl Fn(u64) -> bool) -> u64 {
		if count == 0 {
			return 0;
		}
		match p {
			Pick::Unknown => count + 7,
			Pick::Newest => (0..count.min(24))
				.map(|k| count - 1 - k)
				.find(|id| prefer(*id))
				.unwrap_or(count - 1),
			Pick::Live(n) => {
				let start = n as u64 % count;
				(0..count.min(24))
					.map(|k| (start + k) % count)
					.find(|id| prefer(*id))
					.unwrap_or(start)
			}
		}
	}

	/// Picks from a list, preferring an element for which `prefer` holds.
	pub fn pick_in<T: Copy>(p: Pick, list: &[T], prefer: impl Fn(&T) -> bool) -> Option<T> {
		if list.is_empty() || p == Pick::Unknown {
			return None;
		}
		let i = Self::pick(p, list.len() as u64, |i| prefer(&list[i as usize]));
		list.get(i as usize).copied()
	}

	/// Licence terms from a selector, expiring relative to now.
	pub fn licence(&self, l: Licence) -> LicenseTerms<BlockNumber> {
		let bit = |b: u8| l.restrict.is_some_and(|r| r & (1 << b) != 0);
		let now = self.now();
		LicenseTerms {
			train: !bit(0),
			fine_tune: !bit(1),
			retrieval: !bit(2),
			commercial: !bit(3),
			derivatives: !bit(4),
			expires_at: match l.expiry {
				Expiry::Never => None,
				Expiry::Past => Some(now.saturating_sub(1)),
				Expiry::Soon(n) => Some(now + 1 + n as BlockNumber % 8),
				Expiry::Far => Some(BlockNumber::MAX),
			},
			legal_text_hash: H256::repeat_byte(l.restrict.unwrap_or(0xff)),
		}
	}

	/// Submits `call` signed by account `signer`. Returns the applied extrinsic, or `None`
	/// when it was refused as invalid — which must be because the signer could not pay the
	/// fee (the harness always signs with the right nonce, era and genesis).
	pub fn submit(&mut self, signer: usize, call: RuntimeCall) -> Option<Applied> {
		let name = chain::call_name(&call);
		match self.chain.submit(signer, call) {
			Submitted::Applied(a) => {
				self.observe(&a.events);
				if self.trace {
					eprintln!(
						"#{} {} by {}: {:?} (fee {})",
						self.now(),
						name,
						signer,
						a.result.map_err(|e| crate::stats::error_name(&e)),
						a.fee
					);
				}
				Some(a)
			}
			Submitted::Invalid(e, estimate) => {
				let who = self.id(signer);
				let free = self.free(&who);
				assert!(
					matches!(
						e,
						sp_runtime::transaction_validity::TransactionValidityError::Invalid(
							sp_runtime::transaction_validity::InvalidTransaction::Payment
						)
					),
					"block {}: {name} by {signer} refused as {e:?}",
					self.now()
				);
				assert!(
					free < ED.saturating_add(estimate),
					"block {}: {name} by {signer} refused for its fee {estimate}, but it has {free}",
					self.now()
				);
				if self.trace {
					eprintln!("#{} {name} by {signer}: invalid {e:?}", self.now());
				}
				None
			}
		}
	}

	/// Learns from the events of an applied call: first registrants of content hashes,
	/// contributions per datanet, training records, and the money the treasury and the
	/// revenue pallet's books must show.
	fn observe(&mut self, events: &[RuntimeEvent]) {
		for event in events {
			match event {
				RuntimeEvent::Datanets(pallet_datanets::Event::ContributionSubmitted {
					contribution,
					datanet,
					owner,
					content_hash,
					..
				}) => {
					self.first_registrant.entry(*content_hash).or_insert_with(|| owner.clone());
					self.by_datanet.entry(*datanet).or_default().push(*contribution);
				}
				RuntimeEvent::Datanets(pallet_datanets::Event::ContributionFlaggedMalicious {
					slashed,
					..
				}) => self.ledger().treasury += slashed,
				RuntimeEvent::Attribution(pallet_attribution::Event::TrainingAttributed {
					model,
					version,
					..
				}) => self.training_records.push((*model, *version)),
				RuntimeEvent::Attribution(pallet_attribution::Event::DisputeUpheld {
					slashed,
					..
				})
				| RuntimeEvent::Attribution(pallet_attribution::Event::DisputeDismissed {
					slashed,
					..
				}) => self.ledger().treasury += slashed,
				// The treasury's part stays in the revenue account until the end of the block
				// (`on_idle` sends it on; see `idle`).
				RuntimeEvent::Revenue(pallet_revenue::Event::FeeSplit { breakdown, .. }) => {
					let ledger = self.ledger();
					ledger.fees_in += breakdown.fee;
					ledger.treasury_due += breakdown.treasury;
				}
				RuntimeEvent::Revenue(pallet_revenue::Event::Claimed { amount, .. }) => {
					self.ledger().claimed += amount
				}
				RuntimeEvent::Revenue(pallet_revenue::Event::PoolShareForfeited {
					amount, ..
				}) => self.ledger().treasury_due += amount,
				RuntimeEvent::Revenue(pallet_revenue::Event::TreasurySwept { .. }) => {
					panic!("block {}: the treasury was swept by an extrinsic", self.now())
				}
				_ => {}
			}
		}
	}

	/// The harness's ledger of the protocol accounts.
	pub fn ledger(&mut self) -> &mut Ledger {
		&mut self.chain.ledger
	}

	/// Notes money users sent to a protocol account outside the protocol.
	pub fn note_donation(&mut self, to: &AccountId, amount: Balance) {
		if *to == chain::revenue_account() {
			self.ledger().revenue_surplus += amount;
		} else if *to == chain::treasury_account() {
			self.ledger().treasury += amount;
		}
	}

	/// Checks the outcome of an applied call against the model: with `must_fail` non-empty
	/// it must fail with one of those errors (or a funds error when `funds` is not
	/// `Enough`); otherwise it must succeed when `funds` is `Enough`, fail with a funds
	/// error when `Short`, and may do either when `Unsure`. A failed call must have changed
	/// nothing but the signer's fee. Returns whether it succeeded.
	pub fn judge(
		&self,
		what: &str,
		a: &Applied,
		must_fail: &[DispatchError],
		funds: Funds,
	) -> bool {
		let at = format!("block {}: {what} by {}", self.now(), a.signer);
		match (&a.result, must_fail.is_empty()) {
			(Ok(()), false) => {
				panic!("{at} succeeded; the model expected one of {:?}", names(must_fail))
			}
			(Ok(()), true) => {
				assert!(funds != Funds::Short, "{at} succeeded though the signer cannot afford it")
			}
			(Err(e), false) => assert!(
				must_fail.iter().any(|m| same_error(m, e))
					|| (funds != Funds::Enough && is_funds_error(e)),
				"{at} failed with {}; the model expected one of {:?}",
				crate::stats::error_name(e),
				names(must_fail)
			),
			(Err(e), true) => assert!(
				funds != Funds::Enough && is_funds_error(e),
				"{at} failed with {}; the model expected success (funds {funds:?})",
				crate::stats::error_name(e)
			),
		}
		if a.result.is_err() {
			self.expect_deltas(what, a, &[]);
		}
		a.result.is_ok()
	}

	/// Checks that every account's balances moved exactly by `deltas` (free, reserved), the
	/// signer's free balance also by its fee, and that no other account changed at all.
	pub fn expect_deltas(&self, what: &str, a: &Applied, deltas: &[(AccountId, i128, i128)]) {
		let mut expected: BTreeMap<AccountId, (i128, i128)> = BTreeMap::new();
		expected.entry(a.signer.clone()).or_default().0 -= a.fee as i128;
		for (who, free, reserved) in deltas {
			let e = expected.entry(who.clone()).or_default();
			e.0 += free;
			e.1 += reserved;
		}
		let mut accounts: Vec<&AccountId> = a.before.keys().chain(a.after.keys()).collect();
		accounts.extend(expected.keys());
		accounts.sort();
		accounts.dedup();
		for who in accounts {
			let (f0, r0, _) = a.before.get(who).copied().unwrap_or_default();
			let (f1, r1, _) = a.after.get(who).copied().unwrap_or_default();
			let actual = (f1 as i128 - f0 as i128, r1 as i128 - r0 as i128);
			let want = expected.get(who).copied().unwrap_or_default();
			assert_eq!(
				actual,
				want,
				"block {}: {what} by {}: {who} moved (free, reserved) by {actual:?}, the model \
				 says {want:?} (result {:?})",
				self.now(),
				a.signer,
				a.result
			);
		}
	}

	/// Runs one op.
	pub fn apply(&mut self, op: Op) {
		if self.trace {
			eprintln!("#{} {op:?}", self.now());
		}
		match op {
			Op::NextBlock(skip) => {
				let skip = match skip {
					Skip::One => 1,
					Skip::Few(n) => 1 + n as BlockNumber % 20,
					Skip::PastDisputePeriod => dispute_period() + 1,
				};
				self.next_block(skip);
			}
			Op::Transfer { from, to, amount, keep_alive } => {
				self.transfer(from, to, amount, keep_alive)
			}
			Op::TransferAll { from, to, keep_alive } => self.transfer_all(from, to, keep_alive),
			Op::Burn { from, amount, keep_alive } => self.burn(from, amount, keep_alive),
			Op::Remark { from, kib } => self.remark(from, kib),
			Op::Sudo { by, op } => self.sudo(by, op),
			Op::CreateDatanet { curator, name, uri, review, licence } => {
				self.create_datanet(curator, name, uri, review, licence)
			}
			Op::UpdateDatanet { by, datanet, uri, licence } => {
				self.update_datanet(by, datanet, uri, licence)
			}
			Op::CloseDatanet { by, datanet } => self.close_datanet(by, datanet),
			Op::Contribute { from, datanet, hash, size, uri, metadata } => {
				let from = self.who(from);
				self.contribute(from, datanet, hash, size, uri, metadata);
			}
			Op::ContributeBatch { from, datanet, batch } => {
				self.contribute_batch(from, datanet, batch)
			}
			Op::Accept { by, contribution, weight } => self.accept(by, contribution, weight),
			Op::Reject { by, contribution } => self.reject(by, contribution),
			Op::Flag { by, contribution } => self.flag(by, contribution),
			Op::Withdraw { by, contribution } => self.withdraw(by, contribution),
			Op::Publish { by, datanet } => self.publish(by, datanet),
			Op::RegisterModel { owner, base, training, uses, price, split, name, uri } => {
				self.register_model(owner, base, training, uses, price, split, name, uri)
			}
			Op::AddVersion { by, model, training } => self.add_version(by, model, training),
			Op::SetStatus { by, model, status } => self.set_status(by, model, status),
			Op::SetPrice { by, model, price } => self.set_price(by, model, price),
			Op::SetSplit { by, model, split } => self.set_split(by, model, split),
			Op::UpdateModelMetadata { by, model, uri } => {
				self.update_model_metadata(by, model, uri)
			}
			Op::AddOperator { by, model, operator } => self.add_operator(by, model, operator),
			Op::RemoveOperator { by, model, operator } => self.remove_operator(by, model, operator),
			Op::RecordTraining { by, model, version, influences } => {
				self.record_training(by, model, version, influences)
			}
			Op::PayInference { payer, model, version, operator, fee, attributions } => {
				self.pay_inference(payer, model, version, operator, fee, attributions)
			}
			Op::Challenge { by, record } => self.challenge(by, record),
			Op::ReleaseRecordDeposit { by, record } => self.release_record_deposit(by, record),
			Op::Claim { by } => {
				let by = self.account_where(by, |a| money::entitlement(a) > 0);
				self.claim(by);
			}
			Op::ClaimAll { by } => self.claim_all(by),
			Op::OfferOwnership { by, model, to } => self.offer_ownership(by, model, to),
			Op::AcceptOwnership { by, model, max } => self.accept_ownership(by, model, max),
			Op::CancelOwnershipOffer { by, model } => self.cancel_ownership_offer(by, model),
			Op::RemoveModel { by, model } => self.remove_model(by, model),
			Op::BondAttestor { by } => self.bond_attestor(by),
			Op::UnbondAttestor { by } => self.unbond_attestor(by),
			Op::WithdrawAttestorBond { by } => self.withdraw_attestor_bond(by),
			Op::OfferCuratorship { by, datanet, to } => self.offer_curatorship(by, datanet, to),
			Op::AcceptCuratorship { by, datanet, max } => self.accept_curatorship(by, datanet, max),
			Op::CancelCuratorshipOffer { by, datanet } => {
				self.cancel_curatorship_offer(by, datanet)
			}
			Op::RetireDatanet { by, datanet } => self.retire_datanet(by, datanet),
			Op::NameAttestor { by, model, attestor, name } => {
				self.name_attestor(by, model, attestor, name)
			}
		}
	}

	/// Moves to a new block, then tops up the funded accounts that ran low (see
	/// [`Harness::faucet`]).
	pub fn next_block(&mut self, skip: BlockNumber) {
		self.chain.next_block(skip);
		self.faucet();
	}

	/// Keeps the run going: the sudo key (Alice) sets the balance of every dev keyring
	/// account below 2,000 TRIB back to 50,000 TRIB, and of every 100 TRIB account below
	/// 5 TRIB back to 100 TRIB — real `sudo(force_set_balance)` extrinsics, checked like any
	/// other. (Ops drain accounts on purpose; without this the well-funded accounts would
	/// be poor by the end of a long run.)
	fn faucet(&mut self) {
		let trib = tributary_runtime::TRIB;
		for i in 0..chain::funded_accounts() {
			let (low, refill) = if i < chain::keyring_accounts() {
				(2_000 * trib, 50_000)
			} else {
				(5 * trib, 100)
			};
			if self.free(&self.id(i)) < low {
				let (call, check) = Self::set_balance(self.id(i), refill * trib);
				self.sudo_call(Actor::Rightful, call, check);
			}
		}
	}

	/// The source of an op that may take an account's whole balance: as [`Harness::who`],
	/// but never Alice, the sudo key, who must keep paying for the faucet's calls.
	pub fn spender(&self, w: Who) -> usize {
		match self.who(w) {
			0 => 1,
			i => i,
		}
	}

	/// The `max_deposit` a selector names for a deposit of `deposit`.
	pub fn max_signed_for(max: MaxDeposit, deposit: Balance) -> Balance {
		match max {
			MaxDeposit::Exact => deposit,
			MaxDeposit::Any => Balance::MAX,
			MaxDeposit::OneShort => deposit.saturating_sub(1),
		}
	}

	/// Checks the node's offchain history (persisted since the last call) for every inference
	/// record noted since: the record reads as it must through the runtime's own reads (from
	/// state while it is in its dispute period, else from the history), and each of its list
	/// entries — in each attributed contribution's usage list, its model's and its payer's —
	/// points at it. Needs the offchain database extension (registered by [`crate::run_with`]).
	pub fn check_history(&mut self) {
		type A = pallet_attribution::Pallet<Runtime>;
		for (id, record) in std::mem::take(&mut self.chain.history) {
			let at = format!("block {}: inference {id}", self.now());
			// (Compared encoded: the record's bound has no `PartialEq`.)
			assert_eq!(
				A::inference_record(id).map(|r| r.encode()),
				Some(record.encode()),
				"{at}: the record reads"
			);
			let mut lists = vec![
				("model", A::inferences_of_model(record.model, record.model_position, 1)),
				("payer", A::inferences_of_payer(&record.payer, record.payer_position, 1)),
			];
			for ((c, _), position) in record.attributions.iter().zip(&record.positions) {
				lists.push(("usage", A::usage_of(*c, *position, 1)));
			}
			for (list, page) in &lists {
				assert_eq!(
					(&page.inferences, page.unavailable),
					(&vec![id], 0),
					"{at}: its entry in its {list} list"
				);
			}
			self.chain.stats.archive.history_checked += 1 + lists.len() as u32;
		}
	}

	/// Ends the run: finalizes the last block (checking every invariant after it) and checks
	/// that every pool can pay what it owes.
	pub fn finish(&mut self) {
		self.chain.next_block(1);
		crate::check::pools_solvent(self.now());
	}
}

impl Default for Harness {
	fn default() -> Self {
		Self::new()
	}
}

/// The chain's dispute period (genesis sets it: ten blocks on the `dev` chain the harness
/// builds).
pub fn dispute_period() -> BlockNumber {
	pallet_attribution::DisputePeriod::<Runtime>::get()
}

/// Names of errors, for messages.
fn names(errors: &[DispatchError]) -> Vec<String> {
	errors.iter().map(crate::stats::error_name).collect()
}
