//! The node's attribution history as the runtime sees it during an `attribution_` call.
//!
//! The runtime keeps an inference record in state only through its dispute period, and the
//! per-contribution, per-model and per-payer lists of inferences not at all: both live in
//! the node's offchain database, written by offchain indexing as blocks are imported. The
//! runtime reads them back with `sp_io::offchain::local_storage_get`, which traps unless
//! the call registered an [`OffchainDbExt`]. Every call of this namespace registers one over
//! a [`HistoryReader`]: the node's offchain storage when it keeps the history, else nothing
//! at all (every read answers `None` and is noted, so the RPC can tell the caller this node
//! keeps no history instead of a wrong answer or a trap).

use std::sync::{
	atomic::{AtomicBool, Ordering},
	Arc,
};

use sp_core::offchain::{
	DbExternalities, OffchainDbExt, OffchainStorage, StorageKind, STORAGE_PREFIX,
};

/// Read-only access to the node's attribution history for one runtime API call: reads of
/// `StorageKind::PERSISTENT` go to the offchain storage (if any); writes are dropped, so no
/// RPC call can change the history; every read is noted.
pub struct HistoryReader<S> {
	storage: Option<S>,
	read: Arc<AtomicBool>,
}

impl<S: OffchainStorage + 'static> HistoryReader<S> {
	/// The extension to register on a runtime API instance over `storage` (`None`: the node
	/// keeps no history), and a flag that turns `true` once the runtime reads the history.
	pub fn extension(storage: Option<S>) -> (OffchainDbExt, Arc<AtomicBool>) {
		let read = Arc::new(AtomicBool::new(false));
		(OffchainDbExt::new(Self { storage, read: read.clone() }), read)
	}
}

impl<S: OffchainStorage> DbExternalities for HistoryReader<S> {
	fn local_storage_set(&mut self, _: StorageKind, _: &[u8], _: &[u8]) {}

	fn local_storage_clear(&mut self, _: StorageKind, _: &[u8]) {}

	fn local_storage_compare_and_set(
		&mut self,
		_: StorageKind,
		_: &[u8],
		_: Option<&[u8]>,
		_: &[u8],
	) -> bool {
		false
	}

	fn local_storage_get(&mut self, kind: StorageKind, key: &[u8]) -> Option<Vec<u8>> {
		self.read.store(true, Ordering::Relaxed);
		match kind {
			StorageKind::PERSISTENT => self.storage.as_ref()?.get(STORAGE_PREFIX, key),
			// Not implemented by the node's offchain database either (`OffchainDb`).
			StorageKind::LOCAL => None,
		}
	}
}
