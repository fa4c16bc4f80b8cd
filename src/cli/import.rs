//! `tandai import PATH --from brat|doccano|spacy|conll|label-studio [--out DIR]`: the arguments, the exit
//! codes and the summary line of [`crate::import`].

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::export::ordered::ordered_map;
use super::failure::Failure;
use crate::import::{self, ImportError, Imported, InputFormat, brat};

/// The formats `import` reads, as `--from` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Source {
    /// brat standoff: a folder of `X.txt` + `X.ann` (or one `.ann` file).
    Brat,
    /// doccano JSONL, with `entities` + `relations` or `label`.
    Doccano,
    /// spaCy character-offset JSONL (`text`, `entities`, `spans`).
    Spacy,
    /// CoNLL columns, `-DOCSTART-` between documents.
    Conll,
    /// citron's quote JSON: a folder of `.json` files (or one file).
    Citron,
    /// Label Studio JSON: an array of tasks (`data.text`, `annotations`).
    LabelStudio,
}

impl Source {
    fn format(self) -> InputFormat {
        match self {
            Source::Brat => InputFormat::Brat,
            Source::Doccano => InputFormat::Doccano,
            Source::Spacy => InputFormat::Spacy,
            Source::Conll => InputFormat::Conll,
            Source::Citron => InputFormat::Citron,
            Source::LabelStudio => InputFormat::LabelStudio,
        }
    }
}

/// `tandai import --help`, after the options.
pub const AFTER_HELP: &str = "Examples:\n  tandai import brat-project/ --from brat --out corpus/\n  tandai import data.jsonl --from doccano --out corpus/\n  tandai import train.conll --from conll --out corpus/\n  tandai import citron/ --from citron --out corpus/\n  tandai import project.json --from label-studio --out corpus/";

/// The arguments of `tandai import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The input: a brat folder or `.ann` file, or a JSONL / CoNLL file.
    pub path: PathBuf,
    /// The input format.
    #[arg(long, value_enum)]
    pub from: Source,
    /// Folder for the `.txt` + `.ann.ron` pairs (default: the input's folder).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
    /// Worker threads reading a brat folder's documents.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: u16,
}

/// Runs `tandai import`: malformed input and files in the way are bad input (exit 2), a
/// failed write exit 1.
pub fn run(args: &ImportArgs) -> Result<(), Failure> {
    let format = args.from.format();
    let out = match &args.out {
        Some(out) => out.clone(),
        None if args.path.is_dir() => args.path.clone(),
        None => args
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_owned),
    };
    refuse_file_as_folder(&out, &args.path)?;
    let docs = read(format, &args.path, usize::from(args.jobs)).map_err(Failure::bad_input)?;
    let annotator = format!("import-{}", format.name());
    let written = import::write_all(&docs, &out, args.force, &annotator).map_err(|e| {
        if e.is_refusal() {
            Failure::bad_input(e)
        } else {
            Failure::failed(e)
        }
    })?;
    eprintln!(
        "tandai: imported {} documents into {} ({written} files written)",
        docs.len(),
        out.display()
    );
    Ok(())
}

/// Refuses an `--out` that is a file (the input itself, say): the pairs go into a folder.
fn refuse_file_as_folder(out: &Path, input: &Path) -> Result<(), Failure> {
    if !out.exists() || out.is_dir() {
        return Ok(());
    }
    let same = matches!(
        (out.canonicalize(), input.canonicalize()),
        (Ok(a), Ok(b)) if a == b
    );
    let what = if same {
        "the input of this import"
    } else {
        "a file"
    };
    Err(Failure::bad_input(format!(
        "--out {} is {what}, not a folder: the imported .txt and .ann.ron files go into a folder",
        out.display()
    )))
}

/// The documents of the input, as [`import::read`] reads them; a brat folder's documents read
/// on `jobs` workers, taken in path order, so the first problem reported is the one one worker
/// reports (the other formats are one file, read by one).
pub fn read(format: InputFormat, path: &Path, jobs: usize) -> Result<Vec<Imported>, ImportError> {
    if format != InputFormat::Brat {
        return import::read(format, path);
    }
    let listed = brat::documents(path)?;
    if listed.is_empty() {
        return Err(ImportError::file(path, "no documents to import"));
    }
    let mut docs = Vec::with_capacity(listed.len());
    let mut problem = None;
    ordered_map(
        &listed,
        jobs.clamp(1, listed.len()),
        brat::read_document,
        |_, read| match read {
            Ok(doc) => {
                docs.push(doc);
                true
            }
            Err(e) => {
                problem = Some(e);
                false
            }
        },
    );
    match problem {
        Some(e) => Err(e),
        None => Ok(docs),
    }
}
