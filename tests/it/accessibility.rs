//! What a screen reader gets: reads the AccessKit tree the window produces (the same tree that
//! feeds AT-SPI on Linux, UI Automation on Windows and NSAccessibility on macOS).

use std::fs;

use egui::accesskit::{Live, Role};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use leadq::ui::{LeadqApp, build_app, install_fonts};

/// A German window on a folder with three leads: Alpha (best), Beta, Gamma (follow-up set).
fn window(dir: &tempfile::TempDir) -> Harness<'static, LeadqApp> {
    let data = dir.path().join("data");
    let csv = dir.path().join("in.csv");
    fs::write(
        &csv,
        "company,contact,budget,authority,need,time,follow_up\n\
         Alpha GmbH,Anna Alt,approved,decision_maker,strong_fit,under_3_months,\n\
         Beta KG,Bernd Bau,planned,influencer,,,\n\
         Gamma AG,,insufficient,,,,2026-12-03\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_leadq"))
        .arg("--data-dir")
        .arg(&data)
        .arg("import")
        .arg(&csv)
        .output()
        .unwrap();
    assert!(out.status.success());
    let config = dir.path().join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("settings.ron"),
        "(lang: Some(de), theme: light)",
    )
    .unwrap();
    let app = build_app(Some(&data), Some(config), None, Box::new(|| {})).unwrap();
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(install_fonts)
        .build_ui_state(|ui: &mut egui::Ui, app: &mut LeadqApp| app.show(ui), app);
    h.run();
    h
}

fn rows(h: &Harness<'_, LeadqApp>) -> Vec<(String, bool)> {
    h.query_all_by_role(Role::ListItem)
        .map(|n| {
            let node = n.accesskit_node();
            (
                node.label().unwrap_or_default(),
                node.is_selected() == Some(true),
            )
        })
        .collect()
}

#[test]
fn each_lead_is_one_named_row_and_the_selected_one_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(&dir);
    let rows = rows(&h);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(
        rows[0],
        ("Alpha GmbH, Anna Alt, Klasse A, Score 100".to_owned(), true)
    );
    assert_eq!(
        rows[1],
        (
            "Beta KG, Bernd Bau, Klasse C (vorläufig), Score 25".to_owned(),
            false
        )
    );
    assert!(
        rows[2]
            .0
            .starts_with("Gamma AG, Klasse C (vorläufig), Score 5, Nächster Kontakt 03.12.2026"),
        "{rows:?}"
    );
    // The rows belong to one list.
    let first = h.get_by_label_contains("Alpha GmbH, Anna Alt");
    let list = ancestor(&first.accesskit_node(), Role::ListBox);
    assert_eq!(list.label().as_deref(), Some("Leadliste"));

    // Arrow keys walk the list (no text field has the cursor) and the form follows.
    h.key_press(Key::ArrowDown);
    h.run();
    let rows_now = self::rows(&h);
    assert!(rows_now[1].1 && !rows_now[0].1, "{rows_now:?}");
    assert_eq!(h.state().model.selected().unwrap().lead.company, "Beta KG");
    h.key_press(Key::ArrowUp);
    h.run();

    assert_eq!(
        h.state().model.selected().unwrap().lead.company,
        "Alpha GmbH"
    );
}

#[test]
fn the_list_is_one_tab_stop() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(&dir);
    h.get_by_label_contains("Alpha GmbH, Anna Alt").focus();
    h.run();
    assert!(h.get_by_label_contains("Alpha GmbH, Anna Alt").is_focused());
    // Tab leaves the list instead of walking through every lead.
    h.key_press(Key::Tab);
    h.run();
    let focused_rows: Vec<String> = h
        .query_all_by_role(Role::ListItem)
        .filter(|n| n.is_focused())
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert!(focused_rows.is_empty(), "{focused_rows:?}");
}

#[test]
fn drop_downs_expose_their_current_value() {
    let dir = tempfile::tempdir().unwrap();
    let h = window(&dir);
    let source = h.get_by_label("Quelle");
    assert_eq!(source.accesskit_node().role(), Role::ComboBox);
    assert_eq!(source.value().as_deref(), Some("Sonstiges"));
    // AT-SPI reads no combo value: the description carries it there.
    assert_eq!(
        source.accesskit_node().description().as_deref(),
        Some("Sonstiges")
    );
    let class_filter = h.get_by_label("Klasse");
    assert_eq!(class_filter.value().as_deref(), Some("alle"));
    assert_eq!(
        h.get_by_label("Sortierung").value().as_deref(),
        Some("Score")
    );
}

