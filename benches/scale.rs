//! LeadQ at scale: folder load, search as you type, one window frame, edit → saved, PDF reports
//! and peak memory, for 1,000, 10,000 and 100,000 generated leads. Prints a markdown table.
//!
//! ```sh
//! cargo bench --bench scale                      # 1k, 10k and 100k leads, 1,000 PDFs
//! cargo bench --bench scale -- 1000 10000        # chosen sizes
//! cargo bench --bench scale -- --tiny            # 50 leads, 20 PDFs: seconds, for CI
//! # profiling one part: keep a corpus, then run one child under a profiler
//! target/release/deps/scale-* --corpus 10000 /tmp/c
//! valgrind --tool=callgrind target/release/deps/scale-* --child-window 10000 /tmp/c/data
//! LEADQ_BENCH_SIZES=2000 LEADQ_BENCH_PDFS=100 cargo bench --bench scale
//! ```
//!
//! Each size runs in child processes of this binary (one for the load, one for the window), so
//! the peak memory of one size is not mixed with another's. The corpus is written to a temp
//! folder (`LEADQ_BENCH_DIR` chooses where) and removed afterwards. Exits non-zero when any
//! measurement fails (a target that is missed is reported, not a failure).

use leadq::domain::Field;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use leadq::app::{Edit, ListView};
use leadq::corpus::write_corpus;
use leadq::domain::{Classification, Framework, Lang};
use leadq::report::{BatchControl, ReportOptions, batch_paths, render_report, write_reports};
use leadq::store::{LeadStore, Workspace};
use leadq::ui::{LeadqApp, build_app, install_fonts};

const SEED: u64 = 2026;
const DEFAULT_SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const TINY_SIZE: usize = 50;
const DEFAULT_PDFS: usize = 1_000;
const TINY_PDFS: usize = 20;
const WINDOW: [f32; 2] = [1280.0, 800.0];
/// The largest folder an import is measured for (a file of as many rows).
const IMPORT_MAX: usize = 100_000;
/// Words typed into the search box, char by char: a surname with an umlaut, an industry, a word
/// from the notes, and a rare one.
const TYPED: [&str; 4] = ["schröder", "maschinenbau", "messe hannover", "xylophon"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("--child-load") => child_load(&args[1..]),
        Some("--child-window") => child_window(&args[1..]),
        Some("--child-start") => child_start(&args[1..]),
        Some("--child-pdf") => child_pdf(&args[1..]),
        Some("--child-import") => child_import(&args[1..]),
        Some("--corpus") => corpus_only(&args[1..]),
        _ => parent(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scale: {e}");
            ExitCode::FAILURE
        }
    }
}

type Res<T> = Result<T, String>;

fn err<E: std::fmt::Display>(what: &str) -> impl FnOnce(E) -> String + '_ {
    move |e| format!("{what}: {e}")
}

// ----- the parent: sizes, children, the table -----

struct Row {
    figure: String,
    target: String,
    measured: String,
    met: String,
}

fn parent(args: &[String]) -> Res<()> {
    let tiny = args.iter().any(|a| a == "--tiny");
    let mut sizes: Vec<usize> = args.iter().filter_map(|a| parse_count(a)).collect();
    if sizes.is_empty()
        && let Ok(env) = std::env::var("LEADQ_BENCH_SIZES")
    {
        sizes = env.split([',', ' ']).filter_map(parse_count).collect();
    }
    if sizes.is_empty() {
        sizes = if tiny {
            vec![TINY_SIZE]
        } else {
            DEFAULT_SIZES.to_vec()
        };
    }
    let all_tiny = sizes.iter().all(|&n| n <= TINY_SIZE);
    let pdfs = std::env::var("LEADQ_BENCH_PDFS")
        .ok()
        .and_then(|v| parse_count(&v))
        .unwrap_or(if tiny || all_tiny {
            TINY_PDFS
        } else {
            DEFAULT_PDFS
        });
    let base = std::env::var_os("LEADQ_BENCH_DIR").map_or_else(std::env::temp_dir, PathBuf::from);
    let exe = std::env::current_exe().map_err(err("this benchmark's own path"))?;

    let mut rows = Vec::new();
    for &n in &sizes {
        eprintln!("scale: {} leads: writing the corpus …", thousands(n));
        let tmp = tempfile::tempdir_in(&base).map_err(err("temp folder"))?;
        let data = tmp.path().join("data");
        let ws = Workspace::open(Some(&data)).map_err(err("data folder"))?;
        let started = Instant::now();
        let bytes = write_corpus(
            &ws.store.leads_dir(),
            &ws.team.framework,
            &ws.team.rules,
            n,
            SEED,
        )
        .map_err(err("corpus"))?;
        eprintln!(
            "scale: {} leads: {:.1} MB written in {}",
            thousands(n),
            bytes as f64 / 1e6,
            fmt_time(started.elapsed())
        );
        let n_arg = n.to_string();
        let data_arg = data.to_string_lossy().into_owned();
        // The load cache of this corpus, beside it and removed with it; the children clear it
        // for their cold figures.
        let cache = tmp.path().join("cache");
        for child in [
            "--child-load",
            "--child-start",
            "--child-window",
            "--child-import",
        ] {
            // Issue 31 sets the import's targets up to 100,000 rows (issue 11's preview: 10,000).
            if child == "--child-import" && n > IMPORT_MAX {
                continue;
            }
            eprintln!("scale: {} leads: {child} …", thousands(n));
            rows.extend(run_child(&exe, &[child, &n_arg, &data_arg], &cache)?);
        }
    }
    eprintln!("scale: {pdfs} PDFs …");
    let no_cache = base.join("leadq-scale-no-cache");
    rows.extend(run_child(
        &exe,
        &["--child-pdf", &pdfs.to_string()],
        &no_cache,
    )?);

    println!("{}", machine());
    println!();
    println!("| figure | target | measured | met? |");
    println!("|---|---|---|---|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} |",
            r.figure, r.target, r.measured, r.met
        );
    }
    let missed = rows.iter().filter(|r| r.met == "no").count();
    println!();
    println!(
        "{} figures, {} with a target, {missed} target(s) missed.",
        rows.len(),
        rows.iter().filter(|r| r.met != "–").count()
    );
    Ok(())
}

