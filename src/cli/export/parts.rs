//! `--shard K/N` and `--split TRAIN,DEV,TEST --seed N` for `tandai export`: which documents are
//! exported, and to which part (train, dev, test) each goes.
//!
//! With `--split`, `--out` is a folder: a format writing one file writes `OUT/train.EXT`,
//! `OUT/dev.EXT` and `OUT/test.EXT` (hf's `label_names.json` once in `OUT/`), a format writing
//! a folder (brat) writes `OUT/train/`, `OUT/dev/` and `OUT/test/`. The labels a document holds
//! (entity labels, `QUOTE`, `CLAIM`, of the exported layers) are read in a first pass, on the
//! export's workers, so that [`crate::corpus::split::assign`] can stratify by them.

use std::fs;
use std::path::{Path, PathBuf};

use super::documents::Job;
use super::ordered::ordered_map;
use crate::corpus::shard::{self, Shard};
use crate::corpus::split::{self, Part, Shares};
use crate::export::{CLAIM_TAG, Format, Layer, Options, QUOTE_TAG};
use crate::model::Document;
use crate::store;

/// The jobs of `shard` (all of them without one), keeping their order.
pub fn in_shard(root: &Path, jobs: Vec<Job>, shard: Option<Shard>) -> Vec<Job> {
    match shard {
        None => jobs,
        Some(shard) => jobs
            .into_iter()
            .filter(|job| shard.holds_relative(&shard::relative(root, &job.article)))
            .collect(),
    }
}

/// Where part `part` of a split export into the folder `out` goes.
pub fn part_out(format: Format, out: &Path, part: Part) -> PathBuf {
    if format.file_per_document() {
        out.join(part.name())
    } else {
        out.join(format!("{}.{}", part.name(), format.extension()))
    }
}

/// The labels of one document in the exported layers, sorted; none when it cannot be read
/// (the export then skips it and says why).
fn labels_of(job: &Job, options: &Options) -> Vec<String> {
    let Ok(doc) = fs::read(&job.article).map(Document::from_bytes) else {
        return Vec::new();
    };
    let Ok(doc) = doc else {
        return Vec::new();
    };
    let Ok(Some(loaded)) = store::load(&job.article, &doc) else {
        return Vec::new();
    };
    let set = &loaded.set;
    let mut labels: Vec<String> = Vec::new();
    if options.has(Layer::Entities) {
        labels.extend(set.entities.iter().map(|e| e.label.to_string()));
    }
    if options.has(Layer::Quotes) && !set.quotes.is_empty() {
        labels.push(QUOTE_TAG.to_owned());
    }
    if options.has(Layer::Claims) && !set.claims.is_empty() {
        labels.push(CLAIM_TAG.to_owned());
    }
    labels.sort_unstable();
    labels.dedup();
    labels
}

/// The part of each job, in job order: a first pass reads the labels of every document on
/// `workers` threads, then [`split::assign`] places them by id.
pub fn assign(
    jobs: &[Job],
    options: &Options,
    shares: Shares,
    seed: u64,
    workers: usize,
) -> Vec<Part> {
    let mut docs: Vec<(String, Vec<String>)> = Vec::with_capacity(jobs.len());
    ordered_map(
        jobs,
        workers,
        |job| labels_of(job, options),
        |i, labels| {
            docs.push((jobs[i].id.clone(), labels));
            true
        },
    );
    split::assign(&docs, shares, seed)
}
