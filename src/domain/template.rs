//! Schedule templates (进度表模板): the agency's own standard plans — an event, a TVC, a
//! print campaign, a digital launch — each made from a schedule that worked ("save as
//! template"), renamed, edited, deleted, and one of them the default a new schedule starts
//! from. The built-in standard plan is one of them until the agency deletes it.
//!
//! A template keeps the shape of a plan, not its dates or its people: phases, names,
//! durations, gaps and predecessors, parties and what the client sees or owes. Owners,
//! notes, progress, actual dates and statuses are left out.
//!
//! Its plan is stored laid out from [`ANCHOR`] on the weekends-only calendar, so a length
//! in working days means the same whatever holidays the agency imports later: a five-day
//! task copied across Spring Festival stays five working days, and is laid out again on the
//! real calendar from the day a job starts ([`ScheduleTemplates::lay_out`]).

use crate::domain::calendar::WorkCalendar;
use crate::domain::schedule::{Schedule, ScheduleProblem, Task, TaskId, TaskStatus};
use chrono::{Duration, NaiveDate};
use thiserror::Error;

/// The most templates an agency keeps.
pub const MAX_TEMPLATES: usize = 50;

/// The longest template name, in characters (it is offered in a picker).
pub const MAX_NAME_CHARS: usize = 40;

/// The name of the built-in standard plan.
pub const BUILTIN_NAME: &str = "标准流程";

/// The day every template's plan starts on: a Monday, laid out on the weekends-only
/// calendar (no holiday data is ever consulted for it).
pub const ANCHOR: NaiveDate = match NaiveDate::from_ymd_opt(2001, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The calendar template plans are stored on: weekends off, nothing else.
pub fn template_calendar() -> WorkCalendar {
    WorkCalendar::default()
}

/// One standard plan of the agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleTemplate {
    /// What people pick it by, e.g. 发布会 or TVC 拍摄.
    pub name: String,
    /// The one a new schedule starts from unless another is chosen.
    pub is_default: bool,
    /// The tasks, laid out from [`ANCHOR`] on [`template_calendar`].
    pub plan: Schedule,
}

/// Why a change to the templates was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TemplateError {
    /// A name of nothing but white space.
    #[error("a template needs a name")]
    NameRequired,
    /// A name longer than [`MAX_NAME_CHARS`].
    #[error("a template name has at most {max} characters")]
    NameTooLong {
        /// Characters allowed.
        max: usize,
    },
    /// A name with an invisible control character.
    #[error("the template name contains a control character")]
    NameControlChar,
    /// Another template has this name already.
    #[error("there is already a template named “{0}”")]
    DuplicateName(String),
    /// More than [`MAX_TEMPLATES`].
    #[error("at most {max} templates")]
    TooMany {
        /// Templates allowed.
        max: usize,
    },
    /// No template at this position (the list changed meanwhile).
    #[error("there is no template {0}")]
    NoTemplate(usize),
    /// A template without a single task.
    #[error("template “{0}” has no tasks")]
    EmptyPlan(String),
    /// A template whose plan cannot be saved as it is.
    #[error("template “{template}”, task “{task}”: {problem}")]
    Plan {
        /// The template's name.
        template: String,
        /// The task concerned (its number when it has no name).
        task: String,
        /// What is wrong.
        problem: ScheduleProblem,
    },
    /// Not exactly one default in a list that is not empty.
    #[error("{0} templates are marked as the default; exactly one must be")]
    Defaults(usize),
}

/// The plan of `schedule` as a template keeps it: the same tasks without owners, notes,
/// progress, actual dates or statuses, laid out from [`ANCHOR`] on the weekends-only
/// calendar with the lengths and gaps they have on `cal`.
pub fn template_plan(schedule: &Schedule, cal: &WorkCalendar) -> Schedule {
    let mut plan = laid_out(schedule, cal, ANCHOR, &template_calendar());
    for t in &mut plan.tasks {
        strip(t);
    }
    plan
}

/// Leaves out what belongs to one job: its people, notes and how far it got.
fn strip(t: &mut Task) {
    t.owner.clear();
    t.owner_internal = false;
    t.internal_note.clear();
    t.client_note.clear();
    t.progress = 0;
    t.status = TaskStatus::NotStarted;
    t.actual_start = None;
    t.actual_end = None;
}

