//! Every weight the runtime charges, generated on this project's machine by
//! `scripts/bench-weights.sh`: the node's `benchmark pallet` for each pallet (template
//! `scripts/bench/weight-template.hbs`) and its `benchmark overhead` for the empty-block and
//! per-extrinsic base weights. Regenerate them after changing a pallet or the runtime.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_attribution;
pub mod pallet_balances;
pub mod pallet_datanets;
pub mod pallet_models;
pub mod pallet_revenue;
pub mod pallet_sudo;
pub mod pallet_timestamp;
pub mod pallet_transaction_payment;
pub mod pallet_validator_set;
/// This machine's ParityDB read and write cost on the load run's database, measured by
/// `scripts/bench/storage-weights.sh`: the runtime's `DbWeight`.
pub mod paritydb_weights;
