//! Work spread over all cores: the one helper that loading lead files, rendering PDF batches and
//! writing a benchmark corpus share, so each caller says what to do per item, not how to split.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// More threads than this gain nothing on a laptop: file reads and the allocator start to
/// contend, and each thread costs its stack.
const MAX_THREADS: usize = 8;

/// One item's job panicked (a bug in LeadQ or a library). Carries the panic's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panicked(pub String);

impl std::fmt::Display for Panicked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the work stopped unexpectedly: {}", self.0)
    }
}

impl std::error::Error for Panicked {}

/// Runs `job` on every item of `items` on all cores and returns one result per item, in the
/// order of `items`.
///
/// Threads take `block` items at a time from a shared counter, so a thread the OS starts late
/// (the other core busy) leaves its share to the others, and no thread is spawned for a list
/// shorter than one block. Pick `block` so one block is worth a thread: 1 for PDF reports,
/// a few hundred for small files.
///
/// A panic in `job` is caught for that item alone and comes back as `Err(Panicked)` in its
/// place: every other item still runs, and nothing is silently missing from the result, since
/// the caller sees exactly which item failed and reports it like any other failure. (Resuming
/// the panic instead would take the window down, with the rep's other leads, for one bad file.)
/// `job` must therefore leave what it shares with other items (counters, flags) valid when it
/// panics; atomics do.
pub fn map<T, R, F>(items: &[T], block: usize, job: F) -> Vec<Result<R, Panicked>>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    map_indices(items.len(), block, |i| job(&items[i]))
}

/// The results of one block of items, and the index of its first item.
type Block<R> = (usize, Vec<Result<R, Panicked>>);

/// [`map`] over the indices `0..count`, for work that is numbered rather than listed.
pub fn map_indices<R, F>(count: usize, block: usize, job: F) -> Vec<Result<R, Panicked>>
where
    R: Send,
    F: Fn(usize) -> R + Sync,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS);
    map_on(threads, count, block, job)
}

/// Threads for work that waits for the disk (an fsync per file), not the processor: more than
/// the cores, so the file system can commit many files together.
pub const IO_THREADS: usize = 8;

/// [`map_indices`] for work that mostly waits for the disk, such as writing and fsyncing many
/// small files: [`IO_THREADS`] threads whatever the cores, one item at a time.
pub fn map_io<R, F>(count: usize, job: F) -> Vec<Result<R, Panicked>>
where
    R: Send,
    F: Fn(usize) -> R + Sync,
{
    map_on(IO_THREADS, count, 1, job)
}

/// [`map_indices`] on (at most) `threads` threads.
fn map_on<R, F>(threads: usize, count: usize, block: usize, job: F) -> Vec<Result<R, Panicked>>
where
    R: Send,
    F: Fn(usize) -> R + Sync,
{
    let block = block.max(1);
    let threads = threads.min(count.div_ceil(block));
    let run_one = |i: usize| catch_unwind(AssertUnwindSafe(|| job(i))).map_err(panicked);
    if threads <= 1 {
        return (0..count).map(run_one).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Block<R>>> = Mutex::new(Vec::new());
    let work = || {
        loop {
            let start = next.fetch_add(block, Ordering::Relaxed);
            if start >= count {
                return;
            }
            let results: Vec<_> = (start..(start + block).min(count)).map(run_one).collect();
            done.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push((start, results));
        }
    };
    std::thread::scope(|scope| {
        // This thread works too: one spawn fewer, and it would only wait otherwise.
        for _ in 1..threads {
            scope.spawn(work);
        }
        work();
    });
    let mut blocks = done
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    blocks.sort_unstable_by_key(|(start, _)| *start);
    blocks
        .into_iter()
        .flat_map(|(_, results)| results)
        .collect()
}

/// The message of a caught panic (`panic!` with a literal or with a formatted string).
fn panicked(payload: Box<dyn Any + Send>) -> Panicked {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_owned());
    Panicked(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_order_of_the_items() {
        let items: Vec<u32> = (0..10_000).collect();
        for block in [1, 7, 256, 20_000] {
            let out: Vec<u32> = map(&items, block, |&n| n * 2)
                .into_iter()
                .map(Result::unwrap)
                .collect();
            assert_eq!(out, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        }
        assert!(map(&[] as &[u32], 4, |&n| n).is_empty());
    }

    #[test]
    fn a_panicking_item_is_reported_in_its_place_and_the_rest_still_runs() {
        let items: Vec<u32> = (0..2_000).collect();
        for block in [1, 64, 5_000] {
            let out = map(&items, block, |&n| {
                if n % 500 == 3 {
                    panic!("item {n} is bad");
                }
                n
            });
            assert_eq!(out.len(), items.len());
            for (n, result) in items.iter().zip(&out) {
                match result {
                    Err(Panicked(message)) => {
                        assert_eq!(n % 500, 3);
                        assert_eq!(message, &format!("item {n} is bad"));
                    }
                    Ok(value) => assert_eq!(value, n),
                }
            }
            assert_eq!(out.iter().filter(|r| r.is_err()).count(), 4);
        }
    }
}
