//! The pipeline at a glance: how many leads per class and stage, which follow-ups are due, the
//! score distribution, the funnel MQL → SAL → SQL, and which criteria are still unknown across
//! the open leads. Counted from leads and their evaluations; the window's overview and
//! `leadq summary` show the same numbers.

use jiff::ToSpan;
use jiff::civil::Date;

use super::{Brief, Class, Lead, Stage};

/// When a follow-up falls, seen from `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Due {
    /// Before today.
    Overdue,
    Today,
    /// Tomorrow up to seven days from today.
    NextWeek,
}

impl Due {
    /// When `follow_up` falls, or `None` when it is later than a week or not set.
    pub fn of(follow_up: Option<Date>, today: Date) -> Option<Due> {
        let d = follow_up?;
        let week = today.checked_add(7.days()).unwrap_or(Date::MAX);
        if d < today {
            Some(Due::Overdue)
        } else if d == today {
            Some(Due::Today)
        } else if d <= week {
            Some(Due::NextWeek)
        } else {
            None
        }
    }

    /// Due for a call that day: the follow-up falls on it or is overdue (the list's "due"
    /// filter, the start-up note and the call sheet all ask this).
    pub fn is_due(follow_up: Option<Date>, today: Date) -> bool {
        matches!(Due::of(follow_up, today), Some(Due::Overdue | Due::Today))
    }
}

/// The day's call sheet: every lead whose follow-up is due on `day` or overdue, with its
/// evaluation, best first (class A before B before C, then the higher score, then the older
/// follow-up, then the company by name).
pub fn call_sheet<'a>(
    leads: impl IntoIterator<Item = &'a Lead>,
    framework: &super::Framework,
    rules: &super::Classification,
    day: Date,
) -> Vec<(&'a Lead, super::Evaluation)> {
    let mut due: Vec<(&Lead, super::Evaluation)> = leads
        .into_iter()
        .filter(|l| Due::is_due(l.follow_up, day))
        .map(|l| (l, l.evaluate(framework, rules)))
        .collect();
    due.sort_by(|(la, ea), (lb, eb)| {
        class_rank(ea.rated_class())
            .cmp(&class_rank(eb.rated_class()))
            .then(eb.score.cmp(&ea.score))
            .then(la.follow_up.cmp(&lb.follow_up))
            .then_with(|| la.company.to_lowercase().cmp(&lb.company.to_lowercase()))
            .then(la.id.cmp(&lb.id))
    });
    due
}

/// A before B before C before a lead not rated yet.
fn class_rank(class: Option<Class>) -> u8 {
    match class {
        Some(Class::A) => 0,
        Some(Class::B) => 1,
        Some(Class::C) => 2,
        None => 3,
    }
}

/// Follow-up counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FollowUps {
    pub overdue: usize,
    pub today: usize,
    pub next_7_days: usize,
}

/// The overview's numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pipeline {
    pub total: usize,
    /// Leads per class (in [`Class::ALL`] order) and stage (in [`Stage::ALL`] order); a lead
    /// not rated yet is in no class but in [`Pipeline::not_rated_stage`].
    pub class_stage: [[usize; 4]; 3],
    /// Leads not rated yet (every criterion unknown), per stage.
    pub not_rated_stage: [usize; 4],
    pub provisional: usize,
    pub follow_ups: FollowUps,
    /// Leads by score in steps of ten: 0–9, 10–19, …, 90–100 (100 counts to the last).
    pub scores: [usize; 10],
    /// Per criterion (framework order): how many open leads (not disqualified) have it unknown.
    pub unknown: Vec<(String, usize)>,
    /// Leads that are not disqualified.
    pub open: usize,
}

fn class_index(class: Class) -> usize {
    Class::ALL.iter().position(|&c| c == class).unwrap_or(0)
}

fn stage_index(stage: Stage) -> usize {
    Stage::ALL.iter().position(|&s| s == stage).unwrap_or(0)
}

