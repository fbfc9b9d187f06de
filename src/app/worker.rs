//! All file work of the window happens here, on one background thread, in order: edits are
//! saved debounced and atomically, never on the frame's path.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::domain::{Classification, Lead};
use crate::store::{LeadStore, PersonalSettings, StoreError, save_classification};

/// How long an edited lead waits for more keystrokes before it is written.
pub const SAVE_DELAY: Duration = Duration::from_millis(300);

pub enum Job {
    Save(Box<Lead>),
    Trash(Uuid),
    /// Brings a lead back; `lead` is written instead if its trash file is gone.
    Restore(Box<Lead>),
    LoadTrash,
    SaveRules(Classification),
    SavePersonal(PersonalSettings, PathBuf),
    /// A lead file changed on disk (another program, a sync tool): read it again.
    Reload(Uuid),
    /// Use a sync tool's conflict copy (`true`) or set it aside (`false`).
    ResolveSyncConflict(PathBuf, bool),
    /// Writes everything pending now (window closing) and stops.
    Shutdown,
}

#[derive(Debug)]
pub enum Outcome {
    Saved(Uuid),
    Trashed(Uuid),
    Restored(Uuid),
    Trash(Vec<Lead>),
    Failed(String),
    /// The file changed on disk; this is its new content.
    Reloaded(Lead),
    /// The file was removed on disk.
    Removed(Uuid),
    /// A sync conflict copy was settled; `lead` is the lead's content when the copy was taken.
    SyncConflictResolved(PathBuf, Option<Lead>),
    /// Both sides changed: the disk version stays (and is `disk`), ours was kept as `ours`.
    Conflict {
        id: Uuid,
        disk: Option<Lead>,
        ours: PathBuf,
    },
}

pub struct Worker {
    jobs: Sender<Job>,
    outcomes: Receiver<Outcome>,
    handle: Option<JoinHandle<()>>,
    /// Watches `leads/` for changes from outside; dropped with the worker.
    _watcher: Option<notify::RecommendedWatcher>,
}

impl Worker {
    /// `wake` is called after each outcome so the window repaints to show it.
    pub fn start(store: LeadStore, wake: Box<dyn Fn() + Send>) -> Worker {
        let (jobs, job_rx) = mpsc::channel();
        let (out_tx, outcomes) = mpsc::channel();
        let watcher = watch(&store.leads_dir(), jobs.clone());
        let handle = thread::Builder::new()
            .name("leadq-store".into())
            .spawn(move || run(store, job_rx, out_tx, wake))
            .ok();
        Worker {
            jobs,
            outcomes,
            handle,
            _watcher: watcher,
        }
    }

    pub fn send(&self, job: Job) -> bool {
        self.jobs.send(job).is_ok()
    }

    pub fn poll(&self) -> Vec<Outcome> {
        self.outcomes.try_iter().collect()
    }

    /// Flushes pending saves and waits for the thread, so closing the window loses nothing.
    pub fn shutdown(&mut self) {
        let _ = self.jobs.send(Job::Shutdown);
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }

    /// Blocks until every job sent so far is done (tests and benchmarks).
    pub fn flush_blocking(&self) -> Vec<Outcome> {
        // LoadTrash is answered only after pending saves are written (see `run`).
        let _ = self.jobs.send(Job::LoadTrash);
        let mut out = Vec::new();
        while let Ok(o) = self.outcomes.recv_timeout(Duration::from_secs(10)) {
            let done = matches!(o, Outcome::Trash(_));
            out.push(o);
            if done {
                break;
            }
        }
        out
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Turns file events in `leads/` into reload jobs. Without a watcher (unsupported file
/// system) LeadQ still never overwrites outside changes: saves compare before writing.
fn watch(dir: &std::path::Path, jobs: Sender<Job>) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if event.kind.is_access() {
            return;
        }
        for path in &event.paths {
            let id = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".ron"))
                .and_then(|stem| Uuid::parse_str(stem).ok());
            if let Some(id) = id {
                let _ = jobs.send(Job::Reload(id));
            }
        }
    })
    .ok()?;
    watcher
        .watch(dir, notify::RecursiveMode::NonRecursive)
        .ok()?;
    Some(watcher)
}

