//! Paying for inferences: the record, its indexes and the split; every refusal; zero weights; and
//! the `preview_split` read agreeing with the payment.
//!
//! Integration tests over the shared test runtime (`tributary-test-runtime`).
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

mod common;

use common::*;
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Get},
	BoundedVec,
};
use pallet_attribution::{
	Error, Event, HoldReason, Inferences, ModelInferenceCount, PayerInferenceCount,
};
use sp_core::H256;
use sp_runtime::{DispatchError, Perbill, TokenError};
use tributary_primitives::{FeeBreakdown, LicensedUse, ModelStatus};
use tributary_test_runtime::*;

#[test]
fn pay_inference_records_indexes_and_splits() {
	run_test(|| {
		let w = setup();
		assert_ok!(pay(weights(&[(w.contributions[0], 70), (w.contributions[1], 30)])));
		let record = Inferences::<Test>::get(0).unwrap();
		assert_eq!(
			(record.model, record.version, record.payer, record.operator),
			(0, 1, PAYER, OPERATOR)
		);
		assert_eq!(
			(record.fee, record.io_hash, record.deposit),
			(1_000, H256::repeat_byte(0xaa), 10)
		);
		assert!(!record.disputed);
		System::assert_last_event(
			Event::InferenceRecorded {
				inference: 0,
				model: 0,
				version: 1,
				payer: PAYER,
				operator: OPERATOR,
				fee: 1_000,
				attributions: 2,
			}
			.into(),
		);
		// Positions in each list, from on-chain counters; the lists live in the history.
		assert_eq!(record.positions.to_vec(), vec![0, 0]);
		assert_eq!((record.model_position, record.payer_position), (0, 0));
		assert_eq!(ModelInferenceCount::<Test>::get(0), 1);
		assert_eq!(PayerInferenceCount::<Test>::get(PAYER), 1);
		assert_eq!(held(PAYER, HoldReason::RecordDeposit), 10);
		// The fee was split: 400 developer, 150 operator, 200 attributed (140 + 60).
		assert_eq!(fixtures::claimable(ALICE), 400);
		assert_eq!(fixtures::claimable(OPERATOR), 150);
		assert_eq!(fixtures::earned_by(w.contributions[0]), 140);
	});
}

#[test]
fn pay_inference_without_attributions_is_allowed() {
	run_test(|| {
		setup();
		assert_ok!(pay(weights(&[])));
		assert_eq!(Inferences::<Test>::get(0).unwrap().attributions.len(), 0);
	});
}

#[test]
fn pay_inference_refusals() {
	run_test(|| {
		let w = setup();
		let [a, b, _] = w.contributions;
		let call = |model, version, operator, fee, list| {
			Attribution::pay_inference(
				RuntimeOrigin::signed(PAYER),
				model,
				version,
				operator,
				fee,
				H256::zero(),
				list,
			)
		};
		assert_noop!(call(9, 1, OPERATOR, 1_000, weights(&[])), Error::<Test>::UnknownModel);
		assert_noop!(call(0, 2, OPERATOR, 1_000, weights(&[])), Error::<Test>::UnknownVersion);
		assert_noop!(call(0, 1, BOB, 1_000, weights(&[])), Error::<Test>::NotOperator);
		assert_noop!(call(0, 1, OPERATOR, 99, weights(&[])), Error::<Test>::FeeBelowPrice);
		assert_noop!(
			call(0, 1, OPERATOR, 1_000, weights(&[(a, 50), (b, 49)])),
			Error::<Test>::WeightsDoNotSumToOne
		);
		assert_noop!(
			call(0, 1, OPERATOR, 1_000, weights(&[(a, 50), (a, 50)])),
			Error::<Test>::DuplicateEntry
		);
		assert_noop!(
			call(0, 1, OPERATOR, 1_000, weights(&[(77, 100)])),
			Error::<Test>::UnknownContribution
		);
		assert_noop!(
			call(0, 1, OPERATOR, 1_000, weights(&[(w.pending, 100)])),
			Error::<Test>::ContributionNotAccepted
		);
		assert_noop!(
			call(0, 1, OPERATOR, 1_000, weights(&[(w.late, 100)])),
			Error::<Test>::NotInTrainingData
		);
		fixtures::withdraw(BOB, a);
		assert_noop!(
			call(0, 1, OPERATOR, 1_000, weights(&[(a, 100)])),
			Error::<Test>::ContributionWithdrawn
		);
		assert_noop!(
			Attribution::pay_inference(
				RuntimeOrigin::signed(POOR),
				0,
				1,
				OPERATOR,
				1_000,
				H256::zero(),
				weights(&[])
			),
			TokenError::FundsUnavailable
		);
		fixtures::set_model_status(ALICE, w.model, ModelStatus::Paused);
		assert_noop!(call(0, 1, OPERATOR, 1_000, weights(&[])), Error::<Test>::ModelNotActive);
		fixtures::set_model_status(ALICE, w.model, ModelStatus::Retired);
		assert_noop!(call(0, 1, OPERATOR, 1_000, weights(&[])), Error::<Test>::ModelNotActive);
	});
}

