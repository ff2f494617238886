//! The chain under test: genesis from the runtime's own `dev` preset plus the harness's
//! accounts, blocks built as the node's block builder builds them, and signed extrinsics
//! applied through `Executive` with the runtime's real transaction extensions.

use std::{collections::BTreeMap, sync::OnceLock};

use codec::Encode;
use frame_support::{
	dispatch::{DispatchClass, GetDispatchInfo},
	storage::{with_transaction, with_transaction_unchecked, TransactionOutcome},
	weights::Weight,
	PalletId,
};
use pallet_attribution::InferenceRecordOf;
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::{crypto::Pair as _, sr25519, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::{AccountIdConversion, Dispatchable, Header as _},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	BuildStorage, DispatchError, MultiAddress, MultiSignature, Storage,
};
use tributary_primitives::{AccountId, Balance, BlockNumber, InferenceId};
use tributary_runtime::{
	configs::{RevenuePalletId, TreasuryAccount},
	genesis_config_presets::{development_config_genesis, DEV_ENDOWMENT},
	Executive, Header, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, SignedPayload,
	TxExtension, UncheckedExtrinsic, EXISTENTIAL_DEPOSIT, SLOT_DURATION, TRIB,
};

use crate::{
	check::{self, Ledger},
	stats::Stats,
};

/// Calls that report their actual weight (return `DispatchResultWithPostInfo`).
const REPORTS_WEIGHT: &[&str] =
	&["Revenue::claim", "Models::remove_model", "Attribution::pay_inference", "Sudo::sudo"];

/// The existential deposit.
pub const ED: Balance = EXISTENTIAL_DEPOSIT;

/// The harness's signing accounts: the dev keyring accounts the `dev` preset endows (Alice,
/// the sudo key, first), then derived accounts with small, ED-edge or no balances.
pub struct Keys {
	/// Their key pairs.
	pub pairs: Vec<sr25519::Pair>,
	/// Their account ids.
	pub ids: Vec<AccountId>,
}

/// What each derived account starts with (0: never endowed).
const DERIVED_ENDOWMENTS: &[Balance] = &[
	100 * TRIB,
	100 * TRIB,
	100 * TRIB,
	100 * TRIB,
	100 * TRIB,
	100 * TRIB,
	2 * TRIB,
	2 * TRIB,
	2 * TRIB,
	2 * TRIB,
	3 * ED,
	3 * ED,
	3 * ED,
	ED,
	ED,
	0,
	0,
	0,
	0,
	0,
];

/// The keys, derived once per process.
pub fn keys() -> &'static Keys {
	static KEYS: OnceLock<Keys> = OnceLock::new();
	KEYS.get_or_init(|| {
		let mut pairs: Vec<sr25519::Pair> = Sr25519Keyring::iter()
			.filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
			.map(|k| k.pair())
			.collect();
		for i in 0..DERIVED_ENDOWMENTS.len() {
			pairs.push(sr25519::Pair::from_seed(&hash_of((b"tributary-harness/key", i as u32)).0));
		}
		let ids = pairs.iter().map(|p| AccountId::from(p.public())).collect();
		Keys { pairs, ids }
	})
}

/// How many accounts are well funded: the dev keyring's and the derived 100 TRIB ones
/// (they come first).
pub fn funded_accounts() -> usize {
	keyring_accounts() + DERIVED_ENDOWMENTS.iter().take_while(|a| **a >= 100 * TRIB).count()
}

/// How many accounts come from the dev keyring (endowed by the preset).
pub fn keyring_accounts() -> usize {
	keys().ids.len() - DERIVED_ENDOWMENTS.len()
}

/// The revenue pallet's account.
pub fn revenue_account() -> AccountId {
	RevenuePalletId::get().into_account_truncating()
}

/// The treasury.
pub fn treasury_account() -> AccountId {
	TreasuryAccount::get()
}

/// A `PalletId`-derived account no pallet of the runtime uses.
pub fn other_pallet_account() -> AccountId {
	PalletId(*b"py/trsry").into_account_truncating()
}

/// How many fresh accounts (never signing, never endowed at genesis) ops may name.
pub const FRESH_ACCOUNTS: u8 = 4;

