//! # Tributary runtime harness
//!
//! Drives the real Tributary runtime (`tributary-runtime`, used natively) with random
//! operations over every pallet's calls, as real users would send them: signed sr25519
//! extrinsics with the runtime's own transaction extensions (nonce, era, genesis, weight,
//! fee), applied through `Executive::apply_extrinsic` inside a storage transaction that an
//! invalid extrinsic rolls back, exactly as the node's block builder does, in blocks opened
//! with `Executive::initialize_block` (Aura slot digest, timestamp inherent) and closed with
//! `Executive::finalize_block`.
//!
//! Every call's result is checked against a model of what it must do ([`model`]): whether it
//! must succeed or fail (and with which error) given the state before it, and the exact
//! balance change of every account (any account the model does not name must not change at
//! all — no call may touch an account that did not sign it). After every block: every
//! Tributary pallet's `try_state`, pallet-balances' invariants, the total issuance equal to
//! the sum of all balances, the revenue pallet's books against the events, and the block's
//! weight and length within their limits ([`check`]), and what the block's end did
//! (`on_idle`: inference records past their dispute period archived with their deposits
//! returned, the treasury's due sent on) against the model ([`model::idle`]); the node's
//! offchain history holds every archived record and list entry. Per extrinsic: the issuance
//! moves only by what the balance events say was minted or burned, fees burned, and the
//! call's actual weight within its declared weight.
//!
//! One entry point, [`run`], serves the randomized test (bytes from a seeded generator, see
//! [`run_seed`]), the fuzzer (bytes from libFuzzer, `fuzz/`) and the replay of the committed
//! corpus.
// Test code: a panic is how a broken invariant is reported, and the model's arithmetic is on
// balances far from the integer limits (amounts are capped where they could overflow).
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

pub mod chain;
pub mod check;
pub mod model;
pub mod ops;
pub mod stats;

pub use stats::Stats;

use arbitrary::Unstructured;

/// Calls per block before the harness moves to the next one (blocks also end when the ops
/// say so, or when a call does not fit), unless a scenario asks for another number
/// ([`run_ops_with`]).
pub const MAX_CALLS_PER_BLOCK: u32 = 64;

/// How long a run may go.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
	/// Most ops drawn.
	pub max_ops: u32,
	/// Most calls submitted.
	pub max_calls: u32,
}

impl Default for Limits {
	/// Bounded so one fuzz input stays fast.
	fn default() -> Self {
		Limits { max_ops: 400, max_calls: 1_000 }
	}
}

/// Runs the ops drawn from `u` on a fresh chain from genesis, checking everything after
/// every call and block; panics on the first breach. Returns what it did.
pub fn run(u: &mut Unstructured) -> arbitrary::Result<Stats> {
	run_with(u, Limits::default())
}

/// [`run`] with explicit limits.
pub fn run_with(u: &mut Unstructured, limits: Limits) -> arbitrary::Result<Stats> {
	let mut run = Run::new();
	while !u.is_empty()
		&& run.h.chain.stats.ops < limits.max_ops
		&& run.h.chain.stats.submitted() < limits.max_calls
	{
		run.apply(ops::Op::draw(u)?);
	}
	Ok(run.finish())
}

/// Runs the ops given, in order, with every check [`run`] makes: for scenarios the random
/// runs reach too rarely.
pub fn run_ops(ops: impl IntoIterator<Item = ops::Op>) -> Stats {
	run_ops_with(ops, MAX_CALLS_PER_BLOCK)
}

/// [`run_ops`] with blocks of up to `calls_per_block` calls (at least one), for scenarios
/// that need fuller blocks than the random runs build.
pub fn run_ops_with(ops: impl IntoIterator<Item = ops::Op>, calls_per_block: u32) -> Stats {
	let mut run = Run::new();
	run.h.chain.calls_per_block = calls_per_block.max(1);
	for op in ops {
		run.apply(op);
	}
	run.finish()
}

/// A chain from genesis in its externalities, and the harness driving it.
struct Run {
	ext: sp_io::TestExternalities,
	h: model::Harness,
	committed_at: u32,
}

impl Run {
	fn new() -> Self {
		let mut ext = sp_io::TestExternalities::new(chain::genesis().clone());
		// The node's offchain database: what blocks write to it through offchain indexing
		// (the attribution history) reaches it when persisted, as a node's does when it
		// imports the block, and the runtime's history reads read it.
		let (offchain, _) =
			sp_core::offchain::testing::TestOffchainExt::with_offchain_db(ext.offchain_db());
		ext.register_extension(sp_core::offchain::OffchainDbExt::new(offchain));
		let h = ext.execute_with(model::Harness::new);
		Run { ext, h, committed_at: 0 }
	}

	fn apply(&mut self, op: ops::Op) {
		let Run { ext, h, committed_at } = self;
		ext.execute_with(|| {
			h.chain.stats.ops += 1;
			h.apply(op);
			if h.chain.in_block >= h.chain.calls_per_block {
				h.next_block(1);
			}
		});
		ext.persist_offchain_overlay();
		ext.execute_with(|| h.check_history());
		// Move the changes into the backend every few blocks: each block's state root (and
		// every read) then works on the recent changes only, not on everything since genesis.
		if h.chain.stats.blocks >= *committed_at + commit_every() {
			ext.commit_all().expect("the overlay commits to the in-memory backend");
			*committed_at = h.chain.stats.blocks;
		}
	}

	fn finish(mut self) -> Stats {
		let Run { ext, h, .. } = &mut self;
		ext.execute_with(|| h.finish());
		ext.persist_offchain_overlay();
		ext.execute_with(|| h.check_history());
		h.chain.stats.clone()
	}
}

fn commit_every() -> u32 {
	std::env::var("H_COMMIT").ok().and_then(|v| v.parse().ok()).unwrap_or(4)
}

/// Runs bytes as the fuzzer does: whatever they decode to, every check must hold.
pub fn run_bytes(data: &[u8]) -> Stats {
	let mut u = Unstructured::new(data);
	run(&mut u).expect("drawing ops never fails")
}

/// `len` pseudo-random bytes from `seed` (SplitMix64), to feed [`run_with`].
pub fn seed_bytes(seed: u64, len: usize) -> Vec<u8> {
	let mut state = seed;
	let mut out = Vec::with_capacity(len + 8);
	while out.len() < len {
		state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = state;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		out.extend_from_slice(&(z ^ (z >> 31)).to_le_bytes());
	}
	out.truncate(len);
	out
}

/// A randomized run of at least `calls` calls from `seed`.
pub fn run_seed(seed: u64, calls: u32) -> Stats {
	let data = seed_bytes(seed, calls as usize * 64);
	let mut u = Unstructured::new(&data);
	run_with(&mut u, Limits { max_ops: u32::MAX, max_calls: calls })
		.expect("drawing ops never fails")
}
