//! The follow-up calendar read back by an independent iCalendar parser (the `icalendar` crate),
//! as Outlook, Apple Calendar or Thunderbird would read it.

use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use leadq::domain::{Classification, Framework, Lang, Lead};

fn lead(company: &str, follow_up: Option<&str>) -> Lead {
    let mut l = Lead::new(uuid::Uuid::new_v4(), jiff::Timestamp::UNIX_EPOCH);
    l.company = company.into();
    l.contact = "Jana Schneider".into();
    l.follow_up = follow_up.map(|d| d.parse().unwrap());
    l
}

fn events(text: &str) -> Vec<(String, String, String, String)> {
    let cal: Calendar = text
        .parse()
        .expect("a calendar an independent parser reads");
    cal.components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .map(|e| {
            let start = match e.get_start() {
                Some(DatePerhapsTime::Date(d)) => d.to_string(),
                other => panic!("an all-day event, not {other:?}"),
            };
            (
                e.get_uid().unwrap().to_owned(),
                start,
                e.get_summary().unwrap().to_owned(),
                e.get_description().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn one_all_day_event_per_follow_up_with_stable_uids() {
    let fw = Framework::builtin().unwrap();
    let rules = Classification::builtin(&fw).unwrap();
    let leads = [
        lead("Schneider Logistik GmbH; Lager, Nord", Some("2026-12-03")),
        lead("Ohne Termin AG", None),
        lead(
            &format!("Öztürk {}", "Anlagenbau ".repeat(12)),
            Some("2026-12-31"),
        ),
    ];
    let evals: Vec<_> = leads.iter().map(|l| l.evaluate(&fw, &rules)).collect();
    let pairs: Vec<_> = leads.iter().zip(&evals).collect();
    let first = leadq::calendar::follow_ups_ics(&pairs, &fw, Lang::De, jiff::Timestamp::UNIX_EPOCH);
    let later = leadq::calendar::follow_ups_ics(&pairs, &fw, Lang::De, leadq::clock::now());
    assert!(first.lines().all(|l| l.len() <= 76), "folded at 75 bytes");
    let a = events(&first);
    let b = events(&later);
    assert_eq!(a.len(), 2, "one event per lead with a follow-up: {a:?}");
    assert_eq!(a[0].1, "2026-12-03");
    assert_eq!(a[1].1, "2026-12-31");
    assert_eq!(
        a[0].2,
        "Wiedervorlage: Schneider Logistik GmbH; Lager, Nord (noch nicht bewertet)"
    );
    assert!(
        a[1].2.starts_with("Wiedervorlage: Öztürk Anlagenbau"),
        "{}",
        a[1].2
    );
    assert!(
        a[0].3.contains("Ansprechpartner: Jana Schneider"),
        "{}",
        a[0].3
    );
    assert!(a[0].3.contains("Offene Fragen"), "{}", a[0].3);
    // The same lead keeps its UID from one export to the next, so a re-import updates.
    let uids =
        |e: &[(String, String, String, String)]| e.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    assert_eq!(uids(&a), uids(&b));
    assert_eq!(a[0].0, format!("{}@leadq", leads[0].id));
}