/// An account that never signs and never had money (`n` modulo [`FRESH_ACCOUNTS`]).
pub fn fresh_account(n: u8) -> AccountId {
	AccountId::from(hash_of((b"tributary-harness/fresh", n % FRESH_ACCOUNTS)).0)
}

/// Every account an op can touch: the signing accounts, the protocol accounts, another
/// pallet account and the fresh accounts. No other account may ever exist (checked after
/// every block), so reading these is reading every balance.
pub fn known_accounts() -> &'static [AccountId] {
	static KNOWN: OnceLock<Vec<AccountId>> = OnceLock::new();
	KNOWN.get_or_init(|| {
		let mut known = keys().ids.clone();
		known.extend([revenue_account(), treasury_account(), other_pallet_account()]);
		known.extend((0..FRESH_ACCOUNTS).map(fresh_account));
		known.sort();
		known
	})
}

/// Merges the JSON `patch` into `base`, as the node merges a preset into the default config.
/// The genesis storage: the runtime's `dev` preset with the derived accounts endowed too.
pub fn genesis() -> &'static Storage {
	static GENESIS: OnceLock<Storage> = OnceLock::new();
	GENESIS.get_or_init(|| {
		let mut patch = development_config_genesis();
		let keyring = keyring_accounts();
		let list = patch
			.pointer_mut("/balances/balances")
			.and_then(|v| v.as_array_mut())
			.expect("the dev preset endows accounts");
		assert_eq!(list.len(), keyring, "the preset endows the dev keyring accounts");
		for (i, amount) in DERIVED_ENDOWMENTS.iter().enumerate() {
			if *amount > 0 {
				list.push(serde_json::json!([keys().ids[keyring + i], amount]));
			}
		}
		let config = tributary_runtime::genesis_config_presets::config_from_patch(patch)
			.expect("the merged preset is a genesis config");
		config.build_storage().expect("genesis builds")
	})
}

/// What every keyring account starts with.
pub const KEYRING_ENDOWMENT: Balance = DEV_ENDOWMENT;

/// Free balance, reserved balance and consumer references of every account in
/// `System::Account`.
pub type Snapshot = BTreeMap<AccountId, (Balance, Balance, Balance)>;

/// Reads the balances of every account that exists (see [`known_accounts`]).
pub fn snapshot() -> Snapshot {
	known_accounts().iter().filter_map(|who| read(who).map(|b| (who.clone(), b))).collect()
}

/// Free balance, reserved balance and consumers of `who`, if it exists.
fn read(who: &AccountId) -> Option<(Balance, Balance, Balance)> {
	frame_system::Account::<Runtime>::try_get(who)
		.ok()
		.map(|info| (info.data.free, info.data.reserved, info.consumers.into()))
}

/// The accounts a balance event names.
fn balance_event_accounts(event: &RuntimeEvent) -> Vec<&AccountId> {
	use pallet_balances::Event as B;
	let RuntimeEvent::Balances(event) = event else { return vec![] };
	match event {
		B::Endowed { account, .. } | B::DustLost { account, .. } => vec![account],
		B::Transfer { from, to, .. } | B::ReserveRepatriated { from, to, .. } => vec![from, to],
		B::TransferOnHold { source, dest, .. } | B::TransferAndHold { source, dest, .. } => {
			vec![source, dest]
		}
		B::BalanceSet { who, .. }
		| B::Reserved { who, .. }
		| B::Unreserved { who, .. }
		| B::Deposit { who, .. }
		| B::Withdraw { who, .. }
		| B::Slashed { who, .. }
		| B::Minted { who, .. }
		| B::Burned { who, .. }
		| B::Suspended { who, .. }
		| B::Restored { who, .. }
		| B::Upgraded { who }
		| B::Locked { who, .. }
		| B::Unlocked { who, .. }
		| B::Frozen { who, .. }
		| B::Thawed { who, .. }
		| B::Held { who, .. }
		| B::BurnedHeld { who, .. }
		| B::Released { who, .. } => vec![who],
		_ => vec![],
	}
}

