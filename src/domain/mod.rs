//! The pure core of LeadQ: leads, the qualification framework and its shipped templates,
//! scoring, classification, open questions and what-if. Nothing in here touches egui, the file
//! system or PDF code, so every front end (window, CLI, PDF) renders the same structured results.

mod evaluation;
mod field;
mod framework;
mod lead;
mod merge;
mod pipeline;
mod revenue;
mod rules;
mod template;
mod text;
mod whatif;

pub use evaluation::{
    Brief, CriterionResult, CriterionState, Evaluation, Miss, Reason, UnknownId, evaluate,
    unknown_ids,
};
pub use field::{Field, FieldKind, Value, plausible_email, website_url};
pub use framework::{AnswerOption, Criterion, Framework, FrameworkError, UNKNOWN};
pub use lead::{
    Assessment, CriterionAnswer, HistoryEntry, LEAD_SCHEMA_VERSION, Lead, Source, Stage,
};
pub use merge::{Merge, merge_leads};
pub use pipeline::{Due, FollowUps, Pipeline, call_sheet};
pub use revenue::{
    MAX_REVENUE_MEUR, RevenueError, exact_revenue, format_revenue, parse_revenue, parse_revenue_eur,
};
pub use rules::{AnswerRequirement, Class, ClassRule, Classification, RulesError};
pub use template::{
    ForeignAnswer, TEMPLATE_FILES, Template, TemplateError, class_changes, foreign_answers,
    foreign_criteria, template, template_criterion, template_of, templates,
};
pub use text::{Lang, Text, ellipsize, fold, fold_into, fold_spelled, word_key};
pub use whatif::{WhatIf, what_if};
