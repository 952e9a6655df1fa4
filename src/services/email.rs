//! The email that carries minutes to the client: a draft (.eml) addressed to the client
//! attendees, with the PDF attached, for the person's own mail program to open, check and
//! send. Outlook opens it as a message to send (`X-Unsent: 1`); others as a message to
//! forward or edit.

use super::ServiceError;
use crate::domain::meeting::Side;
use crate::domain::{Lang, Meeting};
use mail_builder::MessageBuilder;
use mail_builder::headers::raw::Raw;

/// What the minutes email says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesEmail {
    /// Client attendees with an address: (name, address).
    pub to: Vec<(String, String)>,
    /// Client attendees without one (named in the body, to be added by hand).
    pub missing: Vec<String>,
    /// The subject line.
    pub subject: String,
    /// The body text.
    pub body: String,
}

impl MinutesEmail {
    /// The email for version `version` of `meeting`'s minutes, signed by `sender` of
    /// `agency`, with the meeting's local date `date` (e.g. `2026-11-26`).
    pub fn new(
        meeting: &Meeting,
        version: u32,
        date: &str,
        sender: &str,
        agency: &str,
        lang: Lang,
    ) -> MinutesEmail {
        let clients: Vec<_> = meeting
            .attendees
            .iter()
            .filter(|a| a.side == Side::Client)
            .collect();
        let to = clients
            .iter()
            .filter(|a| !a.email.is_empty())
            .map(|a| (a.name.clone(), a.email.clone()))
            .collect();
        let missing = clients
            .iter()
            .filter(|a| a.email.is_empty())
            .map(|a| a.name.clone())
            .collect();
        let names: Vec<&str> = clients.iter().map(|a| a.name.as_str()).collect();
        let title = &meeting.title;
        let (subject, body) = match lang {
            Lang::Zh => (
                format!("会议记录 v{version}：{date} {title} — 请确认并回传"),
                format!(
                    "{}您好：\n\n附件是 {date}「{title}」的会议记录（v{version}）。\n请核对内容，\
                     签名后回传；如需修改，请直接回复本邮件说明，我们会尽快发出修订版。\n\n\
                     谢谢！\n\n{sender}\n{agency}\n",
                    names.join("、")
                ),
            ),
            Lang::En => (
                format!("Minutes v{version}: {date} {title} — please confirm and return"),
                format!(
                    "Dear {},\n\nPlease find attached the minutes of “{title}” on {date} \
                     (v{version}).\nPlease check them, sign and return a copy; if anything \
                     needs changing, reply to this email and we will send a revised version.\n\n\
                     Thank you.\n\n{sender}\n{agency}\n",
                    names.join(", ")
                ),
            ),
        };
        MinutesEmail {
            to,
            missing,
            subject,
            body,
        }
    }

    /// The draft as an RFC 5322 message (.eml) with `pdf` attached as `file_name`.
    pub fn to_eml(&self, file_name: &str, pdf: &[u8]) -> Result<Vec<u8>, ServiceError> {
        let to: Vec<(String, String)> = self.to.clone();
        MessageBuilder::new()
            .to(to)
            .subject(self.subject.as_str())
            .header("X-Unsent", Raw::new("1"))
            .text_body(self.body.as_str())
            .attachment("application/pdf", file_name, pdf)
            .write_to_vec()
            .map_err(|e| ServiceError::Export(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::{Attendee, MeetingKind};
    use crate::domain::{ClientId, Stamp, UserId};

    fn meeting() -> Meeting {
        let at = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap_or_default();
        let mut m = Meeting::new(
            MeetingKind::Meeting,
            ClientId(1),
            at,
            at,
            Stamp { by: UserId(1), at },
        );
        m.title = "创意提案".into();
        for (side, name, email) in [
            (Side::Client, "李娜", "li.na@bmw.cn"),
            (Side::Client, "吴刚", ""),
            (Side::Agency, "王小明", "wang@agency.cn"),
        ] {
            m.attendees.push(Attendee {
                side,
                user: None,
                contact: None,
                name: name.into(),
                title: String::new(),
                email: email.into(),
            });
        }
        m
    }

    #[test]
    fn the_draft_goes_to_the_client_attendees_with_the_pdf_attached() {
        let mail = MinutesEmail::new(&meeting(), 2, "2026-11-26", "王小明", "星河广告", Lang::Zh);
        assert_eq!(
            mail.to,
            vec![("李娜".to_string(), "li.na@bmw.cn".to_string())]
        );
        assert_eq!(mail.missing, vec!["吴刚".to_string()]);
        assert!(mail.subject.contains("v2") && mail.subject.contains("请确认并回传"));
        assert!(mail.body.starts_with("李娜、吴刚您好"));
        let eml = mail
            .to_eml("会议记录 2026-11-26 创意提案 v2.pdf", b"%PDF-1.7 test")
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&eml);
        assert!(text.contains("X-Unsent: 1"));
        assert!(text.contains("li.na@bmw.cn"));
        assert!(
            !text.contains("wang@agency.cn"),
            "the agency is not a recipient"
        );
        assert!(text.contains("application/pdf"));
        // The CJK subject and file name are encoded, not raw bytes in the headers.
        let headers = text.split("\r\n\r\n").next().unwrap_or_default();
        assert!(headers.is_ascii(), "{headers}");
        // The attachment is base64 of the bytes.
        assert!(text.contains("JVBERi0xLjcgdGVzdA=="));
    }
}
