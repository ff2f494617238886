//! What the pallets' test runtimes share (std only): a clock frozen at one instant, so that
//! every mock timestamps its records alike.

use frame_support::traits::UnixTime;

/// The instant a [`FrozenClock`] reports, in milliseconds since the Unix epoch:
/// 2026-11-22 00:00:00 UTC.
pub const FROZEN_NOW_MS: u64 = 1_795_305_600_000;

/// A clock frozen at [`FROZEN_NOW_MS`].
pub struct FrozenClock;

impl UnixTime for FrozenClock {
	fn now() -> core::time::Duration {
		core::time::Duration::from_millis(FROZEN_NOW_MS)
	}
}
