//! Command-line interface of the node.

/// Where to report problems.
pub const SUPPORT_URL: &str = "https://github.com/tributary-chain/tributary/issues";

/// What `--help` shows after the flags: how the node keeps the attribution history (the
/// support line replaces the one `sc_cli` shows after the short help).
fn after_long_help() -> String {
	format!(
		"Attribution history: offchain indexing is always on (`--enable-offchain-indexing` is \
		 ignored, for `import-blocks` and `check-block` too): as it imports blocks, the node \
		 writes inference records and their lists into its offchain database, and the \
		 `attribution_` RPC reads them there. A node holds the history only of the blocks it \
		 executed itself, so archive and RPC nodes must run `--sync full` (the default) on a \
		 persistent `--base-path`: a warp- or fast-synced node lacks the history of the blocks \
		 it did not execute, and `--tmp` (also implied by `--dev` without `--base-path`) \
		 deletes it at exit. Public RPC nodes must keep `--rpc-methods safe`: the unsafe \
		 `offchain_localStorageSet` can overwrite the history.\n\nSupport: {SUPPORT_URL}"
	)
}

/// The node's command line: a subcommand, or the flags of a running node.
#[derive(Debug, clap::Parser)]
#[command(after_long_help = after_long_help())]
pub struct Cli {
	/// A subcommand; without one the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Flags of a running node.
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}

/// The node's subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (deprecated upstream: prefer `export-chain-spec`).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export a chain specification.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmarks (build the node with `--features runtime-benchmarks`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Database metadata of the chain.
	ChainInfo(sc_cli::ChainInfoCmd),
}
