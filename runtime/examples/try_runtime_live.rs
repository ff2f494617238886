//! Checks this runtime's upgrade against a live chain's state, with no try-runtime CLI:
//! downloads the state of the node's finalized head (`frame-remote-externalities`), then runs
//! `Executive::try_runtime_upgrade` natively with every check: each migration's
//! `pre_upgrade`/`post_upgrade` and every pallet's `try_state`.
//!
//! ```text
//! try_runtime_live --uri ws://127.0.0.1:9944
//! ```
//!
//! Prints one summary line and exits 0 when every check passes; prints the failed check and
//! exits 1 otherwise (2 on bad arguments). The node must serve the state RPC (`state_getKeysPaged`
//! is unsafe: a local node's RPC, or `--rpc-methods unsafe`). The end-to-end test
//! `scripts/e2e/tests/09-try-runtime.test.mjs` runs it against a dev chain with state.

use frame_remote_externalities::{Builder, Mode, OnlineConfig};
use frame_try_runtime::UpgradeCheckSelect;
use std::process::ExitCode;
use tributary_runtime::{Block, Executive};

/// The longest `--uri` accepted.
const MAX_URI_LEN: usize = 256;

const USAGE: &str = "usage: try_runtime_live --uri ws://HOST:PORT";

/// The node's WebSocket address from the arguments, checked.
fn parse_uri(mut args: impl Iterator<Item = String>) -> Result<String, String> {
	let (Some(flag), Some(uri), None) = (args.next(), args.next(), args.next()) else {
		return Err(USAGE.into());
	};
	if flag != "--uri" {
		return Err(format!("unknown argument {flag:?}; {USAGE}"));
	}
	if uri.len() > MAX_URI_LEN {
		return Err(format!("--uri is longer than {MAX_URI_LEN} bytes"));
	}
	if !(uri.starts_with("ws://") || uri.starts_with("wss://")) {
		return Err(format!("--uri must be a ws:// or wss:// address, not {uri:?}"));
	}
	Ok(uri)
}

fn main() -> ExitCode {
	// The runtime's log (warnings and errors by default, `RUST_LOG` for more) names the check
	// that failed.
	sp_tracing::try_init_simple();
	let uri = match parse_uri(std::env::args().skip(1)) {
		Ok(uri) => uri,
		Err(error) => {
			eprintln!("try_runtime_live: {error}");
			return ExitCode::from(2);
		}
	};
	match check(uri) {
		Ok(summary) => {
			println!("{summary}");
			ExitCode::SUCCESS
		}
		Err(error) => {
			eprintln!("try-runtime: FAILED: {error}");
			ExitCode::FAILURE
		}
	}
}

/// Downloads the state and runs the upgrade with every check.
fn check(uri: String) -> Result<String, String> {
	let runtime = tokio::runtime::Builder::new_current_thread()
		.enable_all()
		.build()
		.map_err(|e| format!("cannot start the async runtime: {e}"))?;
	let config = OnlineConfig { transport_uris: vec![uri.clone()], ..Default::default() };
	let mut ext = runtime
		.block_on(Builder::<Block>::new().mode(Mode::Online(config)).build())
		.map_err(|e| format!("cannot download the state from {uri}: {e}"))?;
	let (block, weight) = ext.execute_with(|| {
		let block = frame_system::Pallet::<tributary_runtime::Runtime>::block_number();
		(block, Executive::try_runtime_upgrade(UpgradeCheckSelect::All))
	});
	let weight = weight.map_err(|e| format!("{e:?}"))?;
	Ok(format!(
		"try-runtime: on_runtime_upgrade with checks All passed on the state of block #{block} \
		 from {uri}: migrations and try_state of every pallet, weight {}",
		weight.ref_time()
	))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
	use super::parse_uri;

	fn args(list: &[&str]) -> impl Iterator<Item = String> {
		list.iter().map(|s| s.to_string()).collect::<Vec<_>>().into_iter()
	}

	#[test]
	fn the_uri_is_checked() {
		assert_eq!(
			parse_uri(args(&["--uri", "ws://127.0.0.1:9944"])).unwrap(),
			"ws://127.0.0.1:9944"
		);
		assert!(parse_uri(args(&[])).is_err());
		assert!(parse_uri(args(&["--uri"])).is_err());
		assert!(parse_uri(args(&["--url", "ws://x"])).is_err());
		assert!(parse_uri(args(&["--uri", "http://127.0.0.1:9944"])).is_err());
		assert!(parse_uri(args(&["--uri", "ws://x", "extra"])).is_err());
		let long = format!("ws://{}", "a".repeat(300));
		assert!(parse_uri(args(&["--uri", &long])).unwrap_err().contains("longer"));
	}
}
