//! Use cases of the brand file (品牌档案).

use super::*;
use crate::search::DocKind;

/// A new brand of a client.
pub(super) fn create(
    tx: &mut WriteTx,
    stamp: Stamp,
    client_id: ClientId,
    d: BrandDraft,
) -> Result<Outcome, ServiceError> {
    check_ref::<Client>(tx, "client", client_id.0)?;
    let drafts::BrandFields {
        name,
        facts,
        key_points,
        positioning,
        competitors,
    } = d.validate()?;
    let id = BrandId(tx.next_id()?);
    let b = Brand {
        id,
        client_id,
        name,
        facts,
        key_points,
        positioning,
        competitors,
        audit: Audit::new(stamp),
    };
    tx.put(&b)?;
    Ok(done(
        Subject::Brand,
        id.0,
        Action::Created,
        b.name,
        Some(Reverse::Remove(Subject::Brand, id.0)),
    ))
}

/// A brand edited.
pub(super) fn update(
    tx: &mut WriteTx,
    stamp: Stamp,
    id: BrandId,
    d: BrandDraft,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::Brand, Key::id(id.0))?;
    let before: Brand = need(tx, "brand", id.0)?;
    let drafts::BrandFields {
        name,
        facts,
        key_points,
        positioning,
        competitors,
    } = d.validate()?;
    let after = Brand {
        name,
        facts,
        key_points,
        positioning,
        competitors,
        audit: before.audit.touched(stamp),
        ..before.clone()
    };
    tx.put(&after)?;
    Ok(done(
        Subject::Brand,
        id.0,
        Action::Updated,
        after.name,
        Some(Reverse::Restore(Snapshot::from(before))),
    ))
}

impl RecordKind for Brand {
    const SUBJECT: Subject = Subject::Brand;
    const NAME: KindName = KindName {
        zh: "品牌",
        en: "Brand",
    };
    const SEARCH: Option<DocKind> = Some(DocKind::Brand);

    fn id(&self) -> u64 {
        self.id.0
    }

    fn summary(&self) -> String {
        self.name.clone()
    }

    fn restored(self, stamp: Stamp) -> Self {
        Brand {
            audit: self.audit.touched(stamp),
            ..self
        }
    }

    /// Jobs name their brand.
    fn in_use(&self, tx: &WriteTx) -> Result<bool, ServiceError> {
        let id = Some(self.id);
        Ok(tx.all::<Job>()?.iter().any(|j| j.brand_id == id))
    }
}
