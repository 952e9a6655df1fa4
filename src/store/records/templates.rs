//! The agency's schedule templates on disk: one record, kept in the meta table, holding
//! every template with its plan.
//!
//! - Layout 1: each template's name, whether it is the default, and its tasks in the task
//!   layout of schedules (layout 2: with their level and whether they count calendar days).

use super::{Record, TaskV2, tasks_in, unknown_version};
use crate::domain::template::{ScheduleTemplate, ScheduleTemplates};
use crate::store::codec::{self, CodecError, Kind};
use serde::{Deserialize, Serialize};

const KIND: Kind = Kind::Templates;

/// One template, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TemplateV1 {
    name: String,
    is_default: bool,
    tasks: Vec<TaskV2>,
}

/// The agency's schedule templates, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScheduleTemplatesV1 {
    templates: Vec<TemplateV1>,
}

impl ScheduleTemplatesV1 {
    fn from_domain(list: &ScheduleTemplates) -> Self {
        ScheduleTemplatesV1 {
            templates: list
                .templates
                .iter()
                .map(|t| TemplateV1 {
                    name: t.name.clone(),
                    is_default: t.is_default,
                    tasks: t.plan.tasks.iter().map(TaskV2::from_domain).collect(),
                })
                .collect(),
        }
    }

    fn into_domain(self) -> Result<ScheduleTemplates, CodecError> {
        let templates = self
            .templates
            .into_iter()
            .map(|t| {
                Ok(ScheduleTemplate {
                    name: t.name,
                    is_default: t.is_default,
                    plan: tasks_in(KIND, t.tasks, TaskV2::into_domain)?,
                })
            })
            .collect::<Result<_, CodecError>>()?;
        Ok(ScheduleTemplates { templates })
    }
}

impl Record for ScheduleTemplates {
    const KIND: Kind = KIND;
    const VERSION: u16 = 1;
    fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(
            Self::KIND,
            Self::VERSION,
            &ScheduleTemplatesV1::from_domain(self),
        )
    }
    fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let (version, payload) = codec::open_envelope(Self::KIND, bytes)?;
        match version {
            1 => codec::decode_payload::<ScheduleTemplatesV1>(Self::KIND, payload)?.into_domain(),
            v => Err(unknown_version(Self::KIND, v, Self::VERSION)),
        }
    }
}
