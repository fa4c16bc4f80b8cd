//! Suggestions the editor rejected: remembered with the annotations, so that the same
//! proposal is not made again at that place, and counted per source by `tandai stats`.

use super::annotation::Text;
use super::id::IdKind;
use super::provenance::Source;
use super::span::Span;

/// One rejected suggestion: the layer and place it proposed, what it proposed and its source.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rejection {
    /// Entity, quote or claim.
    pub layer: IdKind,
    /// The entity label proposed (none for quotes and claims).
    pub label: Option<Text>,
    /// The characters it would have covered.
    pub span: Span,
    /// The text there when it was rejected.
    pub text: Text,
    /// The source that proposed it.
    pub source: Source,
}

/// What makes two rejections the same place: no proposal of this layer is made here again.
pub type RejectionKey = (Span, u8);

impl Rejection {
    /// Its place and layer, which order the set's list and decide whether a proposal is
    /// still made.
    pub fn key(&self) -> RejectionKey {
        key(self.layer, self.span)
    }
}

/// The key of a proposal of `layer` at `span`.
pub fn key(layer: IdKind, span: Span) -> RejectionKey {
    (span, layer.order())
}
