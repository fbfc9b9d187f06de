//! All file work of the window happens here, on one background thread, in order: edits are
//! saved debounced and atomically, never on the frame's path.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::domain::{Classification, Lead};
use crate::store::{LeadStore, PersonalSettings, save_classification};

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
}

pub struct Worker {
    jobs: Sender<Job>,
    outcomes: Receiver<Outcome>,
    handle: Option<JoinHandle<()>>,
}

impl Worker {
    /// `wake` is called after each outcome so the window repaints to show it.
    pub fn start(store: LeadStore, wake: Box<dyn Fn() + Send>) -> Worker {
        let (jobs, job_rx) = mpsc::channel();
        let (out_tx, outcomes) = mpsc::channel();
        let handle = thread::Builder::new()
            .name("leadq-store".into())
            .spawn(move || run(store, job_rx, out_tx, wake))
            .ok();
        Worker {
            jobs,
            outcomes,
            handle,
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

fn run(store: LeadStore, jobs: Receiver<Job>, out: Sender<Outcome>, wake: Box<dyn Fn() + Send>) {
    let mut pending: HashMap<Uuid, (Lead, Instant)> = HashMap::new();
    let report = |o: Outcome| {
        let _ = out.send(o);
        wake();
    };
    let write = |lead: &Lead| match store.save(lead) {
        Ok(()) => report(Outcome::Saved(lead.id)),
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