impl Pipeline {
    /// Counts `leads` with their evaluations' [`Brief`]s; `criteria` are the framework's
    /// criterion ids in order (the briefs' order).
    pub fn count<'a>(
        leads: impl IntoIterator<Item = (&'a Lead, &'a Brief)>,
        criteria: &[&str],
        today: Date,
    ) -> Pipeline {
        let mut p = Pipeline {
            unknown: criteria.iter().map(|c| ((*c).to_owned(), 0)).collect(),
            ..Pipeline::default()
        };
        for (lead, brief) in leads {
            p.total += 1;
            match brief.rated_class() {
                Some(class) => p.class_stage[class_index(class)][stage_index(lead.stage)] += 1,
                None => p.not_rated_stage[stage_index(lead.stage)] += 1,
            }
            p.provisional += usize::from(brief.provisional);
            match Due::of(lead.follow_up, today) {
                Some(Due::Overdue) => p.follow_ups.overdue += 1,
                Some(Due::Today) => p.follow_ups.today += 1,
                Some(Due::NextWeek) => p.follow_ups.next_7_days += 1,
                None => {}
            }
            // A blank lead has no score yet to show among the others.
            if brief.rated {
                p.scores[usize::from(brief.score.min(99) / 10)] += 1;
            }
            if lead.stage == Stage::Disqualified {
                continue;
            }
            p.open += 1;
            for (i, slot) in p.unknown.iter_mut().enumerate() {
                if brief.is_unknown(i) {
                    slot.1 += 1;
                }
            }
        }
        p
    }

    pub fn class(&self, class: Class) -> usize {
        self.class_stage[class_index(class)].iter().sum()
    }

    pub fn stage(&self, stage: Stage) -> usize {
        let i = stage_index(stage);
        self.class_stage.iter().map(|row| row[i]).sum::<usize>() + self.not_rated_stage[i]
    }

    /// Leads not rated yet.
    pub fn not_rated(&self) -> usize {
        self.not_rated_stage.iter().sum()
    }

    pub fn cell(&self, class: Class, stage: Stage) -> usize {
        self.class_stage[class_index(class)][stage_index(stage)]
    }

    /// The funnel: leads that reached at least each of MQL, SAL and SQL (a SQL lead went through
    /// SAL), and the share of each step that moved on to the next, in percent.
    pub fn funnel(&self) -> [(Stage, usize, Option<u8>); 3] {
        let sql = self.stage(Stage::Sql);
        let sal = self.stage(Stage::Sal) + sql;
        let mql = self.stage(Stage::Mql) + sal;
        let share =
            |part: usize, of: usize| (of > 0).then(|| u8::try_from(part * 100 / of).unwrap_or(100));
        [
            (Stage::Mql, mql, share(sal, mql)),
            (Stage::Sal, sal, share(sql, sal)),
            (Stage::Sql, sql, None),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Framework, evaluate};

    fn lead(answers: &[(&str, &str)], stage: Stage, follow_up: Option<&str>) -> Lead {
        let mut l = Lead::new(uuid::Uuid::new_v4(), jiff::Timestamp::UNIX_EPOCH);
        for (c, a) in answers {
            l.assessment.set_answer(c, a);
        }
        l.stage = stage;
        l.follow_up = follow_up.map(|d| d.parse().unwrap());
        l
    }

    #[test]
    fn counts_classes_stages_follow_ups_and_unknown_criteria() {
        let fw = Framework::builtin().unwrap();
        let rules = crate::domain::Classification::builtin(&fw).unwrap();
        let today: Date = "2026-11-30".parse().unwrap();
        let leads = [
            lead(
                &[
                    ("budget", "approved"),
                    ("authority", "decision_maker"),
                    ("need", "strong_fit"),
                    ("time", "under_3_months"),
                ],
                Stage::Sql,
                Some("2026-11-29"),
            ),
            lead(&[("budget", "planned")], Stage::Mql, Some("2026-11-30")),
            lead(&[], Stage::Sal, Some("2026-12-07")),
            lead(
                &[("need", "no_fit")],
                Stage::Disqualified,
                Some("2026-12-08"),
            ),
        ];
        let evals: Vec<_> = leads
            .iter()
            .map(|l| evaluate(&fw, &rules, &l.assessment).brief())
            .collect();
        let ids: Vec<&str> = fw.criteria.iter().map(|c| c.id.as_str()).collect();
        let p = Pipeline::count(leads.iter().zip(&evals), &ids, today);
        assert_eq!(p.total, 4);
        assert_eq!(p.class(Class::A), 1);
        assert_eq!(p.cell(Class::A, Stage::Sql), 1);
        // The blank SAL lead is in no class but counted in its stage and in the total.
        assert_eq!(p.class(Class::C), 2);
        assert_eq!(p.not_rated(), 1);
        assert_eq!(p.not_rated_stage[stage_index(Stage::Sal)], 1);
        assert_eq!(p.stage(Stage::Sal), 1);
        assert_eq!(p.provisional, 3);
        assert_eq!(
            p.follow_ups,
            FollowUps {
                overdue: 1,
                today: 1,
                next_7_days: 1
            }
        );
        assert_eq!(p.open, 3);
        // Budget is unknown in one open lead (the SAL one), time in two.
        assert_eq!(p.unknown[0], ("budget".to_owned(), 1));
        assert_eq!(p.unknown[3], ("time".to_owned(), 2));
        assert_eq!(p.scores[9], 1);
        // Without the blank lead: it has no score to show yet.
        assert_eq!(p.scores.iter().sum::<usize>(), 3);
        let funnel = p.funnel();
        assert_eq!(funnel[0], (Stage::Mql, 3, Some(66)));
        assert_eq!(funnel[1], (Stage::Sal, 2, Some(50)));
        assert_eq!(funnel[2], (Stage::Sql, 1, None));
    }

    #[test]
    fn due_dates_around_today() {
        let today: Date = "2026-12-31".parse().unwrap();
        let d = |s: &str| Some(s.parse::<Date>().unwrap());
        assert_eq!(Due::of(d("2026-12-30"), today), Some(Due::Overdue));
        assert_eq!(Due::of(d("2026-12-31"), today), Some(Due::Today));
        assert_eq!(Due::of(d("2027-01-07"), today), Some(Due::NextWeek));
        assert_eq!(Due::of(d("2027-01-08"), today), None);
        assert_eq!(Due::of(None, today), None);
    }
}
