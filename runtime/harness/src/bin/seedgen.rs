//! Writes the seed corpus of the fuzz target: inputs from a seeded generator, of several
//! lengths, each run once through the harness to make sure it passes.
//!
//! `cargo run -p tributary-runtime-harness --bin seedgen -- runtime/harness/fuzz/corpus/runtime`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

fn main() {
	let dir = std::env::args().nth(1).expect("usage: seedgen <corpus dir>");
	std::fs::create_dir_all(&dir).expect("the corpus directory can be created");
	for (n, len) in [256usize, 384, 512, 640, 768, 1024, 1024, 1536, 1536, 2048, 2048, 3072]
		.into_iter()
		.enumerate()
	{
		let seed = 0x5eed_0000 + n as u64;
		let data = tributary_runtime_harness::seed_bytes(seed, len);
		let stats = tributary_runtime_harness::run_bytes(&data);
		let path = std::path::Path::new(&dir).join(format!("seed-{n:02}"));
		std::fs::write(&path, &data).expect("the seed can be written");
		println!(
			"{}: {} bytes, {} ops, {} calls, {} ok",
			path.display(),
			len,
			stats.ops,
			stats.submitted(),
			stats.succeeded()
		);
	}
}
