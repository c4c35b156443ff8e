//! Reports written one finding at a time: every format is a [`Sink`] that takes the findings
//! in report order and then the end of the report (diagnostics, summary). A report rendered
//! whole ([`super::ReportData::render_with`]) and one written while articles are still being
//! checked (`check --no-cross`) go through the same sink, so their bytes are the same.
//!
//! What a format can write as the findings come depends on its layout. `json` puts the
//! findings first, so they go straight to the output. `human`, `jsonl`, `rdjsonl`, `github`
//! and `sarif` put the diagnostics (input problems, unused suppressions, known only at the
//! end) before the findings, or (`github`) sort the findings by severity: their findings are
//! rendered as they come into a [`Spool`], bounded in memory and spilled to a temporary file,
//! and copied to the output at the end. `markdown` counts per fact and per article at the
//! top and keeps its findings until the end.

use super::{Resolved, ResolvedDiagnostic, Summary};
use serde::Serialize;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::path::Path;

/// What is known once every finding was given.
pub struct End<'a> {
    /// Every diagnostic to show, in report order.
    pub diagnostics: &'a [ResolvedDiagnostic],
    pub summary: Summary,
}

/// One output format, fed finding by finding.
pub trait Sink {
    /// Writes what comes before the first finding.
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    /// Takes one finding, in report order.
    fn finding(&mut self, out: &mut dyn Write, r: &Resolved) -> io::Result<()>;
    /// Writes the rest of the report.
    fn end(self: Box<Self>, out: &mut dyn Write, end: &End) -> io::Result<()>;
}

/// Feeds a whole report to `sink`, in memory.
pub fn render(
    mut sink: Box<dyn Sink>,
    findings: &[Resolved],
    diagnostics: &[ResolvedDiagnostic],
    summary: Summary,
) -> String {
    let mut out = Vec::new();
    let written = (|| {
        sink.begin(&mut out)?;
        for r in findings {
            sink.finding(&mut out, r)?;
        }
        sink.end(
            &mut out,
            &End {
                diagnostics,
                summary,
            },
        )
    })();
    written.expect("a report written to memory cannot fail");
    String::from_utf8(out).expect("reports are UTF-8")
}

/// Bytes held in memory before a spool moves to a temporary file.
const SPOOL_MEMORY: usize = 1 << 20;

/// Rendered findings waiting for the diagnostics that go before them: in memory up to
/// [`SPOOL_MEMORY`], then in an unnamed temporary file (in memory still, when none can be
/// made). The file is removed as soon as it is open (on Unix) or when the spool is dropped.
#[derive(Default)]
pub struct Spool {
    memory: Vec<u8>,
    file: Option<SpillFile>,
    /// No temporary file could be made: the spool stays in memory, and does not try again.
    in_memory: bool,
}

struct SpillFile {
    file: BufWriter<File>,
    #[cfg_attr(unix, allow(dead_code))]
    path: std::path::PathBuf,
}

impl Drop for SpillFile {
    fn drop(&mut self) {
        #[cfg(not(unix))]
        let _ = std::fs::remove_file(&self.path);
    }
}

impl Spool {
    pub fn is_empty(&self) -> bool {
        self.memory.is_empty() && self.file.is_none()
    }

    /// Moves the spool to a temporary file; false when none can be made.
    fn spill(&mut self) -> bool {
        let Ok((path, file)) = crate::atomic::create_temp(&std::env::temp_dir(), "report-spool")
        else {
            return false;
        };
        #[cfg(unix)]
        let _ = std::fs::remove_file(&path);
        let mut file = BufWriter::new(file);
        if file.write_all(&self.memory).is_err() {
            return false;
        }
        self.memory = Vec::new();
        self.file = Some(SpillFile { file, path });
        true
    }

    /// Copies everything spooled to `out`.
    pub fn copy_to(self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&self.memory)?;
        if let Some(mut spilled) = self.file {
            spilled.file.flush()?;
            let file = spilled.file.get_mut();
            file.rewind()?;
            io::copy(file, out)?;
        }
        Ok(())
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(spilled) = &mut self.file {
            return spilled.file.write(buf);
        }
        self.memory.extend_from_slice(buf);
        if self.memory.len() > SPOOL_MEMORY && !self.in_memory {
            // A spool that cannot spill stays in memory: a report is worth more than a bound.
            self.in_memory = !self.spill();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(spilled) => spilled.file.flush(),
            None => Ok(()),
        }
    }
}