fn parse_count(s: &str) -> Option<usize> {
    let s = s.trim().replace(['_', '\''], "");
    let (digits, factor) = match s.strip_suffix(['k', 'K']) {
        Some(d) => (d, 1_000),
        None => (s.as_str(), 1),
    };
    digits
        .parse::<usize>()
        .ok()
        .map(|d| d * factor)
        .filter(|&n| n > 0)
}

fn run_child(exe: &Path, args: &[&str], cache: &Path) -> Res<Vec<Row>> {
    let out = Command::new(exe)
        .args(args)
        .env("LEADQ_CACHE_DIR", cache)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(err("start a child"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!("child {args:?} failed ({})\n{text}", out.status));
    }
    Ok(text
        .lines()
        .filter_map(|l| l.strip_prefix("ROW\t"))
        .map(|l| {
            let mut f = l.split('\t').map(str::to_owned);
            let mut next = || f.next().unwrap_or_default();
            Row {
                figure: next(),
                target: next(),
                measured: next(),
                met: next(),
            }
        })
        .collect())
}

/// A figure from a child to the parent. `met` is `None` where the issue sets no target.
fn row(figure: &str, target: &str, measured: &str, met: Option<bool>) {
    let met = match met {
        Some(true) => "yes",
        Some(false) => "no",
        None => "–",
    };
    println!("ROW\t{figure}\t{target}\t{measured}\t{met}");
}

/// `LEADQ_BENCH_VERBOSE=1` prints every single measurement to stderr.
fn verbose() -> bool {
    std::env::var_os("LEADQ_BENCH_VERBOSE").is_some_and(|v| v != "0")
}

fn machine() -> String {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or("unknown CPU".to_owned(), |m| m.trim().to_owned());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(String::new(), |kb| {
            format!(", {:.0} GiB RAM", kb as f64 / 1_048_576.0)
        });
    // Other work on the machine skews timings; the table says how busy it was.
    let load = fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .map_or(String::new(), |l| format!("; load average {l} at the end"));
    format!(
        "Machine: {cores} cores (nproc), {model}{mem}, {} {}; {}{load}.",
        std::env::consts::OS,
        std::env::consts::ARCH,
        if cfg!(debug_assertions) {
            "debug build (figures not representative)"
        } else {
            "release build (`cargo bench`)"
        }
    )
}

// ----- measuring -----

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn fmt_time(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1e3)
    } else if ms >= 10.0 {
        format!("{ms:.0} ms")
    } else if ms >= 1.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

fn fmt_bytes(b: u64) -> String {
    if b >= 1 << 20 {
        format!("{:.0} MB", b as f64 / 1_048_576.0)
    } else {
        format!("{:.1} KB", b as f64 / 1024.0)
    }
}

/// CPU time of the calling thread (what a frame costs, whatever else the machine does).
fn thread_cpu() -> Duration {
    #[cfg(target_os = "linux")]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32);
        }
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// Peak resident memory of this process so far (VmHWM).
fn peak_rss() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let kb: u64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb * 1024)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// The value below which `p` percent of the samples lie.
fn percentile(v: &[Duration], p: usize) -> Duration {
    let mut v = v.to_vec();
    v.sort();
    let rank = (v.len() * p).div_ceil(100).clamp(1, v.len().max(1));
    v.get(rank - 1).copied().unwrap_or_default()
}

fn mean(v: &[Duration]) -> Duration {
    v.iter().sum::<Duration>() / (v.len().max(1) as u32)
}