// ---------------------------------------------------------------------------------------
// Defect 10: zero weights; the preview validates as `pay_inference` does.
// ---------------------------------------------------------------------------------------

#[test]
fn zero_weight_attribution_is_refused() {
	run_test(|| {
		let w = setup();
		let [a, b, _] = w.contributions;
		assert_noop!(pay(weights(&[(a, 100), (b, 0)])), Error::<Test>::ZeroWeight);
		assert_noop!(pay(weights(&[(b, 0), (a, 100)])), Error::<Test>::ZeroWeight);
		assert!(!Inferences::<Test>::contains_key(0));
		// One planck of weight is enough.
		assert_ok!(pay(BoundedVec::truncate_from(vec![
			(a, Perbill::from_parts(999_999_999)),
			(b, Perbill::from_parts(1)),
		])));
	});
}

#[test]
fn flagged_contribution_cannot_be_attributed() {
	run_test(|| {
		let w = setup();
		fixtures::flag(ALICE, w.contributions[1]);
		assert_noop!(
			pay(weights(&[(w.contributions[1], 100)])),
			Error::<Test>::ContributionFlagged
		);
	});
}

/// What the `preview_split` runtime API answers (`runtime/src/reads.rs` composes exactly
/// these two steps).
fn preview(
	model: u32,
	version: u32,
	fee: Balance,
	attributions: &[(u64, Perbill)],
) -> Result<FeeBreakdown<Balance>, DispatchError> {
	let payment = Attribution::validate_inference(model, version, None, fee, attributions)?;
	fixtures::preview_split(&payment)
}

/// The breakdown of the last `FeeSplit` event.
fn last_fee_split() -> FeeBreakdown<Balance> {
	fixtures::last_fee_split().expect("a fee split")
}

