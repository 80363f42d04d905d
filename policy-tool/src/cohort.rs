//! Reading a cohort: JSON Lines as the `batch` example reads them (a
//! presentation, or `{"id": <any JSON>, "presentation": {...}}`), blank
//! lines skipped, cut into chunks that workers take in turn. Only the first
//! `MAX_DOCUMENT_BYTES + 1` bytes of a line are ever held, so memory stays
//! flat whatever the file.

use std::io::BufRead;

use prolo_triage::{Presentation, MAX_DOCUMENT_BYTES};
use serde::Deserialize;
use serde_json::value::RawValue;

/// A chunk holds at most this many lines.
const CHUNK_LINES: usize = 256;

/// One line of a chunk: its number and its kept bytes.
#[derive(Default)]
pub(crate) struct Line {
    pub(crate) number: u64,
    pub(crate) bytes: Vec<u8>,
    /// The line's whole length, kept or not.
    pub(crate) len: usize,
}

/// Consecutive lines, refilled in place (the line buffers are reused).
#[derive(Default)]
pub(crate) struct Chunk {
    pub(crate) lines: Vec<Line>,
    used: usize,
}

impl Chunk {
    /// The lines filled this time.
    pub(crate) fn lines(&self) -> &[Line] {
        self.lines.get(..self.used).unwrap_or_default()
    }
}

/// Cuts the input into chunks, numbering lines from 1.
pub(crate) struct Chunker<R> {
    input: R,
    line_no: u64,
    done: bool,
    /// The read error that ended the input, if one did.
    pub(crate) error: Option<std::io::Error>,
}

impl<R: BufRead> Chunker<R> {
    pub(crate) fn new(input: R) -> Chunker<R> {
        Chunker {
            input,
            line_no: 0,
            done: false,
            error: None,
        }
    }

    /// Refills `chunk` with the next lines; `false` once the input has
    /// ended or failed (the error is kept).
    pub(crate) fn fill(&mut self, chunk: &mut Chunk) -> bool {
        chunk.used = 0;
        while !self.done && chunk.used < CHUNK_LINES {
            if chunk.lines.len() <= chunk.used {
                chunk.lines.push(Line::default());
            }
            let Some(line) = chunk.lines.get_mut(chunk.used) else {
                break;
            };
            line.bytes.clear();
            match read_line(&mut self.input, &mut line.bytes) {
                Ok(Some(len)) => {
                    self.line_no = self.line_no.saturating_add(1);
                    line.number = self.line_no;
                    line.len = len;
                    chunk.used = chunk.used.saturating_add(1);
                }
                Ok(None) => self.done = true,
                Err(e) => {
                    self.done = true;
                    self.error = Some(e);
                    return false;
                }
            }
        }
        chunk.used > 0
    }
}

/// Appends one line to `buf` (without its newline), keeping at most one
/// byte more than the library accepts. Returns the line's length, or
/// `None` at the end of input.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<usize>> {
    let mut total = 0usize;
    let mut any = false;
    loop {
        let available = input.fill_buf()?;
        if available.is_empty() {
            return Ok(any.then_some(total));
        }
        any = true;
        let end = available.iter().position(|b| *b == b'\n');
        let part = available
            .get(..end.unwrap_or(available.len()))
            .unwrap_or_default();
        let room = (MAX_DOCUMENT_BYTES.saturating_add(1))
            .saturating_sub(buf.len())
            .min(part.len());
        buf.extend_from_slice(part.get(..room).unwrap_or_default());
        total = total.saturating_add(part.len());
        let used = part.len().saturating_add(usize::from(end.is_some()));
        input.consume(used);
        if end.is_some() {
            return Ok(Some(total));
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wrapper<'a> {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(borrow)]
    presentation: &'a RawValue,
}

/// A line that is not a presentation: the field and the message.
pub(crate) struct Bad {
    pub(crate) path: String,
    pub(crate) message: String,
}

/// The id and the presentation of one line (`None` for a blank line), or
/// what is wrong with it, naming the field as `batch` does.
pub(crate) fn presentation_of(
    line: &Line,
) -> Option<(Option<serde_json::Value>, Result<Presentation, Bad>)> {
    if line.bytes.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    if line.len > MAX_DOCUMENT_BYTES {
        let bad = Bad {
            path: "document".to_owned(),
            message: format!("document: over the limit of {MAX_DOCUMENT_BYTES} bytes"),
        };
        return Some((None, Err(bad)));
    }
    let text = match std::str::from_utf8(&line.bytes) {
        Ok(text) => text,
        Err(e) => {
            let bad = Bad {
                path: "document".to_owned(),
                message: format!(
                    "document: not UTF-8 (invalid byte at offset {})",
                    e.valid_up_to()
                ),
            };
            return Some((None, Err(bad)));
        }
    };
    let (id, presentation, inside) = match serde_json::from_str::<Wrapper>(text) {
        Ok(w) => (w.id, w.presentation.get(), true),
        Err(_) => (None, text, false),
    };
    let result = Presentation::from_json(presentation).map_err(|e| Bad {
        path: match (inside, e.path()) {
            (false, path) => path.to_owned(),
            (true, "document") => "presentation".to_owned(),
            (true, path) => format!("presentation.{path}"),
        },
        message: e.to_string(),
    });
    Some((id, result))
}
