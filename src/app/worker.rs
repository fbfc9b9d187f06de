//! All file work of the window happens here, on one background thread, in order: edits are
//! saved debounced and atomically, never on the frame's path.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::domain::{Classification, Lead, Merge, merge_leads};
use crate::i18n::{Localized, store_error};
use crate::store::{
    LeadStore, PersonalSettings, SaveOver, StoreError, id_of_file, is_sync_conflict_name,
    save_classification,
};

fn failed(e: &StoreError) -> Outcome {
    Outcome::Failed(Localized::new(|lang| store_error(lang, e)))
}

/// How long an edited lead waits for more keystrokes before it is written.
pub const SAVE_DELAY: Duration = Duration::from_millis(300);

pub enum Job {
    /// Saves `lead` (debounced) if its file still holds `base`, the version the edit started
    /// from (`None`: a new lead, no file yet). If not, nothing is written and the file's content
    /// comes back as `Outcome::Reloaded` for the model to merge.
    Save {
        lead: Box<Lead>,
        base: Option<Box<Lead>>,
    },
    /// Saves leads as one batch, all or nothing on disk (the window's import): each with the
    /// version its change started from, as [`Job::Save`]. Written at once, not debounced. A
    /// lead whose file changed outside LeadQ meanwhile makes the batch fall back to saving
    /// lead by lead, each merged with the change from outside as a single save is.
    SaveBatch(Vec<(Lead, Option<Lead>)>),
    /// Keeps a version that lost a conflict in `conflicts/` (answered with `Outcome::Conflict`).
    SetAside(Box<Lead>),
    /// A sync tool's conflict copy appeared in or vanished from `leads/`.
    SyncCopy(PathBuf),
    /// A file in `trash/` changed: is that lead live as well?
    CheckTrashed(Uuid),
    Trash(Uuid),
    /// Moves several leads to the trash as one batch (the window's batch delete): all or none
    /// on disk.
    TrashMany(Vec<Uuid>),
    /// Brings a lead back; `lead` is written instead if its trash file is gone.
    Restore(Box<Lead>),
    LoadTrash,
    SaveRules(Classification),
    /// The team's framework and its rules, switched in the settings.
    SaveFramework(Box<crate::domain::Template>),
    SavePersonal(PersonalSettings, PathBuf),
    /// Writes a file of the window's own (its size and place, `window.ron`) atomically; a
    /// failure only costs the window's size at the next start, so it is not reported.
    SaveWindowState(PathBuf, String),
    /// A lead file changed on disk (another program, a sync tool): read it again.
    Reload(Uuid),
    /// Use a sync tool's conflict copy (`true`) or set it aside (`false`).
    ResolveSyncConflict(PathBuf, bool),
    /// The checks of the folder at start, sent once the window's leads are loaded (listing
    /// 100,000 files here would take a core from the load): leads both live and in the trash
    /// (deleted on one machine, edited on another) are reported, and with `owner` (this window
    /// holds the folder's lock, and has saved nothing yet) what writes cut short by a crash
    /// left in `leads/` is removed.
    Startup {
        owner: bool,
    },
    /// Writes everything pending now (window closing) and stops.
    Shutdown,
}

#[derive(Debug)]
pub enum Outcome {
    /// The lead is on disk as this.
    Saved(Box<Lead>),
    /// A sync tool made a conflict copy, waiting for the rep.
    SyncCopyAppeared(PathBuf),
    /// A conflict copy is gone (settled on another machine).
    SyncCopyGone(PathBuf),
    /// The lead is live and has a copy in the trash: deleted elsewhere, edited here.
    LiveAndTrashed(Uuid),
    Trashed(Uuid),
    Restored(Uuid),
    Trash(Vec<Lead>),
    /// A write or read that failed, said in both languages (the worker does not know which
    /// one the window speaks).
    Failed(Localized),
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
    trash_dir: PathBuf,
    /// Watches `leads/` for changes from outside; dropped with the worker.
    _watcher: Option<notify::RecommendedWatcher>,
}

impl Worker {
    /// `wake` is called after each outcome so the window repaints to show it.
    pub fn start(store: LeadStore, wake: Box<dyn Fn() + Send>) -> Worker {
        let (jobs, job_rx) = mpsc::channel();
        let (out_tx, outcomes) = mpsc::channel();
        let trash_dir = store.trash_dir();
        let watcher = watch(&store.leads_dir(), &trash_dir, jobs.clone());
        let handle = thread::Builder::new()
            .name("leadq-store".into())
            .spawn(move || run(store, job_rx, out_tx, wake))
            .ok();
        Worker {
            jobs,
            outcomes,
            handle,
            trash_dir,
            _watcher: watcher,
        }
    }

