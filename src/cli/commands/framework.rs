//! `leadq framework list|show|use|check|export`: the shipped templates, the data folder's
//! framework, switching it (both team files written under the folder's lock; lead files are not
//! touched, so every answer survives), and checking a framework file before a team uses it.

use std::path::Path;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::{Ctx, Outcome, json_text, print};
use crate::cli::FrameworkCommand;
use crate::domain::{
    Classification, Framework, Lang, Template, TemplateError, class_changes, template, templates,
};
use crate::i18n::{
    class_moves, fill, framework_messages, framework_problem, io_failure, rules_text, texts,
    write_failure,
};
use crate::store::{FileAction, save_team_framework};

pub fn framework(cx: &Ctx, command: FrameworkCommand) -> Outcome {
    match command {
        FrameworkCommand::List => list(cx),
        FrameworkCommand::Show { id, json } => show(cx, &id, json),
        FrameworkCommand::Use { target } => use_framework(cx, &target),
        FrameworkCommand::Check { file } => check(cx, &file),
        FrameworkCommand::Export { file } => export(cx, &file),
    }
}

/// `framework list`: every template, `*` before the folder's; the folder's own framework (or
/// its edited template) after them.
fn list(cx: &Ctx) -> Outcome {
    let m = framework_messages(cx.lang);
    let current = &cx.ws.team.framework;
    let line = |mark: bool, fw: &Framework, extra: &str| {
        format!(
            "{} {:<9} {:<11} {}{extra}\n",
            if mark { "*" } else { " " },
            fw.id,
            fw.name.get(cx.lang),
            fw.description.get(cx.lang)
        )
    };
    let mut out = String::new();
    for t in templates() {
        let is_current = t.framework.id == current.id;
        let extra = if is_current && t.framework != *current {
            format!(" ({})", m.changed_here)
        } else {
            String::new()
        };
        out.push_str(&line(is_current, &t.framework, &extra));
    }
    if template(&current.id).is_none() {
        out.push_str(&line(true, current, &format!(" ({})", m.own)));
    }
    out.push_str(&fill(
        m.current_mark,
        &[&cx.ws.store.root().display().to_string()],
    ));
    out.push('\n');
    print(&out)
}

/// The framework `show` means by `id`: the folder's own when it has that id (as the folder has
/// it, edits and all), else the template.
fn find(cx: &Ctx, id: &str) -> Result<(Framework, Classification), String> {
    let team = &cx.ws.team;
    if team.framework.id == id {
        return Ok((team.framework.clone(), team.rules.clone()));
    }
    template(id)
        .map(|t| (t.framework.clone(), t.rules.clone()))
        .ok_or_else(|| not_found(cx.lang, id))
}

fn not_found(lang: Lang, given: &str) -> String {
    let ids: Vec<&str> = templates()
        .iter()
        .map(|t| t.framework.id.as_str())
        .collect();
    fill(
        framework_messages(lang).not_found,
        &[given, &ids.join(", ")],
    )
}

/// `framework show ID [--json]`.
fn show(cx: &Ctx, id: &str, json: bool) -> Outcome {
    let (fw, rules) = find(cx, id)?;
    if json {
        print(&json_text(&framework_json(&fw, cx.lang))?)
    } else {
        print(&framework_text(&fw, &rules, cx.lang))
    }
}

/// The JSON of `framework show --json` (its shape is in the README): labels in `lang`.
pub fn framework_json(fw: &Framework, lang: Lang) -> Value {
    let criteria: Vec<Value> = fw
        .criteria
        .iter()
        .map(|c| {
            let options: Vec<Value> = c
                .options
                .iter()
                .map(|o| {
                    json!({"id": o.id, "label": o.label.get(lang), "points": o.points,
                           "knockout": o.knockout})
                })
                .collect();
            json!({"id": c.id, "label": c.name.get(lang), "options": options})
        })
        .collect();
    json!({"id": fw.id, "name": fw.name.get(lang), "criteria": criteria})
}

fn framework_text(fw: &Framework, rules: &Classification, lang: Lang) -> String {
    let m = framework_messages(lang);
    let t = texts(lang);
    let mut out = format!("{} ({})\n", fw.name.get(lang), fw.id);
    if !fw.description.is_empty() {
        out.push_str(&format!("{}\n", fw.description.get(lang)));
    }
    for c in &fw.criteria {
        out.push_str(&format!("\n{} ({})\n", c.name.get(lang), c.id));
        out.push_str(&format!("  {}: {}\n", m.question, c.question.get(lang)));
        let width = c.options.iter().map(|o| o.id.len()).max().unwrap_or(0);
        for o in &c.options {
            let knockout = if o.knockout {
                format!("  ({})", t.knockout)
            } else {
                String::new()
            };
            out.push_str(&format!(
                "    {:<width$}  {:>3}  {}{knockout}\n",
                o.id,
                o.points,
                o.label.get(lang)
            ));
        }
        out.push_str(&format!("  {}:\n", m.open_questions));
        for q in &c.open_questions {
            out.push_str(&format!("    - {}\n", q.get(lang)));
        }
    }
    out.push_str(&format!("\n{}:\n", m.class_rules));
    for line in rules_text(lang, fw, rules) {
        out.push_str(&format!("  {line}\n"));
    }
    out
}

