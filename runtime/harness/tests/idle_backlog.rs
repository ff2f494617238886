//! The end of a block under load, a scenario the random runs reach too rarely: more inference
//! records leave their dispute period in one block than `on_idle`'s weight cap
//! (`MaxIdlePruneWeight`, 5% of a block) can archive, so some stay past their period and go
//! at the next block's end; meanwhile calls archive records ahead of `on_idle`
//! (`release_record_deposit`, and `resolve_dispute` of a record whose period ended while
//! disputed), and a record whose deposit an upheld dispute slashed is archived returning
//! nothing. Every call, every block's end and the history are checked as in every run
//! (`run_ops`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use tributary_runtime_harness::{ops::*, run_ops, MAX_CALLS_PER_BLOCK};

/// Blocks full of payments before the records expire: `MAX_CALLS_PER_BLOCK` each, so that
/// together they are more than one block's `on_idle` can archive.
const BLOCKS_OF_PAYMENTS: u32 = 6;

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
	for n in 2..BLOCKS_OF_PAYMENTS * MAX_CALLS_PER_BLOCK {
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
		Op::NextBlock(Skip::One),
		Op::NextBlock(Skip::One),
		Op::NextBlock(Skip::One),
	]);
	let stats = run_ops(ops);
	println!("{stats}");

	let payments = BLOCKS_OF_PAYMENTS * MAX_CALLS_PER_BLOCK;
	assert_eq!(stats.succeeded_call("Attribution::pay_inference"), payments);
	let a = stats.archive;
	assert!(a.left_for_weight > 0, "the backlog fitted one block's on_idle: {a:?}");
	assert!(a.idle_blocks >= 2, "{a:?}");
	assert_eq!(a.by_release, 1, "{a:?}");
	assert_eq!(a.by_resolve, 1, "{a:?}");
	assert_eq!(a.by_idle_slashed, 1, "{a:?}");
	assert_eq!(a.by_idle + a.by_release + a.by_resolve, payments, "every record left state");
}
