//! The command line: `tandai [FILE]` opens the annotator; subcommands do the rest.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// tandai ("mark it"): annotate entities, quotes and claims in news articles, in the terminal.
#[derive(Debug, Parser)]
#[command(version, about, long_about = None, args_conflicts_with_subcommands = true)]
#[command(
    after_help = "Examples:\n  tandai                     open (a working copy of) the bundled sample\n  tandai article.txt         annotate article.txt (saved to article.ann.ron)\n  tandai corpus/             the document list of a folder of articles\n  tandai check corpus/       every problem of every annotation file, for CI\n  tandai replay --keys '/Choe Son Hui<Enter>1q' article.txt"
)]
pub struct Cli {
    /// The article to annotate (plain UTF-8 text, one paragraph per line), or a folder of
    /// articles (`*.txt`, searched recursively) to open as a document list; defaults to a
    /// working copy of the bundled sample (under `target/sample/`).
    pub file: Option<PathBuf>,
    /// A keymap file merged over the default (otherwise the user's config-dir
    /// `tandai/keymap.ron` if it exists).
    #[arg(long, global = true)]
    pub keymap: Option<PathBuf>,
    /// Take the article's lock even from another live tandai: that session learns it before
    /// its next write and keeps its later changes in its conflict copy; what it saved stays.
    #[arg(long, global = true)]
    pub force: bool,
    /// What to do instead of opening the annotator.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the annotator headless: apply keys, save as the TUI does, print the final screen.
    #[command(
        after_help = "Keys use the keymap notation: every character is a key, named keys in angle brackets (<Enter>, <Esc>, <C-r>, <S-Right>, <Space>, <lt> for '<').\n\nExample:\n  tandai replay --keys '/Choe Son Hui<Enter>1' --size 100x30 article.txt"
    )]
    Replay {
        /// The keys to apply, in keymap notation.
        #[arg(
            long,
            required_unless_present = "keys_file",
            conflicts_with = "keys_file"
        )]
        keys: Option<String>,
        /// A file of keys in keymap notation: line breaks are ignored, lines starting with `#`
        /// are comments.
        #[arg(long, value_name = "FILE")]
        keys_file: Option<PathBuf>,
        /// Screen size as COLUMNSxROWS.
        #[arg(long, default_value = "100x30", value_parser = parse_size)]
        size: (u16, u16),
        /// Start in the review panel, as `tandai review` does.
        #[arg(long)]
        review: bool,
        /// Draw a frame after every key and print, to stderr, the time to open the article
        /// and draw its first frame, and per-key latency (median, p99, max) of handling a key
        /// plus drawing its frame; saves are timed apart.
        #[arg(long)]
        timing: bool,
        /// For tests: after every save the screen shows as saved, append a line naming every
        /// annotation in memory to FILE.
        #[arg(long, value_name = "FILE", hide = true)]
        saved_log: Option<PathBuf>,
        /// The article.
        file: PathBuf,
    },
    /// Open the annotator straight in the review panel: every annotation, its problems and
    /// review status.
    #[command(
        after_help = "In the panel: j/k move, Enter jumps to the annotation, y/r accept/reject, / filters, f cycles presets (all, entities, quotes, claims, problems, unreviewed), ? shows every key.\n\nExamples:\n  tandai review article.txt\n  tandai review corpus/        the document list; articles open in the review panel"
    )]
    Review {
        /// The article (its annotations are read from the `.ann.ron` file beside it), or a
        /// folder of articles.
        file: PathBuf,
    },
    /// Place the annotations of an article that changed since they were saved on its new text,
    /// and save them (the previous file is kept as `ARTICLE.ann.before-reanchor.ron`).
    #[command(
        after_help = "Annotations whose text is no longer in the article become orphans: kept in the file, listed by `tandai check` and in the review panel until re-attached or deleted.\n\nExample:\n  tandai reanchor corpus/article.txt"
    )]
    Reanchor {
        /// The article.
        file: PathBuf,
    },
    /// Check annotation files: every problem, one line each; exit 1 if there is any.
    #[command(after_help = crate::commands::help::CHECK)]
    Check {
        /// An article, an annotation file, or a folder (searched recursively).
        path: PathBuf,
    },
    /// Count annotations per kind and label, and paragraphs done, per document and in total.
    #[command(after_help = crate::commands::help::STATS)]
    Stats {
        /// An article, an annotation file, or a folder (searched recursively).
        path: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print the annotations of an article as a table.
    #[command(after_help = crate::commands::help::SHOW)]
    Show {
        /// The article (or its .ann.ron file).
        file: PathBuf,
        /// Print JSON (every field, full texts) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Export annotations as training data (an article, or every annotated article under a folder).
    #[command(
        after_help = "Token formats (conll, hf) export one layer (default: entities) and, by default, only paragraphs marked done.\n\nExamples:\n  tandai export corpus/ --format conll --out train.conll\n  tandai export corpus/ --format hf --layers quotes --out hf/quotes.jsonl\n  tandai export corpus/ --format brat --out brat/"
    )]
    Export(crate::export_cli::ExportArgs),
    /// Create `.txt` + `.ann.ron` pairs from brat, doccano, spaCy or CoNLL data.
    #[command(
        after_help = "Examples:\n  tandai import brat-project/ --from brat --out corpus/\n  tandai import data.jsonl --from doccano --out corpus/\n  tandai import train.conll --from conll --out corpus/"
    )]
    Import(crate::import::ImportArgs),
}

fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("size '{text}' is not COLUMNSxROWS, e.g. 100x30"))?;
    let number = |s: &str| {
        s.trim()
            .parse::<u16>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("size '{text}': '{s}' is not a positive number"))
    };
    Ok((number(w)?, number(h)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_parses_and_rejects_nonsense() {
        assert_eq!(parse_size("100x30"), Ok((100, 30)));
        assert!(parse_size("100").is_err());
        assert!(parse_size("0x5").is_err());
    }

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
