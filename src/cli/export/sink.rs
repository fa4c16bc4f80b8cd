//! Where an export's output goes: stdout, one file, or a folder of files (brat, citron). Every
//! file is written whole or not at all, and a file already at its path is replaced only by a
//! complete new one: a failure half-way (a full disk) leaves the previous file as it was. A
//! stream's [`Framing`] (spaCy JSON's array, a table's header) is written around the documents.
//!
//! A folder's files go through one [`durable::Batch`]: each written to its temporary file and
//! flushed on a pool of threads while the next documents are exported, all renamed into place
//! at the end, then each folder flushed once. A failure before the renames (a file that cannot
//! be written) leaves every file of the folder as it was, naming the file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::staged::Staged;
use crate::cli::failure::Failure;
use crate::durable::{self, Batch};
use crate::export::{Format, Framing, Layer, Options, brat, hf, label_studio};
use crate::store::atomic;

/// The output of one export run.
pub struct Sink {
    target: Target,
    framing: Framing,
    /// Documents written so far.
    written: usize,
    format: Format,
}

/// Where the bytes go.
enum Target {
    /// Documents concatenated to stdout.
    Stdout(io::StdoutLock<'static>),
    /// Documents concatenated to a file, put in place at the end.
    File(Staged),
    /// Files per document (brat, citron).
    Folder(Folder),
}

/// A folder being written: its files in a batch, put in place by [`Sink::finish`].
struct Folder {
    dir: PathBuf,
    /// None once a failure has been taken out of it.
    batch: Option<Batch>,
    /// The last folder made for a document, so that a folder is made once.
    made: PathBuf,
}

/// A failure to write `path` (exit code 1).
fn io_failure(path: &Path, e: impl std::fmt::Display) -> Failure {
    Failure::failed(format!("{}: {e}", path.display()))
}

/// Writes `bytes` to `path` atomically.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    atomic::write(path, bytes)
        .map_err(|f| io_failure(path, format_args!("{} failed: {}", f.step, f.source)))
}

/// The files `format` writes for `--out out` besides the documents of a folder: the output
/// file itself and its side files (hf's label names), or brat's `annotation.conf`.
pub fn fixed_outputs(format: Format, out: &Path) -> Vec<PathBuf> {
    match format {
        Format::Brat => vec![out.join("annotation.conf")],
        Format::Citron => Vec::new(),
        Format::Hf => vec![out.to_owned(), label_names_path(out)],
        Format::LabelStudio => vec![out.to_owned(), label_config_path(out)],
        _ => vec![out.to_owned()],
    }
}

/// The files brat writes for the document `id` under the folder `out`.
pub fn brat_outputs(out: &Path, id: &str) -> [PathBuf; 2] {
    [out.join(format!("{id}.txt")), out.join(format!("{id}.ann"))]
}

/// The files a format with a file per document writes for the document `id` under `out`:
/// brat's `.txt` and `.ann`, citron's `.json`.
pub fn document_outputs(format: Format, out: &Path, id: &str) -> Vec<PathBuf> {
    match format {
        Format::Citron => vec![out.join(format!("{id}.json"))],
        _ => brat_outputs(out, id).to_vec(),
    }
}

fn label_names_path(out: &Path) -> PathBuf {
    out.with_file_name("label_names.json")
}

fn label_config_path(out: &Path) -> PathBuf {
    out.with_file_name("label_config.xml")
}

impl Sink {
    /// Opens the output; `out` has been checked against the inputs.
    pub fn open(format: Format, out: Option<&Path>) -> Result<Self, Failure> {
        let target = Self::target(format, out)?;
        let mut sink = Sink {
            target,
            framing: format.framing(),
            written: 0,
            format,
        };
        let head = sink.framing.head;
        sink.stream(head.as_bytes())?;
        Ok(sink)
    }