fn run(store: LeadStore, jobs: Receiver<Job>, out: Sender<Outcome>, wake: Box<dyn Fn() + Send>) {
    let mut pending: HashMap<Uuid, (Lead, Instant)> = HashMap::new();
    let report = |o: Outcome| {
        let _ = out.send(o);
        wake();
    };
    let write = |lead: &Lead| match store.save(lead) {
        Ok(()) => report(Outcome::Saved(lead.id)),
        Err(StoreError::Conflict { id, ours, .. }) => {
            let disk = store.reload(id).ok().flatten();
            report(Outcome::Conflict { id, disk, ours });
        }
        Err(e) => report(Outcome::Failed(e.to_string())),
    };
    loop {
        let next_due = pending.values().map(|(_, due)| *due).min();
        let job = match next_due {
            Some(due) => match jobs.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(job) => Some(job),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Job::Shutdown),
            },
            None => Some(jobs.recv().unwrap_or(Job::Shutdown)),
        };
        let now = Instant::now();
        match job {
            None => {}
            Some(Job::Save(lead)) => {
                pending.insert(lead.id, (*lead, now + SAVE_DELAY));
            }
            Some(Job::Trash(id)) => {
                if let Some((lead, _)) = pending.remove(&id) {
                    write(&lead);
                }
                match store.trash(id) {
                    Ok(()) => report(Outcome::Trashed(id)),
                    Err(e) => report(Outcome::Failed(e.to_string())),
                }
            }
            Some(Job::Restore(lead)) => {
                let restored = store
                    .restore(lead.id)
                    .map(|_| ())
                    .or_else(|_| store.save(&lead));
                match restored {
                    Ok(()) => report(Outcome::Restored(lead.id)),
                    Err(e) => report(Outcome::Failed(e.to_string())),
                }
            }
            Some(Job::LoadTrash) => {
                for (_, (lead, _)) in pending.drain() {
                    write(&lead);
                }
                match store.load_trash() {
                    Ok(r) => report(Outcome::Trash(r.leads)),
                    Err(e) => report(Outcome::Failed(e.to_string())),
                }
            }
            Some(Job::SaveRules(rules)) => {
                if let Err(e) = save_classification(store.root(), &rules) {
                    report(Outcome::Failed(e.to_string()));
                }
            }
            Some(Job::ResolveSyncConflict(copy, take)) => {
                match store.resolve_sync_conflict(&copy, take) {
                    Ok(lead) => report(Outcome::SyncConflictResolved(copy, lead)),
                    Err(e) => report(Outcome::Failed(e.to_string())),
                }
            }
            Some(Job::Reload(id)) => {
                // Our unsaved edit meets a change from outside: saving now keeps both.
                if let Some((lead, _)) = pending.remove(&id) {
                    write(&lead);
                } else {
                    match store.reload(id) {
                        Ok(Some(lead)) => report(Outcome::Reloaded(lead)),
                        Ok(None) if !store.lead_path(id).exists() => report(Outcome::Removed(id)),
                        Ok(None) => {}
                        Err(e) => report(Outcome::Failed(format!(
                            "{}: {e}; LeadQ keeps showing its last good version",
                            store.lead_path(id).display()
                        ))),
                    }
                }
            }
            Some(Job::SavePersonal(settings, dir)) => {
                if let Err(e) = settings.save(&dir) {
                    report(Outcome::Failed(e));
                }
            }
            Some(Job::Shutdown) => {
                for (_, (lead, _)) in pending.drain() {
                    write(&lead);
                }
                return;
            }
        }
        let due: Vec<Uuid> = pending
            .iter()
            .filter(|(_, (_, d))| *d <= Instant::now())
            .map(|(id, _)| *id)
            .collect();
        for id in due {
            if let Some((lead, _)) = pending.remove(&id) {
                write(&lead);
            }
        }
    }
}
