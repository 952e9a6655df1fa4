//! Saving the agency settings.

use super::*;

/// The agency settings saved, after checking them.
pub(super) fn save(
    tx: &mut WriteTx,
    s: AgencySettings,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::Settings, Key::ONE)?;
    s.job_number_format.validate().map_err(|e| FieldError {
        field: "job_number_format",
        problem: Problem::BadFormat(e.to_string()),
    })?;
    let agency_name = crate::domain::text::required_line("agency_name", &s.agency_name)?;
    let days = agency_days(s.days.clone())?;
    let notices = holidays::checked_notices(s.notices.clone())?;
    let before = tx.settings()?;
    tx.put_settings(&AgencySettings {
        agency_name,
        days,
        notices,
        ..s
    })?;
    Ok(done(
        Subject::Settings,
        0,
        Action::Updated,
        String::new(),
        Some(Reverse::Settings(before)),
    ))
}

/// The agency's days as saved: each named, none twice, in date order.
fn agency_days(
    mut days: Vec<crate::domain::settings::AgencyDay>,
) -> Result<Vec<crate::domain::settings::AgencyDay>, ServiceError> {
    use crate::domain::settings::MAX_AGENCY_DAYS;
    if days.len() > MAX_AGENCY_DAYS {
        return Err(FieldError {
            field: "agency_days",
            problem: Problem::TooMany {
                max: MAX_AGENCY_DAYS,
            },
        }
        .into());
    }
    for d in &mut days {
        d.name = crate::domain::text::required_line("agency_day_name", &d.name)?;
    }
    days.sort_by_key(|d| d.date);
    let settings = AgencySettings {
        days,
        ..AgencySettings::default()
    };
    if let Some(day) = settings.repeated_day() {
        return Err(FieldError {
            field: "agency_days",
            problem: Problem::Repeated(day.format("%Y-%m-%d").to_string()),
        }
        .into());
    }
    Ok(settings.days)
}
