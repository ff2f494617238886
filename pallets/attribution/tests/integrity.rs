//! The pallet's `integrity_test`: the test runtime's config passes it, and a config whose idle
//! budget cannot archive one record is refused.
//!
//! Integration tests over the shared test runtime (`tributary-test-runtime`).

use frame_support::traits::Hooks;
use tributary_test_runtime::*;

#[test]
fn integrity_test_accepts_the_test_runtime_config() {
	new_test_ext().execute_with(<Attribution as Hooks<u64>>::integrity_test);
}

#[test]
#[should_panic(expected = "on_idle must be able to archive at least one record per block")]
fn integrity_test_refuses_an_idle_budget_below_one_record() {
	MaxIdlePruneWeight::set(frame_support::weights::Weight::from_parts(PRUNE_WEIGHT, 0));
	new_test_ext().execute_with(<Attribution as Hooks<u64>>::integrity_test);
}
