//! The folder's lexicon: texts labelled in the other documents beside an article, which the
//! suggester proposes in it (how many times and how consistently each was labelled).

use std::collections::HashSet;
use std::path::Path;

use super::summary::read_article;
use crate::model::Source;
use crate::store;
use crate::suggest::propagate::Lexicon;

/// At most this many other documents are read (in name order) when an article opens, so a
/// folder of a hundred thousand articles does not delay it.
pub const MOST_DOCUMENTS: usize = 2000;

/// The texts labelled in the annotation files of the other articles of `article`'s folder
/// (not its subfolders), and how many documents were read. A document that cannot be read is
/// left out: `tandai check` is where its problem is reported.
pub fn folder_lexicon(article: &Path) -> (Lexicon, usize) {
    let mut lexicon = Lexicon::new(Source::Corpus);
    let Some(dir) = article.parent() else {
        return (lexicon, 0);
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (lexicon, 0);
    };
    let own = article.file_name();
    let mut others: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| {
            p.file_name() != own
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .filter(|p| store::annotation_path(p).is_file())
        .collect();
    others.sort();
    others.truncate(MOST_DOCUMENTS);
    let mut read = 0;
    for other in &others {
        let Ok(doc) = read_article(other) else {
            continue;
        };
        let Ok(Some(loaded)) = store::load(other, &doc) else {
            continue;
        };
        read += 1;
        let mut seen = HashSet::new();
        for e in &loaded.set.entities {
            lexicon.count(&e.text, &e.label);
            if seen.insert(e.text.clone()) {
                lexicon.add_document(&e.text);
            }
        }
    }
    (lexicon, read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    #[test]
    fn other_documents_of_the_folder_teach_their_labels() {
        let dir = tempfile::tempdir().unwrap();
        let sample = dir.path().join("a.txt");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        std::fs::copy(root.join("korut-dukung-rusia.txt"), &sample).unwrap();
        std::fs::copy(
            root.join("korut-dukung-rusia.ann.ron"),
            store::annotation_path(&sample),
        )
        .unwrap();
        let fresh = dir.path().join("b.txt");
        std::fs::write(&fresh, "Presiden Rusia Vladimir Putin dan AFP.\n").unwrap();
        let (mut lexicon, read) = folder_lexicon(&fresh);
        assert_eq!(
            read, 1,
            "a.txt and its gold file; b.txt is the article itself"
        );
        let doc = Document::new(std::fs::read_to_string(&fresh).unwrap());
        lexicon.prepare();
        let found: Vec<(String, String)> = lexicon
            .find(&doc, 0)
            .into_iter()
            .map(|s| {
                (
                    doc.slice(s.span).to_owned(),
                    s.what.label().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("Rusia".into(), "LOC".into()),
                ("Vladimir Putin".into(), "PER".into()),
                ("AFP".into(), "ORG".into())
            ]
        );
        assert!(lexicon.labels("Rusia").is_some());
    }

    #[test]
    fn an_unreadable_neighbour_is_left_out() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bad.txt"), "Rusia.\n").unwrap();
        std::fs::write(dir.path().join("bad.ann.ron"), "not ron").unwrap();
        let (_, read) = folder_lexicon(&dir.path().join("c.txt"));
        assert_eq!(read, 0);
    }
}
