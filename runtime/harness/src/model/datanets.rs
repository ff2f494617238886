//! Datanets: creation, curation, contributions and versions.

use codec::Encode;
use frame_support::traits::Contains;
use frame_support::traits::Get;
use pallet_datanets::{
	Config as DatanetsConfig, ContributionByHash, ContributionOf, ContributionPolicy,
	Contributions, CuratorshipOffers, DatanetOf, DatanetStatus, Datanets, Error as DatanetsError,
	NextContributionId, NextDatanetId, Versions,
};
use sp_runtime::DispatchError;
use tributary_primitives::{AccountId, Balance, ContributionId, ContributionStatus, DatanetId};
use tributary_runtime::configs::ProtectedAccounts;
use tributary_runtime::{Runtime, RuntimeCall};

use super::{max_deposit, record_deposit, Funds, Harness};
use crate::{chain::Applied, ops::*};

type E = DatanetsError<Runtime>;

fn err(e: E) -> DispatchError {
	e.into()
}

/// The deposit every record holds at least.
fn base_deposit() -> Balance {
	tributary_runtime::configs::RecordDepositBase::get()
}

impl Harness {
	/// Free balance of the signer after the fee.
	pub(super) fn free_after_fee(&self, a: &Applied) -> Balance {
		a.before.get(&a.signer).map(|b| b.0).unwrap_or_default().saturating_sub(a.fee)
	}

	/// Picks a datanet id, preferring those for which `prefer` holds.
	pub(super) fn pick_datanet(
		&self,
		p: Pick,
		prefer: impl Fn(&DatanetOf<Runtime>) -> bool,
	) -> DatanetId {
		let count = NextDatanetId::<Runtime>::get() as u64;
		Self::pick(p, count, |id| {
			Datanets::<Runtime>::get(id as DatanetId).is_some_and(|d| prefer(&d))
		}) as DatanetId
	}

	/// Picks a contribution id, preferring those for which `prefer` holds.
	pub(super) fn pick_contribution(
		&self,
		p: Pick,
		prefer: impl Fn(&ContributionOf<Runtime>) -> bool,
	) -> ContributionId {
		let count = NextContributionId::<Runtime>::get();
		Self::pick(p, count, |id| Contributions::<Runtime>::get(id).is_some_and(|c| prefer(&c)))
	}

	pub(super) fn create_datanet(
		&mut self,
		curator: Who,
		name: Len,
		uri: Len,
		review: bool,
		licence: Licence,
	) {
		let s = self.who(curator);
		let id = NextDatanetId::<Runtime>::get();
		let policy =
			if review { ContributionPolicy::CuratorReview } else { ContributionPolicy::Open };
		let call = pallet_datanets::Call::create_datanet {
			name: Self::bytes(name, b'n'),
			metadata_uri: Self::bytes(uri, b'u'),
			policy,
			license: self.licence(licence),
			legal_text_uri: Self::bytes(uri, b'l'),
		};
		let Some(a) = self.submit(s, RuntimeCall::Datanets(call)) else { return };
		let funds = Funds::judge(
			self.free_after_fee(&a),
			base_deposit(),
			max_deposit::<DatanetOf<Runtime>>(0),
		);
		if !self.judge("create_datanet", &a, &[], funds) {
			return;
		}
		let d = Datanets::<Runtime>::get(id).expect("the new datanet is stored");
		assert_eq!(NextDatanetId::<Runtime>::get(), id + 1);
		assert_eq!((&d.curator, d.policy, d.status), (&a.signer, policy, DatanetStatus::Open));
		assert_eq!(
			d.deposit,
			record_deposit(d.encoded_size()),
			"datanet deposit is not the record's"
		);
		self.expect_deltas(
			"create_datanet",
			&a,
			&[(a.signer.clone(), -(d.deposit as i128), d.deposit as i128)],
		);
	}

