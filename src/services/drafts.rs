//! Form contents as typed by a person (strings), and their validation into domain values.
//! Screens edit drafts; services validate them; nothing unvalidated reaches the store.

use super::error::{FieldError, Problem};
use crate::domain::text::{multiline, optional_line, required_line};
use crate::domain::{
    BrandId, BriefContent, Client, ClientId, Contact, ContractStatus, Fen, Job, Role, Team, UserId,
    brand, format,
};
use crate::store::{Key, Kind, Rev, StoreError, WriteTx};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What an edit was made from. Every editing command carries one, so a save states the
/// revision it replaces: a colleague's change made between the screen opening and the save
/// is refused as a conflict naming who changed the record and when, instead of being
/// silently overwritten. There is no default: the caller says which it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// The revision of the record the person's screen showed (`None`: it did not exist
    /// then, e.g. settings never saved, or a brief without a version yet). The save is
    /// refused with a conflict if the record changed since.
    Shown(Option<Rev>),
    /// Write over the record as it is stored now, without checking: for the command line
    /// and generated data, which show nothing before they write. Screens never use it.
    Overwrite,
}

impl Base {
    /// Refuses with [`StoreError::Conflict`] unless the record `kind` / `key` is still at
    /// the revision shown; the write that follows in `tx` then replaces exactly it.
    pub(crate) fn check(self, tx: &WriteTx, kind: Kind, key: Key) -> Result<(), StoreError> {
        match self {
            Base::Shown(rev) => tx.expect_unchanged(kind, key, rev),
            Base::Overwrite => Ok(()),
        }
    }
}

fn date(field: &'static str, s: &str) -> Result<NaiveDate, FieldError> {
    if s.trim().is_empty() {
        return Err(FieldError {
            field,
            problem: Problem::Required,
        });
    }
    format::parse_date(s).ok_or(FieldError {
        field,
        problem: Problem::BadDate,
    })
}

fn optional_date(field: &'static str, s: &str) -> Result<Option<NaiveDate>, FieldError> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        date(field, s).map(Some)
    }
}

fn money(field: &'static str, s: &str) -> Result<Fen, FieldError> {
    Fen::parse(s).map_err(|e| FieldError {
        field,
        problem: Problem::BadMoney(e),
    })
}

fn optional_money(field: &'static str, s: &str) -> Result<Option<Fen>, FieldError> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        money(field, s).map(Some)
    }
}

/// The client form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientDraft {
    /// Full name (required).
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Industry.
    pub industry: String,
    /// Address.
    pub address: String,
    /// Phone.
    pub phone: String,
    /// Client since, as typed.
    pub since: String,
    /// Notes.
    pub notes: String,
    /// Invoicing details (开票信息), as typed (boxed: a command stays small).
    pub invoicing: Box<crate::domain::InvoicingDetails>,
}

/// A validated client form.
pub(crate) struct ClientFields {
    pub name: String,
    pub short_name: String,
    pub industry: String,
    pub address: String,
    pub phone: String,
    pub since: Option<NaiveDate>,
    pub notes: String,
    pub invoicing: crate::domain::InvoicingDetails,
}

impl ClientDraft {
    /// The form filled from a stored client.
    pub fn from_client(c: &Client) -> Self {
        ClientDraft {
            name: c.name.clone(),
            short_name: c.short_name.clone(),
            industry: c.industry.clone(),
            address: c.address.clone(),
            phone: c.phone.clone(),
            since: c.since.map(|d| d.to_string()).unwrap_or_default(),
            notes: c.notes.clone(),
            invoicing: Box::new(c.invoicing.clone()),
        }
    }

    pub(crate) fn validate(&self) -> Result<ClientFields, FieldError> {
        Ok(ClientFields {
            name: required_line("name", &self.name)?,
            short_name: optional_line("short_name", &self.short_name)?,
            industry: optional_line("industry", &self.industry)?,
            address: optional_line("address", &self.address)?,
            phone: optional_line("phone", &self.phone)?,
            since: optional_date("since", &self.since)?,
            notes: multiline("notes", &self.notes)?,
            invoicing: self.invoicing_fields()?,
        })
    }

    fn invoicing_fields(&self) -> Result<crate::domain::InvoicingDetails, FieldError> {
        let i = &self.invoicing;
        let tax_id: String = optional_line("tax_id", &i.tax_id)?
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect();
        if !tax_id.is_empty() && !crate::domain::InvoicingDetails::tax_id_fits(&tax_id) {
            return Err(FieldError {
                field: "tax_id",
                problem: Problem::BadTaxId(tax_id),
            });
        }
        Ok(crate::domain::InvoicingDetails {
            company: optional_line("invoice_company", &i.company)?,
            tax_id,
            address: optional_line("invoice_address", &i.address)?,
            phone: optional_line("invoice_phone", &i.phone)?,
            bank: optional_line("bank", &i.bank)?,
            account: optional_line("account", &i.account)?,
        })
    }
}