/// `plan` (dated on `from`) laid out again from `start` on `to`: each task keeps its
/// distance from the plan's first day and its length, both in the days it counts (working
/// days, or calendar days for a task that runs through weekends). Phases follow their tasks.
/// A task that cannot be placed (dates beyond the calendar) keeps its dates.
///
/// Unlike [`Schedule::shifted_to`], the two calendars differ: that is what lets a template
/// be stored on plain weekends and laid out on the China calendar.
pub fn laid_out(
    plan: &Schedule,
    from: &WorkCalendar,
    start: NaiveDate,
    to: &WorkCalendar,
) -> Schedule {
    let mut out = plan.clone();
    let rows: Vec<usize> = (0..plan.tasks.len())
        .filter(|&i| !plan.is_phase(i))
        .collect();
    let Some(first) = rows.iter().map(|&i| plan.tasks[i].start).min() else {
        return out;
    };
    let base_from = from.working_on_or_before(first).unwrap_or(first);
    let base_to = to.working_on_or_after(start).unwrap_or(start);
    for i in rows {
        let t = &plan.tasks[i];
        // Where the task starts: so many working days after the first, and (for a task
        // starting on a day off, such as a weekend event) so many calendar days past that.
        let working = from.working_on_or_before(t.start).unwrap_or(t.start);
        let offset = from.working_offset(base_from, working);
        let extra = (t.start - working).num_days();
        let begin = to
            .add_working_days(base_to, offset)
            .and_then(|d| d.checked_add_signed(Duration::days(extra)));
        let Some(begin) = begin else { continue };
        let days = t.duration(from);
        if let Some(end) = t.end_for(begin, days, to) {
            let t = &mut out.tasks[i];
            // A working-day task never starts on a day off: `end_for` moved its first day.
            t.start = match (t.milestone, t.calendar_days) {
                (false, false) => to.working_on_or_after(begin).unwrap_or(begin),
                _ => begin,
            };
            t.end = end.max(t.start);
        }
    }
    out.roll_up(to);
    out
}

/// The task a schedule problem is about.
fn problem_task(problem: &ScheduleProblem) -> Option<TaskId> {
    match problem {
        ScheduleProblem::NoName(id)
        | ScheduleProblem::NameTooLong(id)
        | ScheduleProblem::DuplicateId(id)
        | ScheduleProblem::Loop(id)
        | ScheduleProblem::EndBeforeStart(id)
        | ScheduleProblem::Progress(id)
        | ScheduleProblem::Level(id) => Some(*id),
        ScheduleProblem::UnknownPredecessor { task, .. } => Some(*task),
        ScheduleProblem::TooMany => None,
    }
}

/// Checks a template's plan: at least one task, and a schedule that could be saved.
fn check_plan(name: &str, plan: &Schedule) -> Result<(), TemplateError> {
    if plan.tasks.is_empty() {
        return Err(TemplateError::EmptyPlan(name.to_string()));
    }
    plan.validate().map_err(|problem| {
        let id = problem_task(&problem);
        let task = id
            .and_then(|id| plan.task(id))
            .map(|t| t.name.trim().chars().take(40).collect::<String>())
            .filter(|n| !n.is_empty())
            .or_else(|| id.map(|id| format!("#{}", id.0)))
            .unwrap_or_default();
        TemplateError::Plan {
            template: name.to_string(),
            task,
            problem,
        }
    })
}

/// A template name as typed, trimmed and checked on its own.
fn clean_name(name: &str) -> Result<String, TemplateError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(TemplateError::NameRequired);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(TemplateError::NameTooLong {
            max: MAX_NAME_CHARS,
        });
    }
    if name.chars().any(char::is_control) {
        return Err(TemplateError::NameControlChar);
    }
    Ok(name.to_string())
}

/// Whether two names are the same to a person (Latin letters in either case).
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The agency's templates, in the order they are offered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScheduleTemplates {
    /// The templates; exactly one is the default while there is any.
    pub templates: Vec<ScheduleTemplate>,
}

impl ScheduleTemplates {
    /// A list holding only `builtin` (the standard plan, dated on `cal`) as the default:
    /// what an agency has before it saved any template.
    pub fn with_builtin(builtin: &Schedule, cal: &WorkCalendar) -> ScheduleTemplates {
        ScheduleTemplates {
            templates: vec![ScheduleTemplate {
                name: BUILTIN_NAME.to_string(),
                is_default: true,
                plan: template_plan(builtin, cal),
            }],
        }
    }

    /// `name` trimmed, if it can be the name of the template at `index` (`None`: a new one).
    fn free_name(&self, name: &str, index: Option<usize>) -> Result<String, TemplateError> {
        let name = clean_name(name)?;
        let taken = self
            .templates
            .iter()
            .enumerate()
            .any(|(i, t)| Some(i) != index && same_name(&t.name, &name));
        match taken {
            true => Err(TemplateError::DuplicateName(name)),
            false => Ok(name),
        }
    }

    fn get(&self, index: usize) -> Result<&ScheduleTemplate, TemplateError> {
        self.templates
            .get(index)
            .ok_or(TemplateError::NoTemplate(index))
    }

