//! Where an export's output goes: stdout, one file, or a folder of files (brat). Every file is
//! written whole or not at all, and a file already at its path is replaced only by a complete
//! new one: a failure half-way (a full disk) leaves the previous file as it was.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::staged::Staged;
use crate::cli::failure::Failure;
use crate::export::{Format, Layer, Options, brat, hf, label_studio};
use crate::store::atomic;

/// Where the output of one export run goes.
pub enum To {
    /// Documents concatenated to stdout.
    Stdout(io::StdoutLock<'static>),
    /// Documents concatenated to a file, put in place at the end.
    File(Staged),
    /// One pair of files per document (brat).
    Folder(PathBuf),
}

/// The output of one export run.
pub struct Sink {
    to: To,
    /// Label Studio: the documents are the elements of one JSON array.
    array: bool,
    /// Documents written so far.
    written: usize,
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
        Format::Hf => vec![out.to_owned(), label_names_path(out)],
        Format::LabelStudio => vec![out.to_owned(), label_config_path(out)],
        _ => vec![out.to_owned()],
    }
}

/// The files brat writes for the document `id` under the folder `out`.
pub fn brat_outputs(out: &Path, id: &str) -> [PathBuf; 2] {
    [out.join(format!("{id}.txt")), out.join(format!("{id}.ann"))]
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
        let Some(out) = out else {
            return match format {
                Format::Brat | Format::Hf => Err(Failure::bad_input(format!(
                    "{format} writes several files: give --out ({})",
                    if format == Format::Brat {
                        "a folder"
                    } else {
                        "the JSONL file; label_names.json goes beside it"
                    }
                ))),
                _ => Ok(Sink::new(format, To::Stdout(io::stdout().lock()))),
            };
        };
        if format.file_per_document() {
            if out.exists() && !out.is_dir() {
                return Err(Failure::bad_input(format!(
                    "{}: is a file; brat writes a folder",
                    out.display()
                )));
            }
            fs::create_dir_all(out).map_err(|e| io_failure(out, e))?;
            return Ok(Sink::new(format, To::Folder(out.to_owned())));
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
        Ok(Sink::new(format, To::File(staged)))
    }

    fn new(format: Format, to: To) -> Self {
        Self {
            to,
            array: format == Format::LabelStudio,
            written: 0,
        }
    }

    /// Writes bytes to the one stream (stdout or the file).
    fn stream(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        match &mut self.to {
            To::Stdout(out) => out
                .write_all(bytes)
                .map_err(|e| io_failure(Path::new("stdout"), e)),
            To::File(staged) => staged
                .write_all(bytes)
                .map_err(|e| io_failure(staged.target(), e)),
            To::Folder(_) => Ok(()),
        }
    }

    /// Writes one document: its bytes, and for brat its text.
    pub fn write(&mut self, id: &str, bytes: &[u8], text: Option<&str>) -> Result<(), Failure> {
        self.written += 1;
        if let To::Folder(dir) = &self.to {
            let [txt, ann] = brat_outputs(dir, id);
            if let Some(parent) = ann.parent() {
                fs::create_dir_all(parent).map_err(|e| io_failure(parent, e))?;
            }
            write_whole(&txt, text.unwrap_or_default().as_bytes())?;
            return write_whole(&ann, bytes);
        }
        if !self.array {
            return self.stream(bytes);
        }
        let separator = if self.written == 1 {
            label_studio::ARRAY_OPEN
        } else {
            label_studio::ARRAY_SEPARATOR
        };
        self.stream(separator)?;
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
        if self.array {
            let close: &[u8] = if self.written == 0 {
                b"[]\n"
            } else {
                label_studio::ARRAY_CLOSE
            };
            self.stream(close)?;
        }
        match self.to {
            To::Stdout(mut out) => out.flush().map_err(|e| io_failure(Path::new("stdout"), e)),
            To::File(staged) => {
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
                        label_studio::label_config(labels, relation_kinds).as_bytes(),
                    )?;
                }
                Ok(())
            }
            To::Folder(dir) => write_whole(
                &dir.join("annotation.conf"),
                brat::annotation_conf(labels).as_bytes(),
            ),
        }
    }
}
