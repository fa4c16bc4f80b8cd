//! A deterministic generator of small corpora, for tests and benchmarks.

use std::io;
use std::path::{Path, PathBuf};

use crate::model::format_compact;
use crate::model::smallvec;

use crate::model::{AnnotationSet, Document, Entity, NextIds, ParagraphStatus, Span};
use crate::store;

const PLACES: [&str; 6] = [
    "Jakarta", "Surabaya", "Medan", "Bandung", "Makassar", "Semarang",
];
const PEOPLE: [&str; 5] = [
    "Sri Mulyani",
    "Budi Santoso",
    "Dewi Lestari",
    "Andi Wijaya",
    "Rina Putri",
];

/// The text of generated article `n`: three or four short paragraphs, the same for the same `n`.
pub fn article_text(n: usize) -> String {
    let place = PLACES[n % PLACES.len()];
    let person = PEOPLE[(n / 7) % PEOPLE.len()];
    let mut text = format!(
        "{place} — {person} mengatakan laporan nomor {n} selesai pekan ini.\n\n\
         Menurut {person}, “semua data sudah diperiksa” di {place}.\n\n\
         Pemerintah daerah belum memberikan tanggapan.\n"
    );
    if n % 2 == 1 {
        text.push_str("\nBerita ini diperbarui pada pukul 10.00 WIB.\n");
    }
    text
}

fn span_of(doc: &Document, needle: &str) -> Span {
    let byte = doc
        .text()
        .find(needle)
        .expect("the generated text holds the name");
    let start = doc.text()[..byte].chars().count();
    Span::new(start, start + needle.chars().count())
}

/// Writes `count` articles into `dir` (in ten sub-folders, `d0/article-00000.txt`, …). Every
/// third article gets an annotation file with two entities and some paragraphs done. Returns
/// the article paths, sorted.
pub fn generate(dir: &Path, count: usize) -> io::Result<Vec<PathBuf>> {
    let mut paths = Vec::with_capacity(count);
    for n in 0..count {
        let folder = dir.join(format!("d{}", n % 10));
        std::fs::create_dir_all(&folder)?;
        let path = folder.join(format!("article-{n:05}.txt"));
        let text = article_text(n);
        std::fs::write(&path, &text)?;
        if n % 3 == 0 {
            let doc = Document::new(text);
            let mut set = AnnotationSet::new(doc.paragraphs().len());
            for status in set.paragraphs.iter_mut().take(n % 4) {
                *status = ParagraphStatus::Done;
            }
            let place = PLACES[n % PLACES.len()];
            let person = PEOPLE[(n / 7) % PEOPLE.len()];
            for (i, (label, name)) in [("LOC", place), ("PER", person)].into_iter().enumerate() {
                let span = span_of(&doc, name);
                set.entities.push(Entity {
                    id: format_compact!("e{}", i + 1),
                    label: label.into(),
                    spans: smallvec![span],
                    text: doc.slice(span).into(),
                    note: None,
                    review: Default::default(),
                    source: Default::default(),
                    by: Default::default(),
                    attributes: Vec::new(),
                });
            }
            set.next_ids = NextIds {
                entity: 3,
                ..NextIds::default()
            };
            set.sort();
            // Written plainly, not with `store::save`: a test corpus needs no fsync per file.
            let ron = store::to_ron(&path, &doc, &set, "generator");
            std::fs::write(store::annotation_path(&path), ron)?;
        }
        paths.push(path);
    }
    paths.sort();
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::scan::{ScanEvent, scan_all};
    use crate::state::{CorpusList, ListAction, RowState};

    #[test]
    fn generated_articles_are_deterministic_and_valid() {
        assert_eq!(article_text(12), article_text(12));
        assert_ne!(article_text(12), article_text(13));
        let dir = tempfile::tempdir().unwrap();
        let paths = generate(dir.path(), 12).unwrap();
        assert_eq!(paths.len(), 12);
        let found = crate::corpus::walk(dir.path()).unwrap();
        assert_eq!(found.articles.len(), 12);
        assert!(found.orphans.is_empty());
        let troubles: Vec<String> = found
            .articles
            .iter()
            .flat_map(|a| crate::corpus::inspect(a))
            .map(|t| t.to_string())
            .collect();
        assert!(troubles.is_empty(), "{troubles:?}");
        let annotated = found
            .articles
            .iter()
            .filter(|a| crate::store::annotation_path(*a).exists())
            .count();
        assert_eq!(annotated, 4);
    }

    #[test]
    fn a_scan_of_5000_articles_gives_5000_rows() {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), 5000).unwrap();
        let mut list = CorpusList::new(dir.path());
        let events = scan_all(dir.path().to_owned());
        assert!(matches!(events.first(), Some(ScanEvent::Listed { .. })));
        assert!(matches!(events.last(), Some(ScanEvent::Done)));
        for event in events {
            list.update(ListAction::Scanned(event));
        }
        list.prepare();
        assert_eq!(list.rows.len(), 5000);
        assert_eq!(list.counts(), (5000, 0, 0));
        let annotated = list
            .rows
            .iter()
            .filter(|r| matches!(&r.state, RowState::Ready(s) if s.annotated == 1))
            .count();
        assert_eq!(annotated, 1667);
        assert_eq!(list.rows[0].name, "d0/article-00000.txt");
    }
}
