//! A client on disk.

use super::*;

/// A client, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClientV1 {
    id: u64,
    name: String,
    short_name: String,
    industry: String,
    address: String,
    phone: String,
    since: Option<i32>,
    notes: String,
    archived: bool,
    audit: AuditV1,
}

impl ClientV1 {
    fn from_domain(c: &domain::Client) -> Self {
        ClientV1 {
            id: c.id.0,
            name: c.name.clone(),
            short_name: c.short_name.clone(),
            industry: c.industry.clone(),
            address: c.address.clone(),
            phone: c.phone.clone(),
            since: c.since.map(date_out),
            notes: c.notes.clone(),
            archived: c.archived,
            audit: AuditV1::from_domain(&c.audit),
        }
    }
    fn into_domain(self) -> Result<domain::Client, CodecError> {
        Ok(domain::Client {
            id: domain::ClientId(self.id),
            name: self.name,
            short_name: self.short_name,
            industry: self.industry,
            address: self.address,
            phone: self.phone,
            since: opt_date_in(Kind::Client, self.since)?,
            notes: self.notes,
            archived: self.archived,
            invoicing: domain::InvoicingDetails::default(),
            audit: self.audit.into_domain(Kind::Client)?,
        })
    }
}

/// A client's invoicing details on disk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InvoicingV1 {
    company: String,
    tax_id: String,
    address: String,
    phone: String,
    bank: String,
    account: String,
}

/// A client, layout 2: layout 1 and its invoicing details (开票信息).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClientV2 {
    v1: ClientV1,
    invoicing: InvoicingV1,
}

impl ClientV2 {
    fn from_domain(c: &domain::Client) -> Self {
        let i = &c.invoicing;
        ClientV2 {
            v1: ClientV1::from_domain(c),
            invoicing: InvoicingV1 {
                company: i.company.clone(),
                tax_id: i.tax_id.clone(),
                address: i.address.clone(),
                phone: i.phone.clone(),
                bank: i.bank.clone(),
                account: i.account.clone(),
            },
        }
    }

    fn into_domain(self) -> Result<domain::Client, CodecError> {
        let i = self.invoicing;
        Ok(domain::Client {
            invoicing: domain::InvoicingDetails {
                company: i.company,
                tax_id: i.tax_id,
                address: i.address,
                phone: i.phone,
                bank: i.bank,
                account: i.account,
            },
            ..self.v1.into_domain()?
        })
    }
}

impl Record for domain::Client {
    const KIND: Kind = Kind::Client;
    const VERSION: u16 = 2;
    fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(Self::KIND, Self::VERSION, &ClientV2::from_domain(self))
    }
    fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let (version, payload) = codec::open_envelope(Self::KIND, bytes)?;
        match version {
            1 => codec::decode_payload::<ClientV1>(Self::KIND, payload)?.into_domain(),
            2 => codec::decode_payload::<ClientV2>(Self::KIND, payload)?.into_domain(),
            v => Err(unknown_version(Self::KIND, v, Self::VERSION)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_of_layout_1_reads_without_invoicing_details_and_layout_2_keeps_them() {
        let at = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 1, 2, 0, 0)
            .single()
            .expect("moment");
        let mut c = domain::Client {
            id: domain::ClientId(7),
            name: "华晨宝马汽车有限公司".into(),
            short_name: "宝马".into(),
            industry: "汽车".into(),
            address: "沈阳".into(),
            phone: String::new(),
            since: None,
            notes: String::new(),
            archived: false,
            invoicing: domain::InvoicingDetails::default(),
            audit: domain::Audit::new(domain::Stamp {
                by: domain::UserId(1),
                at,
            }),
        };
        let old = codec::encode(Kind::Client, 1, &ClientV1::from_domain(&c)).expect("encode");
        assert_eq!(domain::Client::decode(&old).expect("decode"), c);
        c.invoicing.tax_id = "91210100711575330X".into();
        c.invoicing.bank = "中国银行沈阳分行".into();
        let new = c.encode().expect("encode");
        assert_eq!(
            codec::open_envelope(Kind::Client, &new)
                .expect("envelope")
                .0,
            2
        );
        assert_eq!(domain::Client::decode(&new).expect("decode"), c);
    }
}
