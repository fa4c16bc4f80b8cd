//! The clap definition of the command line: `tandai [FILE]` opens the annotator; subcommands
//! do the rest, each with its arguments in its front end's module.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::adjudicate::AdjudicateArgs;
use super::agree::AgreeArgs;
use super::assign::AssignArgs;
use super::check::CheckArgs;
use super::export::ExportArgs;
use super::html_report::HtmlReportArgs;
use super::import::ImportArgs;
use super::reanchor::ReanchorArgs;
use super::replay::ReplayArgs;
use super::review::ReviewArgs;
use super::show::ShowArgs;
use super::stats::StatsArgs;
use super::suggest::SuggestArgs;

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
    /// A gazetteer (`text<TAB>label` lines) whose texts are proposed as entities; repeatable.
    /// Files named `*.gazetteer.tsv` beside the article are used without it.
    #[arg(long, global = true, value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    /// A spaCy/Prodigy pattern file (JSONL) whose matches are proposed as entities;
    /// repeatable. Files named `*.patterns.jsonl` beside the article are used without it.
    #[arg(long, global = true, value_name = "FILE")]
    pub patterns: Vec<PathBuf>,
    /// A cue lexicon (RON, the shape of tandai's own) extending the quote finder's reporting
    /// verbs; `tandai/cues.ron` in the config folder is read too when it exists.
    #[arg(long, global = true, value_name = "FILE")]
    pub cues: Option<PathBuf>,
    /// Open NAME's own annotation file (`ARTICLE.ann.NAME.ron`) instead of the gold one
    /// (`ARTICLE.ann.ron`); otherwise, interactively, the `annotator` of the config-dir
    /// `tandai/config.ron` if it names one. Taken by the annotator, `review` and `replay`.
    #[arg(long, global = true, value_name = "NAME")]
    pub annotator: Option<crate::store::Annotator>,
    /// In the document list of a folder with an assignment plan (`tandai assign`), list every
    /// article, not only the annotator's.
    #[arg(long, global = true)]
    pub all_articles: bool,
    /// Open with suggestions off (a key turns them on).
    #[arg(long, global = true)]
    pub no_suggestions: bool,
    /// What to do instead of opening the annotator.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the annotator headless: apply keys, save as the TUI does, print the final screen.
    #[command(after_help = super::replay::AFTER_HELP)]
    Replay(ReplayArgs),
    /// Open the annotator straight in the review panel: every annotation, its problems and
    /// review status.
    #[command(after_help = super::review::AFTER_HELP)]
    Review(ReviewArgs),
    /// Place the annotations of an article that changed since they were saved on its new text,
    /// and save them (the previous file is kept as `ARTICLE.ann.before-reanchor.ron`).
    #[command(after_help = super::reanchor::AFTER_HELP)]
    Reanchor(ReanchorArgs),
    /// Check annotation files: every problem, one line each; exit 1 if there is any.
    #[command(after_help = super::check::AFTER_HELP)]
    Check(CheckArgs),
    /// Count annotations per kind and label, and paragraphs done, per document and in total.
    #[command(after_help = super::stats::AFTER_HELP)]
    Stats(StatsArgs),
    /// Print the annotations of an article as a table.
    #[command(after_help = super::show::AFTER_HELP)]
    Show(ShowArgs),
    /// Export annotations as training data (an article, or every annotated article under a folder).
    #[command(after_help = super::export::AFTER_HELP)]
    Export(ExportArgs),
    /// Create `.txt` + `.ann.ron` pairs from brat, doccano, spaCy or CoNLL data.
    #[command(after_help = super::import::AFTER_HELP)]
    Import(ImportArgs),
    /// Give each article of a folder to some of the annotators (`DIR/tandai-plan.ron`), which
    /// the document list follows; `--force` replaces an existing plan.
    #[command(after_help = super::assign::AFTER_HELP)]
    Assign(AssignArgs),
    /// Settle the differences between the annotators' files of an article
    /// (`ARTICLE.ann.NAME.ron`) in its gold file (`ARTICLE.ann.ron`), disagreement by
    /// disagreement.
    #[command(after_help = super::adjudicate::AFTER_HELP)]
    Adjudicate(AdjudicateArgs),
    /// Store another tool's predictions (spaCy, doccano, brat, CoNLL, citron, Label Studio)
    /// beside each article as suggestions (`ARTICLE.sug.ron`), not annotations.
    #[command(after_help = super::suggest::AFTER_HELP)]
    Suggest(SuggestArgs),
    /// Git's merge driver for annotation files: merge BASE, OURS and THEIRS into OURS,
    /// recording true conflicts in the file; exit 0 clean, 1 conflicts recorded, 2 error.
    #[command(after_help = super::merge_file::AFTER_HELP)]
    MergeFile(super::merge_file::MergeFileArgs),
    /// Register tandai's merge driver in a git repository (.gitattributes, git config) and
    /// keep session side files out of it (.gitignore).
    #[command(after_help = super::git_setup::AFTER_HELP)]
    GitSetup(super::git_setup::GitSetupArgs),
    /// Agreement between the annotators of each article: span P/R/F1, Cohen's κ, Krippendorff's
    /// α, quote and claim attributes, per document and over the corpus.
    #[command(after_help = super::agree::AFTER_HELP)]
    Agree(AgreeArgs),
    /// Write a static HTML report of an article or a corpus: highlighted articles, a corpus
    /// page with progress and charts, an index; opens from disk, no network.
    #[command(after_help = super::html_report::AFTER_HELP)]
    Report(HtmlReportArgs),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
