//! Counters of what a run did, so a test can insist that it did something.

use std::{collections::BTreeMap, fmt};

use sp_runtime::{transaction_validity::TransactionValidityError, DispatchError};
use tributary_runtime::RuntimeError;

/// Outcomes of one call (by pallet and call name).
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcomes {
	/// Applied and dispatched successfully.
	pub ok: u32,
	/// Applied, and the dispatch returned an error (fee paid, state otherwise untouched).
	pub failed: u32,
	/// Refused by the transaction extensions (not included).
	pub invalid: u32,
}

/// What one run (or several, merged) did.
#[derive(Default, Debug, Clone)]
pub struct Stats {
	/// Blocks finalized.
	pub blocks: u32,
	/// Ops drawn from the input.
	pub ops: u32,
	/// Calls that were refused for want of room in the block and went into the next one.
	pub exhausted: u32,
	/// Outcomes by `Pallet::call`.
	pub calls: BTreeMap<&'static str, Outcomes>,
	/// Dispatch errors and validity errors seen, by call and error name.
	pub errors: BTreeMap<String, u32>,
	/// The heaviest block's total weight (ref time, picoseconds).
	pub max_block_weight: u64,
	/// Successful `Sudo::sudo` inner calls, by name.
	pub root_ok: BTreeMap<&'static str, u32>,
	/// What the end of each block (`on_idle`) and the calls that archive did to inference
	/// records and the treasury's due.
	pub archive: Archive,
}

/// Inference records leaving state, and the treasury's due leaving the revenue account.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Archive {
	/// Records `on_idle` archived at the end of a block (deposit back to the payer).
	pub by_idle: u32,
	/// Of those, records whose deposit an upheld dispute had slashed (nothing returned).
	pub by_idle_slashed: u32,
	/// Records `release_record_deposit` archived ahead of `on_idle`.
	pub by_release: u32,
	/// Records `resolve_dispute` archived (their period ended while the dispute was open).
	pub by_resolve: u32,
	/// Blocks whose `on_idle` archived at least one record.
	pub idle_blocks: u32,
	/// The most records one block's `on_idle` archived.
	pub most_in_a_block: u32,
	/// Records past their period, with no dispute open, that a block's `on_idle` left in
	/// state because its weight ran out (counted once per block they stayed).
	pub left_for_weight: u32,
	/// Blocks whose `on_idle` sent the treasury its due (`TreasurySwept`).
	pub sweeps: u32,
	/// Blocks that ended with a due to send and no `on_idle` weight left for it.
	pub sweeps_missed: u32,
	/// History entries checked against the node's offchain database (archived records and
	/// their list entries, and the list entries of fresh payments).
	pub history_checked: u32,
}

/// The name of a dispatch error, with the pallet for module errors.
pub fn error_name(e: &DispatchError) -> String {
	match RuntimeError::from_dispatch_error(*e) {
		Some(error) => format!("{error:?}"),
		None => format!("{e:?}"),
	}
}

impl Stats {
	/// Counts an applied call.
	pub fn note_applied(&mut self, call: &'static str, result: &Result<(), DispatchError>) {
		let entry = self.calls.entry(call).or_default();
		match result {
			Ok(()) => entry.ok += 1,
			Err(e) => {
				entry.failed += 1;
				*self.errors.entry(format!("{call}: {}", error_name(e))).or_default() += 1;
			}
		}
	}

	/// Counts a call refused as invalid.
	pub fn note_invalid(&mut self, call: &'static str, e: &TransactionValidityError) {
		self.calls.entry(call).or_default().invalid += 1;
		*self.errors.entry(format!("{call}: {e:?}")).or_default() += 1;
	}

	/// What this run reached, as `(name, count)` pairs: each call's successes, failures
	/// and refusals, each error by call, each root call, blocks and calls moved on for room.
	/// The fuzz target turns these into libFuzzer's coverage counters, so an input that
	/// reaches a new outcome (or the same one a new number of times) is kept.
	pub fn features(&self) -> Vec<(String, u32)> {
		let mut out =
			vec![("blocks".to_string(), self.blocks), ("exhausted".into(), self.exhausted)];
		for (call, o) in &self.calls {
			out.push((format!("{call} ok"), o.ok));
			out.push((format!("{call} failed"), o.failed));
			out.push((format!("{call} invalid"), o.invalid));
		}
		out.extend(self.errors.iter().map(|(e, n)| (e.clone(), *n)));
		out.extend(self.root_ok.iter().map(|(c, n)| (format!("root {c}"), *n)));
		let a = &self.archive;
		out.extend([
			("archived by on_idle".to_string(), a.by_idle),
			("archived by on_idle, slashed".into(), a.by_idle_slashed),
			("archived by release".into(), a.by_release),
			("archived by resolve".into(), a.by_resolve),
			("archived most in a block".into(), a.most_in_a_block),
			("left for weight".into(), a.left_for_weight),
			("treasury sweeps".into(), a.sweeps),
			("treasury sweeps missed".into(), a.sweeps_missed),
		]);
		out.retain(|(_, n)| *n > 0);
		out
	}

