//! What the attribution tests share: the world most of them start from and short forms of
//! the calls they make, over the shared test runtime.
//!
//! Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use frame_support::{
	assert_ok,
	traits::fungible::{Inspect, InspectHold, Mutate},
	BoundedVec,
};
use pallet_attribution::{
	AttestorInfo, AttributionMethod, AttributionsOf, HoldReason, InfluencesOf,
};
use sp_core::H256;
use sp_runtime::Perbill;
use tributary_primitives::{api::InferencePage, LicenseTerms};
use tributary_test_runtime::{
	check_all_invariants, fixtures, new_test_ext, AccountId, Attribution, Balance, Balances,
	RuntimeHoldReason, RuntimeOrigin, Test, Treasury, ALICE, BOB, CHARLIE, DAVE, FUNDS, OPERATOR,
	PAYER,
};

/// Ids of the world every test starts from.
pub struct World {
	/// Datanet 0 version 1: Bob's #0, Charlie's #1, Dave's #2 (weight 1 each).
	pub contributions: [u64; 3],
	/// Dave's pending contribution in the review datanet 1 (published as version 1 with
	/// Bob's #4).
	pub pending: u64,
	/// Bob's #5 in datanet 0, accepted after version 1: in no trained version.
	pub late: u64,
	/// Alice's model 0, version 1, trained on datanet 0 version 1 and datanet 1 version 1.
	pub model: u32,
}

/// Builds the [`World`]: Alice's open datanet 0 and review datanet 1, their contributions,
/// and her model 0 with `OPERATOR` serving it.
pub fn setup() -> World {
	let open = fixtures::open_datanet(ALICE, LicenseTerms::permissive());
	let review = fixtures::reviewed_datanet(ALICE, LicenseTerms::permissive());
	let contribute = |who, datanet, n: u8| fixtures::contribute(who, datanet, H256::repeat_byte(n));
	contribute(BOB, open, 1);
	contribute(CHARLIE, open, 2);
	contribute(DAVE, open, 3);
	contribute(DAVE, review, 4); // #3, stays pending
	let accepted = contribute(BOB, review, 5); // #4
	fixtures::accept(ALICE, accepted);
	fixtures::publish(ALICE, open);
	fixtures::publish(ALICE, review);
	contribute(BOB, open, 6); // #5, after version 1
	let model =
		fixtures::register_model(ALICE, H256::repeat_byte(9), &[(open, 1), (review, 1)], 100);
	fixtures::add_operator(ALICE, model, OPERATOR);
	World { contributions: [0, 1, 2], pending: 3, late: 5, model: 0 }
}

/// An attribution list of `(contribution, percent)`.
pub fn weights(entries: &[(u64, u32)]) -> AttributionsOf<Test> {
	BoundedVec::truncate_from(
		entries.iter().map(|(c, p)| (*c, Perbill::from_percent(*p))).collect::<Vec<_>>(),
	)
}

/// `PAYER` pays 1,000 for an inference of model 0 version 1 served by `OPERATOR`.
pub fn pay(attributions: AttributionsOf<Test>) -> sp_runtime::DispatchResult {
	Attribution::pay_inference(
		RuntimeOrigin::signed(PAYER),
		0,
		1,
		OPERATOR,
		1_000,
		H256::repeat_byte(0xaa),
		attributions,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

/// A training-influence list of `(datanet, percent)`.
pub fn influences(entries: &[(u32, u32)]) -> InfluencesOf<Test> {
	BoundedVec::truncate_from(
		entries.iter().map(|(d, p)| (*d, Perbill::from_percent(*p))).collect::<Vec<_>>(),
	)
}

/// What the treasury holds plus what the revenue pallet owes it and sends at the block's end.
pub fn treasury_total() -> Balance {
	Balances::balance(&Treasury::get()) + fixtures::treasury_due()
}

/// What this pallet holds from `who` for `reason`.
pub fn held(who: AccountId, reason: HoldReason) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Attribution(reason), &who)
}

/// Runs `build` in one block, then `check` in the next, after the first block's offchain
/// index writes reached the node's database (as they do when a node imports a block), then
/// every pallet's invariants.
pub fn across_blocks<R>(build: impl FnOnce() -> R, check: impl FnOnce(R)) {
	let mut ext = new_test_ext();
	let built = ext.execute_with(build);
	ext.persist_offchain_overlay();
	ext.execute_with(|| {
		check(built);
		check_all_invariants();
	});
}

/// A history page.
pub fn page(inferences: Vec<u64>, total: u32, unavailable: u32) -> InferencePage {
	InferencePage { inferences, total, unavailable }
}

// ---------------------------------------------------------------------------------------
// Attestors, training records and money.
// ---------------------------------------------------------------------------------------

/// `who` writes the training record of `model` version 1.
pub fn record(who: AccountId, model: u32, list: InfluencesOf<Test>) -> sp_runtime::DispatchResult {
	Attribution::record_training_attribution(
		RuntimeOrigin::signed(who),
		model,
		1,
		list,
		Some(H256::repeat_byte(3)),
		AttributionMethod::InfluenceFunctions,
	)
}

/// Approves `who` (funding it first if it has nothing) and lets it bond itself.
pub fn bonded(who: AccountId) {
	if Balances::balance(&who) == 0 {
		assert_ok!(Balances::mint_into(&who, FUNDS));
	}
	assert_ok!(Attribution::add_attestor(RuntimeOrigin::root(), who));
	assert_ok!(Attribution::bond_attestor(RuntimeOrigin::signed(who)));
}

/// A bonded attestor that Alice named for model 0.
pub fn named(who: AccountId) {
	bonded(who);
	assert_ok!(Attribution::name_attestor(RuntimeOrigin::signed(ALICE), 0, who));
}

/// `who`'s attestor seat.
pub fn seat(who: AccountId) -> AttestorInfo<u64> {
	pallet_attribution::Attestors::<Test>::get(who).expect("an attestor seat")
}

/// Free plus held: what an account owns.
pub fn owned(who: AccountId) -> Balance {
	Balances::balance(&who) + Balances::total_balance_on_hold(&who)
}

/// A second model of Alice's (model 1), trained on datanet 0 version 1.
pub fn second_model() -> u32 {
	fixtures::register_model(ALICE, H256::repeat_byte(8), &[(0, 1)], 100)
}