/// Writes `value` as pretty JSON nested `depth` levels deep in a pretty document (two spaces
/// a level), as `serde_json::to_string_pretty` of the whole document would: every line after
/// the first is indented. JSON strings hold no raw line breaks, so lines are safe to split.
pub fn write_nested_json(
    out: &mut dyn Write,
    value: &impl Serialize,
    depth: usize,
) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).expect("reports always serialise");
    let indent = "  ".repeat(depth);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Writes the elements of a pretty JSON array one at a time, nested `depth` levels deep: the
/// caller writes the `[` and the array's elements through [`JsonArray::item`], then
/// [`JsonArray::close`].
#[derive(Clone, Copy, Debug)]
pub struct JsonArray {
    depth: usize,
    items: usize,
}

impl JsonArray {
    /// An array whose `[` stands at nesting level `depth`.
    pub fn at(depth: usize) -> Self {
        Self { depth, items: 0 }
    }

    pub fn item(&mut self, out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
        out.write_all(if self.items == 0 { b"\n" } else { b",\n" })?;
        out.write_all("  ".repeat(self.depth + 1).as_bytes())?;
        write_nested_json(out, value, self.depth + 1)?;
        self.items += 1;
        Ok(())
    }

    /// Writes the closing `]` (on its own line unless the array is empty).
    pub fn close(self, out: &mut dyn Write) -> io::Result<()> {
        if self.items > 0 {
            out.write_all(b"\n")?;
            out.write_all("  ".repeat(self.depth).as_bytes())?;
        }
        out.write_all(b"]")
    }
}

/// Where a report goes: standard output (through anstream, which strips colour when it is
/// not wanted), or a file replaced atomically once the report is complete.
pub enum Output {
    Stdout(BufWriter<anstream::AutoStream<io::Stdout>>),
    File(BufWriter<crate::atomic::AtomicFile>),
}

impl Output {
    /// Opens `path` for replacing (its old contents stay until [`Output::commit`]), or
    /// standard output.
    pub fn open(path: Option<&Path>, color: bool) -> io::Result<Self> {
        Ok(match path {
            Some(path) => Self::File(BufWriter::new(crate::atomic::AtomicFile::create(path)?)),
            None => {
                let choice = if color {
                    anstream::ColorChoice::Always
                } else {
                    anstream::ColorChoice::Never
                };
                Self::Stdout(BufWriter::new(anstream::AutoStream::new(
                    io::stdout(),
                    choice,
                )))
            }
        })
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Self::Stdout(w) => w,
            Self::File(w) => w,
        }
    }

    /// Flushes standard output, or puts the file in place (saying so when `path` was a link
    /// to a file in another directory, which the write follows).
    pub fn commit(self, path: Option<&Path>) -> io::Result<()> {
        match self {
            Self::Stdout(mut w) => w.flush(),
            Self::File(w) => {
                let written = w.into_inner().map_err(|e| e.into_error())?.commit()?;
                if let Some(path) = path {
                    super::say_if_followed(path, &written);
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_arrays_match_serde_json_pretty_printing() {
        let values = [
            serde_json::json!({ "a": [1, 2], "b": { "c": "x\ny" } }),
            serde_json::json!([]),
            serde_json::json!("s"),
        ];
        for n in 0..=values.len() {
            let items = &values[..n];
            let whole = serde_json::to_string_pretty(&serde_json::json!({ "k": [{ "v": items }] }))
                .expect("JSON");
            let mut out = Vec::new();
            out.extend_from_slice(b"{\n  \"k\": [\n    {\n      \"v\": [");
            let mut array = JsonArray::at(3);
            for v in items {
                array.item(&mut out, v).expect("memory");
            }
            array.close(&mut out).expect("memory");
            out.extend_from_slice(b"\n    }\n  ]\n}");
            assert_eq!(String::from_utf8(out).expect("UTF-8"), whole);
        }
    }

    #[test]
    fn a_spool_past_its_memory_keeps_every_byte_in_order() {
        let mut spool = Spool::default();
        assert!(spool.is_empty());
        let line: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let mut expected = Vec::new();
        for _ in 0..(3 * SPOOL_MEMORY / line.len()) {
            spool.write_all(&line).expect("spool");
            expected.extend_from_slice(&line);
        }
        assert!(spool.file.is_some(), "spilled to a temporary file");
        let mut out = Vec::new();
        spool.copy_to(&mut out).expect("copy");
        assert_eq!(out, expected);
    }
}