	/// Calls submitted (applied or refused).
	pub fn submitted(&self) -> u32 {
		self.calls.values().map(|o| o.ok + o.failed + o.invalid).sum()
	}

	/// Calls that succeeded.
	pub fn succeeded(&self) -> u32 {
		self.calls.values().map(|o| o.ok).sum()
	}

	/// Successful calls of `pallet` (its name in the runtime, e.g. `"Datanets"`), counting
	/// root calls made through sudo.
	pub fn succeeded_in(&self, pallet: &str) -> u32 {
		let prefix = format!("{pallet}::");
		let direct: u32 =
			self.calls.iter().filter(|(k, _)| k.starts_with(&prefix)).map(|(_, o)| o.ok).sum();
		let root: u32 =
			self.root_ok.iter().filter(|(k, _)| k.starts_with(&prefix)).map(|(_, n)| n).sum();
		direct + root
	}

	/// Successful calls of `Pallet::call`, direct or through sudo.
	pub fn succeeded_call(&self, call: &str) -> u32 {
		self.calls.get(call).map(|o| o.ok).unwrap_or_default()
			+ self.root_ok.get(call).copied().unwrap_or_default()
	}

	/// Adds `other`'s counts to these.
	pub fn merge(&mut self, other: &Stats) {
		self.blocks += other.blocks;
		self.ops += other.ops;
		self.exhausted += other.exhausted;
		for (k, o) in &other.calls {
			let e = self.calls.entry(k).or_default();
			e.ok += o.ok;
			e.failed += o.failed;
			e.invalid += o.invalid;
		}
		for (k, n) in &other.errors {
			*self.errors.entry(k.clone()).or_default() += n;
		}
		for (k, n) in &other.root_ok {
			*self.root_ok.entry(k).or_default() += n;
		}
		self.max_block_weight = self.max_block_weight.max(other.max_block_weight);
		let (a, b) = (&mut self.archive, &other.archive);
		a.by_idle += b.by_idle;
		a.by_idle_slashed += b.by_idle_slashed;
		a.by_release += b.by_release;
		a.by_resolve += b.by_resolve;
		a.idle_blocks += b.idle_blocks;
		a.most_in_a_block = a.most_in_a_block.max(b.most_in_a_block);
		a.left_for_weight += b.left_for_weight;
		a.sweeps += b.sweeps;
		a.sweeps_missed += b.sweeps_missed;
		a.history_checked += b.history_checked;
	}
}

impl fmt::Display for Stats {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		writeln!(
			f,
			"{} ops, {} calls ({} ok), {} blocks, {} moved on for room, heaviest block {} ms",
			self.ops,
			self.submitted(),
			self.succeeded(),
			self.blocks,
			self.exhausted,
			self.max_block_weight / 1_000_000_000
		)?;
		for (call, o) in &self.calls {
			writeln!(
				f,
				"  {call:<45} ok {:>5}  failed {:>5}  invalid {:>5}",
				o.ok, o.failed, o.invalid
			)?;
		}
		for (call, n) in &self.root_ok {
			writeln!(f, "  root {call:<40} ok {n:>5}")?;
		}
		let a = &self.archive;
		writeln!(
			f,
			"  inference records archived: {} by on_idle ({} slashed to nothing) in {} blocks \
			 (at most {} in one), {} by release_record_deposit, {} by resolve_dispute; {} left \
			 past their period for want of weight; {} history entries checked",
			a.by_idle,
			a.by_idle_slashed,
			a.idle_blocks,
			a.most_in_a_block,
			a.by_release,
			a.by_resolve,
			a.left_for_weight,
			a.history_checked
		)?;
		writeln!(
			f,
			"  treasury due swept at the end of {} blocks, {} ended with a due and no weight \
			 for it",
			a.sweeps, a.sweeps_missed
		)?;
		for (error, n) in &self.errors {
			writeln!(f, "  {n:>6} × {error}")?;
		}
		Ok(())
	}
}
