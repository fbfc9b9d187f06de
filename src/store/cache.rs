//! The load cache: every lead of a folder as it was last parsed, in a compact binary file in the
//! platform's cache folder, so a folder of 100,000 leads loads by `stat`ing its files instead of
//! parsing them.
//!
//! It is only ever a cache. Each entry is keyed by the file's name, size, modification time,
//! change time and file id ([`Stamp`]); at every load each file is `stat`ed, and a file whose
//! stamp differs in anything is parsed again. A cache that is missing, cut short, corrupt, of
//! another LeadQ build or of another folder is ignored and rebuilt; one that cannot be written
//! costs only speed. It never lives in the data folder: a sync tool would ship it to the team
//! and fight over it. Deleting it is always safe.
//!
//! The file: a header (magic, format, LeadQ's version, the folder it belongs to), then blocks of
//! entries, each a little-endian `u64` length, a `u64` checksum and its `postcard` bytes, so the
//! blocks decode on all cores and a damaged block is never taken for leads.

use std::borrow::Cow;
use std::fs;
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use compact_str::CompactString;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::lead_store::Detail;
use crate::domain::{Assessment, HistoryEntry, Lead, Source, Stage};

const MAGIC: [u8; 8] = *b"LEADQ-C\n";
/// Bumped whenever [`CachedLead`], [`Entry`] or [`Stamp`] change shape: postcard is not
/// self-describing, so an old cache must never be read by a new layout.
const FORMAT: u32 = 1;
/// Entries per block: enough to be worth a thread when decoding.
const BLOCK: usize = 4096;
/// Fewer lead files than this load in a few milliseconds; no cache file is kept for them.
pub(super) const MIN_LEADS: usize = 200;
/// Caches of folders not loaded for this long are removed when another cache is written.
const STALE_AFTER: Duration = Duration::from_secs(60 * 24 * 3600);

/// Prefix of the temp file a cache write renames over the cache.
const TEMP_PREFIX: &str = ".leadq-cache-";

/// What a file looked like on disk when it was parsed. Unix: size, modification and change
/// time to the nanosecond, device and inode — an edit that keeps the size and restores the
/// modification time (sync tools preserve it; FAT has 2-second times) still changes the change
/// time, which no program can set. Windows: size, last write and creation time (std offers
/// neither the change time nor the file index without opening every file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stamp {
    size: u64,
    modified: i128,
    changed: i128,
    device: u64,
    file_id: u64,
}

impl Stamp {
    #[cfg(unix)]
    pub(super) fn of(meta: &fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            size: meta.size(),
            modified: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
            changed: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
            device: meta.dev(),
            file_id: meta.ino(),
        }
    }

    #[cfg(windows)]
    pub(super) fn of(meta: &fs::Metadata) -> Stamp {
        use std::os::windows::fs::MetadataExt;
        Stamp {
            size: meta.file_size(),
            modified: i128::from(meta.last_write_time()),
            changed: i128::from(meta.creation_time()),
            device: 0,
            file_id: 0,
        }
    }

    #[cfg(not(any(unix, windows)))]
    pub(super) fn of(meta: &fs::Metadata) -> Stamp {
        let nanos = |t: io::Result<SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128)
        };
        Stamp {
            size: meta.len(),
            modified: nanos(meta.modified()),
            changed: nanos(meta.created()),
            device: 0,
            file_id: 0,
        }
    }
}

/// A lead in the cache's own layout: every field, positionally (postcard writes no names), with
/// times as nanoseconds. Borrowed when written, owned when read.
#[derive(Serialize, Deserialize)]
struct CachedLead<'a> {
    version: u32,
    id: [u8; 16],
    #[serde(borrow)]
    company: Cow<'a, str>,
    #[serde(borrow)]
    contact: Cow<'a, str>,
    #[serde(borrow)]
    role: Cow<'a, str>,
    #[serde(borrow)]
    email: Cow<'a, str>,
    #[serde(borrow)]
    phone: Cow<'a, str>,
    #[serde(borrow)]
    website: Cow<'a, str>,
    #[serde(borrow)]
    industry: Cow<'a, str>,
    revenue_meur: Option<f64>,
    source: Source,
    stage: Stage,
    #[serde(borrow)]
    crm_id: Cow<'a, str>,
    assessment: Cow<'a, Assessment>,
    #[serde(borrow)]
    notes: Cow<'a, str>,
    follow_up: Option<(i16, i8, i8)>,
    created: i128,
    updated: i128,
    #[serde(borrow)]
    history: Vec<CachedHistory<'a>>,
}

