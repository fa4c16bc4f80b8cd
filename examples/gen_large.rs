//! Writes a large generated article and its annotations, for performance checks.
//!
//! ```sh
//! cargo run --release --example gen_large -- [DIR] [--mb 10] [--annotations 100000] [--articles 1]
//! ```
//!
//! Defaults: `target/large`, 10 MB, 100,000 annotations, one article (`large-001.txt`).

use std::path::PathBuf;
use std::process::ExitCode;

use tandai::bench_support::{Spec, generate_corpus};

fn main() -> ExitCode {
    let mut dir = PathBuf::from("target/large");
    let mut spec = Spec::LARGE;
    let mut articles = 1;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Option<usize> {
            let value = args.next().and_then(|v| v.replace('_', "").parse().ok());
            if value.is_none() {
                eprintln!("gen_large: {name} needs a number");
            }
            value
        };
        let parsed = match arg.as_str() {
            "--mb" => number("--mb").map(|mb| spec.bytes = mb * 1_000_000),
            "--annotations" => number("--annotations").map(|n| spec.annotations = n),
            "--articles" => number("--articles").map(|n| articles = n),
            _ if arg.starts_with("--") => None,
            _ => {
                dir = PathBuf::from(arg);
                Some(())
            }
        };
        if parsed.is_none() {
            eprintln!("usage: gen_large [DIR] [--mb N] [--annotations N] [--articles N]");
            return ExitCode::from(2);
        }
    }
    match generate_corpus(&dir, articles, spec) {
        Ok(made) => {
            for g in made {
                println!(
                    "{}: {} bytes, {} paragraphs, {} annotations ({} of {} copies annotated)",
                    g.article.display(),
                    g.bytes,
                    g.paragraphs,
                    g.annotations,
                    g.annotated_copies,
                    g.copies
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_large: {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