    /// The data folder's `trash/`.
    pub fn trash_dir(&self) -> &std::path::Path {
        &self.trash_dir
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
        // LoadTrash is answered only after pending saves are written (`Runner::load_trash`).
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

/// Turns file events in `leads/` into reload jobs (and sync tools' conflict copies into
/// banners), and events in `trash/` into checks for leads deleted on one machine and edited on
/// another. Without a watcher (unsupported file system) LeadQ still never overwrites outside
/// changes: saves compare before writing.
fn watch(
    leads: &std::path::Path,
    trash: &std::path::Path,
    jobs: Sender<Job>,
) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    let trash_dir = trash.to_path_buf();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if event.kind.is_access() {
            return;
        }
        for path in &event.paths {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if path.parent() == Some(trash_dir.as_path()) {
                if let Some(id) = id_of_file(path) {
                    let _ = jobs.send(Job::CheckTrashed(id));
                }
                continue;
            }
            let Some(stem) = name.strip_suffix(".ron") else {
                continue;
            };
            if let Ok(id) = Uuid::parse_str(stem) {
                let _ = jobs.send(Job::Reload(id));
            } else if is_sync_conflict_name(name) {
                let _ = jobs.send(Job::SyncCopy(path.clone()));
            }
        }
    })
    .ok()?;
    watcher
        .watch(leads, notify::RecursiveMode::NonRecursive)
        .ok()?;
    // Without the trash watched, the check still runs at start and after each save.
    let _ = watcher.watch(trash, notify::RecursiveMode::NonRecursive);
    Some(watcher)
}

/// A save waiting for its debounce: the lead, the version it started from, when it is due.
type Pending = HashMap<Uuid, (Lead, Option<Lead>, Instant)>;

/// Writes one lead, comparing first; reports what happened.
fn write(store: &LeadStore, lead: &Lead, base: Option<&Lead>, report: &dyn Fn(Outcome)) {
    let was_gone = base.is_some() && !store.lead_path(lead.id).exists();
    match store.save_over(lead, base) {
        Ok(SaveOver::Written) => {
            report(Outcome::Saved(Box::new(lead.clone())));
            if was_gone && !store.trashed_copies(lead.id).is_empty() {
                report(Outcome::LiveAndTrashed(lead.id));
            }
        }
        // Changed elsewhere since the edit began: the model merges and saves again.
        Ok(SaveOver::Stale(disk)) => report(Outcome::Reloaded(*disk)),
        Err(StoreError::Conflict { id, ours, .. }) => {
            let disk = store.reload(id).ok().flatten();
            report(Outcome::Conflict { id, disk, ours });
        }
        Err(e) => report(failed(&e)),
    }
}

/// The last write when the window closes: no model is left to merge, so merge here; what
/// cannot be merged goes to `conflicts/`.
fn write_final(store: &LeadStore, lead: &Lead, base: Option<&Lead>, report: &dyn Fn(Outcome)) {
    let disk = match store.save_over(lead, base) {
        Ok(SaveOver::Stale(disk)) => disk,
        Ok(SaveOver::Written) => return report(Outcome::Saved(Box::new(lead.clone()))),
        Err(StoreError::Conflict { id, ours, .. }) => {
            return report(Outcome::Conflict {
                id,
                disk: None,
                ours,
            });
        }
        Err(e) => return report(failed(&e)),
    };
    let merged = match base {
        Some(base) => merge_leads(base, lead, &disk),
        None => Merge::Conflict(Vec::new()),
    };
    match merged {
        Merge::Clean(m) => write(store, &m, Some(&disk), report),
        Merge::Conflict(_) => match store.set_aside(lead) {
            Ok(ours) => report(Outcome::Conflict {
                id: lead.id,
                disk: Some(*disk),
                ours,
            }),
            Err(e) => report(failed(&e)),
        },
    }
}

fn run(store: LeadStore, jobs: Receiver<Job>, out: Sender<Outcome>, wake: Box<dyn Fn() + Send>) {
    let mut runner = Runner {
        store,
        pending: HashMap::new(),
        trashed_here: HashSet::new(),
        out,
        wake,
    };
    loop {
        if let Some(job) = runner.next_job(&jobs)
            && !runner.handle(job)
        {
            return;
        }
        runner.write_due();
    }
}

/// The worker thread's state between jobs.
struct Runner {
    store: LeadStore,
    pending: Pending,
    /// Leads this window moved to the trash itself: their file going away is no news from
    /// outside, and reporting it as such could take a lead the rep just brought back (undo)
    /// off the list when the watcher's event arrives late.
    trashed_here: HashSet<Uuid>,
    out: Sender<Outcome>,
    wake: Box<dyn Fn() + Send>,
}