    fn target(format: Format, out: Option<&Path>) -> Result<Target, Failure> {
        let Some(out) = out else {
            return match format {
                Format::Brat | Format::Citron | Format::Hf => Err(Failure::bad_input(format!(
                    "{format} writes several files: give --out ({})",
                    if format.file_per_document() {
                        "a folder"
                    } else {
                        "the JSONL file; label_names.json goes beside it"
                    }
                ))),
                _ => Ok(Target::Stdout(io::stdout().lock())),
            };
        };
        if format.file_per_document() {
            if out.exists() && !out.is_dir() {
                return Err(Failure::bad_input(format!(
                    "{}: is a file; {format} writes a folder",
                    out.display()
                )));
            }
            fs::create_dir_all(out).map_err(|e| io_failure(out, e))?;
            return Ok(Target::Folder(Folder {
                dir: out.to_owned(),
                batch: Some(Batch::new(durable::FLUSHERS)),
                made: out.to_owned(),
            }));
        }
        if out.is_dir() {
            return Err(Failure::bad_input(format!(
                "{}: is a folder; {format} writes one file, give its name",
                out.display()
            )));
        }
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| io_failure(parent, e))?;
        }
        let staged = Staged::create(out).map_err(|e| io_failure(out, e))?;
        Ok(Target::File(staged))
    }

    /// Writes `bytes` to the stream (nothing for a folder).
    fn stream(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        if bytes.is_empty() {
            return Ok(());
        }
        match &mut self.target {
            Target::Stdout(out) => out
                .write_all(bytes)
                .map_err(|e| io_failure(Path::new("stdout"), e)),
            Target::File(staged) => staged
                .write_all(bytes)
                .map_err(|e| io_failure(staged.target(), e)),
            Target::Folder(_) => Ok(()),
        }
    }

    /// Writes one document: its bytes, and for brat its text.
    pub fn write(&mut self, id: &str, bytes: Vec<u8>, text: Option<String>) -> Result<(), Failure> {
        if self.written > 0 {
            let between = self.framing.between;
            self.stream(between.as_bytes())?;
        }
        self.written += 1;
        if let Target::Folder(folder) = &mut self.target {
            let mut files = document_outputs(self.format, &folder.dir, id).into_iter();
            let first = files.next().expect("a document has a file");
            if let Some(parent) = first.parent().filter(|p| *p != folder.made) {
                fs::create_dir_all(parent).map_err(|e| io_failure(parent, e))?;
                folder.made = parent.to_owned();
            }
            let added = match files.next() {
                Some(ann) => {
                    folder.add(first, text.unwrap_or_default().into_bytes())
                        && folder.add(ann, bytes)
                }
                None => folder.add(first, bytes),
            };
            return if added { Ok(()) } else { Err(folder.failure()) };
        }
        let bytes = bytes.as_slice();
        if self.framing.between.is_empty() {
            return self.stream(bytes);
        }
        // An element of a JSON array: the separator carries the line end.
        self.stream(bytes.strip_suffix(b"\n").unwrap_or(bytes))
    }

    /// Puts the output in place, with the side files of the format.
    pub fn finish(
        mut self,
        format: Format,
        options: &Options,
        labels: &[String],
        relation_kinds: &[String],
    ) -> Result<(), Failure> {
        let tail = self.framing.tail;
        self.stream(tail.as_bytes())?;
        match self.target {
            Target::Stdout(mut out) => out.flush().map_err(|e| io_failure(Path::new("stdout"), e)),
            Target::File(staged) => {
                let target = staged.target().to_owned();
                staged.commit().map_err(|e| io_failure(&target, e))?;
                if format == Format::Hf {
                    let layer = options.layers.first().copied().unwrap_or(Layer::Entities);
                    let names = hf::label_names(&layer.tag_labels(&options.labels), options.scheme);
                    let path = label_names_path(&target);
                    let json = serde_json::to_string(&names).map_err(|e| io_failure(&path, e))?;
                    write_whole(&path, format!("{json}\n").as_bytes())?;
                }
                if format == Format::LabelStudio {
                    let path = label_config_path(&target);
                    write_whole(
                        &path,
                        label_studio::label_config(
                            labels,
                            relation_kinds,
                            &label_studio::controls_in(&target)
                                .map_err(|e| io_failure(&target, e))?,
                        )
                        .as_bytes(),
                    )?;
                }
                Ok(())
            }
            Target::Folder(mut folder) => {
                if format == Format::Brat {
                    let conf = brat::annotation_conf(labels).into_bytes();
                    if !folder.add(folder.dir.join("annotation.conf"), conf) {
                        return Err(folder.failure());
                    }
                }
                folder.place()
            }
        }
    }
}

impl Folder {
    /// Adds a file to the batch; false once a file has failed.
    fn add(&mut self, target: PathBuf, bytes: Vec<u8>) -> bool {
        self.batch.as_mut().is_some_and(|b| b.add(target, bytes))
    }

    /// The failure of the batch, every temporary file removed (after [`Folder::add`] said
    /// false).
    fn failure(&mut self) -> Failure {
        match self.batch.take().map(Batch::finish) {
            Some(Err(e)) => Failure::failed(e),
            _ => Failure::failed(format!("{}: writing stopped", self.dir.display())),
        }
    }

    /// Waits for every file to be on disk in its temporary file, then puts them in place.
    fn place(mut self) -> Result<(), Failure> {
        let Some(batch) = self.batch.take() else {
            return Err(Failure::failed(format!(
                "{}: writing stopped",
                self.dir.display()
            )));
        };
        let temps = batch.finish().map_err(Failure::failed)?;
        let total = temps.len();
        durable::place(temps).map(drop).map_err(|e| {
            Failure::failed(format!(
                "{} ({} of {total} files were put in place)",
                e.error, e.placed
            ))
        })
    }
}
