//! Estimates on disk: the estimate with its log of steps, each version's content (whose
//! content hash approvals bind to), the agency's money settings, and the record of a job
//! let into production without a signed estimate.

use super::meetings::reply::FileRefV1;
use super::*;
use crate::domain::estimate::{
    self as est, EstimateKind, EstimateLine, EstimateStatus, EstimateStep, Evidence, LineCategory,
    MediaBilling, PriceBasis, TaxMode,
};

codes!(estimate_kind_out, estimate_kind_in, EstimateKind, Kind::Estimate, {
    EstimateKind::Production => 1,
    EstimateKind::Media => 2,
    EstimateKind::ChangeOrder => 3,
});
codes!(step_out, step_in, EstimateStep, Kind::Estimate, {
    EstimateStep::Submitted => 1,
    EstimateStep::AmApproved => 2,
    EstimateStep::AmReturned => 3,
    EstimateStep::DirectorApproved => 4,
    EstimateStep::DirectorReturned => 5,
    EstimateStep::Sent => 6,
    EstimateStep::Signed => 7,
    EstimateStep::SignedMismatch => 8,
    EstimateStep::Declined => 9,
    EstimateStep::Voided => 10,
});
codes!(evidence_out, evidence_in, Evidence, Kind::Estimate, {
    Evidence::SignedScan => 1,
    Evidence::ClientPdf => 2,
    Evidence::Email => 3,
});
codes!(category_out, category_in, LineCategory, Kind::EstimateVersion, {
    LineCategory::Creative => 1,
    LineCategory::Production => 2,
    LineCategory::Materials => 3,
    LineCategory::Venue => 4,
    LineCategory::Staff => 5,
    LineCategory::Travel => 6,
    LineCategory::ServiceFee => 7,
    LineCategory::Media => 8,
});

/// The code of a step, as the team server's `estimate_step` takes it.
pub fn step_code(s: EstimateStep) -> u8 {
    step_out(s)
}

/// The code of a step, as the `state` column of an estimate's row keeps its newest one
/// (0: a draft, nothing happened yet).
pub fn estimate_state(e: &est::Estimate) -> u8 {
    e.newest_events().last().map_or(0, |ev| step_out(ev.step))
}

/// A status's code for the team server's checks: the code of the step that leads to it.
pub fn status_code(s: EstimateStatus) -> u8 {
    match s {
        EstimateStatus::Draft => 0,
        EstimateStatus::Submitted => step_out(EstimateStep::Submitted),
        EstimateStatus::Returned => step_out(EstimateStep::AmReturned),
        EstimateStatus::AmApproved => step_out(EstimateStep::AmApproved),
        EstimateStatus::DirectorApproved => step_out(EstimateStep::DirectorApproved),
        EstimateStatus::Sent | EstimateStatus::Expired => step_out(EstimateStep::Sent),
        EstimateStatus::Signed => step_out(EstimateStep::Signed),
        EstimateStatus::SignedMismatch => step_out(EstimateStep::SignedMismatch),
        EstimateStatus::Declined => step_out(EstimateStep::Declined),
        EstimateStatus::Voided => step_out(EstimateStep::Voided),
    }
}

/// A signature on disk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignatureV1 {
    version: u32,
    read_hash: String,
    evidence: u8,
    file: Option<FileRefV1>,
}

/// A step of an estimate on disk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EstimateEventV1 {
    version: u32,
    step: u8,
    by: u64,
    at_ms: i64,
    hash: [u8; 32],
    note: String,
    signature: Option<SignatureV1>,
}

/// An estimate, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EstimateV1 {
    id: u64,
    job_id: u64,
    client_id: u64,
    brand_id: Option<u64>,
    kind: u8,
    seq: u32,
    number: String,
    versions: u32,
    events: Vec<EstimateEventV1>,
    audit: AuditV1,
}

impl EstimateV1 {
    fn from_domain(e: &est::Estimate) -> Self {
        EstimateV1 {
            id: e.id.0,
            job_id: e.job_id.0,
            client_id: e.client_id.0,
            brand_id: e.brand_id.map(|b| b.0),
            kind: estimate_kind_out(e.kind),
            seq: e.seq,
            number: e.number.clone(),
            versions: e.versions,
            events: e
                .events
                .iter()
                .map(|ev| EstimateEventV1 {
                    version: ev.version,
                    step: step_out(ev.step),
                    by: ev.by.0,
                    at_ms: ev.at.timestamp_millis(),
                    hash: ev.hash.0,
                    note: ev.note.clone(),
                    signature: ev.signature.as_ref().map(|s| SignatureV1 {
                        version: s.version,
                        read_hash: s.read_hash.clone(),
                        evidence: evidence_out(s.evidence),
                        file: s.file.as_ref().map(FileRefV1::from_domain),
                    }),
                })
                .collect(),
            audit: AuditV1::from_domain(&e.audit),
        }
    }

