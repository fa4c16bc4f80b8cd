//! Reads only the `version` of an annotation file, before choosing the struct to read it with.

use serde::Deserialize;

/// The versions this build reads.
pub const SUPPORTED: &[u64] = &[1];

/// Just the version; every other field is skipped, whatever its shape.
#[derive(Deserialize)]
#[serde(rename = "Annotations")]
pub struct Probe {
    pub version: u64,
}

/// The supported versions as text, e.g. `1` or `1, 2`.
pub fn supported_list() -> String {
    SUPPORTED
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