/// The contact form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDraft {
    /// Name (required).
    pub name: String,
    /// Job title.
    pub title: String,
    /// Phone.
    pub phone: String,
    /// Email.
    pub email: String,
    /// WeChat ID.
    pub wechat: String,
    /// Notes.
    pub notes: String,
}

/// A validated contact form.
pub(crate) struct ContactFields {
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub wechat: String,
    pub notes: String,
}

impl ContactDraft {
    /// The form filled from a stored contact.
    pub fn from_contact(c: &Contact) -> Self {
        ContactDraft {
            name: c.name.clone(),
            title: c.title.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
            wechat: c.wechat.clone(),
            notes: c.notes.clone(),
        }
    }

    /// Validated fields, in the order of [`ContactFields`].
    pub(crate) fn validate(&self) -> Result<ContactFields, FieldError> {
        let email = optional_line("email", &self.email)?;
        if !email.is_empty() && !crate::domain::text::looks_like_email(&email) {
            return Err(FieldError {
                field: "email",
                problem: Problem::BadEmail,
            });
        }
        Ok(ContactFields {
            name: required_line("contact_name", &self.name)?,
            title: optional_line("job_title", &self.title)?,
            phone: optional_line("phone", &self.phone)?,
            email,
            wechat: optional_line("wechat", &self.wechat)?,
            notes: multiline("notes", &self.notes)?,
        })
    }
}

/// The contract form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractDraft {
    /// Contract number (required).
    pub number: String,
    /// Scope.
    pub scope: String,
    /// Start date, as typed (required).
    pub start: String,
    /// End date, as typed (required).
    pub end: String,
    /// Value, as typed, e.g. `¥1,234.50` (required).
    pub value: String,
    /// Status.
    pub status: ContractStatus,
}

impl Default for ContractDraft {
    fn default() -> Self {
        ContractDraft {
            number: String::new(),
            scope: String::new(),
            start: String::new(),
            end: String::new(),
            value: String::new(),
            status: ContractStatus::Draft,
        }
    }
}

/// A validated contract form.
pub(crate) struct ContractFields {
    pub number: String,
    pub scope: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub value: Fen,
    pub status: ContractStatus,
}

impl ContractDraft {
    /// The form filled from a stored contract.
    pub fn from_contract(c: &crate::domain::Contract) -> Self {
        ContractDraft {
            number: c.number.clone(),
            scope: c.scope.clone(),
            start: c.start.to_string(),
            end: c.end.to_string(),
            value: c.value.to_string(),
            status: c.status,
        }
    }

    pub(crate) fn validate(&self) -> Result<ContractFields, FieldError> {
        let number = required_line("number", &self.number)?;
        let scope = multiline("scope", &self.scope)?;
        let start = date("start", &self.start)?;
        let end = date("end", &self.end)?;
        crate::domain::client::check_period(start, end).map_err(|_| FieldError {
            field: "end",
            problem: Problem::EndBeforeStart,
        })?;
        Ok(ContractFields {
            number,
            scope,
            start,
            end,
            value: money("value", &self.value)?,
            status: self.status,
        })
    }
}

/// The brand form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandDraft {
    /// Brand name (required).
    pub name: String,
    /// Key facts.
    pub facts: String,
    /// Key points.
    pub key_points: String,
    /// Positioning and strategy.
    pub positioning: String,
    /// Competitors, one per line or separated by 、 or commas.
    pub competitors: String,
}

/// A validated brand form.
pub(crate) struct BrandFields {
    pub name: String,
    pub facts: String,
    pub key_points: String,
    pub positioning: String,
    pub competitors: Vec<String>,
}

impl BrandDraft {
    /// The form filled from a stored brand.
    pub fn from_brand(b: &crate::domain::Brand) -> Self {
        BrandDraft {
            name: b.name.clone(),
            facts: b.facts.clone(),
            key_points: b.key_points.clone(),
            positioning: b.positioning.clone(),
            competitors: b.competitors.join("\n"),
        }
    }

    /// Validated fields, in the order of [`BrandFields`].
    pub(crate) fn validate(&self) -> Result<BrandFields, FieldError> {
        let competitors = brand::parse_competitors(&self.competitors);
        for c in &competitors {
            optional_line("competitors", c)?;
        }
        Ok(BrandFields {
            name: required_line("name", &self.name)?,
            facts: multiline("facts", &self.facts)?,
            key_points: multiline("key_points", &self.key_points)?,
            positioning: multiline("positioning", &self.positioning)?,
            competitors,
        })
    }
}

/// The job form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobDraft {
    /// Title (required).
    pub title: String,
    /// The client (required).
    pub client_id: Option<ClientId>,
    /// The brand, if any; must belong to the client.
    pub brand_id: Option<BrandId>,
    /// Account team.
    pub team: Team,
    /// Request date, as typed (required).
    pub requested_on: String,
    /// Due date, as typed.
    pub due_on: String,
}

/// A validated job form.
pub(crate) struct JobFields {
    pub title: String,
    pub client_id: ClientId,
    pub brand_id: Option<BrandId>,
    pub team: Team,
    pub requested_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
}

