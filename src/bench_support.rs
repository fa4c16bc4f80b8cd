//! Deterministic large inputs for benchmarks and performance checks: the bundled sample
//! article repeated to any size, with its gold annotations shifted onto the copies.
//!
//! Nothing here is used by the annotator itself; `benches/` and `examples/gen_large.rs` call it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::model::format_compact;

use crate::model::{AnnotationSet, Document, Span, Spans, Text};
use crate::store;

/// The bundled sample article.
pub const SAMPLE_TEXT: &str = include_str!("../sample-data/korut-dukung-rusia.txt");
/// Its gold annotation file.
pub const SAMPLE_ANNOTATIONS: &str = include_str!("../sample-data/korut-dukung-rusia.ann.ron");
/// The sample's file name (the annotation file refers to it).
pub const SAMPLE_NAME: &str = "korut-dukung-rusia.txt";

/// How large an article to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// The article grows by whole copies of the sample until it has at least this many bytes.
    pub bytes: usize,
    /// About this many annotations, spread evenly over the copies (whole copies of the gold
    /// annotation; never more than every copy annotated).
    pub annotations: usize,
}

impl Spec {
    /// The 10 MB article with about 100,000 annotations of the performance targets.
    pub const LARGE: Spec = Spec {
        bytes: 10_000_000,
        annotations: 100_000,
    };
}

/// A generated article written to disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    /// The article (`.txt`); its annotations are beside it (`.ann.ron`).
    pub article: PathBuf,
    /// Size of the article in bytes.
    pub bytes: usize,
    /// Copies of the sample it holds.
    pub copies: usize,
    /// Copies that carry annotations.
    pub annotated_copies: usize,
    /// Paragraphs in the article.
    pub paragraphs: usize,
    /// Annotations (entities, quotes and claims) in its annotation file.
    pub annotations: usize,
}

/// The sample article and its gold annotations, read through the store like any file.
///
/// # Panics
///
/// If the bundled gold annotation does not load (the test suite guards against that).
pub fn sample_gold() -> (Document, AnnotationSet) {
    let dir = tempfile_dir("sample");
    let article = dir.join(SAMPLE_NAME);
    write_sample(&article).expect("the temporary folder is writable");
    let doc = Document::new(SAMPLE_TEXT);
    let loaded = store::load(&article, &doc)
        .expect("the gold annotation loads")
        .expect("the gold annotation exists");
    let _ = fs::remove_dir_all(&dir);
    (doc, loaded.set)
}

/// Writes the sample article and its gold annotation file at `article` (and beside it).
pub fn write_sample(article: &Path) -> io::Result<()> {
    if let Some(dir) = article.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(article, SAMPLE_TEXT)?;
    fs::write(store::annotation_path(article), SAMPLE_ANNOTATIONS)
}

/// The text of `copies` copies of the sample, one blank line between copies.
pub fn repeated_text(copies: usize) -> String {
    let mut text = String::with_capacity(copies * (SAMPLE_TEXT.len() + 2));
    for i in 0..copies {
        if i > 0 {
            text.push_str("\n\n");
        }
        text.push_str(SAMPLE_TEXT.trim_end_matches('\n'));
    }
    text.push('\n');
    text
}

/// Number of whole copies of the sample needed for at least `bytes` bytes.
pub fn copies_for(bytes: usize) -> usize {
    let per_copy = SAMPLE_TEXT.trim_end_matches('\n').len() + 2;
    bytes.div_ceil(per_copy).max(1)
}

/// True when copy `k` of `copies` is among the `annotated` evenly spread annotated copies.
fn is_annotated(k: usize, copies: usize, annotated: usize) -> bool {
    (k * annotated) / copies != ((k + 1) * annotated) / copies
}

