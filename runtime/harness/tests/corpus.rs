//! Replays every input of the committed fuzz corpus (`fuzz/corpus/runtime`) and every fixed
//! crash (`fuzz/regressions`) through the same `run` the fuzzer calls, in the normal test
//! build: what the fuzzer once found stays found.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use std::path::Path;

fn replay(dir: &Path) -> usize {
	let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
	let mut files: Vec<_> = entries.map(|e| e.expect("a readable entry").path()).collect();
	files.sort();
	for file in &files {
		let data = std::fs::read(file).expect("a readable corpus file");
		let result = std::panic::catch_unwind(|| tributary_runtime_harness::run_bytes(&data));
		if let Err(e) = result {
			eprintln!("\nFAILED on {}", file.display());
			std::panic::resume_unwind(e);
		}
	}
	files.len()
}

#[test]
fn committed_corpus_replays() {
	let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
	let corpus = replay(&root.join("corpus/runtime"));
	let regressions = replay(&root.join("regressions"));
	println!("replayed {corpus} corpus inputs and {regressions} regressions");
	assert!(corpus >= 8, "the committed corpus has only {corpus} inputs");
}
