//! What the example programs share: reading one document, bounded.

use std::io::Read;

use prolo_triage::MAX_DOCUMENT_BYTES;

/// Reads a file, or standard input for `-`, taking at most one byte more
/// than the library accepts (an endless stream costs no memory, and the
/// library still reports the size), as UTF-8 text. The error is one line
/// naming the file.
pub fn read_document(path: &str) -> Result<String, String> {
    let limit = u64::try_from(MAX_DOCUMENT_BYTES + 1).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes).map(|_| ()))
    };
    result.map_err(|e| format!("{path}: cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{path}: document: not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}