/// The gold annotations of the sample shifted onto every annotated copy of a `copies`-copy
/// article (see [`repeated_text`]), ids renumbered per copy and links kept inside each copy.
/// Paragraphs of annotated copies keep the gold statuses; the others are `Todo`.
pub fn repeated_set(gold: &AnnotationSet, copies: usize, annotated: usize) -> AnnotationSet {
    let copy_chars = SAMPLE_TEXT.trim_end_matches('\n').chars().count() + 2;
    let per_copy_paragraphs = gold.paragraphs.len();
    let stride = gold.next_ids;
    let renumber = |id: &str, j: u64| -> Text {
        let (prefix, number) = id.split_at(1);
        let step = match prefix {
            "e" => stride.entity - 1,
            "q" => stride.quote - 1,
            _ => stride.claim - 1,
        };
        let n: u64 = number.parse().expect("gold ids are <letter><number>");
        format_compact!("{prefix}{}", n + j * step)
    };
    let mut set = AnnotationSet::new(copies * per_copy_paragraphs);
    let mut j = 0u64;
    for k in 0..copies {
        if !is_annotated(k, copies, annotated) {
            continue;
        }
        let shift = k * copy_chars;
        let moved = |spans: &[Span]| -> Spans {
            spans
                .iter()
                .map(|s| Span::new(s.start + shift, s.end + shift))
                .collect()
        };
        let first_paragraph = k * per_copy_paragraphs;
        set.paragraphs[first_paragraph..first_paragraph + per_copy_paragraphs]
            .copy_from_slice(&gold.paragraphs);
        for e in &gold.entities {
            let mut e = e.clone();
            e.id = renumber(&e.id, j);
            e.spans = moved(&e.spans);
            set.entities.push(e);
        }
        for q in &gold.quotes {
            let mut q = q.clone();
            q.id = renumber(&q.id, j);
            q.spans = moved(&q.spans);
            if let Some(cue) = &mut q.cue {
                cue.spans = moved(&cue.spans);
            }
            q.speaker = q.speaker.map(|id| renumber(&id, j));
            set.quotes.push(q);
        }
        for c in &gold.claims {
            let mut c = c.clone();
            c.id = renumber(&c.id, j);
            c.spans = moved(&c.spans);
            c.claimant = c.claimant.map(|id| renumber(&id, j));
            c.quote = c.quote.map(|id| renumber(&id, j));
            set.claims.push(c);
        }
        j += 1;
    }
    set.next_ids.entity = 1 + j * (stride.entity - 1);
    set.next_ids.quote = 1 + j * (stride.quote - 1);
    set.next_ids.claim = 1 + j * (stride.claim - 1);
    set.sort();
    set
}

/// Writes a generated article `name.txt` and its `name.ann.ron` into `dir`.
///
/// The same spec always gives the same bytes. The annotation file is written as
/// [`store::to_ron`] makes it, so [`store::load`] reads it back.
pub fn generate(dir: &Path, name: &str, spec: Spec) -> io::Result<Generated> {
    fs::create_dir_all(dir)?;
    let (_, gold) = sample_gold();
    let per_copy = gold.entities.len() + gold.quotes.len() + gold.claims.len();
    let copies = copies_for(spec.bytes);
    let annotated = spec.annotations.div_ceil(per_copy.max(1)).min(copies);
    let text = repeated_text(copies);
    let article = dir.join(format!("{name}.txt"));
    fs::write(&article, &text)?;
    let doc = Document::new(text);
    let set = repeated_set(&gold, copies, annotated);
    let ron = store::to_ron(&article, &doc, &set, "generated");
    fs::write(store::annotation_path(&article), ron)?;
    let (e, q, c) = set.counts();
    Ok(Generated {
        article,
        bytes: doc.text().len(),
        copies,
        annotated_copies: annotated,
        paragraphs: doc.paragraphs().len(),
        annotations: e + q + c,
    })
}

/// Writes `articles` generated articles (`large-001.txt`, … with their annotations) into
/// `dir`: a corpus for whole-folder commands such as export.
pub fn generate_corpus(dir: &Path, articles: usize, spec: Spec) -> io::Result<Vec<Generated>> {
    (1..=articles)
        .map(|i| generate(dir, &format!("large-{i:03}"), spec))
        .collect()
}

/// A fresh folder under the system temporary folder, unique to this process and `what`.
pub fn tempfile_dir(what: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("tandai-{what}-{}-{n}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

/// The paragraph to focus for a benchmark: the middle of the article, in an annotated copy
/// when there is one, so the frame shows annotations.
pub fn busy_paragraph(doc: &Document, set: &AnnotationSet) -> usize {
    let middle = doc.len_chars() / 2;
    let at = set
        .entities
        .partition_point(|e| e.spans.first().is_some_and(|s| s.start < middle));
    let offset = set
        .entities
        .get(at)
        .or(set.entities.last())
        .and_then(|e| e.spans.first())
        .map_or(middle, |s| s.start);
    doc.paragraph_at(offset).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_generated_article_loads_through_the_store() {
        let dir = tempfile_dir("gen-test");
        let spec = Spec {
            bytes: 20_000,
            annotations: 300,
        };
        let made = generate(&dir, "small", spec).unwrap();
        assert_eq!(made.copies, copies_for(20_000));
        assert!(made.bytes >= 20_000);
        assert_eq!(made.annotated_copies, 3);
        assert_eq!(made.annotations, 3 * 126);
        let doc = Document::from_bytes(fs::read(&made.article).unwrap()).unwrap();
        assert_eq!(doc.paragraphs().len(), made.paragraphs);
        assert_eq!(made.paragraphs, made.copies * 24);
        let loaded = store::load(&made.article, &doc).unwrap().unwrap();
        assert_eq!(loaded.set.entities.len(), 3 * 93);
        let again = generate(&dir, "again", spec).unwrap();
        let ann = |p: &Path| fs::read_to_string(store::annotation_path(p)).unwrap();
        assert_eq!(
            ann(&made.article).replace("small.txt", "x"),
            ann(&again.article).replace("again.txt", "x")
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
