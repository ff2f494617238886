//! The node's JSON-RPC modules beyond the standard `system_`/`chain_`/`state_`/`author_` ones:
//! account nonces (`system_accountNextIndex`), fees (`payment_`) and attribution reads
//! (`attribution_`, every parameter bounded and checked before any work: see `docs/rpc.md`).

use std::sync::Arc;

use jsonrpsee::RpcModule;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_core::offchain::OffchainStorage;
use tributary_runtime::{opaque::Block, AccountId, Balance, Nonce};

/// What the RPC modules need from the node.
pub struct FullDeps<C, P, S> {
	/// The client, to call runtime APIs.
	pub client: Arc<C>,
	/// The transaction pool, for nonces of pending transactions.
	pub pool: Arc<P>,
	/// The node's attribution history: the backend's offchain storage, which offchain
	/// indexing fills at import; `None` when the node keeps none (no offchain storage, or
	/// indexing off), and then the `attribution_` methods that need it say so.
	pub offchain_storage: Option<S>,
}

/// Builds every custom RPC module into one.
pub fn create_full<C, P, S>(
	deps: FullDeps<C, P, S>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	C::Api: tributary_rpc::RuntimeApi<Block>,
	P: TransactionPool + 'static,
	S: OffchainStorage + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};
	use tributary_rpc::Attribution;

	let FullDeps { client, pool, offchain_storage } = deps;
	let mut module = RpcModule::new(());
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(Attribution::new(client, offchain_storage).into_rpc()?)?;
	Ok(module)
}