impl JobDraft {
    /// The form filled from a stored job.
    pub fn from_job(j: &Job) -> Self {
        JobDraft {
            title: j.title.clone(),
            client_id: Some(j.client_id),
            brand_id: j.brand_id,
            team: j.team,
            requested_on: j.requested_on.to_string(),
            due_on: j.due_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    pub(crate) fn validate(&self) -> Result<JobFields, FieldError> {
        let title = required_line("title", &self.title)?;
        let client_id = self.client_id.ok_or(FieldError {
            field: "client",
            problem: Problem::Required,
        })?;
        let requested_on = date("requested_on", &self.requested_on)?;
        let due_on = optional_date("due_on", &self.due_on)?;
        crate::domain::job::check_dates(requested_on, due_on).map_err(|_| FieldError {
            field: "due_on",
            problem: Problem::EndBeforeStart,
        })?;
        Ok(JobFields {
            title,
            client_id,
            brand_id: self.brand_id,
            team: self.team,
            requested_on,
            due_on,
        })
    }
}

/// The brief form: seven text sections and the budget as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefDraft {
    /// Text sections, budget left empty here.
    pub content: BriefContent,
    /// Budget as typed, e.g. `¥500,000`; empty for none.
    pub budget: String,
}

impl BriefDraft {
    /// The form filled from saved content.
    pub fn from_content(c: &BriefContent) -> Self {
        BriefDraft {
            content: c.clone(),
            budget: c.budget.map(|f| f.to_string()).unwrap_or_default(),
        }
    }

    /// Validates every section and the budget.
    pub fn validate(&self) -> Result<BriefContent, FieldError> {
        let mut out = BriefContent::default();
        for field in crate::domain::BriefField::TEXT {
            let text = self.content.text(field).unwrap_or_default();
            let checked = multiline(field.key(), text)?;
            if let Some(slot) = out.text_mut(field) {
                *slot = checked;
            }
        }
        out.budget = optional_money("budget", &self.budget)?;
        Ok(out)
    }
}

/// The user form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDraft {
    /// Display name (required).
    pub name: String,
    /// Role.
    pub role: Role,
    /// Still at the agency.
    pub active: bool,
}

impl Default for UserDraft {
    fn default() -> Self {
        UserDraft {
            name: String::new(),
            role: Role::AccountExecutive,
            active: true,
        }
    }
}

impl UserDraft {
    /// The form filled from a stored user.
    pub fn from_user(u: &crate::domain::User) -> Self {
        UserDraft {
            name: u.name.clone(),
            role: u.role,
            active: u.active,
        }
    }

    pub(crate) fn validate(&self) -> Result<String, FieldError> {
        Ok(required_line("user_name", &self.name)?)
    }
}

/// A user picked for a role on a team, checked to exist.
pub(crate) fn team_members(team: &Team) -> [Option<UserId>; 3] {
    [team.ae, team.am, team.ad]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brief_budget_accepts_typed_forms_and_rejects_bad_ones() {
        let mut d = BriefDraft {
            budget: "¥1,234.50".into(),
            ..Default::default()
        };
        assert_eq!(d.validate().map(|c| c.budget), Ok(Some(Fen(123_450))));
        d.budget = "１２３".into();
        assert_eq!(d.validate().map(|c| c.budget), Ok(Some(Fen(12_300))));
        d.budget = String::new();
        assert_eq!(d.validate().map(|c| c.budget), Ok(None));
        for bad in ["-5", "12.345", "abc"] {
            d.budget = bad.into();
            let err = d.validate().err().map(|e| e.field);
            assert_eq!(err, Some("budget"), "{bad}");
        }
    }

    #[test]
    fn contract_needs_a_sane_period_and_amount() {
        let mut d = ContractDraft {
            number: "HT-1".into(),
            start: "2026-01-01".into(),
            end: "2025-12-31".into(),
            value: "100".into(),
            ..Default::default()
        };
        assert_eq!(
            d.validate().err().map(|e| e.problem),
            Some(Problem::EndBeforeStart)
        );
        d.end = "2026-12-31".into();
        assert!(d.validate().is_ok());
        d.start = "2026-02-30".into();
        assert_eq!(
            d.validate().err().map(|e| (e.field, e.problem)),
            Some(("start", Problem::BadDate))
        );
    }

    #[test]
    fn contact_email_is_checked_only_when_given() {
        let mut d = ContactDraft {
            name: "李华".into(),
            ..Default::default()
        };
        assert!(d.validate().is_ok());
        d.email = "li@example".into();
        assert_eq!(
            d.validate().err().map(|e| e.problem),
            Some(Problem::BadEmail)
        );
        d.email = "li.hua@coca-cola.com.cn".into();
        assert!(d.validate().is_ok());
    }

    #[test]
    fn client_name_must_not_be_blank() {
        let d = ClientDraft {
            name: " \t ".into(),
            ..Default::default()
        };
        assert_eq!(
            d.validate().err(),
            Some(FieldError {
                field: "name",
                problem: Problem::Required
            })
        );
    }
}