/// An extrinsic that was applied (its call dispatched, successfully or not).
pub struct Applied {
	/// The signer.
	pub signer: AccountId,
	/// What the call returned.
	pub result: Result<(), DispatchError>,
	/// The events it emitted.
	pub events: Vec<RuntimeEvent>,
	/// The fee it paid (`TransactionFeePaid`'s `actual_fee + tip`).
	pub fee: Balance,
	/// Balances before.
	pub before: Snapshot,
	/// Balances after.
	pub after: Snapshot,
	/// The result and actual weight of the same call dispatched just before in a rolled-back
	/// storage transaction (before the fee was taken), when it was measured.
	pub dry_run: Option<(Result<(), DispatchError>, Option<Weight>)>,
}

/// What became of a submitted extrinsic.
pub enum Submitted {
	/// Included and dispatched.
	Applied(Applied),
	/// Refused by the transaction extensions (not included; rolled back), with the fee the
	/// extrinsic would have cost.
	Invalid(TransactionValidityError, Balance),
}

impl Submitted {
	/// The applied extrinsic; panics if it was refused as invalid.
	pub fn applied(self, what: &str) -> Applied {
		match self {
			Submitted::Applied(a) => a,
			Submitted::Invalid(e, _) => panic!("{what}: refused as invalid: {e:?}"),
		}
	}
}

/// The chain being built, block by block. Lives inside the externalities.
pub struct Chain {
	/// The block being built.
	pub number: BlockNumber,
	/// Its Aura slot.
	pub slot: u64,
	/// Its parent's hash.
	pub parent: H256,
	/// Extrinsics applied in this block (besides the timestamp inherent).
	pub in_block: u32,
	/// Calls per block before the harness moves to the next one
	/// ([`crate::MAX_CALLS_PER_BLOCK`] unless a scenario asks for fuller blocks).
	pub calls_per_block: u32,
	/// Counters.
	pub stats: Stats,
	/// What the protocol accounts must hold.
	pub ledger: Ledger,
	/// Calls submitted, to sample the dry runs.
	dry_runs: u64,
	/// Inference records and list entries the node's offchain history must hold once the
	/// changes are persisted (see [`crate::model::Harness::check_history`]): each record as
	/// it must read, by id.
	pub history: Vec<(InferenceId, InferenceRecordOf<Runtime>)>,
	/// Every known account's balances as the harness last read them. After each
	/// extrinsic the accounts its balance events name (and its signer) are read again;
	/// after each block all of them are, and must not have moved otherwise (a balance that
	/// changes without an event is a finding).
	mirror: Snapshot,
}

impl Chain {
	/// Opens block 1 on genesis.
	pub fn start() -> Self {
		let parent = frame_system::BlockHash::<Runtime>::get(0);
		let mut chain = Chain {
			number: 0,
			slot: 0,
			parent,
			in_block: 0,
			calls_per_block: crate::MAX_CALLS_PER_BLOCK,
			stats: Stats::default(),
			ledger: Ledger::at_genesis(),
			dry_runs: 0,
			history: Vec::new(),
			mirror: snapshot(),
		};
		chain.open(1, 1);
		chain
	}