    fn into_domain(self) -> Result<est::Estimate, CodecError> {
        const K: Kind = Kind::Estimate;
        let mut events = Vec::with_capacity(self.events.len());
        for ev in self.events {
            if ev.version == 0 || ev.version > self.versions {
                return Err(bad(
                    K,
                    format!("a step of version {} of {}", ev.version, self.versions),
                ));
            }
            let signature = match ev.signature {
                None => None,
                Some(s) => Some(est::Signature {
                    version: s.version,
                    read_hash: s.read_hash,
                    evidence: evidence_in(s.evidence)?,
                    file: s.file.map(FileRefV1::into_domain),
                }),
            };
            events.push(est::EstimateEvent {
                version: ev.version,
                step: step_in(ev.step)?,
                by: domain::UserId(ev.by),
                at: moment_in(K, ev.at_ms)?,
                hash: est::VersionHash(ev.hash),
                note: ev.note,
                signature,
            });
        }
        Ok(est::Estimate {
            id: domain::EstimateId(self.id),
            job_id: domain::JobId(self.job_id),
            client_id: domain::ClientId(self.client_id),
            brand_id: self.brand_id.map(domain::BrandId),
            kind: estimate_kind_in(self.kind)?,
            seq: self.seq,
            number: self.number,
            versions: self.versions,
            events,
            audit: self.audit.into_domain(K)?,
        })
    }
}
record_v1!(est::Estimate, EstimateV1, Kind::Estimate);

/// A media line's terms on disk: billing as a code and its rate.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MediaTermsV1 {
    channel: String,
    billing: u8,
    rate_bp: u32,
    flight_start: i32,
    flight_end: i32,
}

/// An estimate line on disk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EstimateLineV1 {
    category: u8,
    description: String,
    specification: String,
    unit: String,
    quantity: i64,
    unit_price: i64,
    vendor: String,
    vendor_quote: Option<i64>,
    cost: Option<i64>,
    note: String,
    media: Option<MediaTermsV1>,
}

fn tax_out(t: TaxMode) -> Option<u32> {
    match t {
        TaxMode::Rate(bp) => Some(bp),
        TaxMode::Exempt => None,
    }
}

fn tax_in(t: Option<u32>) -> TaxMode {
    t.map_or(TaxMode::Exempt, TaxMode::Rate)
}

impl EstimateLineV1 {
    fn from_domain(l: &EstimateLine) -> Self {
        EstimateLineV1 {
            category: category_out(l.category),
            description: l.description.clone(),
            specification: l.specification.clone(),
            unit: l.unit.clone(),
            quantity: l.quantity,
            unit_price: l.unit_price.0,
            vendor: l.vendor.clone(),
            vendor_quote: l.vendor_quote.map(|f| f.0),
            cost: l.cost.map(|f| f.0),
            note: l.note.clone(),
            media: l.media.as_ref().map(|m| MediaTermsV1 {
                channel: m.channel.clone(),
                billing: match m.billing {
                    MediaBilling::Gross { .. } => 1,
                    MediaBilling::NetPlusFee { .. } => 2,
                    MediaBilling::Markup { .. } => 3,
                    MediaBilling::Rebate { .. } => 4,
                },
                rate_bp: m.billing.rate_bp(),
                flight_start: date_out(m.flight_start),
                flight_end: date_out(m.flight_end),
            }),
        }
    }

    fn into_domain(self) -> Result<EstimateLine, CodecError> {
        const K: Kind = Kind::EstimateVersion;
        let media = match self.media {
            None => None,
            Some(m) => Some(est::MediaTerms {
                channel: m.channel,
                billing: match m.billing {
                    1 => MediaBilling::Gross {
                        commission_bp: m.rate_bp,
                    },
                    2 => MediaBilling::NetPlusFee { fee_bp: m.rate_bp },
                    3 => MediaBilling::Markup {
                        markup_bp: m.rate_bp,
                    },
                    4 => MediaBilling::Rebate {
                        rebate_bp: m.rate_bp,
                    },
                    other => return Err(bad(K, format!("unknown media billing {other}"))),
                },
                flight_start: date_in(K, m.flight_start)?,
                flight_end: date_in(K, m.flight_end)?,
            }),
        };
        Ok(EstimateLine {
            category: category_in(self.category)?,
            description: self.description,
            specification: self.specification,
            unit: self.unit,
            quantity: self.quantity,
            unit_price: domain::Fen(self.unit_price),
            vendor: self.vendor,
            vendor_quote: self.vendor_quote.map(domain::Fen),
            cost: self.cost.map(domain::Fen),
            note: self.note,
            media,
        })
    }
}

