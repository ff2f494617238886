//! The Merkle scheme of datanet versions.
//!
//! Each datanet keeps a sparse binary Merkle tree of fixed depth [`DEPTH`]. The `k`-th
//! contribution the datanet accepts occupies leaf `k` with [`leaf_hash`]`(id, weight)`; a
//! withdrawn contribution's leaf returns to the empty value `H256::zero()`. Accepting or
//! withdrawing rewrites one root-to-leaf path (`DEPTH` nodes, O(log n)); publishing a version
//! copies the current root (O(1)). Empty subtrees hash to [`zero_hashes`], so storage holds
//! only the nodes on paths that were ever touched.
//!
//! A member proves it is in a version with its leaf index and `DEPTH` sibling hashes, checked
//! by [`verify`] against the version's root.

use alloc::vec::Vec;
use codec::Encode;
use sp_core::H256;

use crate::{ContributionId, ContributionWeight};

/// Depth of every datanet tree: room for 2^24 (16,777,216) accepted contributions.
pub const DEPTH: u32 = 24;

/// The leaf of a contribution: `blake2_256(SCALE(id, weight))`.
pub fn leaf_hash(id: ContributionId, weight: ContributionWeight) -> H256 {
	H256(sp_io::hashing::blake2_256(&(id, weight).encode()))
}

/// An inner node: `blake2_256(left ++ right)`.
pub fn node_hash(left: &H256, right: &H256) -> H256 {
	let mut both = [0u8; 64];
	let (l, r) = both.split_at_mut(32);
	l.copy_from_slice(left.as_bytes());
	r.copy_from_slice(right.as_bytes());
	H256(sp_io::hashing::blake2_256(&both))
}

/// The hash of an empty subtree of each height `0 ..= DEPTH` (height 0 is an empty leaf).
pub fn zero_hashes() -> Vec<H256> {
	let mut zeros = Vec::with_capacity((DEPTH as usize).saturating_add(1));
	let mut current = H256::zero();
	zeros.push(current);
	for _ in 0..DEPTH {
		current = node_hash(&current, &current);
		zeros.push(current);
	}
	zeros
}

/// The root of an empty tree.
pub fn empty_root() -> H256 {
	zero_hashes().last().copied().unwrap_or_default()
}

/// Whether `leaf` sits at `index` under `root`, given the `DEPTH` sibling hashes from the
/// leaf upwards.
pub fn verify(root: &H256, index: u64, leaf: &H256, siblings: &[H256]) -> bool {
	if siblings.len() != DEPTH as usize || index >> DEPTH != 0 {
		return false;
	}
	let mut current = *leaf;
	for (height, sibling) in siblings.iter().enumerate() {
		current = if (index >> height) & 1 == 0 {
			node_hash(&current, sibling)
		} else {
			node_hash(sibling, &current)
		};
	}
	current == *root
}

/// Whether contribution `id` with `weight` is the leaf at `index` under `root`.
pub fn verify_contribution(
	root: &H256,
	index: u64,
	id: ContributionId,
	weight: ContributionWeight,
	siblings: &[H256],
) -> bool {
	verify(root, index, &leaf_hash(id, weight), siblings)
}

/// An off-chain builder of the same tree from a full list of leaves: computes the root and
/// the proof of any leaf. Used by tests and indexers (O(n log n)); never by the runtime.
#[cfg(feature = "std")]
pub struct TreeBuilder {
	levels: Vec<std::collections::BTreeMap<u64, H256>>,
	zeros: Vec<H256>,
}

// Indices stay below 2^DEPTH, so `index * 2 + 1` cannot overflow a u64.
#[cfg(feature = "std")]
#[allow(clippy::arithmetic_side_effects)]
impl TreeBuilder {
	/// A tree with the given `(index, leaf)` entries; every other leaf is empty.
	pub fn new(leaves: impl IntoIterator<Item = (u64, H256)>) -> Self {
		let zeros = zero_hashes();
		let mut levels = Vec::new();
		let mut level: std::collections::BTreeMap<u64, H256> =
			leaves.into_iter().filter(|(_, leaf)| !leaf.is_zero()).collect();
		for height in 0..DEPTH as usize {
			let mut parents = std::collections::BTreeMap::new();
			for index in level.keys() {
				let parent = index / 2;
				if parents.contains_key(&parent) {
					continue;
				}
				let zero = zeros.get(height).copied().unwrap_or_default();
				let left = level.get(&(parent * 2)).copied().unwrap_or(zero);
				let right = level.get(&(parent * 2 + 1)).copied().unwrap_or(zero);
				parents.insert(parent, node_hash(&left, &right));
			}
			levels.push(level);
			level = parents;
		}
		levels.push(level);
		Self { levels, zeros }
	}

	/// The root of the tree.
	pub fn root(&self) -> H256 {
		self.levels
			.last()
			.and_then(|top| top.get(&0).copied())
			.unwrap_or_else(|| self.zeros.last().copied().unwrap_or_default())
	}

	/// The sibling hashes proving the leaf at `index`.
	pub fn proof(&self, index: u64) -> Vec<H256> {
		(0..DEPTH as usize)
			.map(|height| {
				let sibling = (index >> height) ^ 1;
				self.levels
					.get(height)
					.and_then(|level| level.get(&sibling).copied())
					.unwrap_or_else(|| self.zeros.get(height).copied().unwrap_or_default())
			})
			.collect()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn empty_tree_root_is_the_top_zero_hash() {
		assert_eq!(TreeBuilder::new([]).root(), empty_root());
		assert_ne!(empty_root(), H256::zero());
	}

	#[test]
	fn proofs_verify_for_members_only() {
		let leaves: Vec<(u64, H256)> =
			(0..5u64).map(|i| (i, leaf_hash(100 + i, 10 * (i + 1)))).collect();
		let tree = TreeBuilder::new(leaves.clone());
		let root = tree.root();
		for (index, _) in &leaves {
			let proof = tree.proof(*index);
			assert!(verify_contribution(&root, *index, 100 + index, 10 * (index + 1), &proof));
			// A tampered weight fails.
			assert!(!verify_contribution(&root, *index, 100 + index, 10 * (index + 1) + 1, &proof));
			// The wrong position fails.
			assert!(!verify_contribution(&root, index + 1, 100 + index, 10 * (index + 1), &proof));
		}
		// A non-member fails at any empty position.
		assert!(!verify_contribution(&root, 7, 999, 1, &tree.proof(7)));
		// A proof of the wrong length fails.
		assert!(!verify(&root, 0, &leaf_hash(100, 10), &tree.proof(0)[1..]));
	}
}