#[test]
fn answers_are_radio_groups_named_by_their_criterion() {
    let dir = tempfile::tempdir().unwrap();
    let h = window(&dir);
    // Four "ungeklärt" answers, each in the group of its criterion.
    let mut groups: Vec<String> = h
        .query_all_by_label("ungeklärt")
        .filter(|n| n.accesskit_node().role() == Role::RadioButton)
        .map(|n| radio_group(&n.accesskit_node()).label().unwrap_or_default())
        .collect();
    groups.sort();
    assert_eq!(groups, ["Bedarf", "Budget", "Entscheider", "Zeitrahmen"]);
    let chosen = h
        .query_all_by_label("Budget freigegeben und ausreichend")
        .find(|n| n.accesskit_node().role() == Role::RadioButton)
        .unwrap();
    let node = chosen.accesskit_node();
    assert_eq!(node.role(), Role::RadioButton);
    assert_eq!(node.toggled(), Some(egui::accesskit::Toggled::True));
    assert_eq!(node.description().as_deref(), Some("25 Punkte"));
    let group = radio_group(&node);
    assert_eq!(
        group.description().as_deref(),
        Some("Steht beim Interessenten genug Geld für unsere Lösung bereit?")
    );
}

/// The nearest ancestor with `role` (layout containers may stand between them).
fn ancestor<'a>(
    node: &egui_kittest::kittest::AccessKitNode<'a>,
    role: Role,
) -> egui_kittest::kittest::AccessKitNode<'a> {
    let mut up = node.parent();
    while let Some(n) = up {
        if n.role() == role {
            return n;
        }
        up = n.parent();
    }
    panic!("{node:?} has no {role:?} above it");
}

fn radio_group<'a>(
    node: &egui_kittest::kittest::AccessKitNode<'a>,
) -> egui_kittest::kittest::AccessKitNode<'a> {
    ancestor(node, Role::RadioGroup)
}

#[test]
fn the_result_is_announced_when_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(&dir);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    // A blank lead is not judged: the live region says so.
    let live = h.get_by_label("Score –, noch nicht bewertet");
    assert_eq!(live.accesskit_node().role(), Role::Status);
    assert_eq!(live.accesskit_node().live(), Live::Polite);
    let gauge = h.get_by_label("Score –");
    assert_eq!(gauge.accesskit_node().numeric_value(), None);
    for answer in [
        "Budget in Planung",
        "Mitentscheider im Buying Center",
        "klarer Bedarf, Lösung passt",
    ] {
        h.get_by_label(answer).scroll_to_me();
        h.run();
        h.get_by_label(answer).click();
        h.run();
    }
    let live = h.get_by_label("Score 58, Klasse B, vorläufig");
    assert_eq!(live.accesskit_node().live(), Live::Polite);
    assert_eq!(
        h.get_by_label("Score 58").accesskit_node().numeric_value(),
        Some(58.0)
    );
    // The reason is a live region of its own.
    let reason = h.get_by_label_contains("B-Lead mit 58 Punkten.");
    assert_eq!(reason.accesskit_node().live(), Live::Polite);
}

#[test]
fn the_window_is_named_and_has_no_resize_handles_in_the_tab_order() {
    let dir = tempfile::tempdir().unwrap();
    let h = window(&dir);
    let root = h.root();
    assert_eq!(root.accesskit_node().role(), Role::Window);
    assert_eq!(root.accesskit_node().label().as_deref(), Some("LeadQ"));
    assert_eq!(h.query_all_by_role(Role::Splitter).count(), 0);
    assert!(h.query_by_label("Resize panel").is_none());
}

#[test]
fn a_choice_closes_its_pop_up_also_through_the_accessibility_bus() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(&dir);
    h.get_by_label("Quelle").click_accesskit();
    h.run();
    h.get_by_label("Empfehlung").click_accesskit();
    h.run();
    assert!(
        h.query_by_label("Veranstaltung").is_none(),
        "the pop-up closed"
    );
    assert_eq!(
        h.state().model.selected().unwrap().lead.source,
        leadq::domain::Source::Referral
    );
    assert_eq!(
        h.get_by_label("Quelle").value().as_deref(),
        Some("Empfehlung")
    );
}

#[test]
fn a_menu_closes_after_its_command_also_through_the_accessibility_bus() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(&dir);
    h.get_by_label("Datei").click();
    h.run();
    assert!(
        h.query_by_label_contains("Beenden").is_some(),
        "the menu is open"
    );
    h.get_by_label_contains("Neuer Lead").click_accesskit();
    h.run();
    assert!(
        h.query_by_label_contains("Beenden").is_none(),
        "the menu closed"
    );
    assert_eq!(h.state().model.entries().len(), 4);
}

#[test]
fn escape_leaves_the_form_for_the_list_and_home_end_jump() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(&dir);
    h.get_by_label("Firma").focus();
    h.run();
    h.get_by_label("Firma").type_text(" neu");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.get_by_label_contains("Alpha GmbH neu, Anna Alt")
            .is_focused(),
        "the selected lead's row has the focus"
    );
    h.key_press(Key::End);
    h.run();
    assert_eq!(h.state().model.selected().unwrap().lead.company, "Gamma AG");
    h.key_press(Key::Home);
    h.run();
    assert_eq!(
        h.state().model.selected().unwrap().lead.company,
        "Alpha GmbH neu"
    );
    h.key_press(Key::PageDown);
    h.run();
    assert_eq!(h.state().model.selected().unwrap().lead.company, "Gamma AG");
}