/// The best of `runs` timings of `f` (the least disturbed by the rest of the machine).
fn best_of<T>(runs: usize, mut f: impl FnMut() -> Res<T>) -> Res<(Duration, T)> {
    let mut best: Option<(Duration, T)> = None;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let value = f()?;
        let took = started.elapsed();
        if best.as_ref().is_none_or(|(b, _)| took < *b) {
            best = Some((took, value));
        }
    }
    best.ok_or_else(|| "no run".to_owned())
}

/// `--corpus N DIR`: writes a corpus into `DIR/data` and keeps it (for profiling one child).
fn corpus_only(args: &[String]) -> Res<()> {
    let (n, dir) = args_size_dir(args)?;
    let ws = Workspace::open(Some(&dir.join("data"))).map_err(err("data folder"))?;
    let bytes = write_corpus(
        &ws.store.leads_dir(),
        &ws.team.framework,
        &ws.team.rules,
        n,
        SEED,
    )
    .map_err(err("corpus"))?;
    eprintln!(
        "scale: {} leads ({:.1} MB) in {}",
        thousands(n),
        bytes as f64 / 1e6,
        ws.store.leads_dir().display()
    );
    Ok(())
}

/// Removes the load cache the parent gave this child (`LEADQ_CACHE_DIR`), for a cold figure.
fn clear_cache() -> Res<()> {
    let dir = std::env::var_os("LEADQ_CACHE_DIR").ok_or("no LEADQ_CACHE_DIR")?;
    match fs::remove_dir_all(&dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("clear the cache: {e}")),
        _ => Ok(()),
    }
}

/// Cold (the cache cleared before each run) and warm (after a run wrote it): best of three each.
fn cold_and_warm<T>(mut f: impl FnMut() -> Res<T>) -> Res<(Duration, Duration, T)> {
    let (cold, _) = best_of(3, || {
        clear_cache()?;
        f()
    })?;
    f()?;
    let (warm, value) = best_of(3, &mut f)?;
    Ok((cold, warm, value))
}

fn args_size_dir(args: &[String]) -> Res<(usize, PathBuf)> {
    match args {
        [n, dir, ..] => Ok((n.parse().map_err(err("size"))?, PathBuf::from(dir))),
        _ => Err("usage: --child-… N DATA_DIR".to_owned()),
    }
}

// ----- child: the folder load -----

fn child_load(args: &[String]) -> Res<()> {
    let (n, data) = args_size_dir(args)?;
    let leads_dir = data.join("leads");
    let label = thousands(n);

    // The physical floor: list the folder and read every file's bytes, nothing else.
    let (read, bytes) = best_of(3, || {
        let mut bytes = 0u64;
        for entry in fs::read_dir(&leads_dir).map_err(err("read_dir"))? {
            let path = entry.map_err(err("read_dir"))?.path();
            bytes += fs::read(&path).map_err(err("read"))?.len() as u64;
        }
        Ok(bytes)
    })?;

    cli_figures(n, &data)?;
    let ws = Workspace::open(Some(&data)).map_err(err("open"))?;
    let (load_cold, load, count) = cold_and_warm(|| {
        let report = ws.load().map_err(err("load"))?;
        if !report.problems.is_empty() {
            return Err(format!("{} files did not load", report.problems.len()));
        }
        Ok(report.leads.len())
    })?;
    if count != n {
        return Err(format!("loaded {count} leads, expected {n}"));
    }
    // Where the time goes: RON parsing of the same bytes, in memory, on one core.
    let files: Vec<Vec<u8>> = fs::read_dir(&leads_dir)
        .map_err(err("read_dir"))?
        .flatten()
        .filter_map(|e| fs::read(e.path()).ok())
        .collect();
    let (parse_store, _) = best_of(3, || {
        Ok(files
            .iter()
            .filter(|b| leadq::store::lead_from_ron(b).is_ok())
            .count())
    })?;
    let (parse_once, _) = best_of(3, || {
        Ok(files
            .iter()
            .filter_map(|b| std::str::from_utf8(b).ok())
            .filter(|t| ron::from_str::<leadq::domain::Lead>(t).is_ok())
            .count())
    })?;
    drop(files);

    let target = match n {
        10_000 => Some(Duration::from_millis(100)),
        100_000 => Some(Duration::from_secs(1)),
        _ => None,
    };
    row(
        &format!(
            "load folder, {label} leads (`Workspace::load`, warm page cache): cache absent / warm"
        ),
        &target.map_or("–".to_owned(), |t| format!("≤ {}", fmt_time(t))),
        &format!("{} / {}", fmt_time(load_cold), fmt_time(load)),
        target.map(|t| load <= t),
    );
    row(
        &format!(
            "  … ratio to reading the bytes only ({}, {})",
            fmt_bytes(bytes),
            fmt_time(read)
        ),
        "–",
        &format!("{:.1}×", load.as_secs_f64() / read.as_secs_f64().max(1e-9)),
        None,
    );
    let per_lead = |d: Duration| format!("{:.0} µs", d.as_secs_f64() * 1e6 / n.max(1) as f64);
    row(
        "  … RON parsing per lead on one core: `lead_from_ron` / one `ron::from_str::<Lead>`",
        "–",
        &format!("{} / {}", per_lead(parse_store), per_lead(parse_once)),
        None,
    );
    Ok(())
}

