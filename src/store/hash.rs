//! The 64-bit hash tandai names annotation files and journal lines by (not cryptographic: it
//! tells files and torn lines apart), whole or over bytes that arrive in pieces; used by the
//! journal, its replay and the fast reader, which hashes a file as it reads it.

use std::fs::File;
use std::io;
use std::path::Path;

/// A 64-bit hash of `bytes` (not cryptographic: it tells files and torn lines apart).
pub(super) fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = Hasher::new(bytes.len() as u64);
    hasher.update(bytes);
    hasher.finish()
}

const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// [`hash`] of bytes that arrive in pieces, whose total length is known at the start.
#[derive(Clone, Debug)]
pub(super) struct Hasher {
    h: u64,
    pending: [u8; 8],
    filled: usize,
    len: u64,
    seen: u64,
}

impl Hasher {
    /// A hasher for `len` bytes in all.
    pub(super) fn new(len: u64) -> Self {
        Hasher {
            h: 0xcbf2_9ce4_8422_2325 ^ len.wrapping_mul(K),
            pending: [0; 8],
            filled: 0,
            len,
            seen: 0,
        }
    }

    fn word(&mut self, word: [u8; 8]) {
        self.h = (self.h ^ u64::from_le_bytes(word))
            .wrapping_mul(K)
            .rotate_left(31);
    }

    /// Takes the next piece.
    pub(super) fn update(&mut self, mut bytes: &[u8]) {
        self.seen += bytes.len() as u64;
        if self.filled > 0 {
            let take = (8 - self.filled).min(bytes.len());
            self.pending[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 8 {
                return;
            }
            self.word(self.pending);
            self.filled = 0;
        }
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.word(chunk.try_into().expect("8 bytes"));
        }
        let rest = chunks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    fn finish(&self) -> u64 {
        let mut last = [0u8; 8];
        last[..self.filled].copy_from_slice(&self.pending[..self.filled]);
        let h = (self.h ^ u64::from_le_bytes(last)).wrapping_mul(K);
        h ^ (h >> 29)
    }

    /// The base these bytes make, or `None` when their length is not the one announced.
    pub(super) fn base(&self) -> Option<Base> {
        (self.seen == self.len).then(|| Base {
            len: self.len,
            hash: self.finish(),
        })
    }
}

/// What a journal's header says of the annotation file it continues: its length and hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Base {
    pub(super) len: u64,
    pub(super) hash: u64,
}

impl Base {
    /// The base of an annotation file whose bytes are `bytes`.
    pub(super) fn of(bytes: &[u8]) -> Base {
        Base {
            len: bytes.len() as u64,
            hash: hash(bytes),
        }
    }

    /// The base of the annotation file at `path`, read in pieces.
    pub(super) fn of_file(path: &Path) -> io::Result<Base> {
        let mut file = File::open(path)?;
        let mut hasher = Hasher::new(file.metadata()?.len());
        let mut buf = vec![0; 1 << 16];
        loop {
            match io::Read::read(&mut file, &mut buf) {
                Ok(0) => break,
                Ok(n) => hasher.update(&buf[..n]),
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
        hasher
            .base()
            .ok_or_else(|| io::Error::other("the annotation file changed while it was read"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_hash_in_pieces_is_the_hash_of_the_whole(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..100),
            cuts in proptest::collection::vec(0..100usize, 0..6),
        ) {
            let mut hasher = Hasher::new(bytes.len() as u64);
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
            cuts.sort_unstable();
            let mut at = 0;
            for cut in cuts.into_iter().chain([bytes.len()]) {
                hasher.update(&bytes[at..cut]);
                at = cut;
            }
            proptest::prop_assert_eq!(hasher.base(), Some(Base::of(&bytes)));
            let mut short = Hasher::new(bytes.len() as u64 + 1);
            short.update(&bytes);
            proptest::prop_assert_eq!(short.base(), None);
        }
    }

    #[test]
    fn the_hash_of_a_file_is_unchanged_by_reading_it_in_pieces() {
        // The values journals already on disk name (computed apart from this code): a change
        // would make the journals left by a crash look foreign, and their changes ignored.
        assert_eq!(Base::of(b"abc").hash, 0xbb0b_9b8e_4e33_2b4b);
        assert_eq!(Base::of(b"0123456789abcdefXYZ").hash, 0xb0eb_addb_7911_7fa6);
    }
}