	/// Opens block `number` at `slot`: `Executive::initialize_block` with an Aura pre-runtime
	/// digest, then the timestamp inherent as a bare extrinsic, as the block builder does.
	fn open(&mut self, number: BlockNumber, slot: u64) {
		self.number = number;
		self.slot = slot;
		self.in_block = 0;
		let digest = Digest {
			logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(slot).encode())],
		};
		let header = Header::new(number, H256::zero(), H256::zero(), self.parent, digest);
		Executive::initialize_block(&header);
		let moment = slot * SLOT_DURATION;
		let inherent =
			UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
				now: moment,
			}));
		let applied = Executive::apply_extrinsic(inherent);
		assert!(
			matches!(applied, Ok(Ok(()))),
			"block {number}: the timestamp inherent failed: {applied:?}"
		);
	}

	/// Finalizes the block being built (`Executive::finalize_block`), checks what its end
	/// did against the model ([`crate::model::idle`]: records archived, the treasury's due
	/// sent, to the planck), the block limits and every invariant, and opens the block `skip`
	/// numbers later (its slot one later per number).
	pub fn next_block(&mut self, skip: BlockNumber) {
		let length = <Runtime as frame_system::Config>::BlockLength::get();
		self.check_block_weight("after its extrinsics");
		let len: u32 = frame_system::Pallet::<Runtime>::block_size();
		assert!(len <= *length.max.get(DispatchClass::Normal), "block length {len} over the limit");
		let plan = crate::model::idle::plan(self.number);
		let events_before = event_count();
		let weight_before = frame_system::Pallet::<Runtime>::block_weight().total();
		let issuance_before = pallet_balances::TotalIssuance::<Runtime>::get();
		let to_treasury_before = pallet_revenue::Flow::<Runtime>::get().to_treasury;
		let header = Executive::finalize_block();
		self.check_block_weight("after on_idle and on_finalize");
		let events: Vec<RuntimeEvent> = frame_system::Pallet::<Runtime>::read_events_no_consensus()
			.skip(events_before as usize)
			.map(|e| e.event)
			.collect();
		assert_eq!(
			pallet_balances::TotalIssuance::<Runtime>::get(),
			issuance_before,
			"block {}: the issuance moved at the end of the block",
			self.number
		);
		let weight_used =
			frame_system::Pallet::<Runtime>::block_weight().total().saturating_sub(weight_before);
		let before = self.mirror.clone();
		let mut after = before.clone();
		for account in events.iter().flat_map(balance_event_accounts) {
			match read(account) {
				Some(b) => after.insert(account.clone(), b),
				None => after.remove(account),
			};
		}
		plan.check(
			&events,
			weight_used,
			&before,
			&after,
			to_treasury_before,
			&mut self.ledger,
			&mut self.stats,
		);
		self.mirror = after;
		for (id, record) in &plan.prune.archived {
			self.expect_archived(*id, record.clone());
		}
		self.parent = header.hash();
		self.stats.blocks += 1;
		self.check_invariants();
		let skip = skip.max(1);
		let (number, slot) = (self.number + skip, self.slot + u64::from(skip));
		if skip > 1 {
			// Time passes without blocks: frame-system only opens block `n + 1` after `n`,
			// and no pallet of this runtime acts in blocks it does not see (no
			// `on_initialize` work), so the chain jumps as if the blocks between were empty.
			frame_system::Pallet::<Runtime>::set_block_number(number - 1);
		}
		self.open(number, slot);
	}

	/// Notes that inference record `id` left state: the history must hold `record` as it was,
	/// its deposit gone (returned or slashed).
	pub fn expect_archived(&mut self, id: InferenceId, mut record: InferenceRecordOf<Runtime>) {
		record.deposit = 0;
		self.history.retain(|(i, _)| *i != id);
		self.history.push((id, record));
	}

	/// The block's weight within its limits: each class within its share, the total within
	/// the block.
	fn check_block_weight(&mut self, when: &str) {
		let limits = <Runtime as frame_system::Config>::BlockWeights::get();
		let used = frame_system::BlockWeight::<Runtime>::get();
		for class in [DispatchClass::Normal, DispatchClass::Operational] {
			let used = *used.get(class);
			if let Some(max) = limits.get(class).max_total {
				assert!(
					used.all_lte(max),
					"block {}: {class:?} weight {used:?} over its limit {max:?} {when}",
					self.number
				);
			}
		}
		if used.get(DispatchClass::Mandatory).all_gte(limits.max_block) {
			// A session rotated: pallet-session claims the whole block in `on_initialize`, so
			// only the mandatory inherents run beside it and no extrinsic fits.
			for class in [DispatchClass::Normal, DispatchClass::Operational] {
				assert!(
					*used.get(class) == Weight::zero(),
					"block {}: a {class:?} extrinsic in a session-rotation block {when}",
					self.number
				);
			}
		} else {
			assert!(
				used.total().all_lte(limits.max_block),
				"block {}: total weight {:?} over the block limit {:?} {when}",
				self.number,
				used.total(),
				limits.max_block
			);
		}
		self.stats.max_block_weight = self.stats.max_block_weight.max(used.total().ref_time());
	}

	/// Every invariant, after a block.
	pub fn check_invariants(&mut self) {
		let block = self.number;
		let actual = snapshot();
		if actual != self.mirror {
			let moved: Vec<_> = crate::check::changed(&self.mirror, &actual);
			panic!("block {block}: balances of {moved:?} changed without a balance event");
		}
		check::pallets_try_state(block, self.stats.blocks.is_multiple_of(8));
		check::balances(block);
		check::revenue_books(block, &self.ledger);
		if self.stats.blocks.is_multiple_of(8) {
			check::pools_solvent(block);
		}
	}

	/// Signs `call` as account `who` with the runtime's transaction extensions and the
	/// account's current nonce, and applies it through `Executive::apply_extrinsic` inside a
	/// storage transaction that is rolled back when the extrinsic is invalid, as the block
	/// builder does. A call that does not fit the block's remaining weight or length
	/// (`ExhaustsResources`) goes into a fresh block.
	///
	/// Checks on every applied extrinsic: exactly one `TransactionFeePaid` from the signer;
	/// the total issuance moved exactly by what the balance events say was minted or burned,
	/// and the burned part is exactly the fee plus the dust lost; no `Unexpected` balance
	/// event; the call's actual weight (measured by dispatching it in a rolled-back storage
	/// transaction) within its declared weight.
	pub fn submit(&mut self, signer: usize, call: RuntimeCall) -> Submitted {
		let (who, pair) = (&keys().ids[signer], &keys().pairs[signer]);
		let info = call.get_dispatch_info();
		// The declared (pre-dispatch) weight bounds what the call really uses: dispatched
		// once in a storage transaction that is rolled back, to read its actual weight. Only
		// calls that can report one (they return `DispatchResultWithPostInfo`) are measured
		// every time, the others one time in sixteen (their actual weight is their declared
		// one unless they start reporting it).
		self.dry_runs += 1;
		let mut measured = None;
		if REPORTS_WEIGHT.contains(&call_name(&call)) || self.dry_runs.is_multiple_of(16) {
			let dry_run = with_transaction(|| {
				TransactionOutcome::Rollback(Ok::<_, DispatchError>(
					call.clone().dispatch(RuntimeOrigin::signed(who.clone())),
				))
			})
			.expect("the dry run cannot fail");
			let post = match &dry_run {
				Ok(post) => *post,
				Err(e) => e.post_info,
			};
			measured = Some((dry_run.map(|_| ()).map_err(|e| e.error), post.actual_weight));
			if let Some(actual) = post.actual_weight {
				assert!(
					actual.all_lte(info.call_weight),
					"block {}: {:?} used weight {actual:?} beyond its declared {:?}",
					self.number,
					call_name(&call),
					info.call_weight
				);
			}
		}

		for attempt in 0..2 {
			let xt = sign(who, pair, call.clone());
			// The fee as the extension charges it (call and extension weight, length).
			let estimate = pallet_transaction_payment::Pallet::<Runtime>::compute_fee(
				xt.encoded_size() as u32,
				&xt.get_dispatch_info(),
				0,
			);
			let before = self.mirror.clone();
			let issuance_before = pallet_balances::TotalIssuance::<Runtime>::get();
			let events_before = event_count();
			let result = with_transaction_unchecked(|| {
				let r = Executive::apply_extrinsic(xt);
				if r.is_ok() {
					TransactionOutcome::Commit(r)
				} else {
					TransactionOutcome::Rollback(r)
				}
			});
			let result = match result {
				Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources))
					if attempt == 0 =>
				{
					self.stats.exhausted += 1;
					self.next_block(1);
					// The dry run was of the state of the block before.
					measured = None;
					continue;
				}
				Err(e) => {
					assert_eq!(
						before.get(who),
						read(who).as_ref(),
						"an invalid extrinsic changed its signer's balances"
					);
					self.stats.note_invalid(call_name(&call), &e);
					return Submitted::Invalid(e, estimate);
				}
				Ok(r) => r,
			};
			self.in_block += 1;
			let events: Vec<RuntimeEvent> =
				frame_system::Pallet::<Runtime>::read_events_no_consensus()
					.skip(events_before as usize)
					.map(|e| e.event)
					.collect();
			let fee = check_money_events(who, &events, issuance_before);
			assert!(
				fee <= estimate,
				"{} paid {fee}, more than its fee {estimate}",
				call_name(&call)
			);
			self.stats.note_applied(call_name(&call), &result);
			let mut after = before.clone();
			for account in
				std::iter::once(who).chain(events.iter().flat_map(balance_event_accounts))
			{
				match read(account) {
					Some(b) => after.insert(account.clone(), b),
					None => after.remove(account),
				};
			}
			self.mirror = after.clone();
			return Submitted::Applied(Applied {
				signer: who.clone(),
				result,
				events,
				fee,
				before,
				after,
				dry_run: measured,
			});
		}
		panic!("block {}: {} does not fit an empty block", self.number, call_name(&call))
	}
}