/// Peak memory (VmHWM) of a child process, sampled until it ends; and its output.
fn peak_of(mut command: Command) -> Res<(u64, Vec<u8>)> {
    use std::io::Read;
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(err("start"))?;
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).map(|_| out)
    });
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0u64;
    while child.try_wait().map_err(err("wait"))?.is_none() {
        if let Ok(text) = fs::read_to_string(&status)
            && let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kb * 1024);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let out = reader
        .join()
        .map_err(|_| "reader".to_owned())?
        .map_err(err("read"))?;
    Ok((peak, out))
}

/// `leadq list --json`, its peak memory, and `leadq show ID` / `pdf ID` as a rep's script runs
/// them: whole processes, the page cache warm.
fn cli_figures(n: usize, data: &Path) -> Res<()> {
    let label = thousands(n);
    let leadq = |args: &[&str]| -> Res<Vec<u8>> {
        let out = Command::new(env!("CARGO_BIN_EXE_leadq"))
            .arg("--data-dir")
            .arg(data)
            .args(args)
            .env_remove("LEADQ_DATA_DIR")
            .output()
            .map_err(err("run leadq"))?;
        if !out.status.success() {
            return Err(format!(
                "leadq {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(out.stdout)
    };
    clear_cache()?;
    let listed = leadq(&["list", "--json"])?;
    let (cold, warm, warm_listed) = cold_and_warm(|| leadq(&["list", "--json"]))?;
    if warm_listed != listed {
        return Err("list --json differs between a cold and a warm run".into());
    }
    let peak = |cold: bool| -> Res<u64> {
        if cold {
            clear_cache()?;
        }
        let mut command = Command::new(env!("CARGO_BIN_EXE_leadq"));
        command
            .arg("--data-dir")
            .arg(data)
            .args(["list", "--json"])
            .env_remove("LEADQ_DATA_DIR");
        let (peak, out) = peak_of(command)?;
        if out != listed {
            return Err("list --json differs between two runs".into());
        }
        Ok(peak)
    };
    let (peak_cold, peak) = (peak(true)?, peak(false)?);
    let target = match n {
        10_000 => Some(Duration::from_millis(100)),
        100_000 => Some(Duration::from_millis(600)),
        _ => None,
    };
    row(
        &format!("`leadq list --json`, {label} leads, whole process: cache absent / warm"),
        &target.map_or("–".to_owned(), |t| format!("≤ {}", fmt_time(t))),
        &format!("{} / {}", fmt_time(cold), fmt_time(warm)),
        target.map(|t| warm <= t),
    );
    let target = match n {
        100_000 => Some(200_000_000),
        _ => None,
    };
    row(
        &format!(
            "peak memory (VmHWM, sampled), `leadq list --json`, {label} leads: cache absent / warm"
        ),
        &target.map_or("–".to_owned(), |t| format!("≤ {}", fmt_bytes(t))),
        &format!("{} / {}", fmt_bytes(peak_cold), fmt_bytes(peak)),
        target.map(|t| peak <= t),
    );
    // The id of a lead in the middle of the list.
    let text = String::from_utf8_lossy(&listed);
    let id = text
        .match_indices("\"id\": \"")
        .nth(n / 2)
        .and_then(|(i, m)| text.get(i + m.len()..i + m.len() + 36))
        .ok_or("no id in list --json")?
        .to_owned();
    let (show, _) = best_of(3, || leadq(&["show", &id[..8]]))?;
    let (pdf, _) = best_of(3, || {
        let out = tempfile::NamedTempFile::with_suffix(".pdf").map_err(err("temp file"))?;
        leadq(&["pdf", &id[..8], "-o", &out.path().to_string_lossy()])
    })?;
    row(
        &format!("`leadq show ID` / `leadq pdf ID -o x.pdf` among {label} leads, whole process"),
        "≤ 50 ms",
        &format!("{} / {}", fmt_time(show), fmt_time(pdf)),
        Some(show <= Duration::from_millis(50) && pdf <= Duration::from_millis(50)),
    );
    Ok(())
}

// ----- child: importing a CRM export (preview, then the whole `leadq import`) -----

/// A HubSpot-shaped export of `n` contacts, none of them in the folder yet.
fn hubspot_export(n: usize) -> String {
    let mut csv = String::from(
        "Record ID,First Name,Last Name,Company Name,Job Title,Email,Phone Number,Annual Revenue,Lifecycle Stage,Original Source,Contact owner,Create Date\n",
    );
    let firsts = [
        "Jörg", "Zoë", "Anna", "Mehmet", "Łukasz", "Renée", "Björn", "Fatma",
    ];
    let lasts = [
        "Müller",
        "Weiß",
        "Schröder",
        "Yılmaz",
        "Nowak",
        "Dubois",
        "Ångström",
        "Öztürk",
    ];
    let stages = [
        "Lead",
        "Marketing Qualified Lead",
        "Sales Qualified Lead",
        "Opportunity",
    ];
    let sources = [
        "Organic Search",
        "Trade Show",
        "Email Marketing",
        "Referrals",
        "Paid Social",
    ];
    for i in 0..n {
        let (first, last) = (firsts[i % 8], lasts[(i / 8) % 8]);
        csv.push_str(&format!(
            "{},{first},{last},\"Firma {i} GmbH & Co. KG\",Einkauf,c{i}@firma{i}.example,+49 30 {i:07},{},{},{},Lisa,2026-01-05\n",
            900_000_000 + i,
            (i % 500) * 100_000,
            stages[i % 4],
            sources[i % 5],
        ));
    }
    csv
}

fn child_import(args: &[String]) -> Res<()> {
    let (n, data) = args_size_dir(args)?;
    let label = thousands(n);
    let tmp = tempfile::tempdir().map_err(err("temp folder"))?;
    let file = tmp.path().join("hubspot.csv");
    fs::write(&file, hubspot_export(n)).map_err(err("write the export"))?;

    // The preview: read and parse the file, find duplicates among the folder's leads, draw it.
    let mut app = build_app(Some(&data), None, Some(Lang::De), Box::new(|| {}))?;
    let (parse, session) = best_of(3, || {
        let bytes = fs::read(&file).map_err(err("read"))?;
        let parsed =
            leadq::exchange::parse_csv(&bytes, app.model.framework()).map_err(err("parse"))?;
        if parsed.rows.len() != n || !parsed.errors.is_empty() {
            return Err(format!(
                "{} rows, {} bad",
                parsed.rows.len(),
                parsed.errors.len()
            ));
        }
        let index = app.model.lead_index();
        Ok(leadq::app::ImportSession::new(file.clone(), parsed, &index))
    })?;
    app.import_preview = Some(session);
    let mut frames = Frames::new();
    let first = frames.frame(&mut app);
    let preview = parse + first;
    row(
        &format!(
            "import preview of a {label}-row HubSpot export: read, map, duplicates, first frame"
        ),
        if n <= 10_000 { "≤ 300 ms" } else { "–" },
        &format!(
            "{} ({} + frame {})",
            fmt_time(preview),
            fmt_time(parse),
            fmt_time(first)
        ),
        (n <= 10_000).then_some(preview <= Duration::from_millis(300)),
    );

    // The whole import through the command line into an empty folder: every lead durable
    // (fsynced) before the process reports.
    let (import, ()) = best_of(3, || {
        let folder = tempfile::tempdir_in(tmp.path()).map_err(err("temp folder"))?;
        let out = Command::new(env!("CARGO_BIN_EXE_leadq"))
            .arg("--data-dir")
            .arg(folder.path())
            .arg("import")
            .arg(&file)
            .env_remove("LEADQ_DATA_DIR")
            .output()
            .map_err(err("run leadq import"))?;
        if !out.status.success() {
            return Err(format!(
                "leadq import: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let written = fs::read_dir(folder.path().join("leads"))
            .map_err(err("read_dir"))?
            .count();
        if written != n {
            return Err(format!("{written} lead files written, expected {n}"));
        }
        Ok(())
    })?;
    // Issue 31: 1.5 s for 10,000 rows, 15 s for 100,000, every lead durable (one `syncfs`
    // and the journal) and the import all or nothing.
    let target = Duration::from_millis(150 * (n as u64).div_ceil(1_000));
    row(
        &format!(
            "`leadq import` of that export into an empty folder, whole process, all or nothing, every lead durable ({label} rows)"
        ),
        &format!("≤ {}", fmt_time(target)),
        &fmt_time(import),
        Some(import <= target),
    );
    Ok(())
}

// ----- child: the window (search, frames, edit → saved, memory) -----

struct Frames {
    ctx: egui::Context,
    time: f64,
}

impl Frames {
    fn new() -> Frames {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        Frames { ctx, time: 0.0 }
    }

    /// One frame as eframe runs it without the GPU part: the app's ui, then tessellation.
    /// Returns the CPU time of both.
    fn frame(&mut self, app: &mut LeadqApp) -> Duration {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(WINDOW[0], WINDOW[1]),
            )),
            time: Some(self.time),
            focused: true,
            ..Default::default()
        };
        let started = thread_cpu();
        let mut out = self.ctx.run_ui(input, |ui| app.show(ui));
        let primitives = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        let took = thread_cpu().saturating_sub(started);
        std::hint::black_box(primitives);
        // No renderer takes the font atlas updates here; drop them on purpose.
        out.textures_delta.clear();
        took
    }
}

/// The window's start with the load cache absent (it then writes it for `--child-window`).
fn child_start(args: &[String]) -> Res<()> {
    let (n, data) = args_size_dir(args)?;
    clear_cache()?;
    let config = data.with_file_name("config-start");
    fs::create_dir_all(&config).map_err(err("config"))?;
    let started = Instant::now();
    let mut app = build_app(Some(&data), Some(config), Some(Lang::De), Box::new(|| {}))?;
    let first = Frames::new().frame(&mut app);
    let start = started.elapsed();
    if app.model.entries().len() != n {
        return Err(format!(
            "the window has {} leads",
            app.model.entries().len()
        ));
    }
    app.shutdown();
    let target = (n == 100_000).then(|| Duration::from_millis(500));
    row(
        &format!(
            "window start to the first frame with the list, {} leads, cache absent",
            thousands(n)
        ),
        &target.map_or("–".to_owned(), |t| format!("≤ {}", fmt_time(t))),
        &format!("{} (first frame {})", fmt_time(start), fmt_time(first)),
        target.map(|t| start <= t),
    );
    Ok(())
}

fn child_window(args: &[String]) -> Res<()> {
    let (n, data) = args_size_dir(args)?;
    let label = thousands(n);
    let small = n <= 10_000;
    let config = data.with_file_name("config");
    fs::create_dir_all(&config).map_err(err("config"))?;
    fs::write(
        config.join("settings.ron"),
        "(lang: Some(de), theme: light)",
    )
    .map_err(err("settings"))?;

    // The worker calls `wake` after every finished job, i.e. after a save is durable.
    let (woke_tx, woke) = mpsc::channel::<Instant>();
    let started = Instant::now();
    let mut app = build_app(
        Some(&data),
        Some(config),
        Some(Lang::De),
        Box::new(move || {
            let _ = woke_tx.send(Instant::now());
        }),
    )?;
    let mut frames = Frames::new();
    let first = frames.frame(&mut app);
    let start = started.elapsed();
    if app.model.entries().len() != n {
        return Err(format!(
            "the window has {} leads",
            app.model.entries().len()
        ));
    }
    let target = (n == 100_000).then(|| Duration::from_millis(500));
    row(
        &format!(
            "window start to the first frame with the list, {label} leads, cache warm (load + scores + frame)"
        ),
        &target.map_or("–".to_owned(), |t| format!("≤ {}", fmt_time(t))),
        &format!("{} (first frame {})", fmt_time(start), fmt_time(first)),
        target.map(|t| start <= t),
    );
    // The search texts are made by the frames after the first (a search typed before they
    // are all made makes the rest at once).
    let shown = Instant::now();
    let (mut count, mut slowest) = (0, Duration::ZERO);
    while !app.model.search_ready() {
        slowest = slowest.max(frames.frame(&mut app));
        count += 1;
        if count > 1000 {
            return Err("the search texts are never made".into());
        }
    }
    row(
        &format!(
            "  … then every search text made, {label} leads (frames after the first: count, time, slowest frame's CPU)"
        ),
        "–",
        &format!(
            "{count} frames, {} ({} CPU)",
            fmt_time(shown.elapsed()),
            fmt_time(slowest)
        ),
        None,
    );

    // Search as you type, through the model as the list panel drives it.
    let mut keystrokes = Vec::new();
    for _ in 0..3 {
        for word in TYPED {
            let mut query = String::new();
            for c in word.chars() {
                query.push(c);
                let view = ListView {
                    query: query.clone(),
                    ..app.model.view().clone()
                };
                let t = Instant::now();
                app.model.set_view(view);
                let shown = app.model.visible().len();
                keystrokes.push(t.elapsed());
                if verbose() {
                    eprintln!(
                        "scale: {query:?}: {shown} leads in {}",
                        fmt_time(t.elapsed())
                    );
                }
                std::hint::black_box(shown);
            }
            app.model.set_view(ListView::default());
            app.model.visible();
        }
    }
    let worst = keystrokes.iter().max().copied().unwrap_or_default();
    let avg = mean(&keystrokes);
    let p95 = percentile(&keystrokes, 95);
    // Issue 6 set 2 ms up to 10,000 leads; issue 14 sets 16 ms (p95) at 100,000.
    let limit = Duration::from_millis(if small { 2 } else { 16 });
    let has_target = small || n == 100_000;
    row(
        &format!(
            "search keystroke, {label} leads (mean / p95 / worst of {}; typing {})",
            keystrokes.len(),
            TYPED.map(|w| format!("\"{w}\"")).join(", ")
        ),
        &if has_target {
            format!("≤ {} (p95)", fmt_time(limit))
        } else {
            "–".to_owned()
        },
        &format!(
            "{} / {} / {}",
            fmt_time(avg),
            fmt_time(p95),
            fmt_time(worst)
        ),
        has_target.then_some(p95 <= limit),
    );

    // Frames: warm up (font atlas, first layout), then nothing changed.
    let mut frames = Frames::new();
    for _ in 0..10 {
        frames.frame(&mut app);
    }
    let idle: Vec<Duration> = (0..60).map(|_| frames.frame(&mut app)).collect();
    let frame_limit = Duration::from_millis(4);
    let idle_med = median(idle.clone());
    let idle_max = idle.iter().max().copied().unwrap_or_default();
    row(
        &format!("frame, {label} leads, nothing changed (CPU, median / worst of 60)"),
        if small { "≤ 4 ms" } else { "–" },
        &format!("{} / {}", fmt_time(idle_med), fmt_time(idle_max)),
        small.then_some(idle_med <= frame_limit),
    );

    // A frame after one edit: the edit itself (as the frame performs it) plus the next frame.
    let id = app
        .model
        .selected_id()
        .ok_or("no lead is selected in the window")?;
    let notes = app
        .model
        .selected()
        .map(|e| e.lead.notes.clone())
        .unwrap_or_default();
    let mut edited = Vec::new();
    for k in 0..30 {
        let t = thread_cpu();
        app.model
            .edit(id, Edit::text(Field::Notes, format!("{notes} {k}")));
        frames.frame(&mut app);
        edited.push(thread_cpu().saturating_sub(t));
    }
    let edited_med = median(edited.clone());
    row(
        &format!("frame, {label} leads, after one edit (edit + frame, CPU, median of 30)"),
        "≤ 4 ms",
        &fmt_time(edited_med),
        Some(edited_med <= frame_limit),
    );

    // The same with the overview in the middle: its numbers are counted again after the edit.
    app.central = leadq::ui::Central::Overview;
    frames.frame(&mut app);
    let mut overview = Vec::new();
    for k in 0..30 {
        let t = thread_cpu();
        app.model
            .edit(id, Edit::text(Field::Notes, format!("{notes} o{k}")));
        frames.frame(&mut app);
        overview.push(thread_cpu().saturating_sub(t));
    }
    app.central = leadq::ui::Central::Form;
    let overview_med = median(overview);
    row(
        &format!("frame with the overview, {label} leads, after one edit (CPU, median of 30)"),
        if small { "≤ 4 ms" } else { "–" },
        &fmt_time(overview_med),
        small.then_some(overview_med <= frame_limit),
    );

    // Edit → durably saved, while the window keeps drawing frames.
    app.model.flush();
    while woke.try_recv().is_ok() {}
    let path = data.join("leads").join(format!("{id}.ron"));
    let mut to_disk = Vec::new();
    let mut edit_calls = Vec::new();
    let mut busy_frames = Vec::new();
    for k in 0..5 {
        let marker = format!("durable-{k}-{}", std::process::id());
        let t = Instant::now();
        app.model.edit(id, Edit::text(Field::Notes, marker.clone()));
        edit_calls.push(t.elapsed());
        if fs::read_to_string(&path)
            .map_err(err("read"))?
            .contains(&marker)
        {
            return Err("the edit was written on the frame's path".to_owned());
        }
        // The frame right after the edit re-sorts the list ("after one edit" above); the ones
        // after it run while the worker debounces and writes.
        frames.frame(&mut app);
        // The worker wakes the window after each finished job (and for outside changes of
        // the folder): the first wake after which the file has the edit is the save.
        let saved_at = loop {
            busy_frames.push(frames.frame(&mut app));
            if let Some(at) = woke.try_iter().last()
                && fs::read_to_string(&path)
                    .map_err(err("read"))?
                    .contains(&marker)
            {
                break at;
            }
            if t.elapsed() > Duration::from_secs(10) {
                return Err("the edit was not saved within 10 s".to_owned());
            }
            std::thread::sleep(Duration::from_millis(1));
        };
        to_disk.push(saved_at.duration_since(t));
    }
    let edit_max = edit_calls.iter().max().copied().unwrap_or_default();
    let busy_max = busy_frames.iter().max().copied().unwrap_or_default();
    row(
        &format!(
            "edit → durably saved, {label} leads (median of 5; {} debounce by design)",
            fmt_time(leadq::app::SAVE_DELAY)
        ),
        "–",
        &fmt_time(median(to_disk)),
        None,
    );
    row(
        &format!(
            "  … frame path: `Model::edit` worst / worst frame while saving ({} frames)",
            busy_frames.len()
        ),
        "never blocks",
        &format!("{} / {}", fmt_time(edit_max), fmt_time(busy_max)),
        Some(edit_max < Duration::from_millis(1) && busy_max <= Duration::from_millis(16)),
    );

    // The save itself (serialize, write, fsync, rename, fsync the folder), on the worker thread.
    let store = LeadStore::open(&data).map_err(err("store"))?;
    let lead = app
        .model
        .entry(id)
        .map(|e| e.lead.clone())
        .ok_or("the lead is gone")?;
    let saves: Vec<Duration> = (0..20)
        .map(|_| {
            let t = Instant::now();
            store
                .save(&lead)
                .map(|()| t.elapsed())
                .map_err(|e| e.to_string())
        })
        .collect::<Res<_>>()?;
    let save_med = median(saves.clone());
    row(
        &format!(
            "save one lead, {label} leads (serialize + write + fsync + rename, median / worst of 20)"
        ),
        "≤ 10 ms",
        &format!(
            "{} / {}",
            fmt_time(save_med),
            fmt_time(saves.iter().max().copied().unwrap_or_default())
        ),
        Some(save_med <= Duration::from_millis(10)),
    );

    // What the disk alone costs: write a file of the same size, fsync it and its folder.
    let size = fs::metadata(&path).map_err(err("metadata"))?.len() as usize;
    let floor: Vec<Duration> = (0..20)
        .map(|k| {
            let probe = data.join(format!("fsync-probe-{k}"));
            let t = Instant::now();
            let mut f = fs::File::create(&probe)?;
            std::io::Write::write_all(&mut f, &vec![b'x'; size])?;
            f.sync_all()?;
            fs::File::open(&data)?.sync_all()?;
            let took = t.elapsed();
            fs::remove_file(&probe)?;
            Ok(took)
        })
        .collect::<std::io::Result<_>>()
        .map_err(err("fsync probe"))?;
    row(
        &format!("  … the disk's floor: write {size} bytes + fsync file and folder (median of 20)"),
        "–",
        &fmt_time(median(floor)),
        None,
    );

    app.shutdown();
    let peak = peak_rss().unwrap_or(0);
    row(
        &format!("peak memory (VmHWM), window with {label} leads"),
        if small {
            "≤ 150 MB"
        } else if n == 100_000 {
            "≤ 250 MB"
        } else {
            "–"
        },
        &fmt_bytes(peak),
        if small {
            Some(peak <= 150 << 20)
        } else {
            (n == 100_000).then_some(peak <= 250 << 20)
        },
    );
    Ok(())
}

// ----- child: PDF reports -----

fn child_pdf(args: &[String]) -> Res<()> {
    let count: usize = args
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or(DEFAULT_PDFS);
    let fw = Framework::builtin().map_err(err("framework"))?;
    let rules = Classification::builtin(&fw).map_err(err("rules"))?;
    let leads: Vec<_> = (0..count as u64)
        .map(|i| leadq::corpus::corpus_lead(&fw, &rules, SEED, i))
        .collect();
    let opts = ReportOptions {
        lang: Lang::De,
        today: jiff::civil::date(2026, 11, 27),
        version: leadq::VERSION,
    };

    let t = Instant::now();
    render_report(&leads[0], &fw, &rules, &opts).map_err(err("pdf"))?;
    let first = t.elapsed();

    let sample = &leads[..count.min(200)];
    let mut times = Vec::new();
    let mut sizes = Vec::new();
    let mut pages = 0;
    for lead in sample {
        let t = Instant::now();
        let report = render_report(lead, &fw, &rules, &opts).map_err(err("pdf"))?;
        times.push(t.elapsed());
        sizes.push(report.bytes.len() as u64);
        pages = pages.max(report.pages);
    }
    let worst = times.iter().max().copied().unwrap_or_default();
    let avg = mean(&times);
    row(
        &format!(
            "PDF render per lead (mean / worst of {}; first one parses the fonts: {})",
            sample.len(),
            fmt_time(first)
        ),
        "≤ 20 ms",
        &format!("{} / {}", fmt_time(avg), fmt_time(worst)),
        Some(avg <= Duration::from_millis(20)),
    );
    let max_size = sizes.iter().max().copied().unwrap_or(0);
    let avg_size = sizes.iter().sum::<u64>() / sizes.len().max(1) as u64;
    row(
        &format!("bytes per PDF (mean / largest; up to {pages} pages)"),
        "≤ 30 KB",
        &format!("{} / {}", fmt_bytes(avg_size), fmt_bytes(max_size)),
        Some(max_size <= 30 * 1024),
    );

    // The batch export: every lead to its own file, on all cores, through the same code as
    // `leadq pdf --all` and the window's batch export (unique names, atomic writes).
    let out = tempfile::tempdir().map_err(err("temp folder"))?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let t = Instant::now();
    let chosen: Vec<&leadq::domain::Lead> = leads.iter().collect();
    let paths = batch_paths(out.path(), &chosen, opts.today, opts.lang);
    let jobs: Vec<(&leadq::domain::Lead, PathBuf)> = chosen.into_iter().zip(paths.paths).collect();
    let results = write_reports(&jobs, &fw, &rules, &opts, &BatchControl::default());
    let batch = t.elapsed();
    let written = results.iter().filter(|r| r.is_ok()).count();
    if written != count {
        return Err(format!("wrote {written} PDFs, expected {count}"));
    }
    let limit = Duration::from_secs(10) * count as u32 / DEFAULT_PDFS as u32;
    row(
        &format!(
            "batch export of {} PDFs ({threads} threads, `report::write_reports`)",
            thousands(count)
        ),
        &format!("≤ {}", fmt_time(limit)),
        &fmt_time(batch),
        Some(batch <= limit),
    );
    Ok(())
}