/// What `framework use` and `check` were given: a template by id, or a file.
fn resolve(cx: &Ctx, given: &str) -> Result<Template, String> {
    if let Some(t) = template(given) {
        return Ok(t.clone());
    }
    let path = Path::new(given);
    if !path.exists() {
        return Err(not_found(cx.lang, given));
    }
    let (template, problems) = parse(&read(cx, path)?);
    match (template, problems.first()) {
        (Some(template), None) => Ok(template),
        (template, problem) => {
            let framework = template.as_ref().map(|t| &t.framework);
            let said = problem.map(|p| framework_problem(cx.lang, p, framework));
            Err(format!("{}: {}", path.display(), said.unwrap_or_default()))
        }
    }
}

/// A framework file's text, parsed once: the template if it parses, and every problem (its
/// syntax, or what is wrong with the framework and its rules). No problems: it can be used.
fn parse(text: &str) -> (Option<Template>, Vec<TemplateError>) {
    match Template::parse(text) {
        Ok(template) => {
            let problems = template.problems();
            (Some(template), problems)
        }
        Err(syntax) => (None, vec![syntax]),
    }
}

fn read(cx: &Ctx, path: &Path) -> Result<String, String> {
    crate::store::read_user_text(path).map_err(|e| io_failure(cx.lang, FileAction::Read, path, &e))
}

/// `framework use ID|FILE`: writes the folder's two team files under its lock, then says how
/// the leads' classes move. Lead files are not written: each keeps its answers by criterion id.
fn use_framework(cx: &Ctx, given: &str) -> Outcome {
    let m = framework_messages(cx.lang);
    let chosen = resolve(cx, given)?;
    let lock = cx.lock_for_writing()?;
    let name = chosen.framework.name.get(cx.lang);
    let team = &cx.ws.team;
    let has_file = cx
        .ws
        .store
        .root()
        .join(crate::store::FRAMEWORK_FILE)
        .exists();
    if has_file && team.framework == chosen.framework && team.rules == chosen.rules {
        eprintln!("leadq: {}", fill(m.already, &[name]));
        return Ok(ExitCode::SUCCESS);
    }
    let leads = cx.load_held(&lock)?;
    save_team_framework(cx.ws.store.root(), &chosen).map_err(cx.store_err())?;
    let changes = class_changes(
        leads.iter().map(|l| &l.assessment),
        (&team.framework, &team.rules),
        (&chosen.framework, &chosen.rules),
    );
    let root = cx.ws.store.root().display().to_string();
    eprintln!("leadq: {}", fill(m.used, &[name, &root]));
    let count = crate::i18n::messages(cx.lang).leads.of(leads.len(), &[]);
    eprintln!(
        "leadq: {}",
        fill(m.classes_moved, &[&count, &class_moves(cx.lang, &changes)])
    );
    if chosen.framework.criteria != team.framework.criteria {
        eprintln!("leadq: {}", fill(m.kept, &[name]));
    }
    Ok(ExitCode::SUCCESS)
}

/// `framework check FILE`: every problem with what to fix (exit 1), or that it is fine (0).
fn check(cx: &Ctx, file: &Path) -> Outcome {
    let m = framework_messages(cx.lang);
    let (template, problems) = parse(&read(cx, file)?);
    let shown = file.display().to_string();
    if let (Some(t), true) = (&template, problems.is_empty()) {
        println!(
            "{}",
            fill(
                m.check_fine,
                &[
                    &shown,
                    t.framework.name.get(cx.lang),
                    &m.criteria.of(t.framework.criteria.len(), &[]),
                    &m.rules.of(t.rules.rules.len(), &[]),
                ]
            )
        );
        return Ok(ExitCode::SUCCESS);
    }
    let framework = template.as_ref().map(|t| &t.framework);
    for problem in &problems {
        println!(
            "{shown}: {}",
            framework_problem(cx.lang, problem, framework)
        );
    }
    println!("{shown}: {}", m.check_problems.of(problems.len(), &[]));
    Ok(ExitCode::FAILURE)
}

/// `framework export FILE`: the folder's framework with its rules, in a template's shape.
fn export(cx: &Ctx, file: &Path) -> Outcome {
    let team = &cx.ws.team;
    let current = Template {
        framework: team.framework.clone(),
        rules: team.rules.clone(),
    };
    let text = current.to_ron().map_err(|e| e.to_string())?;
    if file == Path::new("-") {
        return print(&format!("{text}\n"));
    }
    crate::store::write_atomic(file, format!("{text}\n").as_bytes())
        .map_err(|e| write_failure(cx.lang, file, &e))?;
    eprintln!(
        "leadq: {}",
        fill(
            framework_messages(cx.lang).exported,
            &[
                team.framework.name.get(cx.lang),
                &file.display().to_string()
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}
