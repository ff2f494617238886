//! The two-step transfer of a deposit-bearing record (a datanet's curatorship, a model's
//! ownership), as `pallet-nfts` transfers an item: the holder offers the record to an
//! account, which accepts it by signing; the new holder then holds the record's deposit from
//! its own balance, and only after that is the previous holder's released. Nothing is ever
//! held from an account that did not sign for it.
//!
//! Each pallet keeps its own storage (an open offer is the account it names, at most one
//! per record), events and errors: the rules here say what is refused ([`Refusal`], which
//! each pallet names in its own `Error`) and move the deposit.

use frame_support::traits::{fungible::MutateHold, tokens::Precision, Contains};
use sp_runtime::DispatchError;

/// Why an offer or its acceptance is refused. A pallet maps each to its own error (with
/// `From<Refusal>` for its `Error`) so that its metadata keeps naming its records.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Refusal {
	/// The record was offered to its holder.
	AlreadyHolder,
	/// The record was offered to an account that can never sign (`ProtectedAccounts`).
	ProtectedAccount,
	/// The record has no open offer.
	NoOffer,
	/// The record's open offer names another account.
	NotOffered,
	/// The record is retired: it cannot change hands.
	Retired,
	/// The record's deposit is more than the most the accepting account signed for.
	DepositAboveMax,
}

/// A record that one account holds a deposit for, and that may change hands.
pub trait Transferable<AccountId, Balance> {
	/// The account holding the record and its deposit.
	fn holder(&self) -> &AccountId;
	/// Makes `to` the holder, returning the previous one.
	fn set_holder(&mut self, to: AccountId) -> AccountId;
	/// The deposit held for the record.
	fn deposit(&self) -> Balance;
	/// Whether the record is retired (never offered nor accepted again).
	fn is_retired(&self) -> bool;
}

/// Whether `holder` may offer its record to `to`: never to itself, nor to an account in
/// `Protected` (which could never sign to accept it, nor later release the deposit).
pub fn ensure_offerable<AccountId: PartialEq, Protected: Contains<AccountId>>(
	holder: &AccountId,
	to: &AccountId,
) -> Result<(), Refusal> {
	if to == holder {
		return Err(Refusal::AlreadyHolder);
	}
	if Protected::contains(to) {
		return Err(Refusal::ProtectedAccount);
	}
	Ok(())
}

/// `who`, who signed, accepts `record` under its open `offer` (`None` when there is none),
/// signing for at most `max_deposit`. Checked in this order: an open offer, to `who`, of a
/// record not retired, with a deposit within `max_deposit` (the holder can grow the deposit
/// after offering). Then `who` holds the deposit for `reason` from its own balance, the
/// previous holder's is released, and `who` becomes the holder.
///
/// Returns the previous holder and the deposit moved. The caller writes its storage only
/// after this succeeds: a refusal or a failed hold changes nothing, and should the release
/// fail after the hold (it cannot for a deposit the previous holder holds), the call's error
/// has its storage layer undo the hold. It touches only the two accounts' holds and
/// balances, which the callers' benchmarks count.
pub fn accept<AccountId, Currency, Record>(
	reason: &Currency::Reason,
	record: &mut Record,
	offer: Option<AccountId>,
	who: &AccountId,
	max_deposit: Currency::Balance,
) -> Result<(AccountId, Currency::Balance), AcceptError>
where
	AccountId: PartialEq + Clone,
	Currency: MutateHold<AccountId>,
	Record: Transferable<AccountId, Currency::Balance>,
{
	let offered = offer.ok_or(Refusal::NoOffer)?;
	if &offered != who {
		return Err(Refusal::NotOffered.into());
	}
	if record.is_retired() {
		return Err(Refusal::Retired.into());
	}
	let deposit = record.deposit();
	if deposit > max_deposit {
		return Err(Refusal::DepositAboveMax.into());
	}
	Currency::hold(reason, who, deposit)?;
	Currency::release(reason, record.holder(), deposit, Precision::Exact)?;
	let from = record.set_holder(who.clone());
	Ok((from, deposit))
}

/// Why [`accept`] failed: a refusal by its rules, or the currency's error (the signer could
/// not hold the deposit).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AcceptError {
	/// Refused by the transfer's rules.
	Refused(Refusal),
	/// The currency's error.
	Currency(DispatchError),
}

impl From<Refusal> for AcceptError {
	fn from(refusal: Refusal) -> Self {
		Self::Refused(refusal)
	}
}

impl From<DispatchError> for AcceptError {
	fn from(error: DispatchError) -> Self {
		Self::Currency(error)
	}
}

impl AcceptError {
	/// The dispatch error: a refusal named by the pallet's `E`, or the currency's error.
	pub fn into_dispatch<E: From<Refusal> + Into<DispatchError>>(self) -> DispatchError {
		match self {
			Self::Refused(refusal) => E::from(refusal).into(),
			Self::Currency(error) => error,
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	struct Protected;
	impl Contains<u64> for Protected {
		fn contains(who: &u64) -> bool {
			*who == 99
		}
	}

	#[test]
	fn a_record_is_offered_to_anyone_who_can_sign_but_its_holder() {
		assert_eq!(ensure_offerable::<_, Protected>(&1, &2), Ok(()));
		assert_eq!(ensure_offerable::<_, Protected>(&1, &1), Err(Refusal::AlreadyHolder));
		assert_eq!(ensure_offerable::<_, Protected>(&1, &99), Err(Refusal::ProtectedAccount));
	}
}