impl Runner {
    /// Hands an outcome to the window and wakes it to show it.
    fn report(&self, outcome: Outcome) {
        let _ = self.out.send(outcome);
        (self.wake)();
    }

    /// Waits for the next job, but only until the earliest pending save falls due (`None`).
    /// A closed channel (the window is gone) counts as `Shutdown`, so nothing pending is lost.
    fn next_job(&self, jobs: &Receiver<Job>) -> Option<Job> {
        let next_due = self.pending.values().map(|(_, _, due)| *due).min();
        match next_due {
            Some(due) => match jobs.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(job) => Some(job),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Job::Shutdown),
            },
            None => Some(jobs.recv().unwrap_or(Job::Shutdown)),
        }
    }

    /// Does one job; `false` once the worker is to stop.
    fn handle(&mut self, job: Job) -> bool {
        match job {
            Job::Save { lead, base } => {
                let due = Instant::now() + SAVE_DELAY;
                self.pending.insert(lead.id, (*lead, base.map(|b| *b), due));
            }
            Job::SaveBatch(leads) => self.save_batch(leads),
            Job::SetAside(lead) => match self.store.set_aside(&lead) {
                Ok(ours) => self.report(Outcome::Conflict {
                    id: lead.id,
                    disk: None,
                    ours,
                }),
                Err(e) => self.report(failed(&e)),
            },
            Job::SyncCopy(path) if path.exists() => self.report(Outcome::SyncCopyAppeared(path)),
            Job::SyncCopy(path) => self.report(Outcome::SyncCopyGone(path)),
            Job::CheckTrashed(id) => {
                if self.store.lead_path(id).is_file() && !self.store.trashed_copies(id).is_empty() {
                    self.report(Outcome::LiveAndTrashed(id));
                }
            }
            Job::Trash(id) => self.trash(id),
            Job::TrashMany(ids) => self.trash_many(&ids),
            Job::Restore(lead) => self.restore(&lead),
            Job::LoadTrash => self.load_trash(),
            Job::SaveRules(rules) => {
                if let Err(e) = save_classification(self.store.root(), &rules) {
                    self.report(failed(&e));
                }
            }
            Job::SaveFramework(template) => {
                if let Err(e) = crate::store::save_team_framework(self.store.root(), &template) {
                    self.report(failed(&e));
                }
            }
            Job::ResolveSyncConflict(copy, take) => {
                match self.store.resolve_sync_conflict(&copy, take) {
                    Ok(lead) => self.report(Outcome::SyncConflictResolved(copy, lead)),
                    Err(e) => self.report(failed(&e)),
                }
            }
            Job::Reload(id) => self.reload(id),
            Job::Startup { owner } => {
                if owner {
                    self.store.remove_stale_temp_files();
                }
                for (id, _) in self.store.live_and_trashed() {
                    self.report(Outcome::LiveAndTrashed(id));
                }
            }
            Job::SaveWindowState(path, text) => {
                let dir = path.parent().map(Path::to_path_buf);
                let written = dir
                    .map_or(Ok(()), |d| crate::store::create_private_dir(&d))
                    .and_then(|()| crate::store::write_atomic(&path, text.as_bytes()));
                if let Err(e) = written {
                    eprintln!(
                        "leadq: could not save the window's size to {}: {e}",
                        path.display()
                    );
                }
            }
            Job::SavePersonal(settings, dir) => {
                if let Err(e) = settings.save(&dir) {
                    self.report(failed(&e));
                }
            }
            Job::Shutdown => {
                for (_, (lead, base, _)) in std::mem::take(&mut self.pending) {
                    write_final(&self.store, &lead, base.as_ref(), &|o| self.report(o));
                }
                return false;
            }
        }
        true
    }

    /// Writes the leads of an import as one batch (`store/journal.rs`).
    fn save_batch(&mut self, leads: Vec<(Lead, Option<Lead>)>) {
        for (lead, _) in &leads {
            // A debounced save of one of them is superseded by the batch.
            self.pending.remove(&lead.id);
        }
        let refs: Vec<&Lead> = leads.iter().map(|(lead, _)| lead).collect();
        match self.store.save_batch(&refs) {
            Ok(()) => {
                for (lead, _) in leads {
                    self.report(Outcome::Saved(Box::new(lead)));
                }
            }
            Err(e) if matches!(e.error, StoreError::ChangedOutside(_)) => {
                for (lead, base) in &leads {
                    write_final(&self.store, lead, base.as_ref(), &|o| self.report(o));
                }
            }
            Err(e) => self.report(failed(&e.error)),
        }
    }

    /// Moves a lead to the trash. Its last edit goes into the trash with it (merged with a
    /// change from outside, if one came); only a failure of that write is worth telling the
    /// model, which has already taken the lead off its list.
    fn trash(&mut self, id: Uuid) {
        if let Some((lead, base, _)) = self.pending.remove(&id) {
            let failures = |o: Outcome| {
                if matches!(o, Outcome::Failed(_)) {
                    self.report(o);
                }
            };
            write_final(&self.store, &lead, base.as_ref(), &failures);
        }
        match self.store.trash(id) {
            Ok(()) => {
                self.trashed_here.insert(id);
                self.report(Outcome::Trashed(id));
            }
            Err(e) => self.report(failed(&e)),
        }
    }

    /// Moves several leads to the trash as one batch, each with its last edit written first.
    fn trash_many(&mut self, ids: &[Uuid]) {
        for id in ids {
            if let Some((lead, base, _)) = self.pending.remove(id) {
                let failures = |o: Outcome| {
                    if matches!(o, Outcome::Failed(_)) {
                        self.report(o);
                    }
                };
                write_final(&self.store, &lead, base.as_ref(), &failures);
            }
        }
        match self.store.trash_many(ids) {
            Ok(()) => {
                for &id in ids {
                    self.trashed_here.insert(id);
                    self.report(Outcome::Trashed(id));
                }
            }
            Err(e) => self.report(failed(&e.error)),
        }
    }

    /// Brings a lead back. It is written from memory only if its trash file is gone; a lead that
    /// is live again (deleted elsewhere, edited here) is never overwritten by its trash copy.
    fn restore(&mut self, lead: &Lead) {
        self.trashed_here.remove(&lead.id);
        let restored = match self.store.restore(lead.id) {
            Err(StoreError::NotFound(..)) => self.store.save(lead),
            other => other.map(|_| ()),
        };
        match restored {
            Ok(()) => self.report(Outcome::Restored(lead.id)),
            Err(e) => self.report(failed(&e)),
        }
    }

    /// Answers with the trash's leads, after writing every pending save: `flush_blocking`
    /// relies on that order.
    fn load_trash(&mut self) {
        for (_, (lead, base, _)) in std::mem::take(&mut self.pending) {
            write(&self.store, &lead, base.as_ref(), &|o| self.report(o));
        }
        match self.store.load_trash() {
            Ok(r) => self.report(Outcome::Trash(r.leads)),
            Err(e) => self.report(failed(&e)),
        }
    }

    /// A change from outside. A save waiting for its debounce stays waiting: it only writes if
    /// the file still holds what its edit started from, and the model merges the new content
    /// into it when this reload reaches it.
    fn reload(&mut self, id: Uuid) {
        match self.store.reload(id) {
            Ok(Some(lead)) => self.report(Outcome::Reloaded(lead)),
            Ok(None) if !self.store.lead_path(id).exists() && !self.trashed_here.contains(&id) => {
                self.report(Outcome::Removed(id));
            }
            Ok(None) => {}
            Err(e) => {
                let path = self.store.lead_path(id).display().to_string();
                let detail = e.to_string();
                self.report(Outcome::Failed(Localized::new(|lang| {
                    crate::i18n::fill(crate::i18n::messages(lang).reload_failed, &[&path, &detail])
                })));
            }
        }
    }

    /// Writes the saves whose debounce has run out — several at once (an import of thousands
    /// of leads waits for the disk, not the processor); the outcomes are reported in order.
    fn write_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Uuid> = self
            .pending
            .iter()
            .filter(|(_, (_, _, d))| *d <= now)
            .map(|(id, _)| *id)
            .collect();
        let saves: Vec<(Lead, Option<Lead>)> = due
            .iter()
            .filter_map(|id| self.pending.remove(id))
            .map(|(lead, base, _)| (lead, base))
            .collect();
        let store = &self.store;
        let results = crate::parallel::map_io(saves.len(), |i| {
            let (lead, base) = &saves[i];
            let outcomes = std::cell::RefCell::new(Vec::new());
            write(store, lead, base.as_ref(), &|o| {
                outcomes.borrow_mut().push(o)
            });
            outcomes.into_inner()
        });
        for (result, (lead, _)) in results.into_iter().zip(&saves) {
            match result {
                Ok(outcomes) => outcomes.into_iter().for_each(|o| self.report(o)),
                Err(panicked) => self.report(failed(&StoreError::Io {
                    action: crate::store::FileAction::SaveLead,
                    path: self.store.lead_path(lead.id),
                    source: std::io::Error::other(panicked),
                })),
            }
        }
    }
}