/// An estimate version, layout 1. Its payload is what the content hash covers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EstimateVersionV1 {
    estimate_id: u64,
    job_id: u64,
    client_id: u64,
    number: u32,
    title: String,
    lines: Vec<EstimateLineV1>,
    tax_bp: Option<u32>,
    prices_with_tax: bool,
    special_fapiao: bool,
    valid_until: i32,
    payment_terms: String,
    client_note: String,
    internal_note: String,
    author: u64,
    audit: AuditV1,
}

impl EstimateVersionV1 {
    fn from_domain(v: &est::EstimateVersion) -> Self {
        EstimateVersionV1 {
            estimate_id: v.estimate_id.0,
            job_id: v.job_id.0,
            client_id: v.client_id.0,
            number: v.number,
            title: v.title.clone(),
            lines: v.lines.iter().map(EstimateLineV1::from_domain).collect(),
            tax_bp: tax_out(v.tax),
            prices_with_tax: v.basis == PriceBasis::Gross,
            special_fapiao: v.special_fapiao,
            valid_until: date_out(v.valid_until),
            payment_terms: v.payment_terms.clone(),
            client_note: v.client_note.clone(),
            internal_note: v.internal_note.clone(),
            author: v.author.0,
            audit: AuditV1::from_domain(&v.audit),
        }
    }

    fn into_domain(self) -> Result<est::EstimateVersion, CodecError> {
        const K: Kind = Kind::EstimateVersion;
        let lines = self
            .lines
            .into_iter()
            .map(EstimateLineV1::into_domain)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(est::EstimateVersion {
            estimate_id: domain::EstimateId(self.estimate_id),
            job_id: domain::JobId(self.job_id),
            client_id: domain::ClientId(self.client_id),
            number: self.number,
            title: self.title,
            lines,
            tax: tax_in(self.tax_bp),
            basis: if self.prices_with_tax {
                PriceBasis::Gross
            } else {
                PriceBasis::Net
            },
            special_fapiao: self.special_fapiao,
            valid_until: date_in(K, self.valid_until)?,
            payment_terms: self.payment_terms,
            client_note: self.client_note,
            internal_note: self.internal_note,
            author: domain::UserId(self.author),
            audit: self.audit.into_domain(K)?,
        })
    }
}
record_v1!(
    est::EstimateVersion,
    EstimateVersionV1,
    Kind::EstimateVersion
);

/// A VAT rate of the agency on disk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaxRateV1 {
    rate_bp: u32,
    name: String,
    from: i32,
    until: Option<i32>,
    small_scale: bool,
}

/// The agency's money settings, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MoneySettingsV1 {
    tax_rates: Vec<TaxRateV1>,
    default_tax_bp: Option<u32>,
    markup_floor_bp: i64,
    validity_days: u32,
    payment_terms: String,
}

impl MoneySettingsV1 {
    fn from_domain(s: &est::check::MoneySettings) -> Self {
        MoneySettingsV1 {
            tax_rates: s
                .tax_rates
                .iter()
                .map(|r| TaxRateV1 {
                    rate_bp: r.rate_bp,
                    name: r.name.clone(),
                    from: date_out(r.from),
                    until: r.until.map(date_out),
                    small_scale: r.small_scale,
                })
                .collect(),
            default_tax_bp: tax_out(s.default_tax),
            markup_floor_bp: s.markup_floor_bp,
            validity_days: s.validity_days,
            payment_terms: s.payment_terms.clone(),
        }
    }

    fn into_domain(self) -> Result<est::check::MoneySettings, CodecError> {
        const K: Kind = Kind::MoneySettings;
        let mut tax_rates = Vec::with_capacity(self.tax_rates.len());
        for r in self.tax_rates {
            tax_rates.push(est::check::TaxRate {
                rate_bp: r.rate_bp,
                name: r.name,
                from: date_in(K, r.from)?,
                until: opt_date_in(K, r.until)?,
                small_scale: r.small_scale,
            });
        }
        Ok(est::check::MoneySettings {
            tax_rates,
            default_tax: tax_in(self.default_tax_bp),
            markup_floor_bp: self.markup_floor_bp,
            validity_days: self.validity_days,
            payment_terms: self.payment_terms,
            sheet_headers: Vec::new(),
        })
    }
}