impl<'a> CachedLead<'a> {
    fn of(lead: &'a Lead) -> CachedLead<'a> {
        // Destructured so that a new field of `Lead` does not compile until it is cached too
        // (and FORMAT bumped).
        let Lead {
            version,
            id,
            company,
            contact,
            role,
            email,
            phone,
            website,
            industry,
            revenue_meur,
            source,
            stage,
            crm_id,
            assessment,
            notes,
            follow_up,
            created,
            updated,
            history,
        } = lead;
        CachedLead {
            version: *version,
            id: *id.as_bytes(),
            company: Cow::Borrowed(company),
            contact: Cow::Borrowed(contact),
            role: Cow::Borrowed(role),
            email: Cow::Borrowed(email),
            phone: Cow::Borrowed(phone),
            website: Cow::Borrowed(website),
            industry: Cow::Borrowed(industry),
            revenue_meur: *revenue_meur,
            source: *source,
            stage: *stage,
            crm_id: Cow::Borrowed(crm_id),
            assessment: Cow::Borrowed(assessment),
            notes: Cow::Borrowed(notes),
            follow_up: follow_up.map(|d| (d.year(), d.month(), d.day())),
            created: created.as_nanosecond(),
            updated: updated.as_nanosecond(),
            history: history.iter().map(CachedHistory::of).collect(),
        }
    }

    /// The lead back (without its history for [`Detail::NoHistory`]); `None` when a time or
    /// date is out of range (a damaged cache).
    fn into_lead(self, detail: Detail) -> Option<Lead> {
        let whole = detail == Detail::Whole;
        let follow_up = match self.follow_up {
            Some((y, m, d)) => Some(Date::new(y, m, d).ok()?),
            None => None,
        };
        Some(Lead {
            version: self.version,
            id: Uuid::from_bytes(self.id),
            company: self.company.into_owned(),
            contact: self.contact.into_owned(),
            role: self.role.into_owned(),
            email: self.email.into_owned(),
            phone: self.phone.into_owned(),
            website: self.website.into_owned(),
            industry: self.industry.into_owned(),
            revenue_meur: self.revenue_meur,
            source: self.source,
            stage: self.stage,
            crm_id: self.crm_id.into_owned(),
            assessment: self.assessment.into_owned(),
            notes: self.notes.into_owned(),
            follow_up,
            created: Timestamp::from_nanosecond(self.created).ok()?,
            updated: Timestamp::from_nanosecond(self.updated).ok()?,
            history: {
                // Exactly as long as it is: collecting `Option`s does not know the length and
                // would leave room for up to twice as many entries, in each of 100,000 leads.
                let mut history = Vec::with_capacity(if whole { self.history.len() } else { 0 });
                for entry in self.history {
                    if whole {
                        history.push(entry.into_entry()?);
                    } else {
                        // Checked also when left out: a damaged entry is a damaged cache.
                        Timestamp::from_nanosecond(entry.at).ok()?;
                    }
                }
                history
            },
        })
    }
}

/// A [`HistoryEntry`] in the cache: its time as nanoseconds (parsing a time from text would cost
/// more than all the rest of the entry).
#[derive(Serialize, Deserialize)]
struct CachedHistory<'a> {
    at: i128,
    #[serde(borrow)]
    criterion: Cow<'a, str>,
    #[serde(borrow)]
    from: Cow<'a, str>,
    #[serde(borrow)]
    to: Cow<'a, str>,
    score_after: u8,
}

