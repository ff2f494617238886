//! The end of a block under load, a scenario the random runs reach too rarely: more inference
//! records leave their dispute period in one block than `on_idle`'s weight cap
//! (`MaxIdlePruneWeight`, 5% of a block) can archive, so some stay past their period and go
//! at the next block's end; meanwhile calls archive records ahead of `on_idle`
//! (`release_record_deposit`, and `resolve_dispute` of a record whose period ended while
//! disputed), and a record whose deposit an upheld dispute slashed is archived returning
//! nothing. Every call, every block's end and the history are checked as in every run
//! (`run_ops_with`, in blocks fuller than the random runs').
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use frame_support::traits::Get;
use pallet_attribution::WeightInfo as _;
use tributary_runtime::Runtime;
use tributary_runtime_harness::{ops::*, run_ops_with, MAX_CALLS_PER_BLOCK};

type AttributionWeights = <Runtime as pallet_attribution::Config>::WeightInfo;

/// How many records of `attributions` attributions one block's `on_idle` archives: its cap
/// less its base weight, over a look at an id (two reads) plus the record's archiving, in
/// `ref_time`, the dimension a record costs most in.
fn archived_in_one_block(attributions: u32) -> u32 {
	let cap = <Runtime as pallet_attribution::Config>::MaxIdlePruneWeight::get();
	let allowance = cap.ref_time().saturating_sub(AttributionWeights::prune_idle_base().ref_time());
	let look = <Runtime as frame_system::Config>::DbWeight::get().reads(2);
	let record = AttributionWeights::prune_inference(attributions).saturating_add(look);
	u32::try_from(allowance / record.ref_time())
		.expect("a block archives fewer than u32::MAX records")
}

/// The most records one block's `on_idle` could archive were each of them the cheapest (no
/// attributions). The real count is lower (a record is started only while the costliest would
/// still fit).
fn most_archived_in_one_block() -> u32 {
	archived_in_one_block(0)
}

/// The fewest records one block's `on_idle` archives while the backlog lasts: each of them the
/// costliest (`MaxAttributionsPerInference` attributions), the most a record can be charged.
fn least_archived_in_one_block() -> u32 {
	archived_in_one_block(
		<Runtime as pallet_attribution::Config>::MaxAttributionsPerInference::get(),
	)
}

/// Blocks of payments: few enough that every payment is recorded before the first record's
/// dispute period (the `dev` preset's ten blocks) is over, so they all fall due together.
const BLOCKS_OF_PAYMENTS: u32 = 4;

// The payments' blocks, the setup's and one moved on for room fit in the period.
const _: () =
	assert!(BLOCKS_OF_PAYMENTS + 3 < tributary_runtime::genesis_config_presets::DEV_DISPUTE_PERIOD);

/// Payments in all: more than one block's `on_idle` can archive, by a block's worth of the
/// random runs' calls, whatever the weights measured on the machine that generated them.
fn payments() -> u32 {
	most_archived_in_one_block() + MAX_CALLS_PER_BLOCK
}

fn pay(n: u32) -> Op {
	Op::PayInference {
		payer: Who((n % 6) as u8),
		model: Pick::Newest,
		version: 0,
		operator: Server::Registered,
		fee: Fee::Price,
		attributions: if n.is_multiple_of(2) { Attributions::Even(1) } else { Attributions::None },
	}
}

#[test]
fn a_backlog_beyond_the_idle_cap_is_archived_over_several_blocks() {
	let permissive = Licence { restrict: None, expiry: Expiry::Never };
	let mut ops = vec![
		Op::CreateDatanet {
			curator: Who(1),
			name: Len::Short(8),
			uri: Len::Short(8),
			review: false,
			licence: permissive,
		},
		Op::Contribute {
			from: Who(2),
			datanet: Pick::Newest,
			hash: Hash::Fresh,
			size: Size::KiB(4),
			uri: Len::Short(8),
			metadata: Len::Empty,
		},
		Op::Publish { by: Actor::Rightful, datanet: Pick::Newest },
		Op::RegisterModel {
			owner: Who(3),
			base: None,
			training: Training { entries: vec![(Pick::Newest, VersionPick::Latest)], max: false },
			uses: Uses { fine_tune: true, retrieval: true, commercial: true },
			price: Price::Milli(1),
			split: SplitPick::Typical,
			name: Len::Short(8),
			uri: Len::Short(8),
		},
		Op::AddOperator {
			by: Actor::Rightful,
			model: Pick::Newest,
			operator: Target::Account(Who(4)),
		},
		Op::NextBlock(Skip::One),
	];
	// Two records disputed early on: one upheld within its period (its deposit slashed; it is
	// archived later returning nothing), one left open until its period is over.
	ops.extend([pay(0), pay(1)]);
	ops.push(Op::Challenge { by: Who(5), record: Record::Inference(Pick::Newest) });
	ops.push(Op::Sudo {
		by: Actor::Rightful,
		op: RootOp::ResolveDispute { dispute: Pick::Newest, uphold: true },
	});
	ops.push(Op::Challenge { by: Who(5), record: Record::Inference(Pick::Live(0)) });
	let payments = payments();
	for n in 2..payments {
		ops.push(pay(n));
	}
	// Past every record's period: one record archived by a call before the block ends, the
	// open dispute resolved (its record archived at once), then the blocks' ends archive the
	// rest, as many as the cap allows per block.
	ops.extend([
		Op::NextBlock(Skip::PastDisputePeriod),
		Op::ReleaseRecordDeposit { by: Who(6), record: Record::Inference(Pick::Newest) },
		Op::Sudo {
			by: Actor::Rightful,
			op: RootOp::ResolveDispute { dispute: Pick::Newest, uphold: false },
		},
	]);
	// The blocks the backlog takes at the fewest records per block, and one more: every
	// record is archived by then whatever the weights. A block's end with nothing due costs
	// `on_idle`'s base weight and archives nothing.
	let least = least_archived_in_one_block();
	assert!(least > 0, "on_idle cannot archive even one costliest record");
	let blocks_to_archive = payments.div_ceil(least) + 1;
	ops.extend((0..blocks_to_archive).map(|_| Op::NextBlock(Skip::One)));
	let calls_per_block = payments.div_ceil(BLOCKS_OF_PAYMENTS);
	let stats = run_ops_with(ops, calls_per_block);
	println!("{stats}");

	assert_eq!(stats.exhausted, 0, "a block ran out of weight for the scenario's calls");
	assert_eq!(stats.succeeded_call("Attribution::pay_inference"), payments);
	let a = stats.archive;
	assert!(a.left_for_weight > 0, "the backlog fitted one block's on_idle: {a:?}");
	assert!(a.idle_blocks >= 2, "{a:?}");
	assert!(a.most_in_a_block <= most_archived_in_one_block(), "{a:?}");
	assert_eq!(a.by_release, 1, "{a:?}");
	assert_eq!(a.by_resolve, 1, "{a:?}");
	assert_eq!(a.by_idle_slashed, 1, "{a:?}");
	assert_eq!(a.by_idle + a.by_release + a.by_resolve, payments, "every record left state");
}