codes!(sheet_column_out, sheet_column_in, est::SheetColumn, Kind::MoneySettings, {
    est::SheetColumn::Category => 1,
    est::SheetColumn::Description => 2,
    est::SheetColumn::Specification => 3,
    est::SheetColumn::Unit => 4,
    est::SheetColumn::Quantity => 5,
    est::SheetColumn::UnitPrice => 6,
    est::SheetColumn::Amount => 7,
    est::SheetColumn::Cost => 8,
    est::SheetColumn::Vendor => 9,
});

/// The agency's money settings, layout 2: layout 1 and the headers of the agency's own
/// estimate sheets, as a column mapping remembered them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MoneySettingsV2 {
    v1: MoneySettingsV1,
    sheet_headers: Vec<(u8, String)>,
}

impl MoneySettingsV2 {
    fn from_domain(s: &est::check::MoneySettings) -> Self {
        MoneySettingsV2 {
            v1: MoneySettingsV1::from_domain(s),
            sheet_headers: s
                .sheet_headers
                .iter()
                .map(|(c, h)| (sheet_column_out(*c), h.clone()))
                .collect(),
        }
    }

    fn into_domain(self) -> Result<est::check::MoneySettings, CodecError> {
        let mut s = self.v1.into_domain()?;
        for (code, header) in self.sheet_headers {
            s.sheet_headers.push((sheet_column_in(code)?, header));
        }
        Ok(s)
    }
}

impl Record for est::check::MoneySettings {
    const KIND: Kind = Kind::MoneySettings;
    const VERSION: u16 = 2;
    fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(
            Self::KIND,
            Self::VERSION,
            &MoneySettingsV2::from_domain(self),
        )
    }
    fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let (version, payload) = codec::open_envelope(Self::KIND, bytes)?;
        match version {
            1 => codec::decode_payload::<MoneySettingsV1>(Self::KIND, payload)?.into_domain(),
            2 => codec::decode_payload::<MoneySettingsV2>(Self::KIND, payload)?.into_domain(),
            v => Err(unknown_version(Self::KIND, v, Self::VERSION)),
        }
    }
}

/// A job let into production by an AD without a signed estimate, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReleaseV1 {
    job_id: u64,
    client_id: u64,
    number: u32,
    by: u64,
    at_ms: i64,
    reason: String,
    problems: Vec<String>,
}

impl ReleaseV1 {
    fn from_domain(r: &est::Release) -> Self {
        ReleaseV1 {
            job_id: r.job_id.0,
            client_id: r.client_id.0,
            number: r.number,
            by: r.by.0,
            at_ms: r.at.timestamp_millis(),
            reason: r.reason.clone(),
            problems: r.problems.clone(),
        }
    }

    fn into_domain(self) -> Result<est::Release, CodecError> {
        Ok(est::Release {
            job_id: domain::JobId(self.job_id),
            client_id: domain::ClientId(self.client_id),
            number: self.number,
            by: domain::UserId(self.by),
            at: moment_in(Kind::Release, self.at_ms)?,
            reason: self.reason,
            problems: self.problems,
        })
    }
}
record_v1!(est::Release, ReleaseV1, Kind::Release);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::estimate::SheetColumn;

    #[test]
    fn money_settings_of_layout_1_read_without_headers_and_layout_2_keeps_them() {
        let mut s = est::check::MoneySettings::default();
        let bytes = codec::encode(Kind::MoneySettings, 1, &MoneySettingsV1::from_domain(&s))
            .expect("encode");
        let back = est::check::MoneySettings::decode(&bytes).expect("decode");
        assert_eq!(back, s);
        assert!(back.sheet_headers.is_empty());
        s.sheet_headers = vec![
            (SheetColumn::Description, "费用项目".into()),
            (SheetColumn::UnitPrice, "报价".into()),
        ];
        let again = s.encode().expect("encode");
        assert_eq!(
            codec::open_envelope(Kind::MoneySettings, &again)
                .expect("envelope")
                .0,
            2
        );
        assert_eq!(
            est::check::MoneySettings::decode(&again).expect("decode"),
            s
        );
    }
}
