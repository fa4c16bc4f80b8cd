//! The arguments of `tandai export` and the export options they make.

use std::path::PathBuf;

use clap::Args;

use crate::cli::failure::Failure;
use crate::corpus::shard::Shard;
use crate::corpus::split::Shares;
use crate::export::{Format, Layer, Options, Scheme, Unit};
use crate::model::LabelSet;

/// The arguments of `tandai export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// An article (with its .ann.ron beside it) or a folder searched recursively.
    pub path: PathBuf,
    /// Output format: conll, spacy, hf, brat, doccano, quotes, claims, spacy-json, quote-roles,
    /// checkthat, claimbuster, citron, label-studio.
    #[arg(long, short = 'f')]
    pub format: Format,
    /// Output file (a folder for brat and citron). Default: stdout (brat, citron and hf need
    /// --out).
    #[arg(long, short = 'o', value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// Layers to export, comma separated: entities, quotes, claims. Token formats (conll, hf)
    /// take exactly one (default: entities); the others default to all three.
    #[arg(long, value_delimiter = ',', value_name = "LAYERS")]
    pub layers: Vec<Layer>,
    /// Token formats: leave out every paragraph not marked done (the default), since its
    /// unannotated words are not known to be O.
    #[arg(long, conflicts_with = "all_paragraphs")]
    pub only_done: bool,
    /// Token formats: write every paragraph, done or not (unannotated words become O).
    #[arg(long)]
    pub all_paragraphs: bool,
    /// Token formats: one block per sentence (the default).
    #[arg(long, conflicts_with = "paragraphs")]
    pub sentences: bool,
    /// Token formats: one block per paragraph.
    #[arg(long)]
    pub paragraphs: bool,
    /// Token formats: tagging scheme, iob2 (default), iob1, bioes or bilou (not spacy-json:
    /// always BILUO; a CoNLL import is written in its own scheme unless one is given).
    #[arg(long, value_name = "SCHEME")]
    pub scheme: Option<Scheme>,
    /// Stop at the first document that cannot be exported.
    #[arg(long, conflicts_with = "keep_going")]
    pub strict: bool,
    /// Skip documents that cannot be exported and exit with code 2 at the end (the default).
    #[arg(long)]
    pub keep_going: bool,
    /// Cut the corpus by document into train, dev and test, in these percentages (summing to
    /// 100), stratified by label; --out is then a folder (OUT/train.EXT, OUT/dev.EXT,
    /// OUT/test.EXT, or OUT/train/, … for brat).
    #[arg(long, value_name = "TRAIN,DEV,TEST")]
    pub split: Option<Shares>,
    /// The seed of --split (default 0): the same corpus and seed give the same split.
    #[arg(long, value_name = "N", requires = "split")]
    pub seed: Option<u64>,
    /// Export only the K-th (1-based) of N disjoint, stable parts of the corpus, chosen by a
    /// hash of each article's path below PATH.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Worker threads.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: u16,
}

/// The export options from the command line, checked for the format.
pub fn options(args: &ExportArgs, labels: &LabelSet) -> Result<Options, Failure> {
    let format = args.format;
    let token = format.one_layer();
    let blocks = args.only_done || args.all_paragraphs || args.sentences || args.paragraphs;
    if !format.takes_blocks() && (blocks || args.scheme.is_some()) {
        return Err(Failure::bad_input(format!(
            "--only-done, --all-paragraphs, --sentences, --paragraphs and --scheme apply to the token formats (conll, hf, spacy-json, quote-roles), not to {format}"
        )));
    }
    if !format.takes_scheme() && args.scheme.is_some() {
        return Err(Failure::bad_input(format!(
            "--scheme does not apply to {format}: its tags are always BILUO"
        )));
    }
    if !format.takes_layers() && !args.layers.is_empty() {
        return Err(Failure::bad_input(format!(
            "--layers does not apply to {format}: it writes {}",
            match format {
                Format::QuoteRoles | Format::Citron => "quotes with their cues and speakers",
                _ => "sentences by the claims they hold",
            }
        )));
    }
    let mut layers: Vec<Layer> = Vec::new();
    for layer in &args.layers {
        if !layers.contains(layer) {
            layers.push(*layer);
        }
    }
    if layers.is_empty() {
        layers = if token {
            vec![Layer::Entities]
        } else {
            Layer::ALL.to_vec()
        };
    }
    let options = Options {
        layers,
        scheme: args.scheme.unwrap_or_default(),
        scheme_chosen: args.scheme.is_some(),
        unit: if args.paragraphs {
            Unit::Paragraphs
        } else {
            Unit::Sentences
        },
        only_done: !args.all_paragraphs,
        labels: labels.labels().iter().map(|l| l.name.clone()).collect(),
    };
    options.check(format).map_err(Failure::bad_input)?;
    Ok(options)
}