/// `System::EventCount` (private to frame-system; read by its storage key).
fn event_count() -> u32 {
	let key = frame_support::storage::storage_prefix(b"System", b"EventCount");
	frame_support::storage::unhashed::get::<u32>(&key).unwrap_or_default()
}

/// Signs `call` as `who` with its current nonce and the runtime's `TxExtension`.
pub fn sign(who: &AccountId, pair: &sr25519::Pair, call: RuntimeCall) -> UncheckedExtrinsic {
	let nonce = frame_system::Pallet::<Runtime>::account_nonce(who);
	let tx_ext: TxExtension = (
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let payload = SignedPayload::new(call.clone(), tx_ext.clone()).expect("the payload builds");
	let signature = payload.using_encoded(|bytes| pair.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(who.clone()),
		MultiSignature::Sr25519(signature),
		tx_ext,
	)
}

/// Checks the balance events of one applied extrinsic against the total issuance and
/// returns the fee the signer paid.
fn check_money_events(
	signer: &AccountId,
	events: &[RuntimeEvent],
	issuance_before: Balance,
) -> Balance {
	use pallet_balances::Event as B;
	let mut fee = None;
	let (mut minted, mut burned, mut rescinded, mut dust, mut dropped) = (0u128, 0, 0, 0, 0);
	for event in events {
		match event {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { who, actual_fee, tip },
			) => {
				assert_eq!(who, signer, "the fee was paid by someone else than the signer");
				assert!(fee.is_none(), "two fees for one extrinsic");
				fee = Some(actual_fee + tip);
			}
			RuntimeEvent::Balances(event) => match event {
				B::Minted { amount, .. } | B::Issued { amount } | B::MintedCredit { amount } => {
					minted += amount
				}
				B::Burned { amount, .. } | B::BurnedHeld { amount, .. } => burned += amount,
				B::BurnedDebt { amount } => dropped += amount,
				B::Rescinded { amount } => rescinded += amount,
				B::DustLost { amount, .. } => dust += amount,
				B::Unexpected(kind) => panic!("pallet-balances reported {kind:?}"),
				B::TotalIssuanceForced { .. } => panic!("the total issuance was forced"),
				_ => {}
			},
			_ => {}
		}
	}
	let fee = fee.expect("every signed extrinsic reports its fee");
	// Fees are burned: `FungibleAdapter<Balances, ()>` drops their credit, which lowers the
	// issuance and says so as `BurnedDebt`; so is the dust of a reaped account
	// (`DustRemoval = ()`). Nothing else is dropped.
	assert_eq!(dropped, fee + dust, "credit dropped {dropped} != fee {fee} + dust {dust}");
	let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
	assert_eq!(
		issuance as i128 - issuance_before as i128,
		minted as i128 - burned as i128 - rescinded as i128 - dropped as i128,
		"the total issuance moved by other than the minted and burned amounts (minted \
		 {minted}, burned {burned}, rescinded {rescinded}, fee and dust {dropped})"
	);
	fee
}

/// The pallet and call name of `call`, for statistics and messages.
pub fn call_name(call: &RuntimeCall) -> &'static str {
	use frame_support::traits::GetCallMetadata;
	let meta = call.get_call_metadata();
	// Leaked once per distinct name: the set of call names is small and fixed.
	static NAMES: OnceLock<std::sync::Mutex<BTreeMap<(String, String), &'static str>>> =
		OnceLock::new();
	let mut names = NAMES.get_or_init(Default::default).lock().expect("not poisoned");
	names.entry((meta.pallet_name.to_string(), meta.function_name.to_string())).or_insert_with(
		|| Box::leak(format!("{}::{}", meta.pallet_name, meta.function_name).into_boxed_str()),
	)
}

/// The hash of `data`, for content hashes and io hashes.
pub fn hash_of(data: impl Encode) -> H256 {
	<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash_of(&data)
}
