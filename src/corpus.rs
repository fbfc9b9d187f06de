//! A deterministic corpus of realistic leads for benchmarks and scale tests (`benches/scale.rs`,
//! the hidden `leadq generate-corpus N`): varied company names with umlauts, other scripts and
//! very long names, every combination of answers, notes from empty to several paragraphs, and
//! history entries. The same seed always gives the same leads, byte for byte.
//!
//! Lead `i` depends only on the seed and `i`, so a corpus is written by several threads at once.

use std::fs;
use std::io;
use std::path::Path;

use crate::domain::{Classification, Framework, Lead, Source, Stage, UNKNOWN};
use crate::store::lead_to_ron;
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

/// splitmix64: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, index: u64) -> Rng {
        let mut rng = Rng(seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SURNAMES: &[&str] = &[
    "Müller",
    "Schäfer",
    "Weiß",
    "Groß",
    "Köhler",
    "Bäcker",
    "Hoffmann",
    "Schmidt",
    "Fischer",
    "Wagner",
    "Becker",
    "Schulz",
    "Krüger",
    "Braun",
    "Zimmermann",
    "Hartmann",
    "Lange",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Jäger",
    "Vogel",
    "Özdemir",
    "Nowak",
    "Kowalczyk",
    "Rossi",
    "Dubois",
    "Jansen",
    "Lindström",
    "Mustermann",
    "Große-Brömer",
    "Sauerbier",
];

const FIRST_NAMES: &[&str] = &[
    "Anna",
    "Jürgen",
    "Sören",
    "Max",
    "Lea",
    "Björn",
    "Zoë",
    "Mehmet",
    "Ines",
    "Paul",
    "Søren",
    "Chloé",
    "Lukas",
    "Małgorzata",
    "Elif",
    "Jonas",
    "Renée",
    "Tobias",
    "Käthe",
    "Sven",
];

const ROLES: &[&str] = &[
    "Geschäftsführer",
    "Geschäftsführerin",
    "Einkaufsleiter",
    "Leiterin IT",
    "Head of Operations",
    "CFO",
    "Werksleiter",
    "Prokurist",
    "Teamleiterin Vertrieb",
    "Assistenz der Geschäftsführung",
    "",
];

const INDUSTRIES: &[&str] = &[
    "Maschinenbau",
    "Logistik",
    "Lebensmittel",
    "Automobilzulieferer",
    "Handel",
    "Software",
    "Gesundheitswesen",
    "Bau",
    "Energie",
    "Chemie",
    "Druck & Medien",
    "Öffentliche Verwaltung",
    "Möbel",
    "Textil",
    "",
];

const WORDS: &[&str] = &[
    "Präzisionstechnik",
    "Anlagenbau",
    "Logistik",
    "Systeme",
    "Küchentechnik",
    "Maschinenfabrik",
    "Software",
    "Holzverarbeitung",
    "Metallbau",
    "Gebäudetechnik",
    "Medizintechnik",
    "Kühlsysteme",
    "Verpackung",
    "Solutions",
    "Digital",
    "Brückenbau",
];

const REGIONS: &[&str] = &[
    "Nordwest",
    "Süd",
    "Rhein-Main",
    "Allgäuer",
    "Bayerische",
    "Hanseatische",
    "Ost",
    "Schwäbische",
];

const FORMS: &[&str] = &[
    "GmbH",
    "AG",
    "KG",
    "GmbH & Co. KG",
    "e.K.",
    "OHG",
    "SE",
    "UG (haftungsbeschränkt)",
    "Ltd.",
    "",
];

const INTERNATIONAL: &[&str] = &[
    "Ωmega Systems S.A.",
    "Техносервис ООО",
    "Çelik Makina A.Ş.",
    "Société Générale d'Équipements SARL",
    "Żywiec Logistyka Sp. z o.o.",
    "Ørsted Kølesystemer ApS",
    "Åkesson & Ödqvist AB",
    "Δέλτα Τεχνική Α.Ε.",
];

const SENTENCES: &[&str] = &[
    "Auf der Messe in Hannover kennengelernt, sehr interessiert an der Demo.",
    "Rückruf vereinbart, Entscheidung liegt beim Vorstand.",
    "Budget wird erst im nächsten Geschäftsjahr freigegeben.",
    "Wettbewerber ist bereits im Haus, Vertrag läuft Ende des Jahres aus.",
    "Interested in the premium tier; wants a reference customer from the same industry.",
    "Hat nach einer Teststellung für drei Standorte gefragt.",
    "Ansprechpartner wechselt im Frühjahr die Abteilung – Nachfolger klären.",
    "Preisvorstellung liegt etwa 20 % unter unserem Angebot.",
    "Sent the case study and the price list; follow up after their board meeting.",
    "Große Ausschreibung geplant, wir sind auf der Longlist.",
    "Der Einkauf möchte Rahmenvertrag über 36 Monate.",
    "Technische Prüfung durch die IT läuft, Datenschutz-Fragen offen.",
    "Kein Bedarf in diesem Jahr, aber Interesse für 2027 signalisiert.",
    "Very responsive, answered within an hour; asked for an on-site visit.",
    "Schnittstelle zum ERP (SAP S/4HANA) ist Voraussetzung.",
    "Geschäftsführer war beim Webinar dabei und hat zwei Fragen gestellt.",
];

const CRITERION_NOTES: &[&str] = &[
    "laut Geschäftsführung",
    "signs alone up to 250 k€",
    "Entscheidung in etwa 10 Monaten",
    "noch unklar, beim nächsten Termin fragen",
    "Pilot zuerst in einem Werk",
    "budget owner is the CFO",
];

fn company(rng: &mut Rng) -> String {
    let form = rng.pick(FORMS);
    let name = match rng.below(20) {
        0..=6 => format!("{} {form}", rng.pick(SURNAMES)),
        7..=9 => format!("{} & {} {form}", rng.pick(SURNAMES), rng.pick(SURNAMES)),
        10..=14 => format!("{} {} {form}", rng.pick(REGIONS), rng.pick(WORDS)),
        15 => rng.pick(INTERNATIONAL).to_owned(),
        16 => format!(
            "{} & Söhne {} und {} für die {} – Vertriebsgesellschaft Süddeutschland {form}",
            rng.pick(SURNAMES),
            rng.pick(WORDS),
            rng.pick(WORDS),
            rng.pick(INDUSTRIES),
        ),
        17 => format!("{} {}", rng.pick(WORDS), rng.pick(FORMS)),
        18 => format!("{}-{} {form}", rng.pick(SURNAMES), rng.pick(WORDS)),
        // A lead whose company is not known yet: the list shows the contact.
        _ => String::new(),
    };
    name.trim().to_owned()
}

fn notes(rng: &mut Rng) -> String {
    let sentences = match rng.below(10) {
        0..=2 => 0,
        3..=6 => 1 + rng.below(3),
        7..=8 => 4 + rng.below(8),
        _ => 12 + rng.below(24),
    };
    let mut text = String::new();
    for n in 0..sentences {
        if n > 0 {
            text.push(if rng.chance(20) { '\n' } else { ' ' });
        }
        text.push_str(rng.pick(SENTENCES));
    }
    text
}

fn date_after(start: Date, rng: &mut Rng, days: usize) -> Date {
    start
        .checked_add(jiff::Span::new().days(rng.below(days) as i64))
        .unwrap_or(start)
}

/// Answers of all criteria for combination number `combo`, mixed radix over the framework's
/// options: `combo` from 0 to the product of option counts - 1 covers every combination once.
fn combination(framework: &Framework, mut combo: usize) -> Vec<(&str, &str)> {
    framework
        .criteria
        .iter()
        .map(|c| {
            let n = c.options.len().max(1);
            let option = &c.options[combo % n];
            combo /= n;
            (c.id.as_str(), option.id.as_str())
        })
        .collect()
}

/// How many answer combinations the framework has; a corpus of at least this many leads
/// contains every one of them.
pub fn combinations(framework: &Framework) -> usize {
    framework
        .criteria
        .iter()
        .map(|c| c.options.len().max(1))
        .product()
}

/// Lead number `index` of the corpus with `seed`.
pub fn corpus_lead(framework: &Framework, rules: &Classification, seed: u64, index: u64) -> Lead {
    let mut rng = Rng::new(seed, index);
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&rng.next().to_le_bytes());
    bytes[8..].copy_from_slice(&rng.next().to_le_bytes());
    let id = uuid::Builder::from_random_bytes(bytes).into_uuid();

    // Created between 2024-01-01 and about mid-2026, changed over up to 200 days after that.
    let base: Timestamp = Timestamp::from_second(1_704_067_200).unwrap_or(Timestamp::UNIX_EPOCH);
    let created = base + SignedDuration::from_secs((rng.next() % 78_000_000) as i64);
    let mut now = created;
    let mut lead = Lead::new(id, created);
    lead.contact = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(SURNAMES));
    lead.company = company(&mut rng);
    lead.role = rng.pick(ROLES).to_owned();
    lead.industry = rng.pick(INDUSTRIES).to_owned();
    lead.revenue_meur = (!rng.chance(20)).then(|| (rng.next() % 500_000) as f64 / 100.0);
    lead.source = Source::ALL[rng.below(Source::ALL.len())];
    lead.stage = Stage::ALL[rng.below(Stage::ALL.len())];
    lead.notes = notes(&mut rng);
    lead.follow_up = rng
        .chance(60)
        .then(|| date_after(jiff::civil::date(2025, 6, 1), &mut rng, 730));

    let combo = (index as usize) % combinations(framework).max(1);
    for (criterion, answer) in combination(framework, combo) {
        if answer == UNKNOWN {
            continue;
        }
        // Some answers went through one or two others first, as leads do between calls.
        let options = &framework
            .criterion(criterion)
            .map_or(&[][..], |c| &c.options);
        for _ in 0..rng.below(3) {
            let detour = &options[rng.below(options.len())].id;
            if detour != UNKNOWN {
                now += SignedDuration::from_secs((rng.next() % 1_728_000) as i64);
                lead.set_answer(framework, rules, criterion, detour, now);
            }
        }
        now += SignedDuration::from_secs((rng.next() % 1_728_000) as i64);
        lead.set_answer(framework, rules, criterion, answer, now);
        if rng.chance(30) {
            lead.assessment
                .set_note(criterion, rng.pick(CRITERION_NOTES));
        }
    }
    lead.updated = now;
    lead
}