    /// Adds `schedule` as a new template named `name` (trimmed; empty, too long or taken
    /// names are refused), without its owners, notes and progress. The first template is
    /// the default. Returns its position.
    pub fn save_as(
        &mut self,
        name: &str,
        schedule: &Schedule,
        cal: &WorkCalendar,
    ) -> Result<usize, TemplateError> {
        let name = self.free_name(name, None)?;
        if self.templates.len() >= MAX_TEMPLATES {
            return Err(TemplateError::TooMany { max: MAX_TEMPLATES });
        }
        let plan = template_plan(schedule, cal);
        check_plan(&name, &plan)?;
        self.templates.push(ScheduleTemplate {
            name,
            is_default: self.templates.is_empty(),
            plan,
        });
        Ok(self.templates.len() - 1)
    }

    /// Renames the template at `index` (trimmed; empty, too long or taken names refused).
    pub fn rename(&mut self, index: usize, name: &str) -> Result<(), TemplateError> {
        self.get(index)?;
        let name = self.free_name(name, Some(index))?;
        self.templates[index].name = name;
        Ok(())
    }

    /// Removes the template at `index` and returns it. When it was the default, the first
    /// remaining template becomes the default.
    pub fn delete(&mut self, index: usize) -> Result<ScheduleTemplate, TemplateError> {
        self.get(index)?;
        let gone = self.templates.remove(index);
        if gone.is_default
            && let Some(first) = self.templates.first_mut()
        {
            first.is_default = true;
        }
        Ok(gone)
    }

    /// Makes the template at `index` the default (and no other).
    pub fn set_default(&mut self, index: usize) -> Result<(), TemplateError> {
        self.get(index)?;
        for (i, t) in self.templates.iter_mut().enumerate() {
            t.is_default = i == index;
        }
        Ok(())
    }

    /// Replaces the plan of the template at `index` with `plan` as edited on
    /// [`template_calendar`] (laid out from [`ANCHOR`] again); refused when it has no task
    /// or could not be saved as a schedule.
    pub fn set_plan(&mut self, index: usize, plan: &Schedule) -> Result<(), TemplateError> {
        let name = self.get(index)?.name.clone();
        let cal = template_calendar();
        let plan = template_plan(plan, &cal);
        check_plan(&name, &plan)?;
        self.templates[index].plan = plan;
        Ok(())
    }

    /// `base` (trimmed, shortened to fit), or `base 2`, `base 3`… : the first name no template
    /// has yet, to suggest when one is added.
    pub fn unused_name(&self, base: &str) -> String {
        let base: String = base.trim().chars().take(MAX_NAME_CHARS - 4).collect();
        let free = |n: &str| !self.templates.iter().any(|t| same_name(&t.name, n));
        if free(&base) {
            return base;
        }
        (2..)
            .map(|k| format!("{base} {k}"))
            .find(|n| free(n))
            .unwrap_or(base)
    }

    /// The default template, if there is any template.
    pub fn default_template(&self) -> Option<&ScheduleTemplate> {
        self.templates.iter().find(|t| t.is_default)
    }

    /// The position of the default template.
    pub fn default_index(&self) -> Option<usize> {
        self.templates.iter().position(|t| t.is_default)
    }

    /// What a picker offers: the names in order, and the position of the default.
    pub fn choices(&self) -> (Vec<&str>, Option<usize>) {
        let names = self.templates.iter().map(|t| t.name.as_str()).collect();
        (names, self.default_index())
    }

    /// The plan of the template at `index` laid out from `start` (moved onto a working
    /// day) on `cal`, with its lengths in working days kept; `None` when there is no such
    /// template.
    pub fn lay_out(&self, index: usize, start: NaiveDate, cal: &WorkCalendar) -> Option<Schedule> {
        let t = self.templates.get(index)?;
        Some(laid_out(&t.plan, &template_calendar(), start, cal))
    }

    /// Checks the whole list before it is saved: at most [`MAX_TEMPLATES`], names given,
    /// short and unique, plans with tasks that could be saved, exactly one default.
    pub fn validate(&self) -> Result<(), TemplateError> {
        if self.templates.len() > MAX_TEMPLATES {
            return Err(TemplateError::TooMany { max: MAX_TEMPLATES });
        }
        for (i, t) in self.templates.iter().enumerate() {
            let name = clean_name(&t.name)?;
            if self.templates[..i]
                .iter()
                .any(|o| same_name(&o.name, &name))
            {
                return Err(TemplateError::DuplicateName(name));
            }
            check_plan(&t.name, &t.plan)?;
        }
        let defaults = self.templates.iter().filter(|t| t.is_default).count();
        match (self.templates.is_empty(), defaults) {
            (true, 0) | (false, 1) => Ok(()),
            (_, n) => Err(TemplateError::Defaults(n)),
        }
    }
}

#[cfg(test)]
mod tests;