impl<'a> CachedHistory<'a> {
    fn of(entry: &'a HistoryEntry) -> CachedHistory<'a> {
        let HistoryEntry {
            at,
            criterion,
            from,
            to,
            score_after,
        } = entry;
        CachedHistory {
            at: at.as_nanosecond(),
            criterion: Cow::Borrowed(criterion.as_str()),
            from: Cow::Borrowed(from.as_str()),
            to: Cow::Borrowed(to.as_str()),
            score_after: *score_after,
        }
    }

    fn into_entry(self) -> Option<HistoryEntry> {
        Some(HistoryEntry {
            at: Timestamp::from_nanosecond(self.at).ok()?,
            criterion: CompactString::from(self.criterion),
            from: CompactString::from(self.from),
            to: CompactString::from(self.to),
            score_after: self.score_after,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct Header<'a> {
    magic: [u8; 8],
    format: u32,
    /// LeadQ's version: a build that reads leads differently never trusts another's cache.
    build: Cow<'a, str>,
    /// The leads folder it belongs to (the file name is only a hash of it).
    folder: Cow<'a, str>,
    /// [`layout`] of the build that wrote it.
    layout: u64,
    entries: u64,
    blocks: u64,
}

#[derive(Serialize, Deserialize)]
struct Entry<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    stamp: Stamp,
    /// The hash of the file's bytes, for noticing outside changes before a save.
    hash: u64,
    #[serde(borrow)]
    lead: CachedLead<'a>,
}

/// A file as the cache remembers it.
pub(super) struct Hit {
    pub stamp: Stamp,
    pub hash: u64,
    pub lead: Lead,
}

/// A lead file to remember: its name, stamp (taken before it was read), hash and lead. They are
/// given to [`write`] in the order of their names.
pub(super) struct Remember<'a> {
    pub name: &'a str,
    pub stamp: Stamp,
    pub hash: u64,
    pub lead: &'a Lead,
}

/// The cache file for the leads folder `folder` in `cache_dir`.
pub(super) fn file_for(cache_dir: &Path, folder: &Path) -> PathBuf {
    let key = folder_key(folder);
    cache_dir.join(format!("leads-{:016x}.bin", fnv1a(key.as_bytes())))
}

fn folder_key(folder: &Path) -> String {
    let folder = fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    folder.to_string_lossy().into_owned()
}

/// FNV-1a: a hash that stays the same across Rust versions, for the file name.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A cache file opened, its header checked; [`Cache::entries`] reads and decodes the rest.
pub(super) struct Cache {
    file: fs::File,
    /// The file's length, which no block may claim to exceed.
    size: u64,
    /// Where the blocks start.
    blocks_at: u64,
    entries: usize,
    blocks: u64,
}

/// The most a header can take (its folder path included).
const HEADER_MAX: u64 = 64 * 1024;
/// Blocks read and decoded at a time: only these blocks' bytes are in memory at once, not the
/// whole file (84 MB at 100,000 leads) beside the leads decoded from it.
const ROUND: usize = 4;

impl Cache {
    /// The cache in `file` for the leads folder `folder`; `None` when there is none that can be
    /// used (missing, unreadable, another build or folder) — the caller then parses every file.
    pub(super) fn open(file: &Path, folder: &Path) -> Option<Cache> {
        let mut file = fs::File::open(file).ok()?;
        let size = file.metadata().ok()?.len();
        let mut head = vec![0; usize::try_from(size.min(HEADER_MAX)).ok()?];
        file.read_exact(&mut head).ok()?;
        let (header, rest): (Header, &[u8]) = postcard::take_from_bytes(&head).ok()?;
        if header.magic != MAGIC
            || header.format != FORMAT
            || header.layout != layout()
            || header.build != env!("CARGO_PKG_VERSION")
            || header.folder != folder_key(folder)
        {
            return None;
        }
        Some(Cache {
            file,
            size,
            blocks_at: (head.len() - rest.len()) as u64,
            entries: usize::try_from(header.entries).ok()?,
            blocks: header.blocks,
        })
    }

    /// Every entry, in the order of their file names, decoded on all cores a few blocks at a
    /// time and given to `take` as it comes, so that the entries of 100,000 leads are never all
    /// held beside what `take` makes of them. `None` when the file turns out cut short or too
    /// long, a block is damaged, or the names are out of order: then nothing `take` was given
    /// may be used.
    pub(super) fn each_entry(
        mut self,
        detail: Detail,
        mut take: impl FnMut(&str, Hit),
    ) -> Option<()> {
        self.file.seek(io::SeekFrom::Start(self.blocks_at)).ok()?;
        let mut at = self.blocks_at;
        let mut left = self.blocks;
        let mut count = 0usize;
        let mut last = String::new();
        while left > 0 {
            let mut round = Vec::with_capacity(ROUND);
            while left > 0 && round.len() < ROUND {
                let mut prefix = [0u8; 16];
                self.file.read_exact(&mut prefix).ok()?;
                let (len, sum) = prefix.split_at(8);
                let len = u64::from_le_bytes(len.try_into().ok()?);
                let sum = u64::from_le_bytes(sum.try_into().ok()?);
                at += 16;
                if len > self.size.saturating_sub(at) {
                    return None;
                }
                let mut block = vec![0; usize::try_from(len).ok()?];
                self.file.read_exact(&mut block).ok()?;
                at += len;
                round.push((sum, block));
                left -= 1;
            }
            // The names are borrowed from the round's bytes.
            let round = &round;
            let decoded = crate::parallel::map_indices(round.len(), 1, |i| {
                decode(round[i].0, &round[i].1, detail)
            });
            for block in decoded {
                for (name, hit) in block.ok()?? {
                    if count > 0 && name <= last.as_str() {
                        return None;
                    }
                    last.clear();
                    last.push_str(name);
                    count += 1;
                    take(name, hit);
                }
            }
        }
        (at == self.size && count == self.entries).then_some(())
    }
}

/// One block's entries, their names borrowed from `block`; `None` when its checksum or its
/// encoding is wrong.
fn decode(sum: u64, block: &[u8], detail: Detail) -> Option<Vec<(&str, Hit)>> {
    if checksum(block) != sum {
        return None;
    }
    let mut input = postcard::Deserializer::from_bytes(block);
    let hits = serde::de::DeserializeSeed::deserialize(Hits(detail), &mut input).ok()?;
    match input.finalize() {
        Ok([]) => hits,
        _ => None,
    }
}

/// Decodes a block's entries into hits one by one, never holding the block's entries as
/// decoded beside the hits made of them. `None` for an entry with a time or date out of range,
/// or a name not borrowed from the block (postcard lends every string of a byte slice).
struct Hits(Detail);

impl<'de> serde::de::DeserializeSeed<'de> for Hits {
    type Value = Option<Vec<(&'de str, Hit)>>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Hits {
    type Value = Option<Vec<(&'de str, Hit)>>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("cache entries")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut hits = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(BLOCK));
        while let Some(entry) = seq.next_element::<Entry<'de>>()? {
            let Some(lead) = entry.lead.into_lead(self.0) else {
                return Ok(None);
            };
            let Cow::Borrowed(name) = entry.name else {
                return Ok(None);
            };
            let hit = Hit {
                stamp: entry.stamp,
                hash: entry.hash,
                lead,
            };
            hits.push((name, hit));
        }
        Ok(Some(hits))
    }
}

/// Writes the cache for `folder` atomically (a temp file renamed over it). Any failure leaves
/// the old cache or none; the next load parses what it must. Also removes caches of folders
/// that were not loaded for two months.
pub(super) fn write(file: &Path, folder: &Path, entries: &[Remember]) -> io::Result<()> {
    let dir = file
        .parent()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no folder"))?;
    fs::create_dir_all(dir)?;
    let chunks: Vec<&[Remember]> = entries.chunks(BLOCK).collect();
    let encoded = crate::parallel::map(&chunks, 1, |chunk| {
        let entries: Vec<Entry> = chunk
            .iter()
            .map(|r| Entry {
                name: Cow::Borrowed(r.name),
                stamp: r.stamp,
                hash: r.hash,
                lead: CachedLead::of(r.lead),
            })
            .collect();
        postcard::to_stdvec(&entries)
    });
    let header = Header {
        magic: MAGIC,
        format: FORMAT,
        build: Cow::Borrowed(env!("CARGO_PKG_VERSION")),
        folder: Cow::Owned(folder_key(folder)),
        layout: layout(),
        entries: entries.len() as u64,
        blocks: chunks.len() as u64,
    };
    let invalid = |e: postcard::Error| io::Error::new(io::ErrorKind::InvalidData, e);
    remove_stale_temps(dir);
    // Not fsynced before the rename, on purpose: this is only a cache. A power cut may leave it
    // cut short or empty; its checksummed blocks then fail and the next load parses the lead
    // files and writes it again (tested in tests/it/cache.rs), at no risk to a lead.
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)?;
    {
        let mut out = io::BufWriter::new(tmp.as_file_mut());
        out.write_all(&postcard::to_stdvec(&header).map_err(invalid)?)?;
        for block in encoded {
            let block = block.map_err(|p| io::Error::other(p.0))?.map_err(invalid)?;
            out.write_all(&(block.len() as u64).to_le_bytes())?;
            out.write_all(&checksum(&block).to_le_bytes())?;
            out.write_all(&block)?;
        }
        out.flush()?;
    }
    tmp.persist(file).map_err(|e| e.error)?;
    remove_stale(dir, file);
    Ok(())
}

/// A fingerprint of the entry layout: a sample entry, every field different, as this build
/// encodes it. A field added, moved or retyped without [`FORMAT`] bumped changes it, and the
/// old cache is not read with the new layout (postcard would read it all the same, wrongly).
fn layout() -> u64 {
    let at = Timestamp::from_second(1_700_000_000).unwrap_or_default();
    let mut lead = Lead::new(Uuid::from_u128(7), at);
    for (i, text) in [
        &mut lead.company,
        &mut lead.contact,
        &mut lead.role,
        &mut lead.email,
        &mut lead.phone,
        &mut lead.website,
        &mut lead.industry,
        &mut lead.crm_id,
        &mut lead.notes,
    ]
    .into_iter()
    .enumerate()
    {
        *text = "x".repeat(i + 1);
    }
    lead.revenue_meur = Some(1.5);
    lead.source = Source::Event;
    lead.stage = Stage::Sql;
    lead.follow_up = Date::new(2026, 12, 24).ok();
    lead.updated = Timestamp::from_second(1_800_000_000).unwrap_or_default();
    lead.assessment.set_answer("budget", "approved");
    lead.assessment.set_note("budget", "note");
    lead.history.push(HistoryEntry {
        at,
        criterion: "c".into(),
        from: "ff".into(),
        to: "ttt".into(),
        score_after: 42,
    });
    let sample = Entry {
        name: Cow::Borrowed("name"),
        stamp: Stamp {
            size: 11,
            modified: 12,
            changed: 13,
            device: 14,
            file_id: 15,
        },
        hash: 16,
        lead: CachedLead::of(&lead),
    };
    postcard::to_stdvec(&sample).map_or(0, |bytes| checksum(&bytes))
}

/// A checksum of a block, eight bytes at a time (a few milliseconds for 100,000 leads): it guards
/// against a damaged file, not against an adversary.
fn checksum(bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    let mix = |h: u64, w: u64| (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    let mut h = chunks.by_ref().fold(bytes.len() as u64, |h, c| {
        mix(h, u64::from_le_bytes(c.try_into().unwrap_or_default()))
    });
    for &b in chunks.remainder() {
        h = mix(h, u64::from(b));
    }
    h
}

/// A temp file of a cache write older than this was left by a LeadQ that was killed while it
/// wrote (a write takes well under a minute even at 100,000 leads): removed by the next writer.
const TEMP_STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Removes the temp files of cache writes a crash or a kill left in `dir` (each as big as the
/// cache), once they are [`TEMP_STALE_AFTER`] old, so one still being written by another LeadQ
/// is never touched.
pub(super) fn remove_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(TEMP_PREFIX))
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age > TEMP_STALE_AFTER)
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// Removes cache files (and temp files a crash left) not touched for [`STALE_AFTER`].
fn remove_stale(dir: &Path, keep: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with("leads-") || name.starts_with(TEMP_PREFIX);
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if ours && old && path != keep {
            let _ = fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn lead(n: u128) -> Lead {
        let now: Timestamp = "2026-11-30T10:00:00.123456789Z".parse().unwrap();
        let mut lead = Lead::new(Uuid::from_u128(n), now);
        lead.company = format!("Müller {n} GmbH");
        lead.email = "a@b.de".into();
        lead.revenue_meur = Some(4.5);
        lead.follow_up = Some("2026-12-24".parse().unwrap());
        lead.notes = "Anruf „morgen“".into();
        lead.assessment.set_answer("budget", "approved");
        lead.history.push(HistoryEntry {
            at: now,
            criterion: "budget".into(),
            from: "unknown".into(),
            to: "approved".into(),
            score_after: 25,
        });
        lead
    }

    fn read(file: &Path, folder: &Path) -> Option<HashMap<String, Hit>> {
        let cache = Cache::open(file, folder)?;
        let mut hits = HashMap::new();
        cache.each_entry(Detail::Whole, |name, hit| {
            hits.insert(name.to_owned(), hit);
        })?;
        Some(hits)
    }

    fn stamp(n: u64) -> Stamp {
        Stamp {
            size: n,
            modified: 1,
            changed: 2,
            device: 3,
            file_id: n,
        }
    }

    #[test]
    fn round_trips_every_field_over_several_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("leads");
        fs::create_dir(&folder).unwrap();
        let leads: Vec<Lead> = (0..BLOCK as u128 + 3).map(lead).collect();
        let names: Vec<String> = leads.iter().map(|l| format!("{}.ron", l.id)).collect();
        let remember: Vec<Remember> = leads
            .iter()
            .zip(&names)
            .enumerate()
            .map(|(i, (lead, name))| Remember {
                name,
                stamp: stamp(i as u64),
                hash: i as u64 * 7,
                lead,
            })
            .collect();
        let file = file_for(&dir.path().join("cache"), &folder);
        write(&file, &folder, &remember).unwrap();
        let hits = read(&file, &folder).unwrap();
        assert_eq!(hits.len(), leads.len());
        for (i, (lead, name)) in leads.iter().zip(&names).enumerate() {
            let hit = &hits[name];
            assert_eq!(&hit.lead, lead);
            assert_eq!((hit.stamp, hit.hash), (stamp(i as u64), i as u64 * 7));
        }
        // Another folder's cache is not this folder's.
        assert!(read(&file, dir.path()).is_none());
        // Cut short, or garbage: no cache.
        let bytes = fs::read(&file).unwrap();
        fs::write(&file, &bytes[..bytes.len() - 1]).unwrap();
        assert!(read(&file, &folder).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        fs::write(&file, &longer).unwrap();
        assert!(read(&file, &folder).is_none());
        // A block that claims more bytes than the file has.
        let mut huge = bytes.clone();
        let header_len = Cache::open(&file, &folder).unwrap().blocks_at as usize;
        huge[header_len..header_len + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        fs::write(&file, &huge).unwrap();
        assert!(read(&file, &folder).is_none());
        let mut garbage = bytes.clone();
        for b in garbage.iter_mut().skip(200).step_by(3) {
            *b = b.wrapping_mul(31).wrapping_add(7);
        }
        fs::write(&file, &garbage).unwrap();
        assert!(read(&file, &folder).is_none());
        fs::write(&file, b"").unwrap();
        assert!(read(&file, &folder).is_none());
    }
}
