//! The Tributary node binary.

// `sc_cli::Error` is an upstream type; boxing it would only move the size around.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
