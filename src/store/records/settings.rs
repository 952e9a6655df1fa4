//! The agency settings on disk: layouts 1–3.

use super::*;

/// Agency settings, layout 1 (before the agency's own days).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SettingsV1 {
    agency_name: String,
    agency_name_en: String,
    address: String,
    phone: String,
    job_number_format: String,
}

/// An agency day on disk: date, working, name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgencyDayV1 {
    date: i32,
    working: bool,
    name: String,
}

/// Agency settings, layout 2: layout 1 and the agency's own days.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SettingsV2 {
    v1: SettingsV1,
    days: Vec<AgencyDayV1>,
}

impl SettingsV1 {
    fn into_domain(self) -> domain::AgencySettings {
        domain::AgencySettings {
            agency_name: self.agency_name,
            agency_name_en: self.agency_name_en,
            address: self.address,
            phone: self.phone,
            job_number_format: job::JobNumberFormat(self.job_number_format),
            days: Vec::new(),
            notices: Vec::new(),
        }
    }
}

impl SettingsV2 {
    fn from_domain(s: &domain::AgencySettings) -> Self {
        SettingsV2 {
            v1: SettingsV1 {
                agency_name: s.agency_name.clone(),
                agency_name_en: s.agency_name_en.clone(),
                address: s.address.clone(),
                phone: s.phone.clone(),
                job_number_format: s.job_number_format.0.clone(),
            },
            days: s
                .days
                .iter()
                .map(|d| AgencyDayV1 {
                    date: date_out(d.date),
                    working: d.working,
                    name: d.name.clone(),
                })
                .collect(),
        }
    }
    fn into_domain(self) -> Result<domain::AgencySettings, CodecError> {
        let days = self
            .days
            .into_iter()
            .map(|d| {
                Ok(domain::settings::AgencyDay {
                    date: date_in(Kind::Settings, d.date)?,
                    working: d.working,
                    name: d.name,
                })
            })
            .collect::<Result<_, CodecError>>()?;
        Ok(domain::AgencySettings {
            days,
            ..self.v1.into_domain()
        })
    }
}

/// A year's holiday notice the agency supplied, on disk: year, reference, the dates it set.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgencyNoticeV1 {
    year: i32,
    reference: String,
    dates: Vec<i32>,
}

/// Agency settings, layout 3: layout 2 and the years whose holiday notice the agency
/// supplied (pasted or imported), with their references.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SettingsV3 {
    v2: SettingsV2,
    notices: Vec<AgencyNoticeV1>,
}

impl SettingsV3 {
    fn from_domain(s: &domain::AgencySettings) -> Self {
        SettingsV3 {
            v2: SettingsV2::from_domain(s),
            notices: s
                .notices
                .iter()
                .map(|n| AgencyNoticeV1 {
                    year: n.year,
                    reference: n.reference.clone(),
                    dates: n.dates.iter().map(|d| date_out(*d)).collect(),
                })
                .collect(),
        }
    }
    fn into_domain(self) -> Result<domain::AgencySettings, CodecError> {
        let notices = self
            .notices
            .into_iter()
            .map(|n| {
                Ok(domain::settings::AgencyNotice {
                    year: n.year,
                    reference: n.reference,
                    dates: n
                        .dates
                        .into_iter()
                        .map(|d| date_in(Kind::Settings, d))
                        .collect::<Result<_, CodecError>>()?,
                })
            })
            .collect::<Result<_, CodecError>>()?;
        Ok(domain::AgencySettings {
            notices,
            ..self.v2.into_domain()?
        })
    }
}

impl Record for domain::AgencySettings {
    const KIND: Kind = Kind::Settings;
    const VERSION: u16 = 3;
    fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(Self::KIND, Self::VERSION, &SettingsV3::from_domain(self))
    }
    fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let (version, payload) = codec::open_envelope(Self::KIND, bytes)?;
        match version {
            1 => Ok(codec::decode_payload::<SettingsV1>(Self::KIND, payload)?.into_domain()),
            2 => codec::decode_payload::<SettingsV2>(Self::KIND, payload)?.into_domain(),
            3 => codec::decode_payload::<SettingsV3>(Self::KIND, payload)?.into_domain(),
            v => Err(unknown_version(Self::KIND, v, Self::VERSION)),
        }
    }
}

#[cfg(test)]
mod settings_tests {
    use super::*;
    use crate::domain::settings::{AgencyDay, AgencyNotice};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn with_a_notice() -> domain::AgencySettings {
        domain::AgencySettings {
            days: vec![AgencyDay {
                date: d("2027-02-08"),
                working: false,
                name: "春节".into(),
            }],
            notices: vec![AgencyNotice {
                year: 2027,
                reference: "国办发明电〔2026〕8号".into(),
                dates: vec![d("2027-02-08")],
            }],
            ..domain::AgencySettings::default()
        }
    }

    #[test]
    fn layout_3_keeps_the_agency_notices() {
        let s = with_a_notice();
        let bytes = s.encode().unwrap();
        assert_eq!(domain::AgencySettings::decode(&bytes).unwrap(), s);
    }

    #[test]
    fn layouts_1_and_2_still_read_without_notices() {
        let s = with_a_notice();
        let v2 = codec::encode(Kind::Settings, 2, &SettingsV2::from_domain(&s)).unwrap();
        let read = domain::AgencySettings::decode(&v2).unwrap();
        assert_eq!(read.days, s.days);
        assert!(read.notices.is_empty());
        let v1 = codec::encode(Kind::Settings, 1, &SettingsV2::from_domain(&s).v1).unwrap();
        let read = domain::AgencySettings::decode(&v1).unwrap();
        assert_eq!(read.agency_name, s.agency_name);
        assert!(read.days.is_empty() && read.notices.is_empty());
    }
}