/// Writes leads `0..count` of the corpus with `seed` as `<id>.ron` files into `leads_dir`
/// (plain writes, no fsync: it is test data), on all cores. Returns the bytes written.
pub fn write_corpus(
    leads_dir: &Path,
    framework: &Framework,
    rules: &Classification,
    count: usize,
    seed: u64,
) -> io::Result<u64> {
    fs::create_dir_all(leads_dir)?;
    let written = crate::parallel::map_indices(count, 256, |i| -> io::Result<u64> {
        let lead = corpus_lead(framework, rules, seed, i as u64);
        let text = lead_to_ron(&lead).map_err(io::Error::other)?;
        fs::write(leads_dir.join(format!("{}.ron", lead.id)), &text)?;
        Ok(text.len() as u64)
    });
    written
        .into_iter()
        .try_fold(0, |sum, bytes| Ok(sum + bytes.map_err(io::Error::other)??))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use uuid::Uuid;

    #[test]
    fn deterministic_varied_and_covers_every_combination() {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let n = combinations(&fw);
        assert_eq!(n, 5 * 5 * 5 * 6);
        let leads: Vec<Lead> = (0..n as u64)
            .map(|i| corpus_lead(&fw, &rules, 7, i))
            .collect();
        assert_eq!(leads[3], corpus_lead(&fw, &rules, 7, 3));
        assert_ne!(leads[3], corpus_lead(&fw, &rules, 8, 3));
        let combos: HashSet<Vec<String>> = leads
            .iter()
            .map(|l| {
                fw.criteria
                    .iter()
                    .map(|c| l.assessment.answer(&c.id).to_owned())
                    .collect()
            })
            .collect();
        assert_eq!(combos.len(), n);
        let ids: HashSet<Uuid> = leads.iter().map(|l| l.id).collect();
        assert_eq!(ids.len(), n);
        assert!(leads.iter().any(|l| l.company.contains('ü')));
        assert!(leads.iter().any(|l| l.company.chars().count() > 100));
        assert!(leads.iter().any(|l| l.notes.is_empty()));
        assert!(leads.iter().any(|l| l.notes.len() > 1000));
        assert!(leads.iter().any(|l| l.history.len() > 4));
        for lead in &leads[..50] {
            let text = lead_to_ron(lead).unwrap();
            assert_eq!(&crate::store::lead_from_ron(text.as_bytes()).unwrap(), lead);
        }
    }
}