#[test]
fn preview_and_pay_agree_on_every_refusal() {
	run_test(|| {
		let w = setup();
		let [a, b, c] = w.contributions;
		// A free model (price 0) on datanet 0, to reach `ZeroFee`.
		let free = fixtures::register_model(ALICE, H256::repeat_byte(7), &[(0, 1)], 0);
		fixtures::add_operator(ALICE, free, OPERATOR);
		let p = Perbill::from_percent;
		let cases: Vec<(u32, u32, Balance, Vec<(u64, Perbill)>, DispatchError)> = vec![
			(9, 1, 1_000, vec![], Error::<Test>::UnknownModel.into()),
			(0, 2, 1_000, vec![], Error::<Test>::UnknownVersion.into()),
			(0, 1, 99, vec![], Error::<Test>::FeeBelowPrice.into()),
			(1, 1, 0, vec![], Error::<Test>::ZeroFee.into()),
			(0, 1, 1_000, vec![(a, p(50)), (a, p(50))], Error::<Test>::DuplicateEntry.into()),
			(0, 1, 1_000, vec![(a, p(100)), (b, p(0))], Error::<Test>::ZeroWeight.into()),
			(0, 1, 1_000, vec![(a, p(50)), (b, p(49))], Error::<Test>::WeightsDoNotSumToOne.into()),
			(0, 1, 1_000, vec![(a, p(50)), (b, p(51))], Error::<Test>::WeightsDoNotSumToOne.into()),
			(0, 1, 1_000, vec![(77, p(100))], Error::<Test>::UnknownContribution.into()),
			(0, 1, 1_000, vec![(w.pending, p(100))], Error::<Test>::ContributionNotAccepted.into()),
			(0, 1, 1_000, vec![(w.late, p(100))], Error::<Test>::NotInTrainingData.into()),
		];
		let check = |cases: &[(u32, u32, Balance, Vec<(u64, Perbill)>, DispatchError)]| {
			for (model, version, fee, list, error) in cases {
				assert_eq!(preview(*model, *version, *fee, list), Err(*error), "{list:?}");
				assert_noop!(
					Attribution::pay_inference(
						RuntimeOrigin::signed(PAYER),
						*model,
						*version,
						OPERATOR,
						*fee,
						H256::zero(),
						BoundedVec::truncate_from(list.clone()),
					),
					*error
				);
			}
		};
		check(&cases);
		fixtures::withdraw(CHARLIE, b);
		fixtures::flag(ALICE, c);
		check(&[
			(0, 1, 1_000, vec![(b, p(100))], Error::<Test>::ContributionWithdrawn.into()),
			(0, 1, 1_000, vec![(c, p(100))], Error::<Test>::ContributionFlagged.into()),
		]);
		RefusedLicence::set(&Some(LicensedUse::PaidInference));
		check(&[(0, 1, 1_000, vec![(a, p(100))], licence_refusal(LicensedUse::PaidInference))]);
		RefusedLicence::set(&None);
		fixtures::set_model_status(ALICE, 0, ModelStatus::Paused);
		check(&[(0, 1, 1_000, vec![], Error::<Test>::ModelNotActive.into())]);
		// More attributions than one inference may carry: `pay_inference` cannot even
		// decode them (its list is bounded); the preview names the bound.
		let max: u32 = <Test as pallet_attribution::Config>::MaxAttributionsPerInference::get();
		let max = u64::from(max);
		let too_many: Vec<(u64, Perbill)> =
			(0..=max).map(|i| (i, Perbill::from_parts(1))).collect();
		assert_eq!(preview(1, 1, 1_000, &too_many), Err(Error::<Test>::TooManyAttributions.into()));
	});
}

#[test]
fn preview_and_pay_agree_on_the_breakdown() {
	run_test(|| {
		let w = setup();
		let [a, b, c] = w.contributions;
		assert_ok!(record(ALICE, 0, influences(&[(0, 70), (1, 30)])));
		let lists: Vec<Vec<(u64, Perbill)>> = vec![
			vec![],
			vec![(a, Perbill::one())],
			vec![
				(a, Perbill::from_parts(333_333_333)),
				(b, Perbill::from_parts(333_333_333)),
				(c, Perbill::from_parts(333_333_334)),
			],
		];
		for (fee, list) in [1_000, 1_001, 123_456_789].into_iter().zip(lists) {
			let previewed = preview(0, 1, fee, &list).unwrap();
			let treasury = treasury_total();
			let payer = Balances::balance(&PAYER);
			assert_ok!(Attribution::pay_inference(
				RuntimeOrigin::signed(PAYER),
				0,
				1,
				OPERATOR,
				fee,
				H256::zero(),
				BoundedVec::truncate_from(list),
			));
			assert_eq!(last_fee_split(), previewed);
			// Conserved to the planck: the payer lost the fee (and the deposit held).
			let paid: Balance = previewed.treasury
				+ previewed.operator
				+ previewed.developer
				+ previewed.contributions.iter().map(|(_, x)| x).sum::<Balance>()
				+ previewed.pools.iter().map(|(_, _, x)| x).sum::<Balance>();
			assert_eq!(paid, fee);
			assert_eq!(Balances::balance(&PAYER), payer - fee - 10);
			assert_eq!(treasury_total(), treasury + previewed.treasury);
		}
	});
}