	pub(super) fn update_datanet(
		&mut self,
		by: Actor,
		datanet: Pick,
		uri: Option<Len>,
		licence: Option<Licence>,
	) {
		let id = self.pick_datanet(datanet, |_| true);
		let before = Datanets::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|d| &d.curator));
		let call = pallet_datanets::Call::update_datanet {
			datanet: id,
			metadata_uri: uri.map(|l| Self::bytes(l, b'v')),
			license: licence.map(|l| (self.licence(l), Self::bytes(Len::Short(40), b'w'))),
		};
		let nothing = uri.is_none() && licence.is_none();
		let Some(a) = self.submit(s, RuntimeCall::Datanets(call)) else { return };
		let mut must_fail = vec![];
		if nothing {
			must_fail.push(err(E::NothingToUpdate));
		}
		match &before {
			None => must_fail.push(err(E::UnknownDatanet)),
			Some(d) if d.curator != a.signer => must_fail.push(err(E::NotCurator)),
			Some(d) if d.status == DatanetStatus::Retired => {
				must_fail.push(err(E::DatanetIsRetired))
			}
			Some(_) => {}
		}
		let funds = Funds::judge(self.free_after_fee(&a), 0, max_deposit::<DatanetOf<Runtime>>(0));
		if !self.judge("update_datanet", &a, &must_fail, funds) {
			return;
		}
		let (old, new) =
			(before.expect("it existed"), Datanets::<Runtime>::get(id).expect("it exists"));
		assert_eq!(
			new.deposit,
			record_deposit(new.encoded_size()),
			"datanet deposit is not the record's"
		);
		let more = new.deposit as i128 - old.deposit as i128;
		self.expect_deltas("update_datanet", &a, &[(a.signer.clone(), -more, more)]);
	}

	pub(super) fn close_datanet(&mut self, by: Actor, datanet: Pick) {
		let id = self.pick_datanet(datanet, |d| d.status == DatanetStatus::Open);
		let before = Datanets::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|d| &d.curator));
		let call = pallet_datanets::Call::close_datanet { datanet: id };
		let Some(a) = self.submit(s, RuntimeCall::Datanets(call)) else { return };
		let must_fail = match &before {
			None => vec![err(E::UnknownDatanet)],
			Some(d) if d.curator != a.signer => vec![err(E::NotCurator)],
			Some(d) if d.status != DatanetStatus::Open => vec![err(E::AlreadyClosed)],
			Some(_) => vec![],
		};
		if self.judge("close_datanet", &a, &must_fail, Funds::Enough) {
			assert_eq!(Datanets::<Runtime>::get(id).map(|d| d.status), Some(DatanetStatus::Closed));
			assert!(
				!CuratorshipOffers::<Runtime>::contains_key(id),
				"a closed datanet is still offered"
			);
			self.expect_deltas("close_datanet", &a, &[]);
		}
	}

	/// One `contribute` by account `s`. Returns the new contribution when it succeeded.
	pub(super) fn contribute(
		&mut self,
		s: usize,
		datanet: Pick,
		hash: Hash,
		size: Size,
		uri: Len,
		metadata: Len,
	) -> Option<ContributionId> {
		let id = self.pick_datanet(datanet, |d| d.status == DatanetStatus::Open);
		let record = Datanets::<Runtime>::get(id);
		let content_hash = match hash {
			Hash::Fresh => self.fresh_hash(),
			Hash::Existing(p) => {
				let c = self.pick_contribution(p, |_| true);
				match Contributions::<Runtime>::get(c) {
					Some(c) => c.content_hash,
					None => self.fresh_hash(),
				}
			}
		};
		let size = match size {
			Size::Zero => 0,
			Size::KiB(k) => k as u64 * 1024,
			Size::MiB(m) => m as u64 * 1024 * 1024,
			Size::Max => u64::MAX,
		};
		let next = NextContributionId::<Runtime>::get();
		let first = self.first_registrant.get(&content_hash).cloned();
		let indexed = ContributionByHash::<Runtime>::get(content_hash)
			.and_then(|id| Contributions::<Runtime>::get(id.0));
		let call = pallet_datanets::Call::contribute {
			datanet: id,
			content_hash,
			size,
			uri: Self::bytes(uri, b'c'),
			metadata: Self::bytes(metadata, b'm'),
		};
		let a = self.submit(s, RuntimeCall::Datanets(call))?;
		let signer = a.signer.clone();
		let mut must_fail = vec![];
		match &record {
			None => must_fail.push(err(E::UnknownDatanet)),
			Some(d) if d.status == DatanetStatus::Retired => {
				must_fail.push(err(E::DatanetIsRetired))
			}
			Some(d) if d.status != DatanetStatus::Open => must_fail.push(err(E::DatanetNotOpen)),
			Some(_) => {}
		}
		if size == 0 {
			must_fail.push(err(E::ZeroSize));
		}
		// A content hash belongs to the first account that registered it: while its
		// registration is live (or withdrawn) nobody registers it again, once flagged nobody
		// ever does, and once rejected only that account may register it again.
		match (&first, &indexed) {
			(_, Some(c)) => match c.status {
				ContributionStatus::Rejected if c.owner == signer => {}
				ContributionStatus::Rejected => must_fail.push(err(E::ContentOwnedByAnother)),
				ContributionStatus::Flagged => must_fail.push(err(E::ContentFlagged)),
				_ => must_fail.push(err(E::DuplicateContent)),
			},
			(Some(owner), None) => {
				assert_eq!(
					*owner,
					signer,
					"block {}: the index forgot {content_hash:?}, first registered by {owner}",
					self.now()
				);
			}
			(None, None) => {}
		}
		let per_weight: Balance = <Runtime as DatanetsConfig>::DepositPerWeight::get();
		let weight = pallet_datanets::Pallet::<Runtime>::default_weight(size.max(1));
		let funds = Funds::judge(
			self.free_after_fee(&a),
			base_deposit() + per_weight * weight as Balance,
			max_deposit::<ContributionOf<Runtime>>(0) + per_weight * weight as Balance,
		);
		if !self.judge("contribute", &a, &must_fail, funds) {
			return None;
		}
		let c = Contributions::<Runtime>::get(next).expect("the contribution is stored");
		let d = record.expect("the datanet existed");
		let open = d.policy == ContributionPolicy::Open;
		let status = if open { ContributionStatus::Accepted } else { ContributionStatus::Pending };
		assert_eq!(
			(&c.owner, c.datanet, c.content_hash, c.size, c.status),
			(&signer, id, content_hash, size, status)
		);
		assert_eq!(ContributionByHash::<Runtime>::get(content_hash).map(|id| id.0), Some(next));
		// The deposit: the record's bytes as submitted, its compact deposit field counted at
		// its longest, plus a part per unit of weight.
		let mut submitted = c.clone();
		(submitted.status, submitted.leaf_index, submitted.first_version) =
			(ContributionStatus::Pending, None, None);
		let bytes = submitted.encoded_size() - codec::Compact(c.deposit).encoded_size()
			+ <codec::Compact<Balance> as codec::MaxEncodedLen>::max_encoded_len();
		assert_eq!(
			c.deposit,
			record_deposit(bytes) + per_weight * weight as Balance,
			"contribution deposit is not its bytes' and weight's"
		);
		assert_eq!(c.weight, weight);
		if open {
			assert_eq!(c.weight, pallet_datanets::Pallet::<Runtime>::default_weight(size));
			let after = Datanets::<Runtime>::get(id).expect("it exists");
			assert_eq!(after.accepted, d.accepted + 1);
			assert_eq!(after.accepted_weight, d.accepted_weight + c.weight as u128);
		}
		self.expect_deltas("contribute", &a, &[(signer, -(c.deposit as i128), c.deposit as i128)]);
		Some(next)
	}

	/// Contributions by one owner until it owns an exact multiple of the claim batch (or one
	/// off it).
	pub(super) fn contribute_batch(&mut self, from: Who, datanet: Pick, batch: Batch) {
		let s = self.who(from);
		let who = self.id(s);
		let owned = pallet_datanets::Pallet::<Runtime>::owned_contributions(&who, None).count();
		let unit = <<Runtime as pallet_revenue::Config>::MaxClaimBatch as Get<u32>>::get() as usize;
		let target = (owned / unit + 1) * unit;
		let count = match batch {
			Batch::ToMultiple => target - owned,
			Batch::OneShort => (target - owned).saturating_sub(1),
			Batch::OnePast => target - owned + 1,
		};
		let datanet = match datanet {
			Pick::Unknown => Pick::Live(0),
			p => p,
		};
		let id = self.pick_datanet(datanet, |d| d.status == DatanetStatus::Open);
		let pick = Pick::Live(id as u16);
		for _ in 0..count {
			if self
				.contribute(s, pick, Hash::Fresh, Size::KiB(4), Len::Short(8), Len::Empty)
				.is_none()
			{
				break;
			}
			if self.chain.in_block >= self.chain.calls_per_block {
				self.next_block(1);
			}
		}
	}

	pub(super) fn accept(&mut self, by: Actor, contribution: Pick, weight: Option<QualityWeight>) {
		let id = self.pick_contribution(contribution, |c| c.status == ContributionStatus::Pending);
		let c = Contributions::<Runtime>::get(id);
		let d = c.as_ref().and_then(|c| Datanets::<Runtime>::get(c.datanet));
		let s = self.signer(by, d.as_ref().map(|d| &d.curator));
		let max = <Runtime as DatanetsConfig>::MaxContributionWeight::get();
		let quality = weight.map(|w| match w {
			QualityWeight::Zero => 0,
			QualityWeight::One => 1,
			QualityWeight::Some(n) => 1 + n as u64 % c.as_ref().map_or(max, |c| c.weight.max(1)),
			QualityWeight::AboveDeclared => c.as_ref().map_or(max, |c| c.weight.saturating_add(1)),
			QualityWeight::Max => max,
			QualityWeight::MaxPlusOne => max + 1,
			QualityWeight::U64Max => u64::MAX,
		});
		let call = pallet_datanets::Call::accept_contribution {
			contribution: id,
			quality_weight: quality,
		};
		let Some(a) = self.submit(s, RuntimeCall::Datanets(call)) else { return };
		let mut must_fail = vec![];
		match (&c, &d) {
			(None, _) => must_fail.push(err(E::UnknownContribution)),
			(Some(_), None) => must_fail.push(err(E::UnknownDatanet)),
			(Some(c), Some(d)) => {
				if d.curator != a.signer {
					must_fail.push(err(E::NotCurator));
				}
				if c.status != ContributionStatus::Pending {
					must_fail.push(err(E::NotPending));
				}
			}
		}
		if quality.is_some_and(|w| w == 0 || w > max) {
			must_fail.push(err(E::InvalidWeight));
		}
		// A quality weight only lowers the declared weight (nothing more is held from the
		// contributor, who did not sign); the released part goes back to the contributor.
		if let (Some(c), Some(w)) = (&c, quality) {
			if w > c.weight {
				must_fail.push(err(E::WeightAboveDeclared));
			}
		}
		let per_weight =
			<<Runtime as DatanetsConfig>::DepositPerWeight as Get<Balance>>::get() as i128;
		let extra = match (&c, quality) {
			(Some(c), Some(w)) if w >= 1 && w <= c.weight => {
				(w as i128 - c.weight as i128) * per_weight
			}
			_ => 0,
		};
		assert!(extra <= 0, "accepting never holds more from the contributor");
		if !self.judge("accept_contribution", &a, &must_fail, Funds::Enough) {
			return;
		}
		let (c, d) = (c.expect("it existed"), d.expect("it existed"));
		let after = Contributions::<Runtime>::get(id).expect("it exists");
		let weight = quality.unwrap_or(c.weight);
		assert_eq!((after.status, after.weight), (ContributionStatus::Accepted, weight));
		assert_eq!(after.deposit as i128, c.deposit as i128 + extra);
		let dn = Datanets::<Runtime>::get(c.datanet).expect("it exists");
		assert_eq!(
			(dn.accepted, dn.accepted_weight),
			(d.accepted + 1, d.accepted_weight + weight as u128)
		);
		self.expect_deltas("accept_contribution", &a, &[(c.owner, -extra, extra)]);
	}

	pub(super) fn reject(&mut self, by: Actor, contribution: Pick) {
		let id = self.pick_contribution(contribution, |c| c.status == ContributionStatus::Pending);
		let c = Contributions::<Runtime>::get(id);
		let d = c.as_ref().and_then(|c| Datanets::<Runtime>::get(c.datanet));
		let s = self.signer(by, d.as_ref().map(|d| &d.curator));
		let call = pallet_datanets::Call::reject_contribution { contribution: id };
		let Some(a) = self.submit(s, RuntimeCall::Datanets(call)) else { return };
		let must_fail = match (&c, &d) {
			(None, _) => vec![err(E::UnknownContribution)],
			(Some(_), None) => vec![err(E::UnknownDatanet)],
			(Some(c), Some(d)) => {
				let mut v = vec![];
				if d.curator != a.signer {
					v.push(err(E::NotCurator));
				}
				if c.status != ContributionStatus::Pending {
					v.push(err(E::NotPending));
				}
				v
			}
		};
		if !self.judge("reject_contribution", &a, &must_fail, Funds::Enough) {
			return;
		}
		let c = c.expect("it existed");
		let after = Contributions::<Runtime>::get(id).expect("it exists");
		assert_eq!((after.status, after.deposit), (ContributionStatus::Rejected, 0));
		assert_eq!(
			ContributionByHash::<Runtime>::get(c.content_hash).map(|id| id.0),
			Some(id),
			"the rejected hash stays bound"
		);
		// The deposit goes back to the owner.
		self.expect_deltas(
			"reject_contribution",
			&a,
			&[(c.owner, c.deposit as i128, -(c.deposit as i128))],
		);
	}

	pub(super) fn flag(&mut self, by: Actor, contribution: Pick) {
		let id = self.pick_contribution(contribution, |c| {
			matches!(c.status, ContributionStatus::Pending | ContributionStatus::Accepted)
		});
		let c = Contributions::<Runtime>::get(id);
		let d = c.as_ref().and_then(|c| Datanets::<Runtime>::get(c.datanet));
		let s = self.signer(by, d.as_ref().map(|d| &d.curator));
		let call = pallet_datanets::Call::flag_malicious { contribution: id };
		let owed_before = c.as_ref().map(|c| super::money::entitlement(&c.owner));
		let Some(a) = self.submit(s, RuntimeCall::Datanets(call)) else { return };
		let must_fail = match (&c, &d) {
			(None, _) => vec![err(E::UnknownContribution)],
			(Some(_), None) => vec![err(E::UnknownDatanet)],
			(Some(c), Some(d)) => {
				let mut v = vec![];
				if d.curator != a.signer {
					v.push(err(E::NotCurator));
				}
				if !matches!(c.status, ContributionStatus::Pending | ContributionStatus::Accepted) {
					v.push(err(E::NotFlaggable));
				}
				v
			}
		};
		if !self.judge("flag_malicious", &a, &must_fail, Funds::Enough) {
			return;
		}
		let (c, d) = (c.expect("it existed"), d.expect("it existed"));
		let after = Contributions::<Runtime>::get(id).expect("it exists");
		assert_eq!((after.status, after.deposit), (ContributionStatus::Flagged, 0));
		assert_eq!(
			ContributionByHash::<Runtime>::get(c.content_hash).map(|id| id.0),
			Some(id),
			"the flagged hash stays bound"
		);
		if c.status == ContributionStatus::Accepted {
			let dn = Datanets::<Runtime>::get(c.datanet).expect("it exists");
			assert_eq!(
				(dn.accepted, dn.accepted_weight),
				(d.accepted - 1, d.accepted_weight - c.weight as u128)
			);
			assert_eq!(after.last_version.map(u32::from), Some(d.latest_version));
		}
		// What it earned until now was settled to its owner; it earns nothing more.
		assert_eq!(
			Some(super::money::entitlement(&c.owner)),
			owed_before,
			"flagging changed what its owner is owed for the past"
		);
		assert_eq!(
			pallet_revenue::Pallet::<Runtime>::pending_pool_share(id)
				.map(|p| p.0)
				.unwrap_or_default(),
			0,
			"a flagged contribution still has pool earnings pending"
		);
		// The whole deposit goes to the treasury.
		self.expect_deltas(
			"flag_malicious",
			&a,
			&[
				(c.owner, 0, -(c.deposit as i128)),
				(crate::chain::treasury_account(), c.deposit as i128, 0),
			],
		);
	}

	pub(super) fn withdraw(&mut self, by: Actor, contribution: Pick) {
		let id = self.pick_contribution(contribution, |c| {
			matches!(c.status, ContributionStatus::Pending | ContributionStatus::Accepted)
		});
		let c = Contributions::<Runtime>::get(id);
		let d = c.as_ref().and_then(|c| Datanets::<Runtime>::get(c.datanet));
		let owed_before = c.as_ref().map(|c| super::money::entitlement(&c.owner));
		let s = self.signer(by, c.as_ref().map(|c| &c.owner));
		let call = pallet_datanets::Call::withdraw_contribution { contribution: id };
		let Some(a) = self.submit(s, RuntimeCall::Datanets(call)) else { return };
		let must_fail = match &c {
			None => vec![err(E::UnknownContribution)],
			Some(c) => {
				let mut v = vec![];
				if c.owner != a.signer {
					v.push(err(E::NotContributionOwner));
				}
				if !matches!(c.status, ContributionStatus::Pending | ContributionStatus::Accepted) {
					v.push(err(E::NotWithdrawable));
				}
				v
			}
		};
		if !self.judge("withdraw_contribution", &a, &must_fail, Funds::Enough) {
			return;
		}
		let (c, d) = (c.expect("it existed"), d.expect("it existed"));
		let after = Contributions::<Runtime>::get(id).expect("it exists");
		assert_eq!((after.status, after.deposit), (ContributionStatus::Withdrawn, 0));
		if c.status == ContributionStatus::Accepted {
			let dn = Datanets::<Runtime>::get(c.datanet).expect("it exists");
			assert_eq!(
				(dn.accepted, dn.accepted_weight),
				(d.accepted - 1, d.accepted_weight - c.weight as u128)
			);
			assert_eq!(after.last_version.map(u32::from), Some(d.latest_version));
		}
		// What it earned until now was settled to its owner; it earns nothing more.
		assert_eq!(
			Some(super::money::entitlement(&c.owner)),
			owed_before,
			"withdrawing changed what its owner is owed for the past"
		);
		assert_eq!(
			pallet_revenue::Pallet::<Runtime>::pending_pool_share(id)
				.map(|p| p.0)
				.unwrap_or_default(),
			0,
			"a withdrawn contribution still has pool earnings pending"
		);
		self.expect_deltas(
			"withdraw_contribution",
			&a,
			&[(c.owner, c.deposit as i128, -(c.deposit as i128))],
		);
	}

	pub(super) fn publish(&mut self, by: Actor, datanet: Pick) {
		let id = self.pick_datanet(datanet, |d| d.accepted > 0);
		let d = Datanets::<Runtime>::get(id);
		let s = self.signer(by, d.as_ref().map(|d| &d.curator));
		let call = pallet_datanets::Call::publish_version { datanet: id };
		let Some(a) = self.submit(s, RuntimeCall::Datanets(call)) else { return };
		let max = <Runtime as DatanetsConfig>::MaxVersions::get();
		let must_fail = match &d {
			None => vec![err(E::UnknownDatanet)],
			Some(d) => {
				let mut v = vec![];
				if d.curator != a.signer {
					v.push(err(E::NotCurator));
				} else if d.status == DatanetStatus::Retired {
					v.push(err(E::DatanetIsRetired));
				}
				if d.accepted == 0 {
					v.push(err(E::EmptyVersion));
				}
				if d.latest_version >= max {
					v.push(err(E::TooManyVersions));
				}
				v
			}
		};
		if !self.judge("publish_version", &a, &must_fail, Funds::Enough) {
			return;
		}
		let d = d.expect("it existed");
		let version = d.latest_version + 1;
		let v = Versions::<Runtime>::get(id, version).expect("the version is stored");
		assert_eq!((v.contribution_count, v.total_weight), (d.accepted, d.accepted_weight));
		assert_eq!(Datanets::<Runtime>::get(id).map(|d| d.latest_version), Some(version));
		self.expect_deltas("publish_version", &a, &[]);
	}

	pub(super) fn offer_curatorship(&mut self, by: Actor, datanet: Pick, to: Target) {
		let id = self.pick_datanet(datanet, |d| d.status != DatanetStatus::Retired);
		let before = Datanets::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|d| &d.curator));
		let to = self.target(to);
		let call = pallet_datanets::Call::offer_curatorship { datanet: id, to: to.clone() };
		let Some(a) = self.submit(s, RuntimeCall::Datanets(call)) else { return };
		let mut must_fail = match &before {
			None => vec![err(E::UnknownDatanet)],
			Some(d) if d.curator != a.signer => vec![err(E::NotCurator)],
			Some(d) if d.status == DatanetStatus::Retired => vec![err(E::DatanetIsRetired)],
			Some(_) => vec![],
		};
		if to == a.signer {
			must_fail.push(err(E::AlreadyCurator));
		}
		if ProtectedAccounts::contains(&to) {
			must_fail.push(err(E::ProtectedAccount));
		}
		if self.judge("offer_curatorship", &a, &must_fail, Funds::Enough) {
			assert_eq!(CuratorshipOffers::<Runtime>::get(id), Some(to));
			self.expect_deltas("offer_curatorship", &a, &[]);
		}
	}

	/// A datanet with an open curatorship offer, when one exists, else `id`.
	fn prefer_offered_datanet(id: DatanetId) -> DatanetId {
		if CuratorshipOffers::<Runtime>::contains_key(id) {
			return id;
		}
		CuratorshipOffers::<Runtime>::iter_keys().next().unwrap_or(id)
	}

	pub(super) fn cancel_curatorship_offer(&mut self, by: Actor, datanet: Pick) {
		let id = Self::prefer_offered_datanet(self.pick_datanet(datanet, |_| true));
		let before = Datanets::<Runtime>::get(id);
		let offer = CuratorshipOffers::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|d| &d.curator));
		let call = pallet_datanets::Call::cancel_curatorship_offer { datanet: id };
		let Some(a) = self.submit(s, RuntimeCall::Datanets(call)) else { return };
		let mut must_fail = match &before {
			None => vec![err(E::UnknownDatanet)],
			Some(d) if d.curator != a.signer => vec![err(E::NotCurator)],
			Some(_) => vec![],
		};
		if offer.is_none() {
			must_fail.push(err(E::NoCuratorshipOffer));
		}
		if self.judge("cancel_curatorship_offer", &a, &must_fail, Funds::Enough) {
			assert!(!CuratorshipOffers::<Runtime>::contains_key(id));
			self.expect_deltas("cancel_curatorship_offer", &a, &[]);
		}
	}

	/// The offered account takes the datanet, holding the deposit from its own balance; the
	/// previous curator's is released.
	pub(super) fn accept_curatorship(&mut self, by: Actor, datanet: Pick, max: MaxDeposit) {
		let id = Self::prefer_offered_datanet(self.pick_datanet(datanet, |_| true));
		let before = Datanets::<Runtime>::get(id);
		let offer = CuratorshipOffers::<Runtime>::get(id);
		let s = self.signer(by, offer.as_ref());
		let deposit = before.as_ref().map(|d| d.deposit).unwrap_or_default();
		let max_deposit = Self::max_signed_for(max, deposit);
		let call = pallet_datanets::Call::accept_curatorship { datanet: id, max_deposit };
		let Some(a) = self.submit(s, RuntimeCall::Datanets(call)) else { return };
		let mut must_fail = vec![];
		match (&before, &offer) {
			(None, _) => must_fail.push(err(E::UnknownDatanet)),
			(_, None) => must_fail.push(err(E::NoCuratorshipOffer)),
			(Some(d), Some(to)) => {
				if *to != a.signer {
					must_fail.push(err(E::NotOfferedCuratorship));
				}
				if d.status == DatanetStatus::Retired {
					must_fail.push(err(E::DatanetIsRetired));
				}
				if d.deposit > max_deposit {
					must_fail.push(err(E::DepositAboveMax));
				}
			}
		}
		let funds = Funds::judge(self.free_after_fee(&a), deposit, deposit);
		if !self.judge("accept_curatorship", &a, &must_fail, funds) {
			return;
		}
		let old = before.expect("it existed");
		let d = Datanets::<Runtime>::get(id).expect("it exists");
		assert_eq!((&d.curator, d.deposit), (&a.signer, old.deposit));
		assert!(!CuratorshipOffers::<Runtime>::contains_key(id));
		let dep = old.deposit as i128;
		self.expect_deltas(
			"accept_curatorship",
			&a,
			&[(a.signer.clone(), -dep, dep), (old.curator, dep, -dep)],
		);
	}

	/// A closed datanet with no accepted or pending contributions and no model trained on
	/// it retires, its deposit back to the curator.
	pub(super) fn retire_datanet(&mut self, by: Actor, datanet: Pick) {
		let id =
			self.pick_datanet(datanet, |d| d.status == DatanetStatus::Closed && d.accepted == 0);
		let before = Datanets::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|d| &d.curator));
		let pending = pallet_datanets::Pallet::<Runtime>::pending_count(id);
		let uses = pallet_datanets::Pallet::<Runtime>::model_uses(id);
		let call = pallet_datanets::Call::retire_datanet { datanet: id };
		let Some(a) = self.submit(s, RuntimeCall::Datanets(call)) else { return };
		let must_fail = match &before {
			None => vec![err(E::UnknownDatanet)],
			Some(d) if d.curator != a.signer => vec![err(E::NotCurator)],
			Some(d) if d.status == DatanetStatus::Retired => vec![err(E::DatanetIsRetired)],
			Some(d) => {
				let mut v = vec![];
				if d.status != DatanetStatus::Closed {
					v.push(err(E::NotClosed));
				}
				if d.accepted > 0 || pending > 0 {
					v.push(err(E::ContributionsRemain));
				}
				if uses > 0 {
					v.push(err(E::InUseByModels));
				}
				v
			}
		};
		if !self.judge("retire_datanet", &a, &must_fail, Funds::Enough) {
			return;
		}
		let old = before.expect("it existed");
		let d = Datanets::<Runtime>::get(id).expect("the record stays");
		assert_eq!((d.status, d.deposit), (DatanetStatus::Retired, 0));
		let dep = old.deposit as i128;
		self.expect_deltas("retire_datanet", &a, &[(a.signer.clone(), dep, -dep)]);
	}

	/// The owner of contribution `id`, if it exists.
	pub(super) fn contribution_owner(id: ContributionId) -> Option<AccountId> {
		Contributions::<Runtime>::get(id).map(|c| c.owner)
	}
}
