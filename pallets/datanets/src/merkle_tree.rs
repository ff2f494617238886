//! The on-chain side of each datanet's sparse Merkle tree (see
//! `tributary_primitives::merkle`): setting a leaf rewrites its root-to-leaf path.

use sp_core::H256;
use tributary_primitives::{merkle, DatanetId};

use crate::{Config, MerkleNodes, Pallet};

impl<T: Config> Pallet<T> {
	/// Sets leaf `index` of `datanet`'s tree to `leaf` (zero empties it) and rewrites the
	/// path to the root. O(DEPTH) reads and writes.
	pub(crate) fn set_leaf(datanet: DatanetId, index: u64, leaf: H256) {
		let zeros = merkle::zero_hashes();
		let zero_at = |height: usize| zeros.get(height).copied().unwrap_or_default();
		let mut node = leaf;
		let mut position = index;
		for height in 0..merkle::DEPTH as u8 {
			Self::write_node(datanet, height, position, node, zero_at(height as usize));
			let sibling = MerkleNodes::<T>::get(datanet, (height, position ^ 1))
				.unwrap_or_else(|| zero_at(height as usize));
			node = if position & 1 == 0 {
				merkle::node_hash(&node, &sibling)
			} else {
				merkle::node_hash(&sibling, &node)
			};
			position >>= 1;
		}
		Self::write_node(datanet, merkle::DEPTH as u8, 0, node, zero_at(merkle::DEPTH as usize));
	}

	/// Stores a node, or removes it when it equals the empty subtree of its height.
	fn write_node(datanet: DatanetId, height: u8, position: u64, node: H256, zero: H256) {
		if node == zero {
			MerkleNodes::<T>::remove(datanet, (height, position));
		} else {
			MerkleNodes::<T>::insert(datanet, (height, position), node);
		}
	}

	/// The current root of `datanet`'s tree.
	pub fn current_root(datanet: DatanetId) -> H256 {
		MerkleNodes::<T>::get(datanet, (merkle::DEPTH as u8, 0)).unwrap_or_else(merkle::empty_root)
	}

	/// The sibling path proving leaf `index` of `datanet`'s tree as it is now. Reads DEPTH
	/// nodes; for off-chain callers (runtime API, tests).
	pub fn current_proof(datanet: DatanetId, index: u64) -> alloc::vec::Vec<H256> {
		let zeros = merkle::zero_hashes();
		(0..merkle::DEPTH as u8)
			.map(|height| {
				MerkleNodes::<T>::get(datanet, (height, (index >> height) ^ 1))
					.unwrap_or_else(|| zeros.get(height as usize).copied().unwrap_or_default())
			})
			.collect()
	}
}
